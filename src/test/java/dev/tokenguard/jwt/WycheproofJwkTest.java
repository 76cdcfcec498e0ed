package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof's JWK vectors (src/test/resources/wycheproof, Apache-2.0): key sets a library must refuse,
 * and the JWS each one would verify. Every vector labelled invalid because of its key is refused when the
 * key set is loaded, with a message; those whose key set is fine are refused by the verifier; valid
 * vectors verify.
 */
class WycheproofJwkTest {

    private record Vector(int tcId, String group, String comment, String result, String keySet, String jws) {
        String name() {
            return "tcId " + tcId + " [" + group + "] " + comment + " (" + result + ")";
        }

        /** Invalid because of the token, not of the key set: the set itself must load. */
        boolean tokenIsTheProblem() {
            return comment.equals("rejectsModifiedSignature");
        }
    }

    @TestFactory
    Stream<DynamicTest> wycheproofJwkVectors() throws Exception {
        return load().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check(v)));
    }

    @Test
    void noVectorIsDropped() throws Exception {
        assertEquals(26, load().size());
    }

    private static void check(Vector v) {
        List<VerificationKey> keys;
        try {
            keys = KeyMaterial.parseConfigured(v.keySet());
        } catch (IllegalArgumentException refused) {
            assertEquals("invalid", v.result(), v.name() + " refused when loaded: " + refused.getMessage());
            assertFalse(v.tokenIsTheProblem(), v.name() + ": the key set itself is fine");
            assertTrue(refused.getMessage() != null && refused.getMessage().length() > 10, "a clear message");
            return;
        }
        assertTrue(v.result().equals("valid") || v.tokenIsTheProblem(),
                v.name() + ": an invalid key set was loaded: " + keys);
        JwsVerifier verifier = new JwsVerifier(EnumSet.allOf(Algorithm.class), Set.of(), new StaticKeys(keys, "test"),
                16384);
        boolean accepted;
        try {
            verifier.verify(v.jws());
            accepted = true;
        } catch (RejectionException refusal) {
            accepted = false;
        }
        assertEquals(v.result().equals("valid"), accepted, v.name());
    }

    private static List<Vector> load() throws Exception {
        Map<String, Object> file;
        try (InputStream in = WycheproofJwkTest.class.getResourceAsStream("/wycheproof/json_web_key_test.json")) {
            file = JsonUtil.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Vector> vectors = new ArrayList<>();
        for (Object g : (List<?>) file.get("testGroups")) {
            Map<?, ?> group = (Map<?, ?>) g;
            Object keySet = group.get("public") != null ? group.get("public") : group.get("private");
            @SuppressWarnings("unchecked")
            String keySetJson = JsonUtil.toJson((Map<String, ?>) keySet);
            for (Object t : (List<?>) group.get("tests")) {
                Map<?, ?> test = (Map<?, ?>) t;
                vectors.add(new Vector(((Number) test.get("tcId")).intValue(), String.valueOf(group.get("comment")),
                        String.valueOf(test.get("comment")), String.valueOf(test.get("result")), keySetJson,
                        String.valueOf(test.get("jws"))));
            }
        }
        return vectors;
    }
}
