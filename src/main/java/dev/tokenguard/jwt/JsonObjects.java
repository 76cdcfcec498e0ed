package dev.tokenguard.jwt;

import dev.tokenguard.PlainValues;
import java.util.Map;

/**
 * JSON objects from untrusted text, strictly RFC 8259 ({@link PlainValues#parseJsonObject}): it refuses duplicate
 * member names (RFC 7515 §4 and RFC 7519 §4 leave them to the implementation; accepting them lets two parsers see two
 * different tokens). Results are plain immutable Java values, nested at most {@link PlainValues#MAX_DEPTH}.
 */
final class JsonObjects {

    private JsonObjects() {
    }

    static Map<String, Object> parse(String json, String what) throws Refusal {
        try {
            return PlainValues.parseJsonObject(json);
        } catch (IllegalArgumentException e) {
            // "duplicate member name", "invalid JSON" or "nested too deeply"; never the input itself.
            throw Refusal.malformed("nested too deeply".equals(e.getMessage()) ? what + " is nested too deeply"
                    : what + " is not a JSON object (" + e.getMessage() + ")");
        }
    }
}
