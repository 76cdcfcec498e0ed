package dev.tokenguard.testing;

import java.security.Key;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;

/** A compact JWE made by jose4j's own producer, with no constraints, so it also makes what TokenGuard refuses. */
public final class Jose4jJwe {

    private Jose4jJwe() {
    }

    /** {@code kid}, {@code cty} and {@code zip} are left out of the header when null. */
    public static String encrypt(String alg, String enc, Key key, String kid, String cty, String zip, String plaintext) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jwe.setContentEncryptionAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jwe.setAlgorithmHeaderValue(alg);
            jwe.setEncryptionMethodHeaderParameter(enc);
            if (kid != null) {
                jwe.setKeyIdHeaderValue(kid);
            }
            if (cty != null) {
                jwe.setContentTypeHeaderValue(cty);
            }
            if (zip != null) {
                jwe.setCompressionAlgorithmHeaderParameter(zip);
            }
            jwe.setPlaintext(plaintext);
            jwe.setKey(key);
            return jwe.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
