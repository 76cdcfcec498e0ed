package dev.tokenguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.it.Http.Answer;
import dev.tokenguard.it.server.AppServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key rotation under a live application: the issuer publishes a new key, clients move to it, the old key is
 * withdrawn. No request with a token signed by a published key may fail; once the application has refreshed
 * its key set, a withdrawn key's token is refused. The application refreshes at most once a second here
 * ({@link AppEnvironment#forTests}); 30 s by default.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.tokenguard.it.Servers#selected")
class KeyRotationIT {

    /** Longer than the application's minimum refresh interval and key-set cache time. */
    private static final long REFRESH_WAIT_MILLIS = 3_500;

    @Parameter
    String serverName;

    @Test
    void rotationWithoutAFailedRequest() throws Exception {
        AppServer server = Servers.get(serverName);
        TestIssuer issuer = Servers.issuer();
        String audience = server.baseUri().toString();
        URI notes = URI.create(audience + "/api/notes");
        String oldKid = serverName + "-old";
        String newKid = serverName + "-new";
        List<String> failures = new ArrayList<>();

        issuer.publish(oldKid);
        Thread.sleep(REFRESH_WAIT_MILLIS); // published ahead of use, as issuers do
        String oldToken = issuer.token(oldKid, audience).scopes("read").create();
        sendFor(notes, oldToken, 2_000, failures);

        issuer.publish(newKid);
        Thread.sleep(REFRESH_WAIT_MILLIS);
        String newToken = issuer.token(newKid, audience).scopes("read").create();
        long until = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < until) {
            check(notes, oldToken, failures);
            check(notes, newToken, failures);
        }
        assertTrue(failures.isEmpty(), "requests with published keys failed: " + failures);

        issuer.withdraw(oldKid);
        Thread.sleep(REFRESH_WAIT_MILLIS);
        Answer refused = Http.get(notes, "Authorization", Http.bearer(oldToken));
        assertEquals(401, refused.status(), refused.body());
        assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"token signing key is unknown\"}",
                refused.body());
        sendFor(notes, newToken, 1_000, failures);
        assertTrue(failures.isEmpty(), "requests with the new key failed: " + failures);
        issuer.withdraw(newKid);
    }

    private static void sendFor(URI uri, String token, long millis, List<String> failures) {
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            check(uri, token, failures);
        }
    }

    private static void check(URI uri, String token, List<String> failures) {
        Answer a = Http.get(uri, "Authorization", Http.bearer(token));
        if (a.status() != 200) {
            failures.add(a.status() + " " + a.body());
        }
    }
}
