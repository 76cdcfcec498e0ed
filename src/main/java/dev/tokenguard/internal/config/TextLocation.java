package dev.tokenguard.internal.config;

import dev.tokenguard.config.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the text at a configured location, as MicroProfile JWT's {@code mp.jwt.verify.publickey.location}
 * does: {@code classpath:path}, {@code file:path}, or a plain path tried on the application's class path
 * first and the file system second. http(s) locations are not read here: they are key-set URLs.
 */
final class TextLocation {

    private static final int MAX_BYTES = 1024 * 1024;

    private TextLocation() {
    }

    static boolean isHttp(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("https://") || l.startsWith("http://");
    }

    static String read(String key, String location) {
        try {
            if (location.startsWith("classpath:")) {
                String text = fromClasspath(location.substring("classpath:".length()));
                if (text == null) {
                    throw new ConfigurationException(key, "no class-path resource \"" + location + "\"");
                }
                return text;
            }
            if (location.startsWith("file:")) {
                return fromFile(Path.of(java.net.URI.create(location)));
            }
            String text = fromClasspath(location);
            return text != null ? text : fromFile(Path.of(location));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(key, "nothing at \"" + location + "\" (tried the class path and the"
                    + " file system; use classpath:..., file:... or an http(s) URL)");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(key, "cannot read \"" + location + "\": " + e.getClass().getSimpleName());
        }
    }

    private static String fromClasspath(String path) throws IOException {
        String resource = path.startsWith("/") ? path.substring(1) : path;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = TextLocation.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String fromFile(Path path) throws IOException {
        if (Files.size(path) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
