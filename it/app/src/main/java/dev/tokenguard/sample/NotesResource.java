package dev.tokenguard.sample;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Reading needs the read scope, deleting the admin scope. */
@Path("notes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    @GET
    @RolesAllowed("read")
    public String list() {
        return Json.createArrayBuilder().add("first note").add("second note").build().toString();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public String delete(@PathParam("id") String id) {
        return Json.createObjectBuilder().add("deleted", id).build().toString();
    }
}
