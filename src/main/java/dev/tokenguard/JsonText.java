package dev.tokenguard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) objects from untrusted text: token headers and claims, fetched key sets. RFC 7519 §7.2
 * asks for "a completely valid JSON object"; anything RFC 8259 does not allow is refused: a missing or extra comma
 * or colon, a raw control character or an unknown escape in a string, a leading zero, text after the object. A
 * repeated member name is refused too (RFC 7515 §4 and RFC 7519 §4 allow either that or "the last one wins"; two
 * parsers that resolve it differently read two different tokens), and so is a value nested deeper than {@link PlainValues#MAX_DEPTH} (refused on the way
 * down, so the recursion below is bounded by it).
 *
 * <p>Why by hand: the core may not use Jakarta JSON-P, and the parser that jose4j ships (its fork of JSON-simple,
 * {@code JsonUtil.parseJson}) is lenient — Jazzer found signed tokens with missing commas, missing colons and raw
 * NULs in strings that it accepted (src/test/java/dev/tokenguard/fuzz/README.md) — and it allocated a 32 KB lexer
 * buffer per parse, the largest cost of an HS256 verification (BENCHMARKS.md). {@code JsonTextTest} holds this
 * parser to Parsson (strict) on what is refused and to jose4j on the values of what is accepted.
 *
 * <p>Values come out as {@link PlainValues#immutableMap} makes them: insertion-ordered read-only maps and lists
 * all the way down, String, Long, Double (for a fraction or an exponent, always finite), Boolean, null. A number
 * longer than {@link PlainValues#MAX_NUMBER_CHARS}, an integer beyond a long and a number too large for a double are refused
 * (RFC 8259 §9 lets a parser limit the range and precision of numbers): never rounded, never infinite.
 */
final class JsonText {

    static final String INVALID = "invalid JSON";
    static final String DUPLICATE = "duplicate member name";
    static final String TOO_DEEP = "nested too deeply";
    static final String NUMBER = "number out of range";

    /** A refusal; the message is one of the four reasons above and never quotes the input. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String in;
    private final int end;
    private int pos;

    private JsonText(String in) {
        this.in = in;
        this.end = in.length();
    }

    /** The JSON object {@code json} is, with nothing but blanks around it. */
    static Map<String, Object> parseObject(String json) throws Refused {
        JsonText parser = new JsonText(json);
        parser.skipBlanks();
        if (parser.peek() != '{') {
            throw invalid();
        }
        Map<String, Object> object = parser.object(0);
        parser.skipBlanks();
        if (parser.pos != parser.end) {
            throw invalid();
        }
        return object;
    }

    private static Refused invalid() {
        return new Refused(INVALID);
    }

    /** The next char, or -1 at the end. */
    private int peek() {
        return pos < end ? in.charAt(pos) : -1;
    }

    private void skipBlanks() {
        while (pos < end) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) throws Refused {
        skipBlanks();
        if (peek() != c) {
            throw invalid();
        }
        pos++;
        skipBlanks();
    }

    /** A value at {@code depth} (the top-level object's members are at 1). */
    private Object value(int depth) throws Refused {
        if (depth > PlainValues.MAX_DEPTH) {
            throw new Refused(TOO_DEEP);
        }
        int c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw invalid();
            }
        };
    }

    private Map<String, Object> object(int depth) throws Refused {
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipBlanks();
        if (peek() == '}') {
            pos++;
            return new PlainValues.Frozen(members);
        }
        while (true) {
            if (peek() != '"') {
                throw invalid();
            }
            String name = string();
            expect(':');
            Object member = value(depth + 1);
            int before = members.size();
            members.put(name, member);
            if (members.size() == before) {
                throw new Refused(DUPLICATE);
            }
            skipBlanks();
            int c = peek();
            pos++;
            if (c == '}') {
                return new PlainValues.Frozen(members);
            }
            if (c != ',') {
                throw invalid();
            }
            skipBlanks();
        }
    }

    private List<Object> array(int depth) throws Refused {
        pos++; // '['
        List<Object> elements = new ArrayList<>();
        skipBlanks();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            elements.add(value(depth + 1));
            skipBlanks();
            int c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(elements);
            }
            if (c != ',') {
                throw invalid();
            }
            skipBlanks();
        }
    }

    private Object literal(String word, Boolean value) throws Refused {
        if (!in.startsWith(word, pos)) {
            throw invalid();
        }
        pos += word.length();
        return value;
    }

    /** RFC 8259 §6: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}. */
    private Object number() throws Refused {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            throw invalid();
        }
        boolean integer = true;
        if (peek() == '.') {
            pos++;
            if (digits() == 0) {
                throw invalid();
            }
            integer = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw invalid();
            }
            integer = false;
        }
        if (pos - start > PlainValues.MAX_NUMBER_CHARS) {
            throw new Refused(NUMBER);
        }
        if (integer) {
            return integer(start, pos);
        }
        double d = Double.parseDouble(in.substring(start, pos));
        if (Double.isInfinite(d)) {
            throw new Refused(NUMBER); // 1e400: no claim value can be infinite
        }
        return d;
    }

    private int digits() {
        int from = pos;
        while (pos < end && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
            pos++;
        }
        return pos - from;
    }

    /** A Long; an integer beyond a long is refused rather than rounded to a Double. */
    private Object integer(int start, int stop) throws Refused {
        boolean negative = in.charAt(start) == '-';
        int i = negative ? start + 1 : start;
        if (stop - i <= 18) { // cannot overflow: no substring, no parse
            long v = 0;
            for (; i < stop; i++) {
                v = v * 10 + (in.charAt(i) - '0');
            }
            return negative ? -v : v;
        }
        BigInteger big = new BigInteger(in.substring(start, stop)); // at most MAX_NUMBER_CHARS digits
        if (big.bitLength() >= 64) {
            throw new Refused(NUMBER);
        }
        return big.longValue();
    }

    /** RFC 8259 §7, from the opening quote. */
    private String string() throws Refused {
        int runStart = ++pos;
        StringBuilder escaped = null;
        while (pos < end) {
            char c = in.charAt(pos);
            if (c == '"') {
                String run = in.substring(runStart, pos++);
                return escaped == null ? run : escaped.append(run).toString();
            }
            if (c < 0x20) {
                throw invalid();
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder();
            }
            escaped.append(in, runStart, pos);
            escaped.append(escape());
            runStart = pos;
        }
        throw invalid(); // unterminated
    }

    /** The char a backslash escape at {@code pos} stands for; moves past it. */
    private char escape() throws Refused {
        if (pos + 1 >= end) {
            throw invalid();
        }
        char e = in.charAt(pos + 1);
        pos += 2;
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > end) {
                    throw invalid();
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = hexDigit(in.charAt(pos++));
                    if (digit < 0) {
                        throw invalid();
                    }
                    code = code << 4 | digit;
                }
                yield (char) code;
            }
            default -> throw invalid();
        };
    }

    /** ASCII only: Character.digit would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
