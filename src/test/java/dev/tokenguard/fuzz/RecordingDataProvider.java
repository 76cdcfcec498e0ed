package dev.tokenguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A {@link FuzzedDataProvider} for writing seed files of structure-aware targets: it hands out scripted
 * values and records the bytes from which Jazzer's native provider will decode exactly those values again.
 * Run a target's input-building code with it, then {@link #bytes()} is the seed file.
 *
 * <p>It mirrors Jazzer 0.24's encoding (fuzzed_data_provider.cpp): integers and booleans are read from the
 * end of the input, most significant byte last, as many bytes as the range needs, modulo the range; strings
 * and byte arrays from the start; {@code consumeString} stops at a single backslash (consuming the next byte
 * too) and reads a doubled one as one. Only what the targets here use is implemented; strings must be BMP
 * text without NUL or surrogates. When the script is empty, the smallest value is recorded.
 */
final class RecordingDataProvider implements FuzzedDataProvider {

    private final Deque<Object> script;
    private final ByteArrayOutputStream front = new ByteArrayOutputStream();
    private final List<Byte> back = new ArrayList<>(); // in the order they are consumed, i.e. from the end
    private byte[] remaining = new byte[0];
    private boolean remainingTaken;

    RecordingDataProvider(Object... script) {
        this.script = new ArrayDeque<>(Arrays.asList(script));
    }

    /** The seed file. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(front.toByteArray());
        out.writeBytes(remaining);
        for (int i = back.size() - 1; i >= 0; i--) {
            out.write(back.get(i));
        }
        return out.toByteArray();
    }

    private Object next(Class<?> type) {
        if (script.isEmpty()) {
            return null;
        }
        Object value = script.removeFirst();
        if (!type.isInstance(value)) {
            throw new IllegalStateException("script has " + value + " where a " + type.getSimpleName() + " is read");
        }
        return value;
    }

    private void requireFrontOpen() {
        if (remainingTaken) {
            throw new IllegalStateException("nothing can be read after the remaining bytes");
        }
    }

    /** Records {@code value - min} in as many bytes as the range needs, most significant consumed first. */
    private long integral(long min, long max, long value) {
        long range = max - min; // treated as unsigned, like the native code
        if (Long.compareUnsigned(value - min, range) > 0) {
            throw new IllegalStateException(value + " outside " + min + ".." + max);
        }
        long raw = value - min;
        int bytes = 0;
        while (bytes < 8 && (range >>> (8 * bytes)) != 0) {
            bytes++;
        }
        for (int i = bytes - 1; i >= 0; i--) {
            back.add((byte) (raw >>> (8 * i)));
        }
        return value;
    }

    @Override
    public int consumeInt(int min, int max) {
        Integer v = (Integer) next(Integer.class);
        long range = (long) max - min;
        long raw = (v == null ? min : v) - (long) min;
        if (raw < 0 || raw > range) {
            throw new IllegalStateException(v + " outside " + min + ".." + max);
        }
        int bytes = 0;
        while (bytes < 4 && (range >>> (8 * bytes)) != 0) {
            bytes++;
        }
        for (int i = bytes - 1; i >= 0; i--) {
            back.add((byte) (raw >>> (8 * i)));
        }
        return (int) (min + raw);
    }

    @Override
    public boolean consumeBoolean() {
        Boolean v = (Boolean) next(Boolean.class);
        back.add((byte) (Boolean.TRUE.equals(v) ? 1 : 0));
        return Boolean.TRUE.equals(v);
    }

    @Override
    public long consumeLong() {
        Long v = (Long) next(Long.class);
        long value = v == null ? 0 : v;
        for (int i = 7; i >= 0; i--) {
            back.add((byte) (value >>> (8 * i)));
        }
        return value;
    }

    @Override
    public char consumeChar() {
        Character v = (Character) next(Character.class);
        char c = v == null ? 0 : v;
        back.add((byte) (c >>> 8));
        back.add((byte) c);
        return c;
    }

