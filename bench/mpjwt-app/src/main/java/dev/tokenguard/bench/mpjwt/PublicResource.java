package dev.tokenguard.bench.mpjwt;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers when the application is up (the IT harness waits for /api/public). */
@Path("public")
@ApplicationScoped
@PermitAll
@Produces(MediaType.TEXT_PLAIN)
public class PublicResource {

    @GET
    public String hello() {
        return "up";
    }
}
