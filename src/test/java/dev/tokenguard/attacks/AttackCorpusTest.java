package dev.tokenguard.attacks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import dev.tokenguard.attacks.AttackCorpus.Attack;
import dev.tokenguard.jwt.JwtVerifier;
import dev.tokenguard.jwt.RsaKeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every attack of the corpus is refused, for the reason its class calls for, and nothing logged while
 * refusing them (TokenGuard's lines and jose4j's, at every level) contains a token, a part of one, or key
 * material.
 */
class AttackCorpusTest {

    private static final AttackCorpus.Target TARGET = new AttackCorpus.Target(RsaKeyPair.generate(), "rsa-1",
            AttackCorpus.Target.newEcKey(), "ec-1", "https://issuer.test", "https://api.test");
    private static final JwtVerifier VERIFIER = JwtVerifier.builder().publicKey(TARGET.jwks())
            .algorithm("RS256", "ES256").issuer(TARGET.issuer()).audience(TARGET.audience()).build();
    private static final List<Attack> ATTACKS = AttackCorpus.against(TARGET);

    /** The refusals each class of attack may get; anything else means it was refused for a wrong reason. */
    private static final Map<String, Set<Rejection>> EXPECTED = Map.ofEntries(
            Map.entry("alg none", EnumSet.of(Rejection.MALFORMED, Rejection.ALGORITHM_NOT_ALLOWED)),
            Map.entry("algorithm confusion", EnumSet.of(Rejection.ALGORITHM_NOT_ALLOWED, Rejection.UNKNOWN_KEY)),
            Map.entry("kid injection", EnumSet.of(Rejection.UNKNOWN_KEY, Rejection.MALFORMED)),
            Map.entry("token-supplied key", EnumSet.of(Rejection.BAD_SIGNATURE)),
            Map.entry("crit", EnumSet.of(Rejection.UNSUPPORTED_CRITICAL_HEADER)),
            Map.entry("JWE", EnumSet.of(Rejection.MALFORMED)),
            Map.entry("ECDSA signature form", EnumSet.of(Rejection.BAD_SIGNATURE)),
            Map.entry("base64url", EnumSet.of(Rejection.MALFORMED)),
            Map.entry("duplicate members", EnumSet.of(Rejection.MALFORMED)),
            Map.entry("non-strict JSON", EnumSet.of(Rejection.MALFORMED)),
            Map.entry("deep or huge JSON", EnumSet.of(Rejection.MALFORMED, Rejection.TOO_LARGE)),
            Map.entry("NUL and non-ASCII", EnumSet.of(Rejection.MALFORMED, Rejection.ALGORITHM_NOT_ALLOWED)),
            Map.entry("time claims", EnumSet.of(Rejection.INVALID_CLAIM, Rejection.EXPIRED, Rejection.NOT_YET_VALID,
                    Rejection.MISSING_CLAIM)),
            Map.entry("numbers", EnumSet.of(Rejection.MALFORMED)),
            Map.entry("scopes", EnumSet.of(Rejection.INVALID_CLAIM)),
            Map.entry("token for someone else", EnumSet.of(Rejection.WRONG_AUDIENCE, Rejection.WRONG_ISSUER)),
            Map.entry("splicing", EnumSet.of(Rejection.BAD_SIGNATURE, Rejection.MALFORMED)));

    private static final List<String> LOGGED = new ArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public synchronized void publish(LogRecord r) {
            LOGGED.add(formatter.format(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static Level rootLevel;

    @BeforeAll
    static void captureEverything() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        Logger.getLogger("dev.tokenguard").setLevel(Level.ALL);
        CAPTURE.setLevel(Level.ALL);
        root.addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturing() {
        Logger root = Logger.getLogger("");
        root.removeHandler(CAPTURE);
        root.setLevel(rootLevel);
        Logger.getLogger("dev.tokenguard").setLevel(null);
    }

    @TestFactory
    Stream<DynamicTest> everyAttackIsRefusedForTheRightReason() {
        return ATTACKS.stream().map(attack -> DynamicTest.dynamicTest(attack.toString(), () -> {
            Verification v = VERIFIER.verify(attack.token());
            assertFalse(v.isAccepted(), () -> attack + " was accepted");
            assertNotNull(v.rejection());
            Set<Rejection> expected = EXPECTED.get(attack.attackClass());
            assertNotNull(expected, "no expectation for class " + attack.attackClass());
            assertTrue(expected.contains(v.rejection()), () -> attack + " refused as " + v.rejection() + " ("
                    + v.detail() + "), expected one of " + expected);
        }));
    }

    @Test
    void theCorpusAimsAtAVerifierThatAcceptsTheRealThing() {
        long now = Instant.now().getEpochSecond();
        String claims = JsonUtil.toJson(Map.of("iss", TARGET.issuer(), "aud", TARGET.audience(), "sub", "alice",
                "iat", now, "exp", now + 600));
        assertTrue(VERIFIER.verify(AttackCorpus.signed("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", claims, "RS256",
                TARGET.rsa().privateKey())).isAccepted());
        assertTrue(VERIFIER.verify(AttackCorpus.signed("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claims, "ES256",
                TARGET.ec().getPrivate())).isAccepted());
        assertTrue(ATTACKS.size() > 100, "the corpus has " + ATTACKS.size() + " attacks");
        assertTrue(ATTACKS.stream().map(Attack::attackClass).distinct().count() >= EXPECTED.size());
    }

    /** Runs after the corpus in any order: it replays the corpus itself, so the capture is complete. */
    @Test
    void nothingLoggedWhileRefusingTheCorpusLeaksATokenOrKeyMaterial() {
        for (Attack attack : ATTACKS) {
            VERIFIER.verify(attack.token());
        }
        List<String> logged;
        synchronized (CAPTURE) {
            logged = List.copyOf(LOGGED);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("rejected a token")),
                "the FINE rejection lines were captured: " + logged.size() + " lines");
        List<String> secrets = new ArrayList<>();
        for (Attack attack : ATTACKS) {
            secrets.add(attack.token());
            for (String part : attack.token().split("\\.")) {
                if (part.length() >= 16) {
                    secrets.add(part);
                }
            }
        }
        String pemBody = TARGET.rsa().publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        secrets.add(pemBody.substring(20, 80));
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(TARGET.rsa().publicKey().getModulus()
                .toByteArray()).substring(10, 60));
        secrets.add(Base64.getEncoder().encodeToString(TARGET.rsa().privateKey().getEncoded()).substring(40, 100));
        for (String line : logged) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "log line leaks token or key material: " + line);
            }
        }
    }
}
