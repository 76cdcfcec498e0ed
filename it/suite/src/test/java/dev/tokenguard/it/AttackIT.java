package dev.tokenguard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.attacks.AttackCorpus;
import dev.tokenguard.attacks.AttackCorpus.Attack;
import dev.tokenguard.it.Http.Answer;
import dev.tokenguard.it.server.AppServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TokenGuard's attack corpus ({@code dev.tokenguard.attacks.AttackCorpus}, the same one the unit tests use)
 * against the sample application on every server: every attack is answered 401 {@code invalid_token}, never
 * 200, never 500, and nothing the server sends back or logs contains the token.
 *
 * <p>Two attacks carry headers larger than some servers accept at all (a 60 kB header, 20 000 claims); those
 * may also be refused by the server itself with a 4xx before TokenGuard sees them.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.tokenguard.it.Servers#selected")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackIT {

    /** The attacks sent to each server, kept so that its log can be searched for exactly those tokens. */
    private static final Map<String, List<Attack>> SENT = new ConcurrentHashMap<>();

    /** Headers up to this size reach the application on all three servers. */
    private static final int EVERY_SERVER_ACCEPTS = 7_000;

    @Parameter
    String serverName;

    private AppServer server;
    private List<Attack> attacks;

    @BeforeEach
    void target() {
        server = Servers.get(serverName);
        TestIssuer issuer = Servers.issuer();
        attacks = SENT.computeIfAbsent(serverName, name -> AttackCorpus.against(new AttackCorpus.Target(
                issuer.key(TestIssuer.MAIN_KID), TestIssuer.MAIN_KID, issuer.ecKey(), TestIssuer.EC_KID,
                issuer.issuer(), server.baseUri().toString())));
    }

    @Test
    @Order(1)
    void everyAttackIsAnswered401AndNothingEchoesTheToken() {
        URI notes = URI.create(server.baseUri() + "/api/notes");
        List<String> wrong = new ArrayList<>();
        List<String> byServerLimit = new ArrayList<>();
        for (Attack attack : attacks) {
            Answer a;
            try {
                a = Http.get(notes, "Authorization", Http.bearer(attack.token()));
            } catch (RuntimeException refusedAtTheSocket) {
                if (attack.token().length() <= EVERY_SERVER_ACCEPTS) {
                    wrong.add(attack + ": connection failed: " + refusedAtTheSocket.getMessage());
                }
                continue;
            }
            // A "token" that is not a token68 (spaces, '?', padding inside) makes the Authorization field malformed:
            // TokenGuard answers 400 invalid_request before any token is read.
            boolean notToken68 = !attack.token().matches("[A-Za-z0-9._~+/-]+=*");
            boolean tokenGuardsAnswer = a.status() == 401 && a.challenge().contains("error=\"invalid_token\"")
                    || notToken68 && a.status() == 400 && a.challenge().contains("error=\"invalid_request\"");
            boolean serversOwnLimit = attack.token().length() > EVERY_SERVER_ACCEPTS && a.status() >= 400
                    && a.status() < 500;
            if (!tokenGuardsAnswer && !serversOwnLimit) {
                wrong.add(attack + ": " + a.status() + " " + a.challenge() + " " + a.body());
            } else if (!tokenGuardsAnswer) {
                byServerLimit.add(attack + " -> " + a.status());
            }
            for (String part : attack.token().split("\\.")) {
                if (part.length() >= 16 && (a.body().contains(part) || a.challenge().contains(part))) {
                    wrong.add(attack + ": the answer echoes part of the token");
                }
            }
        }
        System.out.println(serverName + ": " + (attacks.size() - byServerLimit.size()) + " of " + attacks.size()
                + " attacks answered 401 (or 400 for a malformed Authorization field) by TokenGuard; refused by the"
                + " server's own header limit: " + byServerLimit);
        assertTrue(wrong.isEmpty(), serverName + " mishandled " + wrong.size() + " of " + attacks.size()
                + " attacks:\n" + String.join("\n", wrong));
    }

    @Test
    @Order(2)
    void hostileHeaderBytesNeverGet200Or500() throws Exception {
        String token = Servers.issuer().token(server.baseUri().toString()).scopes("read").create();
        byte[][] lines = {
            ("Authorization: Bearer " + token.substring(0, 20) + "\u0000" + token.substring(20))
                    .getBytes(StandardCharsets.ISO_8859_1),
            ("Authorization: Bearer " + token.substring(0, 20) + "\u00e9\u00ff" + token.substring(20))
                    .getBytes(StandardCharsets.ISO_8859_1),
            ("Authorization: Bearer " + token.substring(0, 20)).getBytes(StandardCharsets.UTF_8),
            ("Authorization: Bearer " + "A".repeat(70_000)).getBytes(StandardCharsets.US_ASCII),
            ("Authorization: Bearer " + token + "\r\nAuthorization: Bearer " + token).getBytes(StandardCharsets.US_ASCII),
        };
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int status = RawHttp.get(server.baseUri(), "/api/notes", lines[i]);
            if (status == 200 || status >= 500) {
                wrong.add("hostile header #" + i + " got " + status);
            }
        }
        assertTrue(wrong.isEmpty(), serverName + ": " + wrong);
    }

    @Test
    @Order(3)
    void theServerLogNeverContainsAnAttackToken() throws Exception {
        String log = Files.readString(server.logFile(), StandardCharsets.ISO_8859_1);
        for (Attack attack : attacks) {
            for (String part : attack.token().split("\\.")) {
                if (part.length() >= 16) {
                    assertTrue(!log.contains(part), () -> serverName + "'s log contains part of " + attack);
                }
            }
        }
    }
}
