package dev.tokenguard.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    static CompactJws parse(String token) throws RejectionException {
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 < 0 || dot2 < 0) {
            throw RejectionException.malformed("not three dot-separated parts");
        }
        if (token.indexOf('.', dot2 + 1) >= 0) {
            long parts = token.chars().filter(c -> c == '.').count() + 1;
            throw RejectionException.malformed(parts == 5 ? "five parts: encrypted tokens (JWE) are not accepted"
                    : parts + " parts instead of three");
        }
        if (dot1 == 0) {
            throw RejectionException.malformed("empty header");
        }
        if (dot2 == token.length() - 1) {
            throw RejectionException.malformed("empty signature");
        }
        // The token's chars as bytes, once (a plain copy for the usual Latin-1 string). Any char outside the base64url
        // alphabet, including every one above 127, is refused below at its own index. Only a char beyond Latin-1
        // written as a surrogate pair makes the bytes shorter than the chars: then one byte per char.
        byte[] raw = token.getBytes(StandardCharsets.ISO_8859_1);
        if (raw.length != token.length()) {
            raw = oneBytePerChar(token);
        }
        byte[] headerBytes = decode(raw, 0, dot1, "header");
        byte[] payloadBytes = decode(raw, dot1 + 1, dot2, "payload");
        byte[] signatureBytes = decode(raw, dot2 + 1, raw.length, "signature");
        // The signing input is the ASCII of the first two parts; the checks above made them ASCII.
        byte[] signingInput = Arrays.copyOf(raw, dot2);
        return new CompactJws(utf8(headerBytes, "header"), payloadBytes, signatureBytes, signingInput);
    }

    /** Strict base64url of one part. */
    static byte[] decode(String part, String name) throws RejectionException {
        byte[] raw = oneBytePerChar(part);
        return decode(raw, 0, raw.length, name);
    }

    /** Each char as one byte, every non-ASCII one as 0xFF (outside the alphabet), so indexes stay the chars'. */
    private static byte[] oneBytePerChar(String token) {
        byte[] raw = new byte[token.length()];
        for (int i = 0; i < raw.length; i++) {
            char c = token.charAt(i);
            raw[i] = c < 128 ? (byte) c : (byte) 0xFF;
        }
        return raw;
    }

    /**
     * Strict base64url of {@code raw[from, to)}: the length first, then the alphabet (refused at the first char outside
     * it), then zero unused bits; the bytes are those {@code Base64.getUrlDecoder()} gives.
     */
    private static byte[] decode(byte[] raw, int from, int to, String name) throws RejectionException {
        int n = to - from;
        if (n % 4 == 1) {
            throw RejectionException.malformed(name + " has an impossible base64url length");
        }
        // The JDK's decoder is a hardware intrinsic (UseBASE64Intrinsics): 1.7 µs for an 11.8 KB header where the loop
        // below takes about 10 (JMH). It is lenient only about padding and unused bits, so it does the work when the
        // part has neither; anything it refuses is decoded again below, for the refusal's exact reason.
        if (n > 0 && raw[to - 1] != '=' && VALUES[raw[to - 1] & 0xff] >= 0 && unusedBitsAreZero(raw[to - 1], n % 4)) {
            try {
                ByteBuffer decoded = JDK_DECODER.decode(ByteBuffer.wrap(raw, from, n));
                return decoded.remaining() == decoded.array().length ? decoded.array()
                        : Arrays.copyOf(decoded.array(), decoded.remaining());
            } catch (IllegalArgumentException notBase64url) {
                // decoded below, which finds what is wrong
            }
        }
        int rest = n % 4;
        byte[] out = new byte[n / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
        int o = 0;
        int i = from;
        for (int full = to - rest; i < full; i += 4) {
            int a = VALUES[raw[i] & 0xff];
            int b = VALUES[raw[i + 1] & 0xff];
            int c = VALUES[raw[i + 2] & 0xff];
            int d = VALUES[raw[i + 3] & 0xff];
            if ((a | b | c | d) < 0) {
                throw notBase64(raw, i, from, name);
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (rest >= 2) {
            int a = VALUES[raw[i] & 0xff];
            int b = VALUES[raw[i + 1] & 0xff];
            int c = rest == 3 ? VALUES[raw[i + 2] & 0xff] : 0;
            if ((a | b | c) < 0) {
                throw notBase64(raw, i, from, name);
            }
            if (!unusedBitsAreZero(raw[i + rest - 1], rest)) {
                throw RejectionException.malformed(name + " is not canonical base64url (non-zero unused bits)");
            }
            int bits = a << 18 | b << 12 | c << 6;
            out[o++] = (byte) (bits >> 16);
            if (rest == 3) {
                out[o] = (byte) (bits >> 8);
            }
        }
        return out;
    }

    /** Whether the last char of a part whose length is {@code rest} mod 4 leaves no non-zero bits unused. */
    private static boolean unusedBitsAreZero(byte last, int rest) {
        int value = VALUES[last & 0xff];
        return switch (rest) {
            case 2 -> (value & 0x0f) == 0;
            case 3 -> (value & 0x03) == 0;
            default -> true;
        };
    }

    private static final Base64.Decoder JDK_DECODER = Base64.getUrlDecoder();

    private static RejectionException notBase64(byte[] raw, int i, int from, String name) {
        while (VALUES[raw[i] & 0xff] >= 0) {
            i++;
        }
        return RejectionException.malformed(name + " is not base64url (character at " + (i - from) + ")");
    }

    /** The value of each byte as a base64url digit, or -1. */
    private static final int[] VALUES = new int[256];

    static {
        for (int c = 0; c < 256; c++) {
            VALUES[c] = value((char) c);
        }
    }

    static String utf8(byte[] bytes, String name) throws RejectionException {
        if (isAscii(bytes)) {
            // The usual case: ASCII is the same in UTF-8 and Latin-1, and Latin-1 needs no decoder.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RejectionException.malformed(name + " is not UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
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
