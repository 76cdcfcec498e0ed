package dev.tokenguard.jwt;

import java.nio.charset.StandardCharsets;

/**
 * A token split into the five parts of a compact JWE (RFC 7516 §7.1), each decoded by the same strict base64url
 * decoder as a JWS ({@link CompactJws#decode}): one string per token, here too.
 */
record CompactJwe(String headerJson, byte[] additionalData, byte[] encryptedKey, byte[] iv, byte[] ciphertext,
                  byte[] tag) {

    /** Splits and decodes {@code token}; the caller has already applied the size cap. */
    static CompactJwe parse(String token) throws RejectionException {
        int[] dots = new int[4];
        int count = 0;
        for (int i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) {
            if (count == 4) {
                throw RejectionException.malformed("more than five parts");
            }
            dots[count++] = i;
        }
        if (count == 2) {
            throw RejectionException.malformed("three parts (a signed JWS): an encrypted token (JWE) is required");
        }
        if (count != 4) {
            throw RejectionException.malformed((count + 1) + " parts instead of the five of an encrypted token (JWE)");
        }
        if (dots[0] == 0) {
            throw RejectionException.malformed("empty JWE header");
        }
        String encodedHeader = token.substring(0, dots[0]);
        byte[] header = CompactJws.decode(encodedHeader, "JWE header");
        byte[] encryptedKey = CompactJws.decode(token.substring(dots[0] + 1, dots[1]), "encrypted key");
        byte[] iv = CompactJws.decode(token.substring(dots[1] + 1, dots[2]), "IV");
        byte[] ciphertext = CompactJws.decode(token.substring(dots[2] + 1, dots[3]), "ciphertext");
        byte[] tag = CompactJws.decode(token.substring(dots[3] + 1), "authentication tag");
        // RFC 7516 §5.2 step 14: the additional authenticated data is the encoded header as it was sent (ASCII: the
        // strict decoder above has refused anything else).
        return new CompactJwe(CompactJws.utf8(header, "JWE header"), encodedHeader.getBytes(StandardCharsets.US_ASCII),
                encryptedKey, iv, ciphertext, tag);
    }

    @Override
    public String toString() {
        return "CompactJwe[...]"; // never the token's bytes
    }
}
