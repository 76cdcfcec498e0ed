package dev.tokenguard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 request written byte for byte on a socket: attackers do not use clients that refuse to send NUL
 * bytes or oversized headers, so neither does this one.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code GET path} with one extra header line given as raw bytes; returns the status, or -1. */
    static int get(URI base, String path, byte[] headerLine) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(headerLine);
            out.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                statusLine.write(b);
            }
            String line = statusLine.toString(StandardCharsets.US_ASCII).trim();
            String[] parts = line.split(" ");
            return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (java.net.SocketException reset) {
            return -1; // the server closed the connection on us: also a refusal
        }
    }
}
