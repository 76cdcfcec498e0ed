package dev.tokenguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API is what users need and nothing more: in the API packages exactly these types are public; everything else
 * is package-private there or lives in {@code dev.tokenguard.internal…}, whose package-info says it is not API.
 */
class PublicApiTest {

    private static final Set<String> API = Set.of(
            "dev.tokenguard.AccessToken", "dev.tokenguard.Rejection", "dev.tokenguard.StaticTokenVerifier",
            "dev.tokenguard.TokenVerifier", "dev.tokenguard.Verification",
            "dev.tokenguard.jwt.JwkData", "dev.tokenguard.jwt.JwksData", "dev.tokenguard.jwt.JwtVerifier",
            "dev.tokenguard.jwt.RsaKeyPair",
            "dev.tokenguard.jakarta.ScopeEnforcer", "dev.tokenguard.jakarta.TokenPrincipal",
            "dev.tokenguard.config.ConfigKeys", "dev.tokenguard.config.ConfigurationException",
            "dev.tokenguard.mcp.McpScopes", "dev.tokenguard.mcp.McpJavaSdk",
            "dev.tokenguard.introspection.IntrospectionVerifier");

    @Test
    void onlyTheApiTypesArePublicInTheApiPackages() throws Exception {
        Path classes = Path.of(AccessToken.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> publicTypes = new TreeSet<>();
        for (String pkg : new String[] {"dev/tokenguard", "dev/tokenguard/jwt", "dev/tokenguard/jakarta",
            "dev/tokenguard/config", "dev/tokenguard/mcp", "dev/tokenguard/introspection"}) {
            for (Path file : classFiles(classes.resolve(pkg))) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains("$") || name.endsWith("package-info")) {
                    continue; // nested types are reached through their top-level type
                }
                if (Modifier.isPublic(Class.forName(name, false, getClass().getClassLoader()).getModifiers())) {
                    publicTypes.add(name);
                }
            }
        }
        assertEquals(new TreeSet<>(API), publicTypes);
    }

    private static java.util.List<Path> classFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }
}
