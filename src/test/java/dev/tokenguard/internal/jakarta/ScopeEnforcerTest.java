package dev.tokenguard.internal.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.internal.config.TokenGuardSettings;
import dev.tokenguard.internal.config.TokenLocation;
import dev.tokenguard.jakarta.ScopeEnforcer;
import dev.tokenguard.jakarta.TokenPrincipal;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.weld.junit.MockBean;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Per-request scope checks (e.g. per MCP tool) answer exactly like the rest of TokenGuard. */
@EnableWeld
class ScopeEnforcerTest {

    private static final RsaKeyPair KEYS = RsaKeyPair.generate();
    private static final JwtVerifier VERIFIER = JwtVerifier.builder().publicKey(KEYS.publicKeyPem()).build();
    private static final String RESOURCE = "https://api.test/mcp";

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(ScopeEnforcer.class)
            .addBeans(MockBean.builder().types(TokenGuardSettings.class).create(c -> new TokenGuardSettings(VERIFIER,
                    TokenLocation.AUTHORIZATION, "tokenguard", RESOURCE, List.of(), List.of(), null, "test")).build())
            .build();

    @Inject
    ScopeEnforcer scopes;

    private static MockHttpServletRequest requestOf(String... grantedScopes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
        if (grantedScopes != null) {
            request.setAttribute(BearerTokenMechanism.PRINCIPAL_ATTRIBUTE,
                    new TokenPrincipal(VERIFIER.verifyToken(KEYS.token().scopes(grantedScopes).create()).orElseThrow()));
        }
        return request;
    }

    @Test
    void aCallerWithTheScopesPasses() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertTrue(scopes.require(requestOf("read", "admin"), response, List.of("admin")));
        assertEquals(200, response.getStatus());
        assertTrue(scopes.require(requestOf("read"), response, List.of()), "empty list: authenticated is enough");
        assertEquals(List.of("read", "admin"), scopes.grantedTo(requestOf("read", "admin")));
    }

    @Test
    void aCallerWithoutThemGets403InsufficientScope() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertFalse(scopes.require(requestOf("read"), response, List.of("admin")));
        assertEquals(403, response.getStatus());
        assertEquals("Bearer realm=\"tokenguard\", error=\"insufficient_scope\", error_description=\"token lacks a"
                + " required scope\", scope=\"admin\", resource_metadata=\"https://api.test/.well-known/"
                + "oauth-protected-resource/mcp\"", response.getHeader("WWW-Authenticate"));
        assertEquals("{\"error\":\"insufficient_scope\",\"error_description\":\"token lacks a required scope\"}",
                response.getContentAsString());
    }

    @Test
    void anAnonymousCallerGets401NamingTheScopes() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertFalse(scopes.require(requestOf((String[]) null), response, List.of("read")));
        assertEquals(401, response.getStatus());
        assertEquals("Bearer realm=\"tokenguard\", scope=\"read\", resource_metadata=\"https://api.test/.well-known/"
                + "oauth-protected-resource/mcp\"", response.getHeader("WWW-Authenticate"));
        assertTrue(scopes.grantedTo(requestOf((String[]) null)).isEmpty());
    }

    /** Whatever roles the operator maps from groups, a scope check looks at scopes only. */
    @Test
    void rolesFromGroupsAreNoScopes() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
        request.setAttribute(BearerTokenMechanism.PRINCIPAL_ATTRIBUTE, new TokenPrincipal(VERIFIER.verifyToken(
                KEYS.token().scopes("read").claim("groups", List.of("admin")).create()).orElseThrow(),
                List.of("read", "admin")));
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertFalse(scopes.require(request, response, List.of("admin")));
        assertEquals(403, response.getStatus());
        assertEquals(List.of("read"), scopes.grantedTo(request));
    }

    @Test
    void aScopeNameThatIsNotAScopeTokenIsAProgrammingError() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> scopes.require(requestOf("read"), new MockHttpServletResponse(), List.of("bad\r\nname")));
    }
}
