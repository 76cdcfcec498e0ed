package dev.tokenguard.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every attack of the JWE corpus is refused, for the reason its class calls for; every decryption failure is one
 * refusal with one detail; and nothing logged while refusing them (TokenGuard's lines and jose4j's, at every level)
 * contains a token, a part of one, or key material.
 */
class JweAttackCorpusTest {

    private static final JweAttackCorpus.Target TARGET = new JweAttackCorpus.Target(new AttackCorpus.Target(
            RsaKeyPair.generate(), "rsa-1", AttackCorpus.Target.newEcKey(), "ec-1", "https://issuer.test",
            "https://api.test"), RsaKeyPair.generate(), "enc-1");
    private static final JwtVerifier VERIFIER = JwtVerifier.builder().publicKey(TARGET.issuer().jwks())
            .algorithm("RS256", "ES256").issuer(TARGET.issuer().issuer()).audience(TARGET.issuer().audience())
            .decryptionKey(TARGET.decryptionJwks()).build();
    private static final List<Attack> ATTACKS = JweAttackCorpus.against(TARGET);

    /** The refusals each class of attack may get; anything else means it was refused for a wrong reason. */
    private static final Map<String, Set<Rejection>> EXPECTED = Map.ofEntries(
            Map.entry("JWE key management", EnumSet.of(Rejection.ALGORITHM_NOT_ALLOWED, Rejection.MALFORMED)),
            Map.entry("JWE invalid curve (does not apply: ECDH-ES is refused)",
                    EnumSet.of(Rejection.ALGORITHM_NOT_ALLOWED)),
            Map.entry("JWE content encryption", EnumSet.of(Rejection.ALGORITHM_NOT_ALLOWED, Rejection.MALFORMED)),
            Map.entry("JWE compression", EnumSet.of(Rejection.ALGORITHM_NOT_ALLOWED)),
            Map.entry("JWE crit", EnumSet.of(Rejection.UNSUPPORTED_CRITICAL_HEADER)),
            Map.entry("JWE decryption oracle", EnumSet.of(Rejection.UNDECRYPTABLE)),
            Map.entry("JWE form", EnumSet.of(Rejection.MALFORMED, Rejection.TOO_LARGE)),
            Map.entry("JWE content", EnumSet.of(Rejection.MALFORMED, Rejection.ALGORITHM_NOT_ALLOWED,
                    Rejection.BAD_SIGNATURE, Rejection.EXPIRED, Rejection.WRONG_AUDIENCE)),
            Map.entry("JWE kid injection", EnumSet.of(Rejection.UNKNOWN_KEY, Rejection.MALFORMED)));

    @TestFactory
    Stream<DynamicTest> everyAttackIsRefusedForTheRightReason() {
        return ATTACKS.stream().map(attack -> DynamicTest.dynamicTest(attack.toString(), () -> {
            Verification v = VERIFIER.verify(attack.token());
            assertFalse(v.isAccepted(), () -> attack + " was accepted");
            Set<Rejection> expected = EXPECTED.get(attack.attackClass());
            assertNotNull(expected, "no expectation for class " + attack.attackClass());
            assertTrue(expected.contains(v.rejection()), () -> attack + " refused as " + v.rejection() + " ("
                    + v.detail() + "), expected one of " + expected);
        }));
    }

    @Test
    void everyDecryptionFailureReadsTheSame() {
        Set<String> details = new java.util.HashSet<>();
        for (Attack attack : ATTACKS) {
            if (attack.attackClass().equals("JWE decryption oracle")) {
                details.add(VERIFIER.verify(attack.token()).detail());
            }
        }
        assertEquals(1, details.size(), details::toString);
    }

    @Test
    void theCorpusAimsAtAVerifierThatAcceptsTheRealThing() {
        long now = Instant.now().getEpochSecond();
        String claims = JsonUtil.toJson(Map.of("iss", TARGET.issuer().issuer(), "aud", TARGET.issuer().audience(),
                "sub", "alice", "iat", now, "exp", now + 600));
        assertTrue(VERIFIER.verify(JweAttackCorpus.genuine(TARGET, claims)).isAccepted());
        assertTrue(ATTACKS.size() > 60, "the corpus has " + ATTACKS.size() + " attacks");
        assertEquals(EXPECTED.keySet(), Set.copyOf(ATTACKS.stream().map(Attack::attackClass).toList()));
    }

    @Test
    void nothingLoggedWhileRefusingTheCorpusLeaksATokenOrKeyMaterial() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public synchronized void publish(LogRecord r) {
                logged.add(formatter.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        Logger.getLogger("dev.tokenguard").setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        try {
            for (Attack attack : ATTACKS) {
                VERIFIER.verify(attack.token());
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(rootLevel);
            Logger.getLogger("dev.tokenguard").setLevel(null);
        }
        List<String> lines;
        synchronized (capture) {
            lines = List.copyOf(logged);
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("rejected a token")), "FINE lines were captured");
        List<String> secrets = new ArrayList<>();
        for (Attack attack : ATTACKS) {
            for (String part : attack.token().split("\\.")) {
                if (part.length() >= 16) {
                    secrets.add(part);
                }
            }
        }
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        secrets.add(url.encodeToString(TARGET.recipient().privateKey().getPrivateExponent().toByteArray()).substring(10, 60));
        secrets.add(url.encodeToString(TARGET.recipient().publicKey().getModulus().toByteArray()).substring(10, 60));
        secrets.add(Base64.getEncoder().encodeToString(TARGET.recipient().privateKey().getEncoded()).substring(40, 100));
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "log line leaks token or key material: " + line);
            }
        }
    }
}
