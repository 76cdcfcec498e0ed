package dev.tokenguard.bench.mpjwt;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** MicroProfile JWT authentication by the server itself: the token's groups claim gives the roles. */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "bench")
@DeclareRoles({"read"})
public class RestApplication extends Application {
}
