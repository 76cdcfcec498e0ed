package dev.tokenguard.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tokenguard.Verification;
import dev.tokenguard.jwt.JwtVerifier;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Set;
import javax.crypto.SecretKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Each implementation's recommended verifier, built once and reused: signature with an allow-listed algorithm,
 * exp required, 60 s clock skew, issuer and audience checked, claims parsed.
 */
final class Verifiers {

    private Verifiers() {
    }

    static String jwks(Fixtures f, int keys) {
        return switch (keys) {
            case 1 -> f.jwks1;
            case 50 -> f.jwks50;
            default -> throw new IllegalArgumentException("keys " + keys);
        };
    }

    /** TokenGuard from the JWK Set text ({@code publicKey(jwks)}); cacheSize 0 turns the cache off. */
    static JwtVerifier tokenGuard(Fixtures f, int keys, int cacheSize, Duration cacheTtl) {
        JwtVerifier.Builder b = JwtVerifier.builder()
                .publicKey(jwks(f, keys))
                .algorithm(f.algorithm)
                .issuer(Fixtures.ISSUER)
                .audience(Fixtures.AUDIENCE)
                .verifiedTokenCacheSize(cacheSize);
        if (cacheTtl != null) {
            b.verifiedTokenCacheTtl(cacheTtl);
        }
        return b.build();
    }

    static void requireAccepted(Verification v) {
        if (!v.isAccepted()) {
            throw new IllegalStateException("TokenGuard refused the benchmark token: " + v);
        }
    }

    /** jose4j's JwtConsumer with a JwksVerificationKeyResolver over the key set (kid selects the key). */
    static JwtConsumer jose4j(Fixtures f, int keys) throws Exception {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(Fixtures.ISSUER)
                .setExpectedAudience(Fixtures.AUDIENCE)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, f.algorithm)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        new JsonWebKeySet(jwks(f, keys)).getJsonWebKeys()))
                .build();
    }

    /**
     * Nimbus JOSE+JWT as Spring Security's resource server sets it up: DefaultJWTProcessor with a
     * JWSVerificationKeySelector over a JWK source, plus Nimbus's DefaultJWTClaimsVerifier for aud, iss, exp.
     */
    static ConfigurableJWTProcessor<SecurityContext> nimbus(Fixtures f, int keys) throws Exception {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(f.algorithm),
                new ImmutableJWKSet<>(JWKSet.parse(jwks(f, keys)))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Fixtures.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(Fixtures.ISSUER).build(), Set.of("exp"));
        claims.setMaxClockSkew(60);
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    /** auth0 java-jwt: the key is given directly (java-jwt has no key-set selection of its own). */
    static JWTVerifier auth0(Fixtures f) {
        com.auth0.jwt.algorithms.Algorithm a = switch (f.algorithm) {
            case "RS256" -> com.auth0.jwt.algorithms.Algorithm.RSA256((RSAPublicKey) f.key, null);
            case "ES256" -> com.auth0.jwt.algorithms.Algorithm.ECDSA256((ECPublicKey) f.key, null);
            case "HS256" -> com.auth0.jwt.algorithms.Algorithm.HMAC256(f.key.getEncoded());
            default -> throw new IllegalArgumentException("java-jwt does not support " + f.algorithm);
        };
        return JWT.require(a)
                .withIssuer(Fixtures.ISSUER)
                .withAudience(Fixtures.AUDIENCE)
                .withClaimPresence("exp")
                .acceptLeeway(60)
                .build();
    }

    /** SmallRye JWT's DefaultJWTParser (what its MP-JWT integration calls), with the key given directly. */
    static DefaultJWTParser smallRye(Fixtures f) {
        JWTAuthContextInfo info = f.key instanceof PublicKey pub
                ? new JWTAuthContextInfo(pub, Fixtures.ISSUER)
                : new JWTAuthContextInfo((SecretKey) f.key, Fixtures.ISSUER);
        info.setExpectedAudience(Set.of(Fixtures.AUDIENCE));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.fromAlgorithm(f.algorithm)));
        info.setExpGracePeriodSecs(60);
        return new DefaultJWTParser(info);
    }
}
