package dev.tokenguard.internal.jakarta;

import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.internal.config.TokenGuardConfig;
import dev.tokenguard.internal.config.TokenGuardSettings;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the configuration once, while the application deploys, so that a missing or wrong value fails the
 * deployment with a message naming the property instead of failing the first request.
 */
public class TokenGuardExtension implements Extension {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private volatile TokenGuardSettings settings;

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
