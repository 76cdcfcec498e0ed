package dev.tokenguard.internal;

/**
 * Why {@link JsonText} refused a text, as a type: callers decide by {@link #reason()}, never by the message. The
 * message is the reason's words and never quotes the input.
 */
public final class InvalidJson extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The ways a text can fail to be the JSON TokenGuard reads. */
    public enum Reason {
        /** Not RFC 8259 JSON, or not an object at the top level. */
        INVALID("invalid JSON"),
        /** A member name repeated in one object. */
        DUPLICATE("duplicate member name"),
        /** Nested deeper than {@link PlainValues#MAX_DEPTH}. */
        TOO_DEEP("nested too deeply"),
        /** Longer than {@link PlainValues#MAX_NUMBER_CHARS}, an integer beyond a long, or beyond a finite double. */
        NUMBER("number out of range"),
        /** A JOSE header with more than {@link PlainValues#MAX_HEADER_VALUES} values. */
        TOO_MANY_VALUES("too many values for a header");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private final Reason reason;

    InvalidJson(Reason reason) {
        super(reason.words());
        this.reason = reason;
    }

    /** Refusing hostile input is routine: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public Reason reason() {
        return reason;
    }
}
