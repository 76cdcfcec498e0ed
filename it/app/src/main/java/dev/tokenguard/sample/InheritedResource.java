package dev.tokenguard.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** No annotation of its own: {@code own()} is open, the inherited {@code base()} keeps its base class's rule. */
@Path("inherited")
@ApplicationScoped
public class InheritedResource extends AdminOnlyBase {

    @GET
    @Path("own")
    @Produces(MediaType.TEXT_PLAIN)
    public String own() {
        return "own";
    }
}
