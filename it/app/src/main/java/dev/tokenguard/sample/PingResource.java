package dev.tokenguard.sample;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The smallest endpoint there is, for the end-to-end benchmark (bench/, BENCHMARKS.md): the same answer open to
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
