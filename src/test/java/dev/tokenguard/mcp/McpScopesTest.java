package dev.tokenguard.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The operation-to-scope rules. */
class McpScopesTest {

    private static final McpScopes RULES = McpScopes.builder()
            .tool("list_notes", "read")
            .tool("delete_note", "admin")
            .tool("audit", "admin", "audit")
            .resource("notes://{id}", "read")
            .resource("notes://secret", "admin")
            .resource("file:///{+path}", "files")
            .prompt("summarize", "read")
            .build();

    @Test
    void aListedToolNeedsItsScopesAndAnUnlistedOneOnlyAToken() {
        assertEquals(List.of("read"), RULES.forTool("list_notes"));
        assertEquals(List.of("admin", "audit"), RULES.forTool("audit"));
        assertEquals(List.of(), RULES.forTool("echo"));
        assertEquals(List.of(), RULES.forTool("LIST_NOTES"), "names compare exactly");
        assertEquals(List.of("read"), RULES.forPrompt("summarize"));
        assertEquals(List.of(), RULES.forPrompt("list_notes"), "tools and prompts are apart");
    }

    @Test
    void theUnlistedScopesApplyToWhatNoRuleNames() {
        McpScopes rules = McpScopes.builder().tool("list_notes", "read").unlisted("admin").build();
        assertEquals(List.of("admin"), rules.forTool("new_tool"));
        assertEquals(List.of("admin"), rules.forResource("x://1"));
        assertEquals(List.of("admin"), rules.forPrompt("p"));
        assertEquals(List.of("read"), rules.forTool("list_notes"));
    }

    @Test
    void aResourceNeedsTheScopesOfEveryEntryItMatches() {
        assertEquals(List.of("read"), RULES.forResource("notes://1"));
        assertEquals(List.of("read", "admin"), RULES.forResource("notes://secret"));
        assertEquals(List.of("read"), RULES.forResource("notes://a/b"), "an expression matches '/' too");
        assertEquals(List.of("files"), RULES.forResource("file:///etc/passwd"));
        assertEquals(List.of(), RULES.forResource("notes:/1"));
        assertEquals(List.of(), RULES.forResource("NOTES://1"));
    }

    /**
     * A template matches at least what the SDK's own matcher (DefaultMcpUriTemplateManager) matches, so TokenGuard
     * never asks for fewer scopes than the SDK's reading of a URI gives: random templates and URIs from a small
     * alphabet, where the two can meet.
     */
    @Test
    void templatesMatchEverythingTheSdkMatches() {
        Random random = new Random(14);
        String alphabet = "ab/:.{}x";
        int sdkMatches = 0;
        for (int i = 0; i < 20_000; i++) {
            String template = "t://" + randomText(random, "ab/.", 3) + "{v}" + randomText(random, "ab/.", 3)
                    + (random.nextBoolean() ? "{w}" + randomText(random, "ab/.", 2) : "");
            String uri = "t://" + randomText(random, alphabet.replace("{", "").replace("}", ""), 8);
            boolean theirs;
            try {
                theirs = new DefaultMcpUriTemplateManager(template).matches(uri);
            } catch (RuntimeException e) {
                continue;
            }
            if (theirs) {
                sdkMatches++;
                assertTrue(UriTemplateMatch.matches(template, uri), template + " / " + uri);
            }
        }
        assertTrue(sdkMatches > 200, "the SDK matched " + sdkMatches);
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void aTemplateIsMatchedInLinearTime() {
        // Leftmost-first glob matching, no backtracking: a URI of 200,000 'a's against a template of many parts.
        String template = "x://{a}" + "a{b}".repeat(50) + "b";
        String uri = "x://" + "a".repeat(200_000);
        assertFalse(UriTemplateMatch.matches(template, uri));
    }

    @Test
    void eachOperationIsDeclaredOnce() {
        assertThrows(IllegalArgumentException.class, () -> McpScopes.builder().tool("a", "read").tool("a", "admin"));
        assertThrows(IllegalArgumentException.class, () -> McpScopes.builder().unlisted("a").unlisted("b"));
        McpScopes config = McpScopes.builder().tool("a", "read").build();
        McpScopes code = McpScopes.builder().tool("a", "read").build();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> config.and(code));
        assertTrue(twice.getMessage().contains("\"a\""), twice.getMessage());
        McpScopes both = config.and(McpScopes.builder().tool("b", "admin").prompt("a", "p").build());
        assertEquals(List.of("read"), both.forTool("a"));
        assertEquals(List.of("admin"), both.forTool("b"));
        assertEquals(List.of("p"), both.forPrompt("a"));
    }

    @Test
    void badNamesAndTemplatesAreRefusedWhenDeclared() {
        assertThrows(IllegalArgumentException.class, () -> McpScopes.builder().tool("", "read"));
        assertThrows(IllegalArgumentException.class, () -> McpScopes.builder().tool("t", "bad scope"));
        assertThrows(IllegalArgumentException.class, () -> McpScopes.builder().tool("t", "a\"b"));
        for (String template : List.of("x://{", "x://}", "x://{}", "x://{a{b}}", "x://{a}}")) {
            assertThrows(IllegalArgumentException.class, () -> McpScopes.builder().resource(template, "read"),
                    template);
        }
    }

    @Test
    void everyScopeNamedIsAnnouncedOnce() {
        assertEquals(List.of("read", "admin", "audit", "files"), RULES.scopesNamed());
        assertEquals(List.of(), McpScopes.none().scopesNamed());
    }
}
