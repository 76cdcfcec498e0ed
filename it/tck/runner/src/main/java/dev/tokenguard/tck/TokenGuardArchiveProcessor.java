package dev.tokenguard.tck;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Turns each TCK deployment into what an MP-JWT application that moved to TokenGuard is, as SmallRye JWT's TCK runner
 * adds its implementation:
 * <ol>
 *   <li>TokenGuard and its runtime dependencies in {@code WEB-INF/lib} (the jars in the directory named by the system
 *       property {@code tokenguard.tck.libs}), as an application bundles them;</li>
 *   <li>the TCK's {@code microprofile-config.properties}, which it puts at {@code META-INF/} of the WAR root (outside
 *       the class path, where no server's MicroProfile Config looks), moved to {@code WEB-INF/classes/META-INF/};</li>
 *   <li>{@link #MIGRATION}: the settings an MP-JWT application adds when it moves to TokenGuard, listed in the README
 *       and docs/mp-jwt-tck.md, and nothing else; {@link #PER_CLASS} adds the opt-in for 1024-bit RSA keys to the one
 *       class that needs it;</li>
 *   <li>a deployment that ships no configuration at all gets the TCK's usual key and issuer, as every TCK
 *       deployment that verifies tokens has them (an application with no key would not start: TokenGuard refuses to
 *       deploy with nothing to verify tokens with);</li>
 *   <li>the two {@code …LocationURLTest}s serve their own key and name it by one base URL for both
 *       ({@code mp.jwt.tck.jwks.baseURL}): their WARs are deployed at the root context, in each server's own
 *       descriptor (every server ignores the others').</li>
 * </ol>
 * It changes nothing a test asserts.
 */
public final class TokenGuardArchiveProcessor implements ApplicationArchiveProcessor {

    private static final Logger LOG = Logger.getLogger(TokenGuardArchiveProcessor.class.getName());

    /** The settings an MP-JWT application adds when it moves to TokenGuard (README: "Moving from MP-JWT"). */
    static final Map<String, String> MIGRATION = Map.of(
            // MP-JWT's roles are the token's groups; TokenGuard's default is the scopes.
            "tokenguard.roles", "groups");

    /**
     * For the one class that signs with a 1024-bit RSA key (MP-JWT 2.1 still allows them, deprecated): TokenGuard
     * refuses RSA keys under 2048 bits unless the application opts in, as an application whose issuer still uses such
     * keys must (README: a deliberate deviation). Set for this class only.
     */
    static final Map<String, Map<String, String>> PER_CLASS = Map.of(
            "org.eclipse.microprofile.jwt.tck.container.jaxrs.RsaKeySignatureTest",
            Map.of("tokenguard.jwt.min-rsa-key-bits", "1024"));

    /** What a TCK deployment that verifies tokens configures (the TCK's own publicKey.pem and issuer). */
    static final Map<String, String> TCK_DEFAULT = Map.of(
            "mp.jwt.verify.publickey.location", "/publicKey.pem",
            "mp.jwt.verify.issuer", "https://server.example.com");

    private static final String CONFIG = "META-INF/microprofile-config.properties";
    private static final ArchivePath AT_ROOT = ArchivePaths.create(CONFIG);
    private static final ArchivePath ON_CLASS_PATH = ArchivePaths.create("WEB-INF/classes/" + CONFIG);

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (!(archive instanceof WebArchive war)) {
            return;
        }
        for (File jar : libraries()) {
            war.addAsLibrary(jar);
        }
        Properties config = new Properties();
        boolean shipped = false;
        for (ArchivePath path : new ArchivePath[] {ON_CLASS_PATH, AT_ROOT}) {
            Node node = war.get(path);
            if (node != null && node.getAsset() != null) {
                read(node, config);
                war.delete(path);
                shipped = true;
            }
        }
        if (!shipped) {
            TCK_DEFAULT.forEach(config::putIfAbsent);
        }
        MIGRATION.forEach(config::putIfAbsent);
        PER_CLASS.getOrDefault(testClass.getName(), Map.of()).forEach(config::putIfAbsent);
        war.addAsResource(new StringAsset(write(config)), CONFIG);
        if (testClass.getName().endsWith("LocationURLTest")) {
            atRootContext(war);
        }
        LOG.info(testClass.getName() + ": " + war.getName() + " with TokenGuard, configuration "
                + new TreeMap<>(config).keySet() + (shipped ? "" : " (the TCK's default: the deployment ships none)"));
    }

    private static void atRootContext(WebArchive war) {
        war.addAsWebInfResource(new StringAsset("<web-ext xmlns=\"http://websphere.ibm.com/xml/ns/javaee\""
                + " version=\"1.1\"><context-root uri=\"/\"/></web-ext>\n"), "ibm-web-ext.xml");
        war.addAsWebInfResource(new StringAsset("<jboss-web><context-root>/</context-root></jboss-web>\n"),
                "jboss-web.xml");
        war.addAsWebInfResource(new StringAsset("<glassfish-web-app><context-root>/</context-root></glassfish-web-app>\n"),
                "glassfish-web.xml");
    }

    private static File[] libraries() {
        String dir = System.getProperty("tokenguard.tck.libs");
        File[] jars = dir == null ? null : new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("tokenguard.tck.libs names no directory of jars: " + dir);
        }
        Arrays.sort(jars);
        return jars;
    }

    private static void read(Node node, Properties into) {
        try (InputStream in = node.getAsset().openStream()) {
            into.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Properties config) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            config.store(out, "the TCK's configuration, with TokenGuard's migration settings");
            // Properties.store writes ISO-8859-1 with \\u escapes for anything else: readable as UTF-8 too.
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
