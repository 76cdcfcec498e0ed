package dev.tokenguard.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A token split into the three parts of a compact JWS (RFC 7515 §7.1), each strictly base64url-decoded.
 *
 * <p>Strict means: no padding, no characters outside the base64url alphabet, no length that cannot come
 * from an encoder, and zero unused bits in the last character, so that exactly one string encodes each
 * token. The JDK decoder accepts padding and non-zero unused bits, hence the checks here.
 */
final class CompactJws {

    private final String headerJson;
    private final byte[] payload;
    private final byte[] signature;
    private final byte[] signingInput;

    private CompactJws(String headerJson, byte[] payload, byte[] signature, byte[] signingInput) {
        this.headerJson = headerJson;
        this.payload = payload;
        this.signature = signature;
        this.signingInput = signingInput;
    }

    /** Splits and decodes {@code token}; the caller has already applied the size cap. */
    static CompactJws parse(String token) throws Refusal {
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 < 0 || dot2 < 0) {
            throw Refusal.malformed("not three dot-separated parts");
        }
        if (token.indexOf('.', dot2 + 1) >= 0) {
            long parts = token.chars().filter(c -> c == '.').count() + 1;
            throw Refusal.malformed(parts == 5 ? "five parts: encrypted tokens (JWE) are not accepted"
                    : parts + " parts instead of three");
        }
        String header = token.substring(0, dot1);
        String payload = token.substring(dot1 + 1, dot2);
        String signature = token.substring(dot2 + 1);
        if (header.isEmpty()) {
            throw Refusal.malformed("empty header");
        }
        if (signature.isEmpty()) {
            throw Refusal.malformed("empty signature");
        }
        byte[] headerBytes = decode(header, "header");
        byte[] payloadBytes = decode(payload, "payload");
        byte[] signatureBytes = decode(signature, "signature");
        // The signing input is the ASCII of the first two parts; the checks above made them ASCII.
        byte[] signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        return new CompactJws(utf8(headerBytes, "header"), payloadBytes, signatureBytes, signingInput);
    }

    static byte[] decode(String part, String name) throws Refusal {
        int n = part.length();
        if (n % 4 == 1) {
            throw Refusal.malformed(name + " has an impossible base64url length");
        }
        for (int i = 0; i < n; i++) {
            if (value(part.charAt(i)) < 0) {
                throw Refusal.malformed(name + " is not base64url (character at " + i + ")");
            }
        }
        if (n % 4 != 0) {
            int last = value(part.charAt(n - 1));
            int unusedBitsMask = n % 4 == 2 ? 0x0f : 0x03;
            if ((last & unusedBitsMask) != 0) {
                throw Refusal.malformed(name + " is not canonical base64url (non-zero unused bits)");
            }
        }
        return Base64.getUrlDecoder().decode(part);
    }

    static String utf8(byte[] bytes, String name) throws Refusal {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Refusal.malformed(name + " is not UTF-8");
        }
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }

    String headerJson() {
        return headerJson;
    }

    byte[] payload() {
        return payload;
    }

    byte[] signature() {
        return signature;
    }

    byte[] signingInput() {
        return signingInput;
    }
}
