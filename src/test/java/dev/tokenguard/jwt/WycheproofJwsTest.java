package dev.tokenguard.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Project Wycheproof's JWS vectors (testvectors_v1/json_web_signature_test.json, Apache-2.0, see
 * src/test/resources/wycheproof/NOTICE) against the signature layer, {@link JwsVerifier}: one dynamic test
 * per vector. The vectors carry arbitrary payloads, not JWTs, so no claim rules apply.
 *
 * <p>Every vector labelled "valid" must be accepted and every "invalid" one rejected, except the
 * {@linkplain #KNOWN_DIFFERENCES known differences}, where TokenGuard is deliberately stricter than the
 * label; for those the opposite of the label is asserted (with the expected kind of refusal), so that a
 * change of behaviour shows up as a failure.
 */
class WycheproofJwsTest {

    private static final String RESOURCE = "/wycheproof/json_web_signature_test.json";
    private static final int EXPECTED_NUMBER_OF_TESTS = 401;
    private static final int MAX_TOKEN_CHARS = 16384;

    /** Outcome kind of a vector whose key {@link KeyMaterial#parseConfigured} refused. */
    private static final String KEY_REFUSED = "KEY_REFUSED";
    private static final String ACCEPTED = "ACCEPTED";

    /** A vector where TokenGuard's result is deliberately the opposite of Wycheproof's label. */
    private record KnownDifference(String expectedOutcome, String reason) {
    }

    /**
     * tcId → why TokenGuard disagrees with the label, and what it does instead. All but 367 and 370 are
     * labelled "valid" and refused here; those two are labelled "invalid" but are byte-for-byte the token of
     * tcId 357 (labelled "valid", same key), so no verifier can satisfy both labels.
     */
    private static final Map<Integer, KnownDifference> KNOWN_DIFFERENCES = Map.ofEntries(
            Map.entry(346, new KnownDifference("UNKNOWN_KEY", "rfc7520 Figure20: the key's \"alg\" is PS256 but the header"
                    + " says PS384; TokenGuard never uses a key whose \"alg\" differs from the token's"
                    + " (DESIGN.md, Core behaviour 3)")),
            Map.entry(350, new KnownDifference("UNKNOWN_KEY", "rfc7520WithKeyOps Figure20: the key's \"alg\" is PS256 but"
                    + " the header says PS384; TokenGuard never uses a key whose \"alg\" differs from the token's")),
            Map.entry(347, new KnownDifference(KEY_REFUSED, "rfc7520 Figure27: the key's \"alg\" is \"ES521\", which is not"
                    + " a JWS algorithm (the header says ES512); TokenGuard refuses a key whose \"alg\" is not the"
                    + " token's, and refuses an unknown key \"alg\" already when loading the key")),
            Map.entry(351, new KnownDifference(KEY_REFUSED, "rfc7520WithKeyOps Figure27: the key's \"alg\" is \"ES521\", not"
                    + " a JWS algorithm (the header says ES512); refused when loading the key")),
            Map.entry(372, new KnownDifference("MALFORMED", "base64 InvalidCharacterInsertedInHeader: the HMAC only matches"
                    + " if the invalid base64url character '?' is stripped; TokenGuard decodes strictly"
                    + " (RFC 7515 §2, §7.1) and refuses characters outside the base64url alphabet")),
            Map.entry(373, new KnownDifference("MALFORMED", "base64 InvalidCharacterInsertedInPayload: the HMAC only matches"
                    + " if the invalid base64url character '?' is stripped; TokenGuard decodes strictly"
                    + " (RFC 7515 §2, §7.1) and refuses characters outside the base64url alphabet")),
            Map.entry(367, new KnownDifference(ACCEPTED, "base64 invalidBase64Padding is labelled invalid, but its"
                    + " token has no padding: it is identical to tcId 357 (ValidMac, valid, same key); the padded token"
                    + " the comment describes is missing upstream. Padding is refused: see TokenFormTest")),
            Map.entry(370, new KnownDifference(ACCEPTED, "base64 invalidBase64PaddingInPayload is labelled invalid,"
                    + " but its token is identical to tcId 357 (ValidMac, valid, same key); the padded token is"
                    + " missing upstream. Padding is refused: see TokenFormTest")));

    /** One vector with the key JSON of its group. */
    private record Vector(int tcId, String group, String comment, List<String> flags, String result,
                          String keyJson, String jws) {

        String displayName() {
            return "tcId " + tcId + " [" + group + "] " + comment + " (" + result + ")";
        }
    }

    /** What TokenGuard did: {@link #ACCEPTED}, {@link #KEY_REFUSED} or the name of a {@code Rejection}. */
    private record Outcome(String kind, String detail) {

        boolean accepted() {
            return ACCEPTED.equals(kind);
        }

        @Override
        public String toString() {
            return detail == null ? kind : kind + " (" + detail + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> wycheproofJwsVectors() {
        List<Vector> vectors = loadVectors();
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.displayName(), () -> check(v, vectors)));
    }

    /** No vector is silently dropped: the factory makes exactly one test per vector of the file. */
    @Test
    void everyVectorOfTheFileIsTested() {
        Map<String, Object> file = loadFile();
        int numberOfTests = ((Number) file.get("numberOfTests")).intValue();
        assertEquals(EXPECTED_NUMBER_OF_TESTS, numberOfTests, "numberOfTests of " + RESOURCE);

        List<Vector> vectors = loadVectors();
        assertEquals(numberOfTests, vectors.size(), "vectors found in the test groups");
        Set<Integer> tcIds = vectors.stream().map(Vector::tcId).collect(Collectors.toSet());
        assertEquals(numberOfTests, tcIds.size(), "distinct tcIds");

        List<String> names;
        try (Stream<DynamicTest> tests = wycheproofJwsVectors()) {
            names = tests.map(DynamicTest::getDisplayName).toList();
        }
        assertEquals(numberOfTests, names.size(), "dynamic tests produced");
        assertEquals(numberOfTests, new HashSet<>(names).size(), "distinct dynamic test names");

        // The known-difference map must not go stale: each entry names a vector of the file, and only the two
        // mislabelled duplicates of tcId 357 are labelled "invalid".
        for (Map.Entry<Integer, KnownDifference> e : KNOWN_DIFFERENCES.entrySet()) {
            Vector v = vectors.stream().filter(x -> x.tcId() == e.getKey()).findFirst().orElse(null);
            assertNotNull(v, "known difference tcId " + e.getKey() + " is not in the file");
            boolean duplicateOf357 = e.getKey() == 367 || e.getKey() == 370;
            assertEquals(duplicateOf357 ? "invalid" : "valid", v.result(), "known difference tcId " + e.getKey()
                    + " label");
            if (duplicateOf357) {
                Vector valid = vectors.stream().filter(x -> x.tcId() == 357).findFirst().orElseThrow();
                assertEquals(valid.jws(), v.jws(), "tcId " + e.getKey() + " is the token of tcId 357");
                assertEquals(valid.keyJson(), v.keyJson(), "tcId " + e.getKey() + " has the key of tcId 357");
            }
        }
    }

    private static void check(Vector v, List<Vector> all) {
        Outcome outcome = run(v);
        KnownDifference known = KNOWN_DIFFERENCES.get(v.tcId());
        String context = v.displayName() + (v.flags().isEmpty() ? "" : " flags " + v.flags()) + twins(v, all);
        if (known != null) {
            boolean labelAccepts = "valid".equals(v.result());
            assertEquals(!labelAccepts, outcome.accepted(), context + ": known difference (" + known.reason()
                    + ") expects the opposite of the label, but TokenGuard " + outcome);
            assertEquals(known.expectedOutcome(), outcome.kind(), context + ": known difference (" + known.reason()
                    + ") refused for another reason: " + outcome);
            return;
        }
        switch (v.result()) {
            case "valid" -> assertTrue(outcome.accepted(), context + ": labelled valid, but TokenGuard " + outcome);
            case "invalid" -> assertFalse(outcome.accepted(), context + ": labelled invalid, but TokenGuard accepted it");
            default -> fail(context + ": unexpected result label " + v.result());
        }
    }

    /**
     * For a failure message: other vectors with exactly the same key and JWS text but a different label. No
     * verifier can satisfy both labels; such a vector is a defect of the file, not of the verifier.
     */
    private static String twins(Vector v, List<Vector> all) {
        List<String> twins = all.stream()
                .filter(o -> o.tcId() != v.tcId() && o.jws().equals(v.jws()) && o.keyJson().equals(v.keyJson())
                        && !o.result().equals(v.result()))
                .map(o -> "tcId " + o.tcId() + " (" + o.comment() + ", " + o.result() + ")")
                .toList();
        return twins.isEmpty() ? "" : " [same key and byte-identical jws as " + String.join(", ", twins) + "]";
    }

    /** Loads the key and verifies the JWS, as a caller configured with this key and every algorithm would. */
    private static Outcome run(Vector v) {
        List<VerificationKey> keys;
        try {
            keys = KeyMaterial.parseConfigured(v.keyJson());
        } catch (IllegalArgumentException e) {
            return new Outcome(KEY_REFUSED, e.getMessage());
        }
        JwsVerifier verifier = new JwsVerifier(EnumSet.allOf(Algorithm.class), Set.of(),
                new StaticKeys(keys, "test"), MAX_TOKEN_CHARS);
        try {
            verifier.verify(v.jws());
            return new Outcome(ACCEPTED, null);
        } catch (RejectionException r) {
            return new Outcome(r.rejection().name(), r.getMessage());
        } catch (RuntimeException e) {
            throw new AssertionError(v.displayName() + ": verify threw " + e + " instead of returning or refusing", e);
        }
    }

    private static Map<String, Object> loadFile() {
        try (InputStream in = WycheproofJwsTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is not on the test classpath");
            return JsonUtil.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | org.jose4j.lang.JoseException e) {
            throw new AssertionError("cannot read " + RESOURCE, e);
        }
    }

    private static List<Vector> loadVectors() {
        List<Vector> vectors = new ArrayList<>();
        for (Object g : (List<?>) loadFile().get("testGroups")) {
            Map<?, ?> group = (Map<?, ?>) g;
            // Only the public part is ever used; HMAC groups have just the "private" oct key.
            Object key = group.get("public") != null ? group.get("public") : group.get("private");
            assertNotNull(key, "test group without a key: " + group.get("comment"));
            String keyJson = asText(key);
            String groupComment = String.valueOf(group.get("comment"));
            for (Object t : (List<?>) group.get("tests")) {
                Map<?, ?> test = (Map<?, ?>) t;
                Object jws = test.get("jws");
                // A JSON-serialization JWS is passed on as its JSON text; compact-only verifiers must refuse it.
                String jwsText = asText(jws);
                List<String> flags = test.get("flags") instanceof List<?> l
                        ? l.stream().map(String::valueOf).toList() : List.of();
                vectors.add(new Vector(((Number) test.get("tcId")).intValue(), groupComment,
                        String.valueOf(test.get("comment")), flags, String.valueOf(test.get("result")), keyJson,
                        jwsText));
            }
        }
        return vectors;
    }

    /** A string as is; a JSON object (e.g. a JSON-serialization JWS) back to its JSON text. */
    @SuppressWarnings("unchecked")
    private static String asText(Object value) {
        return value instanceof String s ? s : JsonUtil.toJson((Map<String, ?>) value);
    }
}
