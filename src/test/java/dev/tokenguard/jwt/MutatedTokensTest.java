package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.Rejection;
import dev.tokenguard.Verification;
import java.security.KeyPair;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any change to a valid token, one character or many, is refused and never throws: strict base64url means
 * no two strings decode to the same token. Deterministic (fixed seeds), so a failure can be replayed.
 */
class MutatedTokensTest {

    private static final KeyPair RSA = TestTokens.rsa(2048);
    private static final KeyPair EC = TestTokens.ec("P-256");
    private static final String CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u0000é{}\"";

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void everyMutationIsRefusedWithoutAnException(String alg) {
        KeyPair keys = alg.equals("RS256") ? RSA : EC;
        JwtVerifier verifier = JwtVerifier.builder().publicKey(TestTokens.pem(keys.getPublic())).algorithm(alg)
                .verifiedTokenCacheSize(0).build();
        String token = TestTokens.sign(TestTokens.header(alg), TestTokens.claims(), keys.getPrivate());
        assertTrue(verifier.verify(token).isAccepted());
        Random random = new Random(alg.hashCode());
        for (int i = 0; i < 3000; i++) {
            String mutated = mutate(token, random);
            if (mutated.equals(token)) {
                continue;
            }
            Verification v = verifier.verify(mutated);
            assertNotNull(v);
            assertFalse(v.isAccepted(), () -> "mutation accepted: " + mutated);
        }
    }

    /** The same for an encrypted token: any change is refused, and a mutated JWE never makes the verifier throw. */
    @Test
    void everyMutationOfAnEncryptedTokenIsRefusedWithoutAnException() {
        RsaKeyPair recipient = RsaKeyPair.generate();
        JwtVerifier verifier = JwtVerifier.builder().publicKey(TestTokens.pem(RSA.getPublic()))
                .decryptionKey(recipient.privateKeyPem()).verifiedTokenCacheSize(0).build();
        String token = TestTokens.encryptJwt(TestTokens.sign(TestTokens.header("RS256"), TestTokens.claims(),
                RSA.getPrivate()), "RSA-OAEP-256", "enc-1", recipient.publicKey());
        assertTrue(verifier.verify(token).isAccepted());
        Random random = new Random(7516);
        for (int i = 0; i < 1000; i++) {
            String mutated = mutate(token, random);
            if (mutated.equals(token)) {
                continue;
            }
            Verification v = verifier.verify(mutated);
            assertFalse(v.isAccepted(), () -> "mutation accepted: " + mutated);
            assertNotEquals(Rejection.VERIFICATION_FAILED, v.rejection(), () -> "unexpected failure: " + v);
        }
    }

    private static String mutate(String token, Random random) {
        StringBuilder b = new StringBuilder(token);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.setCharAt(at, CHARS.charAt(random.nextInt(CHARS.length())));
                case 1 -> b.insert(at, CHARS.charAt(random.nextInt(CHARS.length())));
                case 2 -> b.deleteCharAt(at);
                default -> {
                    int to = Math.min(b.length(), at + 1 + random.nextInt(20));
                    b.replace(at, to, "");
                }
            }
            if (b.length() == 0) {
                b.append('.');
            }
        }
        return b.toString();
    }
}
