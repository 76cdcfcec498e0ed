package dev.tokenguard.internal.mcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.internal.config.McpSettings;
import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.internal.config.TokenLocation;
import dev.tokenguard.jakarta.ScopeEnforcer;
import dev.tokenguard.jakarta.TokenPrincipal;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import dev.tokenguard.mcp.McpScopes;
import dev.tokenguard.testing.LogCapture;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.junit.MockBean;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the filter in front of an MCP server answers, and what it hands on to the server. */
@EnableWeld
class McpAuthorizationFilterTest {

    private static final RsaKeyPair KEYS = RsaKeyPair.generate();
    private static final JwtVerifier VERIFIER = JwtVerifier.builder().publicKey(KEYS.publicKeyPem()).build();
    private static final McpScopes RULES = McpScopes.builder().tool("list_notes", "read").tool("delete_note", "admin")
            .resource("notes://{id}", "read").prompt("summarize", "read").build();
    private static final String DELETE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"delete_note\",\"arguments\":{\"id\":\"secret-note-body\"}}}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"list_notes\"}}";

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(ScopeEnforcer.class)
            .addBeans(MockBean.builder().types(TokenGuardSettings.class).create(c -> new TokenGuardSettings(VERIFIER,
                    TokenLocation.AUTHORIZATION, "tokenguard", "https://api.test/mcp", List.of(), List.of(), null,
                    "test")).build())
            .build();

    @Inject
    ScopeEnforcer enforcer;

    private McpAuthorizationFilter filter(int max) {
        return new McpAuthorizationFilter(enforcer, new McpSettings("/mcp", RULES, max));
    }

    private static MockHttpServletRequest post(String body, String... scopes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        request.setContentType("application/json");
        if (scopes != null) {
            request.setAttribute(dev.tokenguard.internal.jakarta.BearerTokenMechanism.PRINCIPAL_ATTRIBUTE,
                    new TokenPrincipal(VERIFIER.verifyToken(KEYS.token().scopes(scopes).create()).orElseThrow()));
        }
        return request;
    }

    private record Outcome(MockHttpServletResponse response, ServletRequest passedOn) {
        String body() throws Exception {
            return response.getContentAsString();
        }
    }

    private Outcome run(MockHttpServletRequest request) throws Exception {
        return run(request, McpSettings.DEFAULT_MAX_MESSAGE_SIZE);
    }

