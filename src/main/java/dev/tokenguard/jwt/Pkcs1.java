package dev.tokenguard.jwt;

import java.io.ByteArrayOutputStream;

/**
 * Wraps a PKCS#1 {@code RSAPublicKey} ("-----BEGIN RSA PUBLIC KEY-----") in a SubjectPublicKeyInfo, the
 * only public-key encoding the JDK's {@code KeyFactory} reads. Hand-written because neither the JDK nor
 * jose4j nor SmallRye JWT decodes PKCS#1 public keys; it is a fixed DER prefix and two length fields.
 */
final class Pkcs1 {

    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private Pkcs1() {
    }

    static byte[] rsaPublicKeyToSpki(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream();
        bitString.write(0x03);
        writeLength(bitString, pkcs1.length + 1);
        bitString.write(0x00); // no unused bits
        bitString.writeBytes(pkcs1);
        byte[] body = concat(RSA_ALGORITHM_ID, bitString.toByteArray());
        ByteArrayOutputStream spki = new ByteArrayOutputStream();
        spki.write(0x30);
        writeLength(spki, body.length);
        spki.writeBytes(body);
        return spki.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
