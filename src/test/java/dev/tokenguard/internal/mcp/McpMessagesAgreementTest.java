package dev.tokenguard.internal.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TokenGuard's MCP body reader against the MCP Java SDK's own parser (2.1.0, its default Jackson 3 mapper, the
 * code path of its servlet transport: the body as a String, {@code McpSchema.deserializeJsonRpcMessage}, then the
 * request's params converted to the method's request type). The rule: whatever TokenGuard accepts, the SDK reads as
 * the same messages, with the same method and the same tool, prompt or resource; what the SDK could read another
 * way, TokenGuard refuses.
 */
class McpMessagesAgreementTest {

    private static final McpJsonMapper SDK = McpJsonDefaults.getMapper();

    private static final String CALL_DELETE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"delete_note\",\"arguments\":{\"id\":\"1\"}}}";
    private static final String CALL_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"list_notes\",\"arguments\":{}}}";

    /** What the SDK's transport makes of one message: the operation, as McpMessages reports it. */
    private static McpOperation sdkReading(String text) throws Exception {
        McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(SDK, text);
        String method = message instanceof McpSchema.JSONRPCRequest r ? r.method()
                : message instanceof McpSchema.JSONRPCNotification n ? n.method() : null;
        Object params = message instanceof McpSchema.JSONRPCRequest r ? r.params()
                : message instanceof McpSchema.JSONRPCNotification n ? n.params() : null;
        if (method == null) {
            return new McpOperation(null, null, null, null);
        }
        return switch (method) {
            case "tools/call" -> new McpOperation(method,
                    SDK.convertValue(params, McpSchema.CallToolRequest.class).name(), null, null);
            case "prompts/get" -> new McpOperation(method, null, null,
                    SDK.convertValue(params, McpSchema.GetPromptRequest.class).name());
            case "resources/read" -> new McpOperation(method, null,
                    SDK.convertValue(params, McpSchema.ReadResourceRequest.class).uri(), null);
            case "resources/subscribe" -> new McpOperation(method, null,
                    SDK.convertValue(params, McpSchema.SubscribeRequest.class).uri(), null);
            case "resources/unsubscribe" -> new McpOperation(method, null,
                    SDK.convertValue(params, McpSchema.UnsubscribeRequest.class).uri(), null);
            case "completion/complete" -> {
                McpSchema.CompleteRequest c = SDK.convertValue(params, McpSchema.CompleteRequest.class);
                yield new McpOperation(method, null,
                        c.ref() instanceof McpSchema.ResourceReference r ? r.uri() : null,
                        c.ref() instanceof McpSchema.PromptReference p ? p.name() : null);
            }
            default -> new McpOperation(method, null, null, null);
        };
    }

    /**
     * Holds the rule for one body: if TokenGuard accepts it, the SDK reads every message of it (a batch element by
     * element: SDK 2.x reads no batches) to the same operations. Returns whether TokenGuard accepted it.
     */
    private static boolean agrees(byte[] body) {
        List<McpOperation> ours;
        try {
            ours = McpMessages.read(body);
        } catch (McpMessageException refused) {
            return false;
        }
        String text = new String(body, StandardCharsets.UTF_8); // what the transport reads from a UTF-8 request
        List<String> messages = new ArrayList<>();
        if (ours.size() == 1 && !text.strip().startsWith("[")) {
            messages.add(text);
        } else {
            try { // SDK 2.x reads no batch: its parser reads the array, then each element as a message
                for (Object element : SDK.readValue(text, List.class)) {
                    messages.add(SDK.writeValueAsString(element));
                }
            } catch (Exception refusedBatch) {
                return true; // nothing of it would run
            }
        }
        assertEquals(ours.size(), messages.size(), () -> "batch sizes differ for " + escape(text));
        for (int i = 0; i < messages.size(); i++) {
            McpOperation theirs;
            try {
                theirs = sdkReading(messages.get(i));
            } catch (Exception refusedBySdk) {
                continue; // the SDK answers an error: nothing runs, whatever TokenGuard read
            }
            McpOperation mine = ours.get(i);
            assertEquals(theirs, mine, () -> "different readings of " + escape(text));
        }
        return true;
    }

