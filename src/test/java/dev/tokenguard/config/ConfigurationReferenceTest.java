package dev.tokenguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenguard.internal.config.RoleMapping;
import dev.tokenguard.jwt.JwtVerifier;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/configuration.md) against the code that owns each setting: every property
 * TokenGuard reads has exactly one row, and the defaults the builder owns are the ones the table shows.
 */
class ConfigurationReferenceTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)(?:<[^>`]+>)?` \\| ([^|]*) \\|");

    private static Map<String, String> rows() throws Exception {
        Map<String, String> rows = new TreeMap<>();
        List<String> repeated = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find() && rows.put(m.group(1), m.group(2).strip()) != null) {
                repeated.add(m.group(1));
            }
        }
        assertEquals(List.of(), repeated, "properties with more than one row");
        return rows;
    }

    @Test
    void everyPropertyHasExactlyOneRow() throws Exception {
        TreeSet<String> keys = new TreeSet<>();
        for (Field f : ConfigKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                keys.add((String) f.get(null));
            }
        }
        assertEquals(keys, new TreeSet<>(rows().keySet()));
    }

    @Test
    void theDefaultsAreTheBuildersConstants() throws Exception {
        Map<String, String> rows = rows();
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry(ConfigKeys.CLOCK_SKEW, "`" + JwtVerifier.DEFAULT_CLOCK_SKEW.toSeconds() + "`"),
                Map.entry(ConfigKeys.MAX_TOKEN_SIZE, "`" + JwtVerifier.DEFAULT_MAX_TOKEN_SIZE + "`"),
                Map.entry(ConfigKeys.MIN_RSA_KEY_BITS, "`" + JwtVerifier.DEFAULT_MIN_RSA_KEY_BITS + "`"),
                Map.entry(ConfigKeys.JWKS_CACHE_TTL, duration(JwtVerifier.DEFAULT_KEY_SET_CACHE_TTL)),
                Map.entry(ConfigKeys.JWKS_MIN_REFRESH_INTERVAL,
                        duration(JwtVerifier.DEFAULT_KEY_SET_MIN_REFRESH_INTERVAL)),
                Map.entry(ConfigKeys.JWKS_OUTAGE_TOLERANCE, duration(JwtVerifier.DEFAULT_KEY_SET_OUTAGE_TOLERANCE)),
                Map.entry(ConfigKeys.JWKS_CONNECT_TIMEOUT, duration(JwtVerifier.DEFAULT_KEY_SET_CONNECT_TIMEOUT)),
                Map.entry(ConfigKeys.JWKS_READ_TIMEOUT, duration(JwtVerifier.DEFAULT_KEY_SET_READ_TIMEOUT)),
                Map.entry(ConfigKeys.INTROSPECTION_CACHE_TTL,
                        "`" + dev.tokenguard.introspection.IntrospectionVerifier.DEFAULT_CACHE_TTL.toSeconds() + "`"),
                Map.entry(ConfigKeys.MCP_MAX_MESSAGE_SIZE,
                        "`" + dev.tokenguard.internal.config.McpSettings.DEFAULT_MAX_MESSAGE_SIZE + "`"),
                Map.entry(ConfigKeys.CACHE_SIZE, "`" + JwtVerifier.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE + "`"),
                Map.entry(ConfigKeys.CACHE_TTL, duration(JwtVerifier.DEFAULT_VERIFIED_TOKEN_CACHE_TTL)),
                Map.entry(ConfigKeys.ROLES, "`" + String.join(",", RoleMapping.SCOPES_ONLY.sources()) + "`")));
        Map<String, String> documented = new TreeMap<>();
        expected.keySet().forEach(k -> documented.put(k, rows.get(k)));
        assertEquals(expected, documented);
        String algorithms = rows.get(ConfigKeys.ALGORITHMS);
        assertEquals("`" + JwtVerifier.DEFAULT_ALGORITHM + "`", algorithms.substring(0, algorithms.indexOf(' ')));
    }

    /** As the table writes durations: the largest whole unit. */
    private static String duration(Duration d) {
        long s = d.toSeconds();
        return "`" + (s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s") + "`";
    }
}
