package dev.tokenguard.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All JAX-RS resources under /api; resources and TokenGuard's providers are discovered by scanning. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
