package dev.tokenguard.internal.jakarta;

import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.internal.config.TokenGuardConfig;
import dev.tokenguard.internal.config.TokenGuardSettings;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.logging.Logger;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the configuration once, while the application deploys, so that a missing or wrong value fails the
 * deployment with a message naming the property instead of failing the first request; and keeps a server's own
 * MP-JWT out of an application that TokenGuard protects.
 */
public class TokenGuardExtension implements Extension {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private volatile TokenGuardSettings settings;

    /**
     * {@code @LoginConfig(authMethod = "MP-JWT")}, on every MP-JWT application, is hidden from CDI: Payara Micro's
     * built-in MP-JWT installs its own mechanism, identity store, {@code JsonWebToken} and {@code @Claim} beans for
     * every bean it sees with it (from CDI's ProcessBean, and nothing else switches it off), and the deployment then
     * fails on ambiguous beans (WELD-001409) or every request on two mechanisms (WELD-001318). TokenGuard is the
     * application's MP-JWT implementation. (WildFly's subsystem reads the annotation index, not CDI: there it is
     * removed from the server, docs/servers.md.)
     */
    <T> void hideMpJwtLoginConfig(@Observes @WithAnnotations(LoginConfig.class) ProcessAnnotatedType<T> event) {
        LoginConfig login = event.getAnnotatedType().getAnnotation(LoginConfig.class);
        if (login != null && "MP-JWT".equalsIgnoreCase(login.authMethod())) {
            event.configureAnnotatedType().remove(a -> a.annotationType() == LoginConfig.class);
            LOG.fine(() -> "TokenGuard: @LoginConfig(authMethod=\"MP-JWT\") on " + event.getAnnotatedType().getJavaClass()
                    .getName() + " is left to TokenGuard, not to the server's own MP-JWT");
        }
    }

    void readConfiguration(@Observes AfterDeploymentValidation event) {
        try {
            settings = TokenGuardConfig.read(ConfigProvider.getConfig());
            LOG.info("TokenGuard active: " + settings.description());
        } catch (ConfigurationException e) {
            event.addDeploymentProblem(new ConfigurationException(e.property(), e.problem()
                    + " (in META-INF/microprofile-config.properties or another MicroProfile Config source)"));
        } catch (RuntimeException e) {
            event.addDeploymentProblem(new IllegalStateException("TokenGuard could not read its configuration: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        }
    }

    /** The settings read at deployment. */
    public TokenGuardSettings settings() {
        TokenGuardSettings s = settings;
        if (s == null) {
            throw new IllegalStateException("TokenGuard's configuration was not read: the deployment should have"
                    + " failed with the reason");
        }
        return s;
    }
}
