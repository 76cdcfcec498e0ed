package dev.tokenguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.it.Http.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an attacker (or an issuer withdrawing a key) observes over HTTP, the same on every server: a user's groups
 * are no scopes, a key set without usable keys ends every token, an {@code Authorization} field that is not one
 * Bearer credential is a bad request and never a 5xx, {@code @PermitAll} is public, nothing of the application
 * runs after a refusal, and an inherited method keeps its base class's rule.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.tokenguard.it.Servers#selected")
class SecuritySemanticsIT extends OnEachServer {

    /** Longer than the application's minimum refresh interval and key-set cache time (AppEnvironment). */
    private static final long REFRESH_WAIT_MILLIS = 3_500;

    // ---------------------------------------------------------------- roles are scopes

    /** Measured on Payara before the fix: 200, the note deleted by a client that was only granted read. */
    @Test
    void aUsersGroupIsNoScopeTheClientWasGranted() {
        String token = issuer.token(audience).scopes("read").claim("groups", List.of("admin")).create();

        Answer delete = Http.delete(uri("/api/notes/1"), "Authorization", Http.bearer(token));
        assertEquals(403, delete.status(), delete.body());
        assertTrue(delete.challenge().contains("error=\"insufficient_scope\"") && delete.challenge()
                .contains("scope=\"admin\""), delete.challenge());

        Answer whoami = Http.get(uri("/api/whoami"), "Authorization", Http.bearer(token));
        assertEquals(200, whoami.status(), whoami.body());
        assertTrue(whoami.body().contains("\"isUserInRoleRead\":true"), whoami.body());
        assertTrue(whoami.body().contains("\"isUserInRoleAdmin\":false"), whoami.body());
        assertTrue(whoami.body().contains("\"groups\":[\"admin\"]"), "the claim itself is still readable");
    }

    // ---------------------------------------------------------------- revocation