    /** Nine zero bytes, which the native provider turns into the lowest double. */
    @Override
    public double consumeRegularDouble() {
        for (int i = 0; i < 9; i++) {
            back.add((byte) 0);
        }
        return -Double.MAX_VALUE;
    }

    @Override
    public String consumeString(int maxLength) {
        requireFrontOpen();
        String v = (String) next(String.class);
        String s = v == null ? "" : v;
        if (s.length() > maxLength) {
            throw new IllegalStateException("scripted string longer than " + maxLength);
        }
        for (char c : s.toCharArray()) {
            if (c == 0 || Character.isSurrogate(c)) {
                throw new IllegalStateException("NUL and surrogates are not recorded");
            }
            if (c == '\\') {
                front.writeBytes(new byte[] {'\\', '\\'});
            } else {
                front.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (s.length() < maxLength) {
            front.writeBytes(new byte[] {'\\', ';'}); // end of string: a single backslash and one more byte
        }
        return s;
    }

    @Override
    public byte[] consumeBytes(int maxLength) {
        requireFrontOpen();
        byte[] v = (byte[]) next(byte[].class);
        byte[] b = Arrays.copyOf(v == null ? new byte[0] : v, maxLength);
        front.writeBytes(b);
        return b;
    }

    @Override
    public byte[] consumeRemainingAsBytes() {
        requireFrontOpen();
        byte[] v = (byte[]) next(byte[].class);
        remaining = v == null ? new byte[0] : v.clone();
        remainingTaken = true;
        return remaining.clone();
    }

    @Override
    public String consumeRemainingAsString() {
        requireFrontOpen();
        String v = (String) next(String.class);
        String s = v == null ? "" : v;
        remaining = s.getBytes(StandardCharsets.UTF_8);
        remainingTaken = true;
        return s;
    }

    /** Positive while the script has values left: loops that read "while there is input" stop with it. */
    @Override
    public int remainingBytes() {
        return script.isEmpty() ? 0 : 1;
    }

    // Not used by the targets here.

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not recorded by RecordingDataProvider");
    }

    @Override
    public boolean[] consumeBooleans(int maxLength) {
        throw unused();
    }

    @Override
    public byte consumeByte() {
        throw unused();
    }

    @Override
    public byte consumeByte(byte min, byte max) {
        throw unused();
    }

    @Override
    public short consumeShort() {
        throw unused();
    }

    @Override
    public short consumeShort(short min, short max) {
        throw unused();
    }

    @Override
    public short[] consumeShorts(int maxLength) {
        throw unused();
    }

    @Override
    public int consumeInt() {
        throw unused();
    }

    @Override
    public int[] consumeInts(int maxLength) {
        throw unused();
    }

    @Override
    public long consumeLong(long min, long max) {
        Long v = (Long) next(Long.class);
        return integral(min, max, v == null ? min : v);
    }

    @Override
    public long[] consumeLongs(int maxLength) {
        throw unused();
    }

    @Override
    public float consumeFloat() {
        throw unused();
    }

    @Override
    public float consumeRegularFloat() {
        throw unused();
    }

    @Override
    public float consumeRegularFloat(float min, float max) {
        throw unused();
    }

    @Override
    public float consumeProbabilityFloat() {
        throw unused();
    }

    @Override
    public double consumeDouble() {
        throw unused();
    }

    @Override
    public double consumeRegularDouble(double min, double max) {
        throw unused();
    }

    @Override
    public double consumeProbabilityDouble() {
        throw unused();
    }

    @Override
    public char consumeChar(char min, char max) {
        throw unused();
    }

    @Override
    public char consumeCharNoSurrogates() {
        throw unused();
    }

    @Override
    public String consumeAsciiString(int maxLength) {
        throw unused();
    }

    @Override
    public String consumeRemainingAsAsciiString() {
        throw unused();
    }
}