    private static boolean agrees(String body) {
        return agrees(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String why, byte[] body) {
        assertThrows(McpMessageException.class, () -> McpMessages.read(body), why);
    }

    private static void refused(String why, String body) {
        refused(why, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ordinaryMessagesAreReadAsTheSdkReadsThem() {
        assertTrue(agrees(CALL_DELETE));
        assertTrue(agrees(CALL_LIST));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":{\"name\":\"p\"}}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":{\"uri\":\"notes://1\"}}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"notes://1\"}}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"completion/complete\",\"params\":{\"ref\":"
                + "{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"a\",\"value\":\"b\"}}}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"completion/complete\",\"params\":{\"ref\":"
                + "{\"type\":\"ref/resource\",\"uri\":\"notes://{id}\"},\"argument\":{\"name\":\"id\",\"value\":\"1\"}}}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}"));
        assertTrue(agrees(" \r\n\t" + CALL_DELETE + " \n"));
    }

    @Test
    void escapesInNamesAndValuesReadAsTheSameCharacters() throws Exception {
        String escaped = "{\"jsonrpc\":\"2.0\",\"id\":1,\"\\u006dethod\":\"tools\\/call\","
                + "\"par\\u0061ms\":{\"n\\u0061me\":\"delete\\u005fnote\"}}";
        assertTrue(agrees(escaped));
        assertEquals("delete_note", McpMessages.read(escaped.getBytes(StandardCharsets.UTF_8)).get(0).tool());
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"\\ud83d\\ude00\"}}"));
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"é\\u00e9\"}}"));
    }

    @Test
    void aRepeatedMemberIsRefusedAnywhere() {
        // Jackson keeps the last of two members of one name: this would be delete_note to the SDK.
        refused("repeated name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_notes\",\"name\":\"delete_note\"}}");
        refused("repeated method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"delete_note\"}}");
        refused("repeated params", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_notes\"},\"params\":{\"name\":\"delete_note\"}}");
        refused("repeated by escape", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_notes\",\"n\\u0061me\":\"delete_note\"}}");
        refused("repeated deep in arguments", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_notes\",\"arguments\":{\"a\":{\"b\":1,\"b\":2}}}}");
    }

    /** Why those refusals matter: the SDK's parser reads each of these bodies as a call of another tool. */
    @Test
    void theSdkReadsTheHostileFormsAsAnotherTool() throws Exception {
        assertEquals("delete_note", sdkReading("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_notes\",\"name\":\"delete_note\"}}").tool(), "last one wins");
        assertEquals("7", sdkReading("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":7}}").tool(), "a number coerced to a name");
    }

    @Test
    void exactlyOneValueNothingAfterIt() {
        refused("a second value", CALL_LIST + CALL_DELETE);
        refused("a second value after blanks", CALL_LIST + "\n" + CALL_DELETE);
        refused("trailing garbage", CALL_LIST + "x");
        refused("trailing comma", CALL_LIST + ",");
        refused("a NUL after", CALL_LIST + "\u0000");
        refused("nothing", "");
        refused("blanks", "  \n");
        refused("a string", "\"tools/call\"");
        refused("a number", "1");
        refused("null", "null");
    }

    @Test
    void onlyUtf8WithoutAByteOrderMark() {
        byte[] bom = ("\ufeff" + CALL_DELETE).getBytes(StandardCharsets.UTF_8);
        refused("UTF-8 with a BOM", bom);
        refused("UTF-16BE", CALL_DELETE.getBytes(StandardCharsets.UTF_16BE));
        refused("UTF-16LE", CALL_DELETE.getBytes(StandardCharsets.UTF_16LE));
        refused("UTF-16 with its BOM", CALL_DELETE.getBytes(StandardCharsets.UTF_16));
        byte[] latin1 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"caf\u00e9\"}}"
                .getBytes(StandardCharsets.ISO_8859_1);
        refused("Latin-1 bytes (malformed UTF-8, which the SDK would turn into U+FFFD)", latin1);
        byte[] overlong = CALL_LIST.getBytes(StandardCharsets.UTF_8);
        byte[] withOverlongSlash = new byte[overlong.length + 1];
        int slash = CALL_LIST.indexOf('/');
        System.arraycopy(overlong, 0, withOverlongSlash, 0, slash);
        withOverlongSlash[slash] = (byte) 0xC0;
        withOverlongSlash[slash + 1] = (byte) 0xAF; // an overlong '/'
        System.arraycopy(overlong, slash + 1, withOverlongSlash, slash + 2, overlong.length - slash - 1);
        refused("an overlong UTF-8 form", withOverlongSlash);
    }

    @Test
    void batchesAreReadElementByElement() throws Exception {
        List<McpOperation> ops = McpMessages.read(("[" + CALL_LIST + "," + CALL_DELETE + "]")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("list_notes", "delete_note"), ops.stream().map(McpOperation::tool).toList());
        assertTrue(agrees("[" + CALL_LIST + "," + CALL_DELETE + "]"));
        refused("an empty batch", "[]");
        refused("a batch with a non-object", "[" + CALL_LIST + ",1]");
        refused("a nested batch", "[[" + CALL_DELETE + "]]");
    }

    @Test
    void hugeNumbersAndDeepNestingAreRefusedNotRounded() {
        refused("an id beyond a long", "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"list_notes\"}}");
        refused("1e400", "{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
        refused("a 5,000-digit argument", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"x\",\"arguments\":{\"n\":" + "9".repeat(5000) + "}}}");
        String deep = "[".repeat(40) + "]".repeat(40);
        refused("arguments nested 40 deep", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"x\",\"arguments\":{\"a\":" + deep + "}}}");
        String veryDeep = "[".repeat(100_000) + "]".repeat(100_000);
        refused("100,000 deep: refused on the way down, no stack overflow", veryDeep);
        assertTrue(agrees("{\"jsonrpc\":\"2.0\",\"id\":9223372036854775807,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"list_notes\",\"arguments\":{\"x\":-1.5e300,\"y\":[[[[1]]]]}}}"));
    }

    @Test
    void whatJacksonWouldCoerceIsRefused() {
        // Jackson turns scalars into strings for a String field: {"name":7} would call a tool named "7".
        refused("a number as the name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":7}}");
        refused("true as the name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":true}}");
        refused("a list as the name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":[\"delete_note\"]}}");
        refused("null as the name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":null}}");
        refused("no name", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}");
        refused("no params", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}");
        refused("params a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"delete_note\"}");
        refused("a number as the method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1,\"params\":{\"name\":\"x\"}}");
        refused("a uri that is a number", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":1}}");
        refused("a completion without ref", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"completion/complete\",\"params\":{}}");
    }

    @Test
    void whatStrictJsonForbidsIsRefused() {
        for (String body : List.of(
                "{'jsonrpc':'2.0','id':1,'method':'tools/call','params':{'name':'delete_note'}}",
                "{\"jsonrpc\":\"2.0\",/*c*/\"id\":1,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",}",
                "{jsonrpc:\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":01,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":NaN,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\tb\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\\x\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\"}",
                "\u000b{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                "\u00a0{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")) {
            refused(escape(body), body);
        }
    }

    /**
     * 20,000 random edits of real messages (a byte replaced, inserted, deleted, or a piece duplicated): whatever
     * TokenGuard accepts, the SDK reads the same way; a fixed seed so a failure repeats.
     */
    @Test
    void randomEditsNeverReadDifferently() {
        List<String> seeds = List.of(CALL_DELETE, CALL_LIST,
                "[" + CALL_LIST + "," + CALL_DELETE + "]",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":{\"name\":\"p\",\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":{\"uri\":\"notes://1\"}}");
        byte[] alphabet = "{}[]\":,\\/ ntfu0123456789eE.-+abcdelmopst_\u0000\t\n".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(14);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] body = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                body = edit(body, random, alphabet);
            }
            try {
                if (agrees(body)) {
                    accepted++;
                }
            } catch (AssertionError failure) {
                fail("edit " + i + " of " + escape(new String(body, StandardCharsets.UTF_8)) + ": "
                        + failure.getMessage());
            }
        }
        assertTrue(accepted > 500, "the edits must also produce bodies TokenGuard accepts: " + accepted);
    }

    private static byte[] edit(byte[] body, Random random, byte[] alphabet) {
        int at = random.nextInt(body.length);
        byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] out = body.clone();
                out[at] = b;
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[body.length + 1];
                System.arraycopy(body, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(body, at, out, at + 1, body.length - at);
                yield out;
            }
            case 2 -> {
                if (body.length < 2) {
                    yield body;
                }
                byte[] out = new byte[body.length - 1];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(body, at + 1, out, at, body.length - at - 1);
                yield out;
            }
            default -> {
                int len = Math.min(1 + random.nextInt(24), body.length - at);
                byte[] out = new byte[body.length + len];
                System.arraycopy(body, 0, out, 0, at + len);
                System.arraycopy(body, at, out, at + len, body.length - at);
                yield out;
            }
        };
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.length() > 300 ? b.substring(0, 300) + "…" : b.toString();
    }

}
