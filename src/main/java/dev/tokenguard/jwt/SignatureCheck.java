package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import javax.crypto.Mac;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;

/**
 * Checks the signature of a compact JWS with one key, through jose4j (SmallRye JWT's JOSE engine).
 *
 * <p>ECDSA signatures get a stricter form check first: exactly the length RFC 7518 §3.4 prescribes, and
 * 0 &lt; r, s &lt; n. jose4j accepts shorter signatures and r or s ≥ n (reduced modulo n), which the
 * Wycheproof vectors mark invalid; "psychic signatures" (r = s = 0, CVE-2022-21449) are refused here
 * whatever the JDK does.
 */
final class SignatureCheck {

    private static final ProviderContext PROVIDERS = new ProviderContext();

    private SignatureCheck() {
    }

    static void verify(CompactJws jws, Algorithm algorithm, VerificationKey key) throws RejectionException {
        byte[] signature = jws.signature();
        if (algorithm.family() == KeyFamily.EC) {
            checkEcdsaForm(signature, algorithm, (ECPublicKey) key.key());
        }
        boolean valid;
        try {
            JsonWebSignatureAlgorithm jose = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory()
                    .getAlgorithm(algorithm.jwsName());
            if (algorithm.family() != KeyFamily.RSA) {
                // jose4j would also refuse RSA keys under 2048 bits; VerificationKey.of has already checked every RSA
                // key (type, size against the verifier's minRsaKeyBits, exponent, ROCA).
                jose.validateVerificationKey(key.key());
            }
            valid = algorithm.isHmac() ? verifyHmac(jose, key.key(), signature, jws.signingInput())
                    : jose.verifySignature(signature, key.key(), jws.signingInput(), PROVIDERS);
        } catch (Exception e) {
            // A signature the provider cannot even parse is simply not a valid signature.
            valid = false;
        }
        if (!valid) {
            throw new RejectionException(Rejection.BAD_SIGNATURE, algorithm + " signature does not verify with " + key.describe());
        }
    }

    /**
     * What jose4j's HMAC verification does (the MAC of the signing input with the key, compared in constant time),
     * without its Mac.getInstance and init on every token: those cost a fifth of an HS256 verification
     * (BENCHMARKS.md). A Mac initialised with the key is kept per key and algorithm, and each verification works on a
     * clone of it; the prototype itself is never updated, so concurrent clones are safe. Weakly held: a key
     * dropped by its verifier goes, and so does its Mac.
     */
    private static boolean verifyHmac(JsonWebSignatureAlgorithm jose, Key key, byte[] signature, byte[] input)
            throws GeneralSecurityException {
        String javaName = jose.getJavaAlgorithm();
        Mac prototype;
        synchronized (HMAC_PROTOTYPES) {
            Map<String, Mac> byAlgorithm = HMAC_PROTOTYPES.computeIfAbsent(key, k -> new HashMap<>());
            prototype = byAlgorithm.get(javaName);
            if (prototype == null) { // once per key and algorithm
                prototype = Mac.getInstance(javaName);
                prototype.init(key);
                byAlgorithm.put(javaName, prototype);
            }
        }
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
            mac = Mac.getInstance(javaName);
            mac.init(key);
        }
        return MessageDigest.isEqual(signature, mac.doFinal(input));
    }

    /** Per HMAC key (keys with the same bytes share one): its initialised Mac per Java algorithm name. */
    private static final Map<Key, Map<String, Mac>> HMAC_PROTOTYPES = new WeakHashMap<>();

    private static void checkEcdsaForm(byte[] signature, Algorithm algorithm, ECPublicKey key) throws RejectionException {
        int expected = algorithm.ecdsaSignatureBytes();
        if (signature.length != expected) {
            throw new RejectionException(Rejection.BAD_SIGNATURE, algorithm + " signature is " + signature.length
                    + " bytes instead of " + expected);
        }
        BigInteger n = key.getParams().getOrder();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, expected / 2));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, expected / 2, expected));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            throw new RejectionException(Rejection.BAD_SIGNATURE, algorithm + " signature with r or s outside 1..n-1");
        }
    }
}
