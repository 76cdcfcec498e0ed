package dev.tokenguard.sample;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A base class whose class-level rule covers the methods it declares, in every subclass (Jakarta Annotations):
 * {@link InheritedResource} serves {@code base()} and it stays admin-only there.
 */
@RolesAllowed("admin")
public abstract class AdminOnlyBase {

    @GET
    @Path("base")
    @Produces(MediaType.TEXT_PLAIN)
    public String base() {
        return "base";
    }
}
