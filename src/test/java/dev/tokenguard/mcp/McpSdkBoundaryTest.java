package dev.tokenguard.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.AccessToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A WAR without the MCP Java SDK loads TokenGuard unharmed: only {@link McpJavaSdk}, which such an application
 * never calls, refers to the SDK; no other class file names one of its types.
 */
class McpSdkBoundaryTest {

    @Test
    void onlyMcpJavaSdkRefersToTheSdk() throws Exception {
        Path classes = Path.of(AccessToken.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> referring;
        try (Stream<Path> files = Files.walk(classes)) {
            referring = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(McpSdkBoundaryTest::namesTheSdk)
                    .map(p -> classes.relativize(p).toString())
                    .sorted().toList();
        }
        assertTrue(referring.contains("dev/tokenguard/mcp/McpJavaSdk.class"), "the check can see a reference");
        assertEquals(List.of("dev/tokenguard/mcp/McpJavaSdk.class"),
                referring.stream().filter(n -> !n.startsWith("dev/tokenguard/mcp/McpJavaSdk$")).toList());
    }

    private static boolean namesTheSdk(Path classFile) {
        try {
            // Class files hold referenced type names as modified UTF-8, which is ASCII for these.
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
                    .contains("io/modelcontextprotocol/");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
