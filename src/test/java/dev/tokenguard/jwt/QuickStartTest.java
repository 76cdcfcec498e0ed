package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Rejection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick start, as a test: a minted token verifies with the matching public key. */
class QuickStartTest {

    @Test
    void mintedTokenVerifiesWithThePublicKey() {
        RsaKeyPair keys = RsaKeyPair.generate();
        JwtVerifier verifier = JwtVerifier.builder()
                .publicKey(keys.publicKeyPem())
                .issuer("https://auth.example.com")
                .audience("https://api.example.com")
                .requiredScopes("read")
                .build();
        String token = keys.token().subject("alice").issuer("https://auth.example.com")
                .audience("https://api.example.com").scopes("read", "write").create();

        AccessToken accessToken = verifier.verifyToken(token).orElseThrow();

        assertEquals("alice", accessToken.subject());
        assertEquals("alice", accessToken.clientId());
        assertEquals(List.of("read", "write"), accessToken.scopes());
        assertEquals("https://api.example.com", accessToken.resource());
        assertTrue(accessToken.expiresAt().isAfter(java.time.Instant.now()));
        assertEquals(Rejection.INSUFFICIENT_SCOPE,
                verifier.verify(keys.token().issuer("https://auth.example.com").audience("https://api.example.com")
                        .scopes("write").create()).rejection());
    }
}
