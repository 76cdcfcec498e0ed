package dev.tokenguard.sample;

import dev.tokenguard.AccessToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Echoes what TokenGuard injected for the caller: the JsonWebToken, the AccessToken and a few claims. */
@Path("whoami")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    AccessToken accessToken;

    @Inject
    @Claim(standard = Claims.sub)
    String subject;

    @Inject
    @Claim(standard = Claims.iss)
    String issuer;

    @Inject
    @Claim(standard = Claims.exp)
    long expiresAt;

    @Inject
    @Claim("groups")
    Set<String> groups;

    @Inject
    @Claim("tenant")
    Optional<String> tenant;

    @Inject
    @Claim("profile")
    JsonValue profile;

    @GET
    @RolesAllowed("read")
    public String whoAmI(@Context SecurityContext security) {
        JsonObjectBuilder jwtJson = Json.createObjectBuilder()
                .add("name", jwt.getName())
                .add("subject", jwt.getSubject())
                .add("issuer", jwt.getIssuer())
                .add("groups", sorted(jwt.getGroups()))
                .add("audience", sorted(jwt.getAudience() == null ? Set.of() : jwt.getAudience()));
        JsonObjectBuilder tokenJson = Json.createObjectBuilder()
                .add("clientId", accessToken.clientId())
                .add("scopes", sorted(accessToken.scopes()))
                .add("resource", accessToken.resource() == null ? "" : accessToken.resource());
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("sub", subject)
                .add("iss", issuer)
                .add("expMatchesToken", expiresAt == jwt.getExpirationTime())
                .add("groups", sorted(groups == null ? Set.of() : groups))
                .add("tenant", tenant.orElse("(none)"))
                .add("profile", profile == null ? JsonValue.NULL : profile);
        return Json.createObjectBuilder()
                .add("principal", security.getUserPrincipal().getName())
                .add("isUserInRoleRead", security.isUserInRole("read"))
                .add("isUserInRoleAdmin", security.isUserInRole("admin"))
                .add("jsonWebToken", jwtJson)
                .add("accessToken", tokenJson)
                .add("claims", claims)
                .build().toString();
    }

    private static JsonArrayBuilder sorted(Collection<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        new TreeSet<>(values).forEach(array::add);
        return array;
    }
}
