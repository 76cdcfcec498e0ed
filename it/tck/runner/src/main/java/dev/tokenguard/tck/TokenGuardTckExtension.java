package dev.tokenguard.tck;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link TokenGuardArchiveProcessor} with Arquillian (found through META-INF/services). */
public final class TokenGuardTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, TokenGuardArchiveProcessor.class);
    }
}
