package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenguard.internal.PlainValues;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * TokenGuard's JSON ({@code JsonText}, through {@link JsonObjects}) against two independent parsers: whatever
 * Parsson in strict mode (RFC 8259, duplicate names refused) refuses must be refused; whatever it accepts must come
 * out with the values jose4j's {@code JsonUtil.parseJson} gives (same types, same order; what TokenGuard used
 * before, BENCHMARKS.md), or be refused as nested too deeply. The inputs are tricky cases by hand, then generated
 * and mutated ones from fixed seeds.
 */
class JsonTextTest {

    private static final JsonParserFactory STRICT = Json.createParserFactory(Map.of(
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            "org.eclipse.parsson.maxDepth", 100_000));

    /** Inputs per generated test; -Djsontext.iterations=2000000 for a longer run. */
    private static final int ITERATIONS = Integer.getInteger("jsontext.iterations", 150_000);

    static boolean strictlyAnObject(String json) {
        // Parsson's events, not a JsonReader: readObject() ignores what follows the object, and building the values
        // recurses (deep nesting) and converts numbers (huge exponents); only the syntax is wanted here. Duplicate
        // names are checked per object along the way.
        try (JsonParser parser = STRICT.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return false;
            }
            Deque<Set<String>> names = new ArrayDeque<>();
            names.push(new HashSet<>());
            int depth = 1;
            while (depth > 0) {
                switch (parser.next()) {
                    case START_OBJECT -> {
                        depth++;
                        names.push(new HashSet<>());
                    }
                    case END_OBJECT -> {
                        depth--;
                        names.pop();
                    }
                    case START_ARRAY -> {
                        depth++;
                        names.push(new HashSet<>()); // unused, keeps push and pop paired
                    }
                    case END_ARRAY -> {
                        depth--;
                        names.pop();
                    }
                    case KEY_NAME -> {
                        if (!names.peek().add(parser.getString())) {
                            return false;
                        }
                    }
                    default -> {
                    }
                }
            }
            return !parser.hasNext();
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return false;
        }
    }

    /** The former JsonObjects.parse, on jose4j's JsonUtil: "ok " + values, or the refusal detail. */
    static String reference(String json) {
        Map<String, Object> parsed;
        try {
            parsed = JsonUtil.parseJson(json);
        } catch (Exception | StackOverflowError e) {
            String reason = e.getMessage() != null && e.getMessage().contains("already exists")
                    ? "duplicate member name" : "invalid JSON";
            return "refused: x is not a JSON object (" + reason + ")";
        }
        if (parsed == null) {
            return "refused: x is not a JSON object";
        }
        try {
            return "ok " + describe(PlainValues.immutableMap(parsed));
        } catch (IllegalArgumentException e) {
            // PlainValues refuses what JsonText refuses: too deep, an integer beyond a long, a non-finite number.
            return e.getMessage().contains("nested") ? "refused: x is nested too deeply"
                    : "refused: x is not a JSON object (number out of range)";
        } catch (StackOverflowError tooDeep) {
            return "refused: x is nested too deeply";
        }
    }

    static String current(String json) {
        try {
            return "ok " + describe(JsonObjects.parse(json, "x"));
        } catch (RejectionException r) {
            return "refused: " + r.getMessage();
        }
    }

    /** Values with their types and order, so that 1 and 1.0, or two orders, differ. */
    static String describe(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(describe(k)).append(':').append(describe(x)).append(','));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(describe(x)).append(','));
            return b.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + "(" + v + ")";
    }

    private static final java.util.regex.Pattern LONG_NUMBER = java.util.regex.Pattern.compile(
            "[-0-9.eE+]{" + (dev.tokenguard.internal.PlainValues.MAX_NUMBER_CHARS + 1) + ",}");

    /**
     * The header parse: "ok", or the refusal in the words of {@link #current}; the same whether it reads every member
     * or none (a member it does not read is checked, not built, by other code).
     */
    static String shallow(String json) {
        String readingNone = shallow(json, Set.of());
        String readingAll = shallow(json, topLevelNames(json));
        assertEquals(readingNone, readingAll, () -> "reading no member and every member: " + printable(json));
        return readingAll;
    }

    private static String shallow(String json, Set<String> read) {
        try {
            JsonObjects.parseHeader(json, read);
            return "ok";
        } catch (RejectionException r) {
            return "refused: " + r.getMessage().replaceFirst("^header", "x");
        }
    }

    /** The top-level names of {@code json} if the full parse accepts it, else a few the generators use. */
    private static Set<String> topLevelNames(String json) {
        try {
            return JsonObjects.parse(json, "x").keySet();
        } catch (RejectionException notAnObject) {
            return Set.of("a", "b", "n", "x", "alg", "kid", "crit");
        }
    }

    @Test
    void aHeaderBuildsOnlyTheMembersItReads() throws Exception {
        String json = "{\"alg\":\"RS256\",\"kid\":\"k\\u00e9\",\"crit\":[\"b\"],\"b\":\"\\u00e9\","
                + "\"c\":[\"x\"],\"n\":1}";
        Map<String, Object> header = JsonObjects.parseHeader(json, Set.of("alg", "kid", "crit"));
        assertEquals(List.of("alg", "kid", "crit", "b", "c", "n"), List.copyOf(header.keySet()));
        assertEquals("RS256", header.get("alg"));
        assertEquals("k\u00e9", header.get("kid"));
        assertEquals(List.of("b"), header.get("crit"));
        for (String unread : List.of("b", "c", "n")) {
            Object value = header.get(unread);
            assertFalse(value instanceof String || value instanceof List || value instanceof Number, unread);
        }
        // Checked all the same: a bad escape, a raw control char, an unterminated string in a member not read
        for (String bad : List.of("\\x", "\\u00g0", "\u0001", "\\")) {
            String text = "{\"alg\":\"RS256\",\"other\":\"" + bad + "\"}";
            assertEquals("refused: x is not a JSON object (invalid JSON)", shallow(text, Set.of("alg")), printable(text));
        }
    }

    static void same(String json) {
        String current = current(json);
        // A header is read shallowly (numbers and nested values unread) but accepted and refused exactly alike,
        // except that it may hold at most MAX_HEADER_VALUES values.
        String header = shallow(json);
        if (!header.equals("refused: x is not a JSON object (too many values for a header)")) {
            assertEquals(current.startsWith("ok ") ? "ok" : current, header, () -> "shallow: " + printable(json));
        }
        if (strictlyAnObject(json)) {
            if (current.equals("refused: x is not a JSON object (number out of range)")
                    && LONG_NUMBER.matcher(json).find()) {
                return; // longer than PlainValues.MAX_NUMBER_CHARS: refused, whatever its value
            }
            assertEquals(reference(json), current, () -> "input: " + printable(json));
        } else {
            assertTrue(current.startsWith("refused: "), () -> "accepted non-strict JSON: " + printable(json));
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    @Test
    void handPickedCases() {
        String[] cases = {
            "", " ", "{}", "[]", "null", "1", "\"s\"", "true", "{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":1,\"A\":2}",
            "{\"a\" 1}", "{\"a\"::1}", "{,\"a\":1,,}", "{\"a\":1 \"b\":2}", "[1 2]", "[,1,,2,]", "{\"a\"}", "{\"a\":}",
            "{1:2}", "{null:1}", "{\"a\":[1,{\"b\":[]}]}", "{\"a\":[1}", "[1}", "{]", "{\"a\":1}}", "{\"a\":1} x",
            "{\"a\":1}\"already exists\"", "{\"a\":[\"already exists\" :]}", "{\"a\":1,\"a\":[", "{\"a\":1,\"a\":{",
            "{\"a\":1,\"a\":99999999999999999999}", "{\"a\":99999999999999999999}", "{\"a\":9223372036854775807}",
            "{\"a\":-9223372036854775808}", "{\"a\":-9223372036854775809}", "{\"a\":0000000000000000000001}",
            "{\"a\":-0}", "{\"a\":-0.0}", "{\"a\":01.50}", "{\"a\":1e5}", "{\"a\":1E+5}", "{\"a\":1e-5}", "{\"a\":1.}",
            "{\"a\":1.e5}", "{\"a\":1.5e}", "{\"a\":1.5.3}", "{\"a\":-}", "{\"a\":-a}", "{\"a\":+1}", "{\"a\":.5}",
            "{\"a\":1e999}", "{\"a\":-1e999}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":nullnull}",
            "{\"a\":falsefalse}", "{\"a\":True}", "{\"a\":\"\\u0041\\u00e9\\ud83d\\ude00\"}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\U0041\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\\"}", "{\"a\":\"\\\\\"}", "{\"a\":\"\\/\\b\\f\\n\\r\\t\"}",
            "{\"a\":\"tab\there\"}", "{\"a\":\"nl\nhere\"}", "{\"a\":\"\u0000\"}", "{\"a\":\"\uffff\"}", "{\"a\":\"\uffff",
            "{\"a\":\"unterminated", "{\"a\":\"x\\", "{\"a\\", "\"", "{\"", "\uffff", "{\uffff}", "{\"a\":1}\uffff",
            "{\"a\":1}\u0000", "{\"a\":1}\f", "\f{}", "{\u00a0}", "{\u2028}", "{\"a\":1}\n", " {\"a\" : [ 1 , 2 ] } ",
            "{\"a\":{\"b\":{\"c\":1}}}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "{\"\":\"\"}", "{\"a\":\"\",\"\":1,\"\":2}", "{\"already exists\":1,\"already exists\":2}",
        };
        for (String c : cases) {
            same(c);
        }
    }

    @Test
    void refusalReasonsNameTheRuleAndNeverTheInput() {
        assertEquals("refused: x is not a JSON object (duplicate member name)", current("{\"a\":1,\"a\":2}"));
        assertEquals("refused: x is not a JSON object (duplicate member name)",
                current("{\"a\":{\"secret\":1,\"secret\":1}}"));
        assertEquals("refused: x is nested too deeply", current("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"));
        for (String notStrict : new String[] {"{\"secret\" 1}", "{\"secret\":1 \"b\":2}", "{\"secret\":\"a\nb\"}",
            "{\"secret\":\"a\u0000b\"}", "{\"secret\":01}", "{\"secret\":1,}", "{\"secret\":\"\\x\"}", "[1]",
            "{\"secret\":1} {}", "{\"secret\":\"\\u00e\"}", "{\"secret\":\"\\u\uff10\uff10\uff10\uff10\"}"}) {
            assertEquals("refused: x is not a JSON object (invalid JSON)", current(notStrict), notStrict);
        }
    }

    @Test
    void deepNesting() {
        for (int depth : new int[] {30, 31, 32, 33, 34, 100, 5000}) {
            same("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
            same("{\"a\":" + "[".repeat(depth) + "1" + "]".repeat(depth) + "}");
            same("{\"a\":" + "{\"b\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
            same("{\"a\":" + "[".repeat(depth) + "]".repeat(depth - 1) + "}");
            same("{\"a\":" + "{\"b\":".repeat(depth) + "1" + "}".repeat(depth) + ",\"a\":1}");
            same("{\"a\":" + "[".repeat(depth) + "{}" + "]".repeat(depth) + "}");
            same("{\"a\":" + "[".repeat(depth) + "{}" + "]".repeat(depth) + "} x");
            same("[" + "{\"b\":".repeat(depth) + "1" + "}".repeat(depth) + "]");
        }
    }

    private static final String[] PIECES = {"{", "}", "[", "]", ",", ":", "\"", "\"a\"", "\"b\"", "\"a\":", "1", "-",
        "0", "9", ".", "e", "E", "+", "1.5", "-2", "1e3", "true", "false", "null", "tru", " ", "\t", "\n", "\r", "\f",
        "\\", "\\u", "\\u00e9", "\\n", "\\\"", "x", "\u00e9", "\u0000", "\uffff", "\ud83d", "already exists",
        "99999999999999999999", "/", "u", "00"};

    @Test
    void randomPieces() {
        Random random = new Random(Long.getLong("jsontext.seed", 20261126L));
        for (int i = 0; i < ITERATIONS; i++) {
            StringBuilder b = new StringBuilder();
            if (random.nextInt(4) > 0) {
                b.append('{');
            }
            int n = random.nextInt(14);
            for (int j = 0; j < n; j++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            if (random.nextInt(4) > 0) {
                b.append('}');
            }
            same(b.toString());
        }
    }

    @Test
    void mutatedClaimSets() {
        Random random = new Random(Long.getLong("jsontext.seed", 7L));
        List<String> seeds = new ArrayList<>(List.of(
                "{\"iss\":\"https://issuer.example.com\",\"sub\":\"alice\",\"aud\":[\"https://api.example.com\",\"x\"],"
                        + "\"exp\":1893456000,\"iat\":1.7e9,\"jti\":\"a-b\\u0041\",\"scope\":\"read write\","
                        + "\"groups\":[\"read\",\"staff\"],\"profile\":{\"age\":-3,\"ok\":true,\"none\":null}}",
                "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-49\",\"crit\":[\"exp\"]}"));
        for (int i = 0; i < ITERATIONS; i++) {
            StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && b.length() > 0; e++) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(5)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    case 2 -> b.setCharAt(at, PIECES[random.nextInt(PIECES.length)].charAt(0));
                    case 3 -> {
                        int len = Math.min(b.length() - at, 1 + random.nextInt(20));
                        b.insert(at, b.substring(at, at + len)); // duplicates a span: repeated names, values
                    }
                    default -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(10)));
                }
            }
            same(b.toString());
        }
    }

    /**
     * The range of a number is decided from its digits, without converting it: the decision must be exactly the
     * JDK's (a long for integers, a finite double for the rest), here at and around both limits.
     */
    @Test
    void theRangeOfANumberIsTheJdksWithoutParsingIt() {
        java.util.Random random = new java.util.Random(7);
        List<String> numbers = new ArrayList<>(List.of("9223372036854775807", "9223372036854775808",
                "-9223372036854775808", "-9223372036854775809", "10000000000000000000", "999999999999999999",
                "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587e212",
                "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977588e212",
                "0.0017976931348623158079372897140530341507993413271003782693617377898044496829276475e311",
                "-1.7976931348623158079372897140530341507993413271003782693617377898044496829276475e308",
                "1e308", "1e309", "10e307", "0.1e310", "0.00000e999", "0e999999999", "1e-400", "-0.0", "4.9e-324",
                "1E+308", "1.8E308", "0.000000000000000000000000000000000000000000000000000001e362"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "-" : "");
            int intDigits = 1 + random.nextInt(25);
            b.append(1 + random.nextInt(9));
            for (int d = 1; d < intDigits; d++) {
                b.append(random.nextInt(3) == 0 ? '9' : (char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                b.append('.');
                for (int d = 0, n = 1 + random.nextInt(20); d < n; d++) {
                    b.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(3) > 0) {
                b.append(random.nextBoolean() ? 'e' : 'E').append(309 - intDigits - random.nextInt(3));
            }
            numbers.add(b.toString());
        }
        for (String n : numbers) {
            boolean integer = !n.contains(".") && !n.contains("e") && !n.contains("E");
            boolean inRange;
            if (integer) {
                inRange = new java.math.BigInteger(n).bitLength() < 64;
            } else {
                inRange = Double.isFinite(Double.parseDouble(n));
            }
            String parsed = current("{\"n\":" + n + "}");
            String expected = inRange ? "ok " + describe(Map.of("n", integer ? (Object) Long.parseLong(n)
                    : (Object) Double.parseDouble(n))) : "refused: x is not a JSON object (number out of range)";
            assertEquals(expected, parsed, n);
            assertEquals(inRange ? "ok" : expected, shallow("{\"n\":" + n + "}"), n);
        }
    }

    @Test
    void aHeaderHoldsAtMost64Values() {
        String sixtyFour = "{\"alg\":\"RS256\",\"x\":[" + "1,".repeat(61) + "1]}"; // 2 + 1 + 61 values
        assertEquals("ok", shallow(sixtyFour));
        assertEquals("refused: x is not a JSON object (too many values for a header)",
                shallow(sixtyFour.replace("[1,", "[1,1,")));
        assertEquals("refused: x is not a JSON object (too many values for a header)",
                shallow("{" + java.util.stream.IntStream.range(0, 64).mapToObj(i -> "\"a" + i + "\":{},")
                        .collect(java.util.stream.Collectors.joining()) + "\"alg\":\"RS256\"}"));
        assertTrue(current(sixtyFour.replace("[1,", "[1,1,")).startsWith("ok "), "claims have no such bound");
    }
}
