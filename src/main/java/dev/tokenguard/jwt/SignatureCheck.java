package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
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

    static void verify(CompactJws jws, Algorithm algorithm, VerificationKey key) throws Refusal {
        byte[] signature = jws.signature();
        if (algorithm.family() == KeyFamily.EC) {
            checkEcdsaForm(signature, algorithm, (ECPublicKey) key.key());
        }
        boolean valid;
        try {
            JsonWebSignatureAlgorithm jose = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory()
                    .getAlgorithm(algorithm.jwsName());
            jose.validateVerificationKey(key.key());
            valid = jose.verifySignature(signature, key.key(), jws.signingInput(), PROVIDERS);
        } catch (Exception e) {
            // A signature the provider cannot even parse is simply not a valid signature.
            valid = false;
        }
        if (!valid) {
            throw new Refusal(Rejection.BAD_SIGNATURE, algorithm + " signature does not verify with " + key.describe());
        }
    }

    private static void checkEcdsaForm(byte[] signature, Algorithm algorithm, ECPublicKey key) throws Refusal {
        int expected = algorithm.ecdsaSignatureBytes();
        if (signature.length != expected) {
            throw new Refusal(Rejection.BAD_SIGNATURE, algorithm + " signature is " + signature.length
                    + " bytes instead of " + expected);
        }
        BigInteger n = key.getParams().getOrder();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, expected / 2));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, expected / 2, expected));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            throw new Refusal(Rejection.BAD_SIGNATURE, algorithm + " signature with r or s outside 1..n-1");
        }
    }
}
