package dev.tokenguard.tck.payara;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Makes a failed deployment fail the test class. The Payara Micro adapter (3.1) reports success whenever Payara Micro
 * boots, and Payara Micro boots even when the application fails to load ("Exception while loading the app"): the
 * tests then run against nothing, and fail with a MalformedURLException (an {@code @ArquillianResource} URL without
 * a context). A deployed application has servlets in the adapter's metadata (it parses {@code --showServletMappings});
 * a failed one has none. The cause is in Payara Micro's output (surefire's output of the test run).
 */
public final class DeploymentCheck implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Observer.class);
    }

    public static final class Observer {

        @Inject
        private Instance<ProtocolMetaData> metaData;

        public void check(@Observes AfterDeploy event) throws DeploymentException {
            ProtocolMetaData protocol = metaData.get();
            boolean servlets = protocol != null && protocol.getContexts(HTTPContext.class).stream()
                    .anyMatch(context -> !context.getServlets().isEmpty());
            if (!servlets) {
                String archive = event.getDeployment().isArchiveDeployment()
                        ? event.getDeployment().getArchive().getName() : event.getDeployment().getName();
                throw new DeploymentException("Payara Micro started but did not deploy " + archive
                        + ": look for \"Exception while loading the app\" in the Payara Micro output");
            }
        }
    }
}
