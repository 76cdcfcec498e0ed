package dev.tokenguard.jakarta;

import dev.tokenguard.config.TokenGuardSettings;
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
