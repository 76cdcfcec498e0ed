package dev.tokenguard.jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import javax.crypto.Cipher;

/**
 * One RSA private key that may decrypt tokens, with the JWK metadata that restricts it ({@code kid}, {@code alg}).
 * Made only through {@link #of}, the one place that decides whether a key may decrypt at all: RSA under the same
 * rule as verification keys ({@link VerificationKey#checkRsa}), {@code use}, {@code key_ops}, {@code alg}.
 */
record DecryptionKey(String keyId, DecryptionAlgorithm algorithm, RSAPrivateKey key) {

    /**
     * A checked key.
     *
     * @param publicExponent the key's public exponent, for the RSA rule (a private key need not carry it)
     * @throws IllegalArgumentException with a message naming the problem, never the key material
     */
    static DecryptionKey of(RSAPrivateKey key, BigInteger publicExponent, String keyId, String use, String algorithm,
                            List<String> keyOps) {
        if (publicExponent == null) {
            throw new IllegalArgumentException("RSA private key without its public exponent: use PKCS#8 with the CRT"
                    + " parameters (what `openssl genpkey` writes) or a JWK with \"e\"");
        }
        VerificationKey.checkRsa(key.getModulus(), publicExponent);
        if (!isPairOf(key, publicExponent)) {
            throw new IllegalArgumentException("the RSA private key does not match its own public part (a wrong"
                    + " \"p\", \"q\", \"d\" or CRT member): it could not decrypt anything");
        }
        if (use != null && !"enc".equals(use)) {
            throw new IllegalArgumentException("\"use\" is " + dev.tokenguard.Verification.quote(use)
                    + ", not \"enc\"");
        }
        if (keyOps != null && !keyOps.contains("unwrapKey") && !keyOps.contains("decrypt")) {
            throw new IllegalArgumentException("\"key_ops\" includes neither \"unwrapKey\" nor \"decrypt\"");
        }
        DecryptionAlgorithm alg = null;
        if (algorithm != null) {
            alg = DecryptionAlgorithm.forJweName(algorithm);
            if (alg == null) {
                throw new IllegalArgumentException("key \"alg\" " + dev.tokenguard.Verification.quote(algorithm)
                        + " is not RSA-OAEP or RSA-OAEP-256");
            }
        }
        return new DecryptionKey(keyId, alg, key);
    }

    /**
     * Whether the private key undoes its public exponent: checked once at build time, so that a damaged key (jose4j and
     * the JDK build one from any members) fails the deployment rather than every token.
     */
    private static boolean isPairOf(RSAPrivateKey key, BigInteger e) {
        BigInteger n = key.getModulus();
        BigInteger m = BigInteger.valueOf(0x5EED_CAFEL);
        try {
            Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
            raw.init(Cipher.DECRYPT_MODE, key);
            byte[] c = m.modPow(e, n).toByteArray();
            return new BigInteger(1, raw.doFinal(c, c[0] == 0 ? 1 : 0, c[0] == 0 ? c.length - 1 : c.length)).equals(m);
        } catch (GeneralSecurityException | RuntimeException broken) {
            return false;
        }
    }

    /** Whether this key may decrypt a token whose {@code alg} is {@code alg}: its own {@code alg} absent or equal. */
    boolean fits(DecryptionAlgorithm alg) {
        return algorithm == null || algorithm == alg;
    }

    /** For logs and errors: size, alg, kid; never key material. */
    String describe() {
        return "RSA " + key.getModulus().bitLength() + "-bit private key"
                + (algorithm == null ? "" : " for " + algorithm)
                + (keyId == null ? "" : " kid " + dev.tokenguard.Verification.quote(keyId));
    }

    @Override
    public String toString() {
        return "DecryptionKey[" + describe() + "]";
    }
}
