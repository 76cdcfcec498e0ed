package dev.tokenguard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a token, as a map key: lookups by digest keep token text out of the key space
 * and make hash-flooding pointless.
 */
public record TokenDigest(long a, long b, long c, long d) {

    // Cloning a prototype is cheaper than a provider lookup, and unlike a ThreadLocal it leaves
    // nothing behind on the server's pooled threads when the application is undeployed.
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static TokenDigest of(String token) {
        byte[] h = sha256().digest(token.getBytes(StandardCharsets.UTF_8));
        return new TokenDigest(toLong(h, 0), toLong(h, 8), toLong(h, 16), toLong(h, 24));
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static long toLong(byte[] h, int off) {
        long v = 0;
        for (int i = off; i < off + 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v;
    }

    @Override
    public String toString() {
        return "TokenDigest[" + Long.toHexString(a) + "...]";
    }
}
