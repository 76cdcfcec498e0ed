package dev.tokenguard.internal.mcp;

import dev.tokenguard.internal.InvalidJson;
import dev.tokenguard.internal.PlainValues;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a POSTed MCP body into the operations it asks for, refusing anything that the MCP Java SDK might read
 * differently, so that what TokenGuard checks is what the server runs.
 *
 * <p>The body must be UTF-8 (MCP's transports say so) without a byte-order mark, and exactly one JSON value under
 * TokenGuard's strict grammar ({@code JsonText}): a repeated member name, text after the value, a raw control
 * character, a number beyond a long or a double, or nesting deeper than 32 are refused. The SDK's parser (Jackson)
 * resolves a repeated name by taking the last and may stop after the first value, so a body that one parser reads
 * one way and the other another way never gets past this reader. {@code method}, and the {@code name} or {@code uri}
 * it acts on, must be JSON strings: Jackson would turn {@code 7} or {@code true} into the string {@code "7"}.
 * {@code McpMessagesAgreementTest} holds every body this reader accepts to the SDK's own reading of it.
 */
final class McpMessages {

    private McpMessages() {
    }

    static List<McpOperation> read(byte[] body) throws McpMessageException {
        Object json;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            json = PlainValues.parseJsonObjectOrArray(text);
        } catch (CharacterCodingException e) {
            throw new McpMessageException(McpMessageException.PARSE_ERROR, "not UTF-8");
        } catch (InvalidJson e) {
            throw new McpMessageException(McpMessageException.PARSE_ERROR, e.reason().words());
        }
        List<?> messages = json instanceof List<?> batch ? batch : List.of(json);
        if (messages.isEmpty()) {
            throw new McpMessageException(McpMessageException.INVALID_REQUEST, "empty batch");
        }
        List<McpOperation> operations = new ArrayList<>(messages.size());
        for (Object message : messages) {
            operations.add(operation(message));
        }
        return operations;
    }

    private static McpOperation operation(Object message) throws McpMessageException {
        if (!(message instanceof Map<?, ?> m)) {
            throw invalid("a message that is not an object");
        }
        if (!m.containsKey("method")) {
            return new McpOperation(null, null, null, null); // a response to the server's own request
        }
        if (!(m.get("method") instanceof String method)) {
            throw invalid("a method that is not a string");
        }
        return switch (method) {
            case "tools/call" -> new McpOperation(method, string(params(m), "name"), null, null);
            case "prompts/get" -> new McpOperation(method, null, null, string(params(m), "name"));
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                    new McpOperation(method, null, string(params(m), "uri"), null);
            case "completion/complete" -> completion(method, params(m));
            default -> new McpOperation(method, null, null, null);
        };
    }

    /** A completion names a prompt or a resource template in {@code ref}: it needs what that one needs. */
    private static McpOperation completion(String method, Map<?, ?> params) throws McpMessageException {
        if (!(params.get("ref") instanceof Map<?, ?> ref)) {
            throw invalid("a completion without a ref object");
        }
        String prompt = optionalString(ref, "name");
        String resource = optionalString(ref, "uri");
        if (prompt == null && resource == null) {
            throw invalid("a completion ref without a name or uri");
        }
        return new McpOperation(method, null, resource, prompt);
    }

    private static Map<?, ?> params(Map<?, ?> message) throws McpMessageException {
        if (message.get("params") instanceof Map<?, ?> params) {
            return params;
        }
        throw invalid("params that are not an object");
    }

    private static String string(Map<?, ?> params, String member) throws McpMessageException {
        String value = optionalString(params, member);
        if (value == null) {
            throw invalid("no " + member + " string in params");
        }
        return value;
    }

    private static String optionalString(Map<?, ?> object, String member) throws McpMessageException {
        Object value = object.get(member);
        if (value == null && !object.containsKey(member)) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw invalid("a " + member + " that is not a string");
    }

    private static McpMessageException invalid(String category) {
        return new McpMessageException(McpMessageException.INVALID_REQUEST, category);
    }
}
