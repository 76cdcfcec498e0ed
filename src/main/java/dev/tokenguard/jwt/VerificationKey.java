package dev.tokenguard.jwt;

import java.math.BigInteger;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.List;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;

/**
 * One key that may verify signatures, with the JWK metadata that restricts it ({@code kid}, {@code use},
 * {@code alg}, {@code key_ops}). Instances are only made through {@link #of}, the one place that decides whether a
 * key may verify signatures at all: key family and curve, strength, {@code use}, {@code key_ops}, {@code alg}.
 */
record VerificationKey(String keyId, KeyFamily family, String curve, String use, String algorithm,
                       List<String> keyOps, Key key) {

    /**
     * A checked key.
     *
     * @throws IllegalArgumentException with a message naming the problem (never the key material)
     */
    static VerificationKey of(Key key, String keyId, String use, String algorithm, List<String> keyOps) {
        return of(key, keyId, use, algorithm, keyOps, Algorithm.MIN_RSA_BITS);
    }

    /** {@link #of}, with RSA keys of {@code minRsaBits} or more (a verifier's {@code minRsaKeyBits}). */
    static VerificationKey of(Key key, String keyId, String use, String algorithm, List<String> keyOps,
                              int minRsaBits) {
        KeyFamily family;
        String curve = null;
        if (key instanceof RSAPublicKey rsa) {
            family = KeyFamily.RSA;
            checkRsa(rsa.getModulus(), rsa.getPublicExponent(), minRsaBits);
        } else if (key instanceof ECPublicKey ec) {
            family = KeyFamily.EC;
            curve = EllipticCurves.getName(ec.getParams().getCurve());
            checkEc(ec, curve);
        } else if (key instanceof EdECKey ed && key instanceof PublicKey) {
            family = KeyFamily.OKP;
            curve = ed.getParams().getName();
            if (!"Ed25519".equals(curve)) {
                throw new IllegalArgumentException("OKP key on " + curve + ": only Ed25519 is supported (EdDSA)");
            }
        } else if (key instanceof javax.crypto.SecretKey) {
            family = KeyFamily.HMAC;
            checkSecret(key.getEncoded(), algorithm);
        } else {
            throw new IllegalArgumentException("unsupported key type "
                    + (key == null ? "null" : key.getAlgorithm()) + ": use an RSA, EC, Ed25519 public key or a secret");
        }
        if (use != null && !"sig".equals(use)) {
            throw new IllegalArgumentException("\"use\" is " + quote(use) + ", not \"sig\"");
        }
        if (keyOps != null && !keyOps.contains("verify")) {
            throw new IllegalArgumentException("\"key_ops\" does not include \"verify\"");
        }
        if (algorithm != null) {
            Algorithm alg = Algorithm.forJwsName(algorithm);
            if (alg == null) {
                throw new IllegalArgumentException("key \"alg\" " + quote(algorithm) + " is not a signature algorithm");
            }
            if (alg.family() != family || (alg.curve() != null && !alg.curve().equals(curve))) {
                throw new IllegalArgumentException("key \"alg\" " + algorithm + " does not fit a "
                        + family.jwkType() + (curve == null ? "" : " " + curve) + " key");
            }
        }
        return new VerificationKey(keyId, family, curve, use, algorithm, keyOps == null ? null : List.copyOf(keyOps),
                key);
    }

    /** A shared secret for the HS algorithms. */
    static VerificationKey secret(byte[] secret) {
        return of(new HmacKey(secret), null, null, null, null);
    }

    /**
     * Whether this key may verify a token signed with {@code alg}: right key type and curve, {@code alg} absent or
     * equal, and a secret long enough for that hash. ({@code use} and {@code key_ops} that forbid verifying never
     * get this far: {@link #of} refuses such keys.)
     */
    boolean fits(Algorithm alg) {
        if (alg.family() != family || (alg.curve() != null && !alg.curve().equals(curve))) {
            return false;
        }
        if (algorithm != null && !algorithm.equals(alg.jwsName())) {
            return false;
        }
        return family != KeyFamily.HMAC || key.getEncoded().length >= alg.minimumSecretBytes();
    }

    /**
     * True when {@code other} is this key with the same metadata: a change of {@code kid}, {@code use},
     * {@code alg}, {@code key_ops} or the key itself is a different key, and ends what the old one verified.
     */
    boolean sameAs(VerificationKey other) {
        return java.util.Objects.equals(keyId, other.keyId) && family == other.family
                && java.util.Objects.equals(curve, other.curve) && java.util.Objects.equals(use, other.use)
                && java.util.Objects.equals(algorithm, other.algorithm)
                && java.util.Objects.equals(keyOps, other.keyOps)
                && java.util.Arrays.equals(key.getEncoded(), other.key.getEncoded());
    }

    boolean isSymmetric() {
        return family == KeyFamily.HMAC;
    }

    /** For logs and errors: type, size or curve, kid; never key material. */
    String describe() {
        String what = switch (family) {
            case RSA -> "RSA " + ((RSAPublicKey) key).getModulus().bitLength() + "-bit key";
            case EC, OKP -> family.jwkType() + " " + curve + " key";
            case HMAC -> key.getEncoded().length + "-byte secret";
        };
        return what + (keyId == null ? "" : " kid " + quote(keyId));
    }

    @Override
    public String toString() {
        return "VerificationKey[" + describe() + "]";
    }

    private static String quote(String s) {
        return dev.tokenguard.Verification.quote(s);
    }

    /**
     * The one rule for RSA keys, whether they verify signatures or decrypt tokens ({@link DecryptionKey}): 2048 bits
     * or more, a sane public exponent, no ROCA modulus.
     */
    static void checkRsa(BigInteger modulus, BigInteger e) {
        checkRsa(modulus, e, Algorithm.MIN_RSA_BITS);
    }

    /** {@link #checkRsa(BigInteger, BigInteger)} with another floor: only ever lowered, and never under 1024 bits. */
    static void checkRsa(BigInteger modulus, BigInteger e, int minBits) {
        int bits = modulus.bitLength();
        if (bits < minBits) {
            throw new IllegalArgumentException("RSA key of " + bits + " bits: keys under "
                    + minBits + " bits are refused (RFC 7518 §3.3 and §4.3)");
        }
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(modulus) >= 0) {
            throw new IllegalArgumentException("RSA key with an invalid public exponent (must be odd, >= 3)");
        }
        if (RocaFingerprint.isVulnerable(modulus)) {
            throw new IllegalArgumentException("RSA key generated by a library with the ROCA flaw"
                    + " (CVE-2017-15361); replace the key");
        }
    }

    /**
     * The JDK builds an EC public key from any (x, y); a point off the curve must not be trusted
     * (invalid-curve attacks), so check y^2 = x^3 + ax + b (mod p) here.
     */
    private static void checkEc(ECPublicKey ec, String curve) {
        if (curve == null || !(curve.equals("P-256") || curve.equals("P-384") || curve.equals("P-521"))) {
            throw new IllegalArgumentException("EC key on an unsupported curve: use P-256, P-384 or P-521");
        }
        ECParameterSpec spec = ec.getParams();
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        ECPoint w = ec.getW();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x == null || y == null || x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new IllegalArgumentException("EC key whose point is not on " + curve);
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        if (!left.equals(right)) {
            throw new IllegalArgumentException("EC key whose point is not on " + curve);
        }
    }

    private static void checkSecret(byte[] secret, String algorithm) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("empty HMAC secret");
        }
        Algorithm alg = Algorithm.forJwsName(algorithm);
        int needed = alg != null && alg.isHmac() ? alg.minimumSecretBytes() : Algorithm.HS256.minimumSecretBytes();
        if (secret.length < needed) {
            throw new IllegalArgumentException("HMAC secret of " + secret.length + " bytes: "
                    + (alg != null && alg.isHmac() ? alg.name() : "HS256") + " needs at least " + needed
                    + " bytes (RFC 7518 §3.2)");
        }
    }
}
