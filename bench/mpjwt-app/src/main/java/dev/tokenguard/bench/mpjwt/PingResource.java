package dev.tokenguard.bench.mpjwt;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The smallest endpoint there is, here protected by the SERVER's own MicroProfile JWT (no TokenGuard); the same class as the sample application's PingResource: the same answer open to
 * everyone and behind {@code @RolesAllowed("read")}, so that the difference is the cost of the bearer token.
 */
@Path("ping")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class PingResource {

    /** Needs a token with the {@code read} scope. */
    @GET
    @RolesAllowed("read")
    public String ping() {
        return "pong";
    }

    /** No token needed. */
    @GET
    @Path("open")
    @PermitAll
    public String open() {
        return "pong";
    }
}
