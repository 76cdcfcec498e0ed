package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.security.SecureRandom;
import java.util.Set;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwa.CryptoPrimitive;
import org.jose4j.jwe.ContentEncryptionAlgorithm;
import org.jose4j.jwe.ContentEncryptionParts;
import org.jose4j.jwe.KeyManagementAlgorithm;
import org.jose4j.jwx.Headers;
import org.jose4j.lang.JoseException;

/**
 * The encryption layer of a signed-then-encrypted token (MicroProfile JWT 2.1): compact form, JWE header, key,
 * decryption; what it hands back is the inner token, which {@link JwtVerifier} then checks exactly like a token that
 * came unencrypted. The cryptography is jose4j's JWE algorithm classes (as {@link SignatureCheck} uses its JWS ones);
 * the header is TokenGuard's strict parse, so jose4j's lenient JSON parser never sees the token.
 */
final class JweDecryption {

    private static final ProviderContext PROVIDERS = new ProviderContext();
    /** The JWE algorithms read no header here; they only ask it for a provider, and get the default. */
    private static final Headers NO_HEADERS = new Headers();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** RFC 7518 §5.3: A256GCM takes a 256-bit key, a 96-bit IV, and makes a 128-bit tag. */
    private static final int CEK_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;

    /** The one detail of every decryption failure, whatever failed: refusals must be no oracle. */
    static final String UNDECRYPTABLE = "the token does not decrypt with the decryption key";

    private final Set<DecryptionAlgorithm> allowed;
    private final Set<String> understoodCritical;
    private final DecryptionKeys keys;

    JweDecryption(Set<DecryptionAlgorithm> allowed, Set<String> understoodCritical, DecryptionKeys keys) {
        this.allowed = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(allowed)); // in order, for logs
        this.understoodCritical = Set.copyOf(understoodCritical);
        this.keys = keys;
    }

    /** The inner token of an encrypted one (the caller has applied the size cap), or a refusal. */
    String decrypt(String token) throws RejectionException {
        CompactJwe jwe = CompactJwe.parse(token);
        JweHeader header = JweHeader.parse(jwe.headerJson(), allowed, understoodCritical);
        DecryptionKey key = keys.keyFor(header);
        return CompactJws.utf8(open(jwe, header.algorithm(), key), "decrypted token");
    }

    /**
     * The plaintext, or the one refusal for every failure. RFC 7516 §11.5: an encrypted key that does not unwrap is
     * not told apart from content that does not decrypt, not even by time taken: a random key takes its place and the
     * tag check fails as it would for a forged tag, so that nothing about the RSA padding leaks (Manger's attack on
     * OAEP).
     */
    private static byte[] open(CompactJwe jwe, DecryptionAlgorithm algorithm, DecryptionKey key)
            throws RejectionException {
        AlgorithmFactoryFactory factories = AlgorithmFactoryFactory.getInstance();
        ContentEncryptionAlgorithm content;
        KeyManagementAlgorithm keyManagement;
        try {
            content = factories.getJweContentEncryptionAlgorithmFactory().getAlgorithm(JweHeader.CONTENT_ENCRYPTION);
            keyManagement = factories.getJweKeyManagementAlgorithmFactory().getAlgorithm(algorithm.jweName());
        } catch (JoseException unavailable) {
            throw new IllegalStateException("jose4j lacks " + algorithm + " or " + JweHeader.CONTENT_ENCRYPTION);
        }
        byte[] cek = null;
        try {
            CryptoPrimitive rsa = keyManagement.prepareForDecrypt(key.key(), NO_HEADERS, PROVIDERS);
            cek = keyManagement.manageForDecrypt(rsa, jwe.encryptedKey(), content.getContentEncryptionKeyDescriptor(),
                    NO_HEADERS, PROVIDERS).getEncoded();
        } catch (Exception notUnwrapped) {
            // a random key below, and the same refusal
        }
        if (cek == null || cek.length != CEK_BYTES) {
            cek = new byte[CEK_BYTES];
            RANDOM.nextBytes(cek);
        }
        try {
            if (jwe.iv().length != IV_BYTES || jwe.tag().length != TAG_BYTES) {
                throw new IllegalArgumentException(); // the refusal below
            }
            return content.decrypt(new ContentEncryptionParts(jwe.iv(), jwe.ciphertext(), jwe.tag()),
                    jwe.additionalData(), cek, NO_HEADERS, PROVIDERS);
        } catch (Exception notDecrypted) {
            // Never the exception's text: it could say which step failed.
            throw new RejectionException(Rejection.UNDECRYPTABLE, UNDECRYPTABLE);
        }
    }

    /** For the startup log: the algorithms and the keys, never key material. */
    String describe() {
        return allowed + " with " + JweHeader.CONTENT_ENCRYPTION + ", keys " + keys.describe();
    }
}
