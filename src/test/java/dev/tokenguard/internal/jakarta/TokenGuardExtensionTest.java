package dev.tokenguard.internal.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.jwt.RsaKeyPair;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The configuration is read while the application deploys: a wrong value fails the deployment with a message
 * naming the property (and never the secret); a good one is logged once and becomes injectable settings.
 * Runs a real Weld container with the real TokenGuard extension over a real MicroProfile Config.
 */
class TokenGuardExtensionTest {

    private static WeldContainer deploy(Map<String, String> properties) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            return new Weld().disableDiscovery().addExtension(new TokenGuardExtension())
                    .addBeanClasses(SettingsProducer.class).initialize();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /** What a server's own MP-JWT looks for (Payara Micro's extension checks every bean in ProcessBean). */
    public static class LoginConfigWatcher implements jakarta.enterprise.inject.spi.Extension {
        final List<String> seen = new ArrayList<>();

        <T> void watch(@jakarta.enterprise.event.Observes jakarta.enterprise.inject.spi.ProcessBean<T> event) {
            if (event.getAnnotated().isAnnotationPresent(org.eclipse.microprofile.auth.LoginConfig.class)) {
                seen.add(event.getBean().getBeanClass().getSimpleName());
            }
        }
    }

    @org.eclipse.microprofile.auth.LoginConfig(authMethod = "MP-JWT")
    @jakarta.enterprise.context.ApplicationScoped
    public static class MpJwtApplication {
    }

    @org.eclipse.microprofile.auth.LoginConfig(authMethod = "BASIC")
    @jakarta.enterprise.context.ApplicationScoped
    public static class BasicApplication {
    }

    @Test
    void anMpJwtLoginConfigIsHiddenFromOtherExtensionsAndNoOtherIs() {
        LoginConfigWatcher watcher = new LoginConfigWatcher();
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "tokenguard.jwt.secret", "a-shared-secret-of-at-least-32-bytes!"), "test", 500)).build();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try (WeldContainer container = new Weld().disableDiscovery().addExtension(new TokenGuardExtension())
                .addExtension(watcher).addBeanClasses(SettingsProducer.class, MpJwtApplication.class,
                        BasicApplication.class).initialize()) {
            assertEquals(List.of("BasicApplication"), watcher.seen);
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    private static String deploymentProblem(Map<String, String> properties) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> deploy(properties).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void aGoodConfigurationIsReadAtDeploymentAndLoggedWithoutSecrets() {
        String secret = "a-shared-secret-of-at-least-32-bytes!";
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("dev.tokenguard").addHandler(capture);
        try (WeldContainer container = deploy(Map.of("tokenguard.jwt.secret", secret,
                "mp.jwt.verify.issuer", "https://issuer.test", "tokenguard.required-scopes", "read"))) {
            TokenGuardSettings settings = container.select(TokenGuardSettings.class).get();
            assertEquals(List.of("read"), settings.requiredScopes());
            assertTrue(settings.verifier().toString().contains("HS256"));
        } finally {
            Logger.getLogger("dev.tokenguard").removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(r -> r.getMessage().startsWith("TokenGuard active: ")
                && r.getMessage().contains("HS256")), logged.toString());
        assertTrue(logged.stream().noneMatch(r -> String.valueOf(r.getMessage()).contains(secret)));
    }

    @Test
    void aMissingKeyFailsTheDeploymentNamingTheProperty() {
        // An issuer alone is enough (its keys are discovered); an audience alone is not.
        String problem = deploymentProblem(Map.of("mp.jwt.verify.audiences", "https://api.test"));
        assertTrue(problem.contains("mp.jwt.verify.publickey.location"), problem);
        assertTrue(problem.contains("microprofile-config.properties"), problem);
    }

    @Test
    void aWrongValueFailsTheDeploymentNamingThePropertyButNotTheSecret() {
        String problem = deploymentProblem(Map.of("tokenguard.jwt.secret", "too-short-secret"));
        assertTrue(problem.contains("tokenguard.jwt.secret"), problem);
        assertTrue(problem.contains("32"), problem);
        assertFalse(problem.contains("too-short-secret"), problem);

        String alg = deploymentProblem(Map.of("mp.jwt.verify.publickey", RsaKeyPair.generate().publicKeyPem(),
                "mp.jwt.verify.publickey.algorithm", "none"));
        assertTrue(alg.contains("mp.jwt.verify.publickey.algorithm"), alg);
    }
}
