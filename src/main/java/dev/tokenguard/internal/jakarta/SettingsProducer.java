package dev.tokenguard.internal.jakarta;

import dev.tokenguard.internal.config.TokenGuardSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Makes the settings read at deployment injectable. */
@ApplicationScoped
public class SettingsProducer {

    @Inject
    TokenGuardExtension extension;

    @Produces
    TokenGuardSettings settings() {
        return extension.settings();
    }
}
