package dev.tokenguard.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * What a shallow parse gives for a value it checked but did not read: a number, an object or array below the top
     * level, or any value of a member it was not asked for (see {@link #parseShallowObject}).
     */
    static final Object UNREAD = new Object() {
        @Override
        public String toString() {
            return "(not read)";
        }
    };

    private final String in;
    private final int end;
    private final boolean shallow;
    /** The top-level members a shallow parse reads; the others are only checked. */
    private final Set<String> read;
    /** Member names of the objects a shallow parse is inside, innermost last; each object's from its mark on. */
    private final List<String> names;
    private int pos;
    /** Values a shallow parse has met so far. */
    private int values;

    private JsonText(String in, boolean shallow, Set<String> read) {
        this.in = in;
        this.end = in.length();
        this.shallow = shallow;
        this.read = read;
        this.names = shallow ? new ArrayList<>() : null;
    }

    /** The JSON object {@code json} is, with nothing but blanks around it. */
    static Map<String, Object> parseObject(String json) {
        return new JsonText(json, false, Set.of()).topLevelObject();
    }

    /**
     * The same checks as {@link #parseObject}, with the same refusals, but only the top-level members named in
     * {@code read} are read, and of them only strings, literals, and arrays of strings; every other value (numbers
     * and objects anywhere, arrays below the top level, the values of other members) is checked and comes out as
     * {@link #UNREAD}; and more than {@link PlainValues#MAX_HEADER_VALUES} values are refused. For a JOSE header,
     * parsed before its signature is checked: no value it does not need costs more than the scan that checks it, and
     * nothing is built for it (an 11 KB string of escapes under another name cost 1.4 RS256 verifications when it was
     * built: BENCHMARKS.md, worst case).
     */
    static Map<String, Object> parseShallowObject(String json, Set<String> read) {
        return new JsonText(json, true, Set.copyOf(read)).topLevelObject();
    }

    /**
     * The JSON object or array {@code json} is, with nothing but blanks around it: the same checks and refusals as
     * {@link #parseObject}, for a JSON-RPC message or batch.
     */
    static Object parseObjectOrArray(String json) {
        JsonText text = new JsonText(json, false, Set.of());
        text.skipBlanks();
        if (text.peek() != '[') {
            return text.topLevelObject();
        }
        Object array = text.array(0);
        text.skipBlanks();
        if (text.pos != text.end) {
            throw invalid();
        }
        return array;
    }

    private Map<String, Object> topLevelObject() {
        skipBlanks();
        if (peek() != '{') {
            throw invalid();
        }
        Map<String, Object> object = object(0);
        skipBlanks();
        if (pos != end) {
            throw invalid();
        }
        return object;
    }

    private static InvalidJson invalid() {
        return new InvalidJson(InvalidJson.Reason.INVALID);
    }

    /** The next char, or -1 at the end. */
    private int peek() {
        return pos < end ? in.charAt(pos) : -1;
    }

    // The scanning loops (blanks, strings) run on locals, not the fields, which the JIT keeps in registers (JMH, a
    // header with an 11,770-char string, 1 fork: 13.5 µs before, 9.4 after).
    private void skipBlanks() {
        String s = in;
        int p = pos;
        int e = end;
        while (p < e) {
            char c = s.charAt(p);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            p++;
        }
        pos = p;
    }

    private void expect(char c) {
        skipBlanks();
        if (peek() != c) {
            throw invalid();
        }
        pos++;
        skipBlanks();
    }

    /** A value at {@code depth} (the top-level object's members are at 1). */
    private Object value(int depth) {
        return value(depth, true);
    }

    /** A value at {@code depth}; when {@code build} is false (a shallow parse only), checked and not built. */
    private Object value(int depth, boolean build) {
        if (depth > PlainValues.MAX_DEPTH) {
            throw new InvalidJson(InvalidJson.Reason.TOO_DEEP);
        }
        if (shallow && ++values > PlainValues.MAX_HEADER_VALUES) {
            throw new InvalidJson(InvalidJson.Reason.TOO_MANY_VALUES);
        }
        int c = peek();
        return switch (c) {
            case '{' -> shallow ? skipObject(depth) : object(depth);
            case '[' -> shallow && (depth > 1 || !build) ? skipArray(depth) : array(depth);
            case '"' -> build ? string() : skipString();
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

    private Map<String, Object> object(int depth) {
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
            Object member = value(depth + 1, !shallow || read.contains(name));
            int before = members.size();
            members.put(name, member);
            if (members.size() == before) {
                throw new InvalidJson(InvalidJson.Reason.DUPLICATE);
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

    private List<Object> array(int depth) {
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

    /** An object checked as {@link #object} does (duplicate names included) without building it. */
    private Object skipObject(int depth) {
        pos++; // '{'
        int mark = names.size();
        Set<String> many = null;
        skipBlanks();
        if (peek() == '}') {
            pos++;
            return UNREAD;
        }
        while (true) {
            if (peek() != '"') {
                throw invalid();
            }
            String name = string();
            expect(':');
            value(depth + 1, false);
            // After the value, as object() finds a duplicate, so both refuse a text for the same reason. A few names
            // are compared one by one; past that, a set for this object.
            if (many == null && names.size() - mark == 8) {
                many = new HashSet<>(names.subList(mark, names.size()));
            }
            if (many != null ? !many.add(name) : names.subList(mark, names.size()).contains(name)) {
                throw new InvalidJson(InvalidJson.Reason.DUPLICATE);
            }
            if (many == null) {
                names.add(name);
            }
            skipBlanks();
            int c = peek();
            pos++;
            if (c == '}') {
                names.subList(mark, names.size()).clear();
                return UNREAD;
            }
            if (c != ',') {
                throw invalid();
            }
            skipBlanks();
        }
    }

    /** An array checked as {@link #array} does without building it. */
    private Object skipArray(int depth) {
        pos++; // '['
        skipBlanks();
        if (peek() == ']') {
            pos++;
            return UNREAD;
        }
        while (true) {
            value(depth + 1, false);
            skipBlanks();
            int c = peek();
            pos++;
            if (c == ']') {
                return UNREAD;
            }
            if (c != ',') {
                throw invalid();
            }
            skipBlanks();
        }
    }

    private Object literal(String word, Boolean value) {
        if (!in.startsWith(word, pos)) {
            throw invalid();
        }
        pos += word.length();
        return value;
    }

    /**
     * RFC 8259 §6: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}. Whether the number is in range is decided
     * from its digits alone ({@link #checkRange}), in time linear in its length; only then, and only when values are
     * read, is it converted.
     */
    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            throw invalid();
        }
        int intEnd = pos;
        int fracStart = pos;
        int fracEnd = pos;
        if (peek() == '.') {
            pos++;
            fracStart = pos;
            if (digits() == 0) {
                throw invalid();
            }
            fracEnd = pos;
        }
        long exponent = 0;
        boolean integer = fracStart == fracEnd;
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            boolean negativeExponent = peek() == '-';
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            int expStart = pos;
            if (digits() == 0) {
                throw invalid();
            }
            for (int i = expStart; i < pos && exponent < 100_000; i++) { // saturates: far beyond any double
                exponent = exponent * 10 + (in.charAt(i) - '0');
            }
            exponent = negativeExponent ? -exponent : exponent;
            integer = false;
        }
        if (pos - start > PlainValues.MAX_NUMBER_CHARS) {
            throw new InvalidJson(InvalidJson.Reason.NUMBER);
        }
        checkRange(start, intStart, intEnd, fracStart, fracEnd, exponent, integer);
        if (shallow) {
            return UNREAD;
        }
        if (integer) {
            return integer(start, pos);
        }
        return Double.parseDouble(in.substring(start, pos)); // finite: checkRange refused the rest
    }

    /** Digits of Long.MAX_VALUE; a negative integer may be one more. */
    private static final String LONG_MAX_DIGITS = "9223372036854775807";
    private static final String LONG_MIN_DIGITS = "9223372036854775808";
    /**
     * Digits of Double.MAX_VALUE plus half an ulp, (2^54 - 1) * 2^970, a 309-digit integer: a number with 309 digits
     * before the point rounds to infinity from here on (a tie rounds to the even neighbour, 2^1024).
     */
    private static final String DOUBLE_OVERFLOW_DIGITS = "17976931348623158079372897140530341507993413271003782693617"
            + "37789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089"
            + "02000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510"
            + "704342711559699508093042880177904174497792";

    /**
     * Refuses an integer beyond a long and any number beyond a finite double, from the digits: parsing first would
     * cost BigInteger's or FloatingDecimal's superlinear arithmetic on attacker-chosen digits before the signature
     * is checked (a header of long decimals near 1e-305 cost 21 RS256 verifications).
     */
    private void checkRange(int start, int intStart, int intEnd, int fracStart, int fracEnd, long exponent,
                            boolean integer) {
        if (integer) {
            int length = intEnd - intStart;
            if (length > 19 || length == 19 && compareDigits(intStart, intEnd, fracStart, fracStart,
                    in.charAt(start) == '-' ? LONG_MIN_DIGITS : LONG_MAX_DIGITS) > 0) {
                throw new InvalidJson(InvalidJson.Reason.NUMBER);
            }
            return;
        }
        // The significant digits, in[a, aEnd) then in[b, bEnd), and the decimal exponent of the first: d.ddd x 10^m.
        int a = intStart;
        while (a < intEnd && in.charAt(a) == '0') {
            a++;
        }
        int aEnd = intEnd;
        int b = fracStart;
        int bEnd = fracEnd;
        long magnitude;
        if (a < intEnd) {
            magnitude = (intEnd - a - 1) + exponent;
        } else {
            a = fracStart;
            while (a < fracEnd && in.charAt(a) == '0') {
                a++;
            }
            if (a == fracEnd) {
                return; // zero
            }
            magnitude = -(a - fracStart + 1) + exponent;
            aEnd = fracEnd;
            b = fracEnd;
        }
        // Below 10^308 every number is finite (small ones round to zero); from 10^309 none is.
        if (magnitude > 308 || magnitude == 308 && compareDigits(a, aEnd, b, bEnd, DOUBLE_OVERFLOW_DIGITS) >= 0) {
            throw new InvalidJson(InvalidJson.Reason.NUMBER);
        }
    }

    /**
     * Compares the digits {@code in[a, aEnd)} followed by {@code in[b, bEnd)} with {@code limit}, as digit strings of
     * the same magnitude: missing digits on either side count as zeros.
     */
    private int compareDigits(int a, int aEnd, int b, int bEnd, String limit) {
        int n = (aEnd - a) + (bEnd - b);
        for (int i = 0; i < Math.max(n, limit.length()); i++) {
            char mine = i >= n ? '0' : i < aEnd - a ? in.charAt(a + i) : in.charAt(b + i - (aEnd - a));
            char theirs = i < limit.length() ? limit.charAt(i) : '0';
            if (mine != theirs) {
                return mine - theirs;
            }
        }
        return 0;
    }

    private int digits() {
        int from = pos;
        while (pos < end && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
            pos++;
        }
        return pos - from;
    }

    /** A Long; {@link #checkRange} has refused those beyond a long. */
    private Object integer(int start, int stop) {
        boolean negative = in.charAt(start) == '-';
        int i = negative ? start + 1 : start;
        if (stop - i <= 18) { // cannot overflow: no substring, no parse
            long v = 0;
            for (; i < stop; i++) {
                v = v * 10 + (in.charAt(i) - '0');
            }
            return negative ? -v : v;
        }
        return Long.parseLong(in, start, stop, 10);
    }

    /** RFC 8259 §7, from the opening quote. */
    private String string() {
        String s = in;
        int e = end;
        int p = pos + 1;
        int runStart = p;
        StringBuilder escaped = null;
        while (p < e) {
            char c = s.charAt(p);
            if (c == '"') {
                pos = p + 1;
                String run = s.substring(runStart, p);
                return escaped == null ? run : escaped.append(run).toString();
            }
            if (c < 0x20) {
                throw invalid();
            }
            if (c != '\\') {
                p++;
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder();
            }
            escaped.append(s, runStart, p);
            pos = p;
            escaped.append(escape());
            p = pos;
            runStart = p;
        }
        throw invalid(); // unterminated
    }

    /** A string checked as {@link #string} does, from the opening quote, without building it. */
    private Object skipString() {
        String s = in;
        int e = end;
        int p = pos + 1;
        while (p < e) {
            char c = s.charAt(p);
            if (c == '"') {
                pos = p + 1;
                return UNREAD;
            }
            if (c < 0x20) {
                throw invalid();
            }
            if (c != '\\') {
                p++;
                continue;
            }
            pos = p;
            escape(); // checked; the char is not needed
            p = pos;
        }
        throw invalid(); // unterminated
    }

    /** The char a backslash escape at {@code pos} stands for; moves past it. */
    private char escape() {
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
