package dev.tokenguard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    /** One request line, with an optional {@code Authorization} value. */
    record Request(String method, String path, String authorization) {
    }

    static Request request(String method, String path, String authorization) {
        return new Request(method, path, authorization);
    }

    /**
     * One response read by its {@code Content-Length}; {@code trailing} is whatever the server wrote after the
     * last expected response (it must be nothing).
     */
    record Response(int status, String head, String body, String trailing) {
    }

    /**
     * Sends every request on one keep-alive connection, one after the other, and reads each response exactly by
     * its {@code Content-Length} (chunked bodies are read to their last chunk), until the server says
     * {@code Connection: close}. A server that writes more than it announced corrupts the answers that follow,
     * which is what this is for.
     */
    static List<Response> keepAlive(URI base, List<Request> requests) throws IOException {
        List<Response> responses = new ArrayList<>();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            for (Request r : requests) {
                out.write((r.method() + " " + r.path() + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\n" + (r.authorization() == null ? "" : "Authorization: " + r.authorization() + "\r\n")
                        + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String head = readHead(in);
                int status = Integer.parseInt(head.split(" ", 3)[1]);
                String body = readBody(in, head);
                responses.add(new Response(status, head, body, ""));
                if (head.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close")) {
                    break; // the server ends the connection here, as HTTP/1.1 lets it
                }
            }
            // Anything more the server sends within a moment is a desync.
            socket.setSoTimeout(500);
            ByteArrayOutputStream extra = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) != -1) {
                    extra.write(b);
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // nothing more: good
            }
            if (!responses.isEmpty() && extra.size() > 0) {
                Response last = responses.remove(responses.size() - 1);
                responses.add(new Response(last.status(), last.head(), last.body(),
                        extra.toString(StandardCharsets.ISO_8859_1)));
            }
        }
        return responses;
    }

    /** The status line and headers, up to and including the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        throw new IOException("the connection ended inside a response head: " + head);
    }

    private static String readBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lower);
        if (length.find()) {
            return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in).strip();
                int n = Integer.parseInt(size.split(";")[0], 16);
                if (n == 0) {
                    readLine(in); // the empty line after the last chunk
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.writeBytes(in.readNBytes(n));
                readLine(in);
            }
        }
        return "";
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