    private Outcome run(MockHttpServletRequest request, int max) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter(max).doFilter(request, response, chain);
        return new Outcome(response, chain.getRequest());
    }

    @Test
    void aCallTheTokenCoversReachesTheServerWithTheSameBody() throws Exception {
        Outcome out = run(post(LIST, "read"));
        assertEquals(200, out.response().getStatus());
        HttpServletRequest passed = (HttpServletRequest) out.passedOn();
        assertArrayEquals(LIST.getBytes(StandardCharsets.UTF_8), passed.getInputStream().readAllBytes());
        McpAccess access = (McpAccess) passed.getAttribute(McpAccess.ATTRIBUTE);
        assertTrue(access.mayCallTool("list_notes"));
        assertFalse(access.mayCallTool("delete_note"));
        assertEquals(List.of("read"), access.token().scopes());
    }

    @Test
    void aToolOutsideTheTokensScopesIs403NamingWhatToAskFor() throws Exception {
        Outcome[] out = new Outcome[1];
        List<String> log = LogCapture.lines(Level.FINEST, () -> {
            try {
                out[0] = run(post(DELETE, "read"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(403, out[0].response().getStatus());
        assertNull(out[0].passedOn());
        String challenge = out[0].response().getHeader("WWW-Authenticate");
        assertTrue(challenge.contains("error=\"insufficient_scope\""), challenge);
        assertTrue(challenge.contains("scope=\"admin\""), challenge);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).contains("MCP request refused: insufficient_scope for [tools/call]"), log.get(0));
        assertFalse(log.toString().contains("secret-note-body"), "nothing of the body is logged");
        assertEquals(200, run(post(DELETE, "admin")).response().getStatus());
    }

    @Test
    void aBatchNeedsTheScopesOfEveryMessage() throws Exception {
        Outcome out = run(post("[" + LIST + "," + DELETE + "]", "read"));
        assertEquals(403, out.response().getStatus());
        assertTrue(out.response().getHeader("WWW-Authenticate").contains("scope=\"read admin\""));
        assertEquals(200, run(post("[" + LIST + "," + DELETE + "]", "read", "admin")).response().getStatus());
    }

    @Test
    void anAnonymousRequestIs401BeforeTheBodyIsRead() throws Exception {
        MockHttpServletRequest request = post("{not json", (String[]) null);
        Outcome out = run(request);
        assertEquals(401, out.response().getStatus());
        assertTrue(out.response().getHeader("WWW-Authenticate").startsWith("Bearer realm=\"tokenguard\""));
        assertEquals(9, request.getInputStream().available(), "the body was not read");
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/mcp");
        assertEquals(401, run(get).response().getStatus());
    }

    @Test
    void aBodyThatIsNotOneStrictJsonValueIs400WithAJsonRpcParseError() throws Exception {
        for (String body : List.of("{not json", LIST + LIST, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_notes\",\"name\":\"delete_note\"}}", "\ufeff" + LIST)) {
            Outcome out = run(post(body, "read", "admin"));
            assertEquals(400, out.response().getStatus(), body);
            assertNull(out.passedOn());
            assertEquals("application/json", out.response().getContentType().replace(";charset=UTF-8", ""));
            assertTrue(out.body().matches("\\{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":\\{\"code\":-32700,"
                    + "\"message\":\"Parse error: [A-Za-z0-9 -]+\"}}"), out.body());
        }
        Outcome invalid = run(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":7}}",
                "admin"));
        assertEquals(400, invalid.response().getStatus());
        assertTrue(invalid.body().contains("\"code\":-32600"), invalid.body());
    }

    @Test
    void theBodyIsBounded() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_notes\","
                + "\"arguments\":{\"pad\":\"" + "x".repeat(2000) + "\"}}}";
        assertEquals(413, run(post(big, "read"), 1024).response().getStatus(), "declared length");
        MockHttpServletRequest undeclared = post(big, "read");
        undeclared.setContent(big.getBytes(StandardCharsets.UTF_8));
        undeclared.addHeader("Transfer-Encoding", "chunked");
        MockHttpServletRequest streamed = new MockHttpServletRequest("POST", "/mcp") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        streamed.setContent(big.getBytes(StandardCharsets.UTF_8));
        streamed.setAttribute(dev.tokenguard.internal.jakarta.BearerTokenMechanism.PRINCIPAL_ATTRIBUTE,
                undeclared.getAttribute(dev.tokenguard.internal.jakarta.BearerTokenMechanism.PRINCIPAL_ATTRIBUTE));
        Outcome out = run(streamed, 1024);
        assertEquals(413, out.response().getStatus(), "no declared length: counted while read");
        assertNull(out.passedOn());
        assertEquals(200, run(post(big, "read"), 4096).response().getStatus());
    }

    @Test
    void aBodyInAnotherCharsetIs415() throws Exception {
        MockHttpServletRequest request = post(LIST, "read");
        request.setCharacterEncoding("UTF-16");
        request.setContent(LIST.getBytes(StandardCharsets.UTF_16));
        assertEquals(415, run(request).response().getStatus());
        MockHttpServletRequest utf8 = post(LIST, "read");
        utf8.setCharacterEncoding("utf-8");
        assertEquals(200, run(utf8).response().getStatus());
    }

    @Test
    void otherMethodsNeedOnlyAValidToken() throws Exception {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/mcp");
        get.setAttribute(dev.tokenguard.internal.jakarta.BearerTokenMechanism.PRINCIPAL_ATTRIBUTE,
                post(LIST, "read").getAttribute(dev.tokenguard.internal.jakarta.BearerTokenMechanism.PRINCIPAL_ATTRIBUTE));
        Outcome out = run(get);
        assertEquals(200, out.response().getStatus());
        assertTrue(out.passedOn() != null);
    }
}
