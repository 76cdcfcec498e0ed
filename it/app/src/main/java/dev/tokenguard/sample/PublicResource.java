package dev.tokenguard.sample;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Open to everyone; says who is calling, if anyone. */
@Path("public")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PublicResource {

    @Inject
    JsonWebToken jwt;

    @GET
    public String hello() {
        String caller = jwt.getName();
        return Json.createObjectBuilder().add("hello", caller == null ? "anonymous" : caller).build().toString();
    }
}
