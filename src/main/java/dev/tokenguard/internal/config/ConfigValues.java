package dev.tokenguard.internal.config;

import dev.tokenguard.config.ConfigurationException;
import dev.tokenguard.internal.HttpUris;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Typed reads from MicroProfile Config; every wrong value becomes a {@link ConfigurationException} that names
 * the property and what it expects. Values are never echoed for properties that may hold a secret.
 */
final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    private final Config config;

    ConfigValues(Config config) {
        this.config = config;
    }

    /** The trimmed value, or empty when unset or blank. */
    Optional<String> string(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A comma-separated list, entries trimmed, empty entries dropped. */
    List<String> list(String key) {
        List<String> values = new ArrayList<>();
        string(key).ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        });
        return values;
    }

    Optional<Boolean> bool(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, "expects true or false, not \"" + v.get() + "\"");
        });
    }

    /** A whole number; whether it may be zero or negative is for the setting it goes to. */
    Optional<Integer> integer(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(v.get()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "expects a whole number, not \"" + v.get() + "\"");
        }
    }

    /**
     * A duration: a number of seconds ({@code 30}), with a unit ({@code 500ms}, {@code 30s}, {@code 10m},
     * {@code 1h}), or ISO-8601 ({@code PT30S}).
     */
    Optional<Duration> duration(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String text = v.get().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return Optional.of(switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            });
        }
        try {
            Duration d = Duration.parse(v.get().toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return Optional.of(d);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ConfigurationException(key, "expects a duration such as 30 (seconds), 500ms, 30s, 10m, 1h or"
                + " PT30S, not \"" + v.get() + "\"");
    }

    /**
     * {@code value}, which TokenGuard copies into a {@code WWW-Authenticate} quoted-string: no control characters
     * (CR and LF would split the header), no quote or backslash (they would end or escape the string).
     */
    static String headerSafe(String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                throw new ConfigurationException(key, "must not contain control characters, quotes or backslashes:"
                        + " it is sent in the WWW-Authenticate header");
            }
        }
        return value;
    }

    /** An absolute http(s) URI. */
    Optional<URI> httpUri(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(httpUri(key, v.get()));
    }

    static URI httpUri(String key, String value) {
        try {
            return HttpUris.absolute(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, "expects an absolute http(s) URL, not \"" + value + "\"");
        }
    }
}