    @Test
    void aKeySetWithoutAUsableKeyEndsEveryTokenCachedOrNot() throws Exception {
        String token = issuer.token(audience).scopes("read").create();
        URI notes = uri("/api/notes");
        assertEquals(200, Http.get(notes, "Authorization", Http.bearer(token)).status());
        assertEquals(200, Http.get(notes, "Authorization", Http.bearer(token)).status(), "a cache hit");
        try {
            issuer.publishNoKeys(true);
            Thread.sleep(REFRESH_WAIT_MILLIS);
            Answer refused = Http.get(notes, "Authorization", Http.bearer(token));
            assertEquals(401, refused.status(), refused.body());
            assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"token signing key is unknown\"}",
                    refused.body());
            assertEquals(401, Http.get(notes, "Authorization",
                    Http.bearer(issuer.token(audience).scopes("read").create())).status());
        } finally {
            issuer.publishNoKeys(false);
        }
        Thread.sleep(REFRESH_WAIT_MILLIS);
        assertEquals(200, Http.get(notes, "Authorization", Http.bearer(token)).status(),
                "the key is back once the issuer publishes it again");
    }

    // ---------------------------------------------------------------- the Authorization field

    @Test
    void aMalformedBearerCredentialIs400AndNever5xx() {
        String t = issuer.token(audience).scopes("read").create();
        List<String> values = List.of("Bearer " + t + ", junk", "Bearer " + t + " junk", "Bearer " + t + ",",
                "Bearer =" + t);
        List<String> wrong = new ArrayList<>();
        for (String path : List.of("/api/ping/open", "/api/notes", "/secure/servlet", "/.well-known/oauth-protected-resource")) {
            for (String value : values) {
                Answer a = Http.get(uri(path), "Authorization", value);
                if (a.status() != 400 || !a.body().contains("\"error\":\"invalid_request\"")) {
                    wrong.add(path + " with '" + value.substring(0, Math.min(value.length(), 24)) + "': " + a.status()
                            + " " + a.body());
                }
            }
        }
        assertTrue(wrong.isEmpty(), serverName + ":\n" + String.join("\n", wrong));
    }

    /** Another scheme's credential is no bearer token: 401 with the challenge (the MP-JWT TCK's callEchoBASIC). */
    @Test
    void anotherSchemeIs401WithTheChallengeAndNever5xx() {
        String t = issuer.token(audience).scopes("read").create();
        List<String> values = List.of("Basic YWxpY2U6c2VjcmV0", "Basic !!!", "Basic Zm9v", "Basic", "Digest x",
                "Negotiate abc", "Foo bar", "Bearerfoo", "Basic x, Bearer " + t);
        List<String> wrong = new ArrayList<>();
        for (String path : List.of("/api/ping/open", "/api/notes", "/secure/servlet", "/.well-known/oauth-protected-resource")) {
            for (String value : values) {
                Answer a = Http.get(uri(path), "Authorization", value);
                String challenge = a.challenge();
                if (a.status() != 401 || !challenge.startsWith("Bearer realm=") || challenge.contains("error=")) {
                    wrong.add(path + " with '" + value.substring(0, Math.min(value.length(), 24)) + "': " + a.status()
                            + " " + challenge + " " + a.body());
                }
            }
        }
        assertTrue(wrong.isEmpty(), serverName + ":\n" + String.join("\n", wrong));
    }

    @Test
    void aBasicLineBesideABearerLineAndControlCharactersAreBadRequests() throws Exception {
        String t = issuer.token(audience).scopes("read").create();
        byte[][] lines = {
            ("Authorization: Basic YWxpY2U6c2VjcmV0\r\nAuthorization: Bearer " + t).getBytes(StandardCharsets.US_ASCII),
            ("Authorization: Bearer " + t + "\r\nAuthorization: Basic YWxpY2U6c2VjcmV0").getBytes(StandardCharsets.US_ASCII),
            ("Authorization: Bearer \u0001" + t).getBytes(StandardCharsets.ISO_8859_1),
            ("Authorization: Bearer " + t + "\u000b").getBytes(StandardCharsets.ISO_8859_1),
            ("Authorization: Bearer\u0001" + t).getBytes(StandardCharsets.ISO_8859_1),
        };
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            for (String path : List.of("/api/ping/open", "/api/notes")) {
                int status = RawHttp.get(server.baseUri(), path, lines[i]);
                if (status != 400) {
                    wrong.add("line #" + i + " on " + path + ": " + status);
                }
            }
        }
        assertTrue(wrong.isEmpty(), serverName + ": " + wrong);
    }

    // ---------------------------------------------------------------- public stays public, refused stays refused

    @Test
    void aPermitAllMethodIsPublicBesideProtectedOnes() {
        Answer open = Http.get(uri("/api/ping/open"));
        assertEquals(200, open.status(), open.body());
        assertEquals("pong", open.body());
        assertEquals(401, Http.get(uri("/api/ping")).status());
    }

    /**
     * One keep-alive connection, as a pooling proxy uses it: a refused request must be answered by its refusal
     * alone, so the next response on the connection is intact (measured on Payara before the fix: the refused
     * method's "pong" was written after the 401's body). The malformed request goes last: Open Liberty and Payara
     * close the connection after a 400 (with {@code Connection: close}), WildFly keeps it.
     */
    @Test
    void nothingOfTheApplicationIsWrittenAfterARefusal() throws Exception {
        String expired = issuer.token(audience).scopes("read").expiresInSeconds(-600).create();
        List<RawHttp.Response> answers = RawHttp.keepAlive(server.baseUri(), List.of(
                RawHttp.request("GET", "/api/ping", null),
                RawHttp.request("GET", "/api/ping/open", "Bearer " + expired),
                RawHttp.request("GET", "/api/ping/open", null),
                RawHttp.request("GET", "/api/ping/open", "Basic Zm9v"),
                RawHttp.request("GET", "/api/ping/open", null)));
        assertTrue(answers.size() >= 4, () -> "answers: " + answers);
        assertEquals(401, answers.get(0).status(), answers.get(0)::toString);
        assertEquals(401, answers.get(1).status(), answers.get(1)::toString);
        assertEquals(200, answers.get(2).status(), answers.get(2)::toString);
        assertEquals("pong", answers.get(2).body());
        assertEquals(401, answers.get(3).status(), answers.get(3)::toString);
        for (int i : new int[] {0, 1, 3}) {
            assertTrue(answers.get(i).body().startsWith("{\"") && !answers.get(i).body().contains("pong"),
                    answers.get(i)::toString);
        }
        if (answers.size() == 5) { // the server kept the connection after the 401
            assertEquals(200, answers.get(4).status(), answers.get(4)::toString);
            assertEquals("pong", answers.get(4).body());
        }
        assertEquals("", answers.get(answers.size() - 1).trailing(), "nothing after the last response");
    }

    // ---------------------------------------------------------------- Jakarta Annotations inheritance

    @Test
    void anInheritedMethodKeepsItsBaseClassRule() {
        Answer anonymous = Http.get(uri("/api/inherited/base"));
        assertEquals(401, anonymous.status(), anonymous.body());
        assertTrue(anonymous.challenge().contains("scope=\"admin\""), anonymous.challenge());
        assertEquals(403, Http.get(uri("/api/inherited/base"), "Authorization",
                Http.bearer(issuer.token(audience).scopes("read").create())).status());
        Answer admin = Http.get(uri("/api/inherited/base"), "Authorization",
                Http.bearer(issuer.token(audience).scopes("admin").create()));
        assertEquals(200, admin.status(), admin.body());
        assertEquals("base", admin.body());
        Answer own = Http.get(uri("/api/inherited/own"));
        assertEquals(200, own.status(), own.body());
        assertEquals("own", own.body());
    }
}
