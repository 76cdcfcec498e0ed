package dev.tokenguard.jwt;

import dev.tokenguard.internal.InvalidJson;
import dev.tokenguard.internal.PlainValues;
import java.util.Map;
import java.util.Set;

/**
 * JSON objects from untrusted text, strictly RFC 8259 ({@link PlainValues#parseJsonObject}): it refuses duplicate
 * member names (RFC 7515 §4 and RFC 7519 §4 leave them to the implementation; accepting them lets two parsers see two
 * different tokens). Results are plain immutable Java values, nested at most {@link PlainValues#MAX_DEPTH}.
 */
final class JsonObjects {

    private JsonObjects() {
    }

    static Map<String, Object> parse(String json, String what) throws RejectionException {
        try {
            return PlainValues.parseJsonObject(json);
        } catch (InvalidJson e) {
            throw refusal(e, what);
        }
    }

    /**
     * A JOSE header: checked like {@link #parse}, but only the members named in {@code read} are read, and of them only
     * strings and string arrays; the other members are there, with a value that is none of the plain types.
     */
    static Map<String, Object> parseHeader(String json, Set<String> read) throws RejectionException {
        try {
            return PlainValues.parseJsonHeader(json, read);
        } catch (InvalidJson e) {
            throw refusal(e, "header");
        }
    }

    private static RejectionException refusal(InvalidJson e, String what) {
        return RejectionException.malformed(e.reason() == InvalidJson.Reason.TOO_DEEP ? what + " is nested too deeply"
                : what + " is not a JSON object (" + e.reason().words() + ")");
    }
}
