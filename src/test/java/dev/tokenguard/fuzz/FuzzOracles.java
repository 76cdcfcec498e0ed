package dev.tokenguard.fuzz;

import dev.tokenguard.AccessToken;
import dev.tokenguard.Verification;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties every fuzz target checks. A violation is an {@link AssertionError}, which Jazzer reports as a
 * finding (and JUnit as a failure when a saved input replays it).
 *
 * <ul>
 *   <li>{@link #checkResult}: a {@code Verification} is either accepted with a token or rejected with a
 *       category and a detail; the detail is not the safety net's "unexpected ..." (an exception inside the
 *       verifier that {@code JwtVerifier} turned into a refusal); neither the detail nor
 *       {@code toString()} contains the token or any dot-separated part of it longer than 8 characters.
 *   <li>{@link #checkAcceptedGenuine}: a token this code signed itself and the verifier accepted obeys, read
 *       with an independent strict JSON parser (Parsson, duplicate names refused), every rule the README lists.
 * </ul>
 */
public final class FuzzOracles {

    /** Parts shorter than this may legitimately coincide with words of a detail ("no token"). */
    private static final int MIN_LEAK_LENGTH = 9;

    /**
     * The fixed text of every message TokenGuard writes: the string constants and string-concatenation recipes
     * of the classes in {@code dev.tokenguard} and {@code dev.tokenguard.jwt}, read from their class files, so
     * that the list follows the library. It is masked out before looking for token text or key material: a
     * token part or a key that matches fixed text ("tok.token noti. token not ..." against "token not in the
     * static map", or the text "-BEGIN PUBLIC KEY-----" against the example in "the public key is neither PEM
     * (\"-----BEGIN PUBLIC KEY-----\")"; both found by the fuzzer) is a coincidence, not an echo.
     */
    private static final List<String> FIXED_TEXT = fixedText();

    private static List<String> fixedText() {
        Set<String> phrases = new java.util.HashSet<>(FixedText.of(dev.tokenguard.Verification.class));
        phrases.addAll(FixedText.of(dev.tokenguard.jwt.JwtVerifier.class));
        phrases.removeIf(p -> p.length() < 4);
        phrases.addAll(List.of(", ", ": ", "[", "]"));
        for (String alg : dev.tokenguard.jwt.JwtVerifier.supportedAlgorithms()) {
            phrases.add(alg);
        }
        List<String> sorted = new ArrayList<>(phrases);
        sorted.sort((a, b) -> b.length() - a.length());
        return List.copyOf(sorted);
    }

    /** {@code text} with every piece of {@link #FIXED_TEXT} replaced by NUL. */
    static String maskFixedText(String text) {
        String masked = text;
        for (String phrase : FIXED_TEXT) {
            if (masked.contains(phrase)) {
                masked = masked.replace(phrase, "\u0000");
            }
        }
        return masked;
    }

    private static final JsonReaderFactory STRICT_JSON = Json.createReaderFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            "org.eclipse.parsson.maxBigDecimalLength", 1_000_000,
            "org.eclipse.parsson.maxDepth", 100_000));

    /** 9999-12-31T23:59:59Z, the last NumericDate TokenGuard accepts. */
    private static final long LAST_SECOND = 253_402_300_799L;

    private static final Set<String> REGISTERED_HEADERS = Set.of("alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t",
            "x5t#S256", "typ", "cty", "crit", "enc", "zip");

    private FuzzOracles() {
    }

    /** Shape of the result, no masked exception, no token text in what is logged. */
    public static void checkResult(String token, Verification v) {
        if (v == null) {
            throw new AssertionError("verify returned null");
        }
        if (v.isAccepted()) {
            if (v.rejection() != null || v.accessToken() == null) {
                throw new AssertionError("accepted without a token, or with a rejection: " + v.rejection());
            }
            if (!v.accessToken().token().equals(token)) {
                throw new AssertionError("accepted token differs from the token presented");
            }
            checkNoLeak(token, v.accessToken().toString(), "AccessToken.toString()");
        } else {
            if (v.rejection() == null) {
                throw new AssertionError("rejected without a Rejection");
            }
            if (v.detail() == null) {
                throw new AssertionError("rejected without a detail");
            }
            if (v.detail().startsWith("unexpected ")) {
                throw new AssertionError("an exception inside the verifier was turned into a refusal by the safety"
                        + " net (" + v.detail() + "): a bug, and a wrong category (" + v.rejection().code() + ")");
            }
            checkNoLeak(token, v.detail(), "rejection detail");
        }
        checkNoLeak(token, v.toString(), "Verification.toString()");
    }

    /** A token the test did not sign must never be accepted. */
    public static void checkNotForged(String token, Verification v, String what) {
        if (v.isAccepted() && !FuzzFixtures.isGenuine(token)) {
            throw new AssertionError(what + ": a token this test never signed was accepted: " + v);
        }
    }

    /**
     * The token, and each dot-separated part longer than 8 characters, must not appear in {@code text} once its
     * fixed text is masked out, unless it also occurs in the decoded header or claims (whose values, such as
     * alg, kid, iss and aud, details quote by design).
     */
    public static void checkNoLeak(String token, String text, String where) {
        if (token == null || text == null) {
            return;
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(token);
        candidates.addAll(List.of(token.split("\\.", -1)));
        String masked = null;
        String decoded = null;
        for (String candidate : candidates) {
            if (candidate.length() < MIN_LEAK_LENGTH || !text.contains(candidate)) {
                continue;
            }
            if (masked == null) {
                masked = maskFixedText(text);
                decoded = decodedParts(token);
            }
            if (!masked.contains(candidate) || decoded.contains(candidate)) {
                continue;
            }
            throw new AssertionError(where + " contains " + (candidate.equals(token) ? "the token" : "a token part")
                    + " (" + candidate.length() + " chars): " + text);
        }
    }

    private static String decodedParts(String token) {
        StringBuilder b = new StringBuilder();
        for (String part : token.split("\\.", -1)) {
            try {
                b.append(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)).append('\n');
            } catch (IllegalArgumentException notBase64) {
                // nothing to add
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- the model of an accepted token

    /** What one verifier is configured to require, for {@link #checkAcceptedGenuine}. */
    public record Model(Set<String> algorithms, List<String> issuers, List<String> audiences,
                        List<String> requiredScopes, Set<String> criticalHeaders, Long maxAgeMillis) {
    }

    /**
     * Reads an accepted token again with Parsson (strict RFC 8259, duplicate names refused) and checks each
     * rule of "What is checked, in order": alg allowed, crit understood, exp present and ahead of now minus the
     * skew, nbf/iat not ahead of now plus the skew, maximum age, issuer, audience, sub a string, required
     * scopes; and that the {@link AccessToken} reports what the claims say.
     */
    public static void checkAcceptedGenuine(String token, AccessToken at, Model m) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new AssertionError("accepted a token of " + parts.length + " parts");
        }
        JsonObject header = strictObject(parts[0], "header");
        JsonObject claims = strictObject(parts[1], "payload");
        long now = FuzzFixtures.NOW.toEpochMilli();
        long skew = FuzzFixtures.SKEW.toMillis();

        if (!(header.get("alg") instanceof JsonString alg) || !m.algorithms().contains(alg.getString())) {
            fail("alg not allowed", header);
        }
        JsonValue kid = header.get("kid");
        if (kid != null && kid.getValueType() != JsonValue.ValueType.NULL && !(kid instanceof JsonString)) {
            fail("kid not a string", header);
        }
        if (header.containsKey("crit")) {
            if (!(header.get("crit") instanceof JsonArray crit) || crit.isEmpty()) {
                fail("crit not a non-empty list", header);
                return;
            }
            for (JsonValue name : crit) {
                if (!(name instanceof JsonString s) || REGISTERED_HEADERS.contains(s.getString())
                        || !header.containsKey(s.getString()) || !m.criticalHeaders().contains(s.getString())) {
                    fail("crit entry not understood", header);
                }
            }
        }

        Long exp = millis(claims, "exp");
        if (exp == null || now - skew >= exp) {
            fail("exp missing or passed", claims);
        }
        Long nbf = millis(claims, "nbf");
        if (nbf != null && now + skew < nbf) {
            fail("nbf in the future", claims);
        }
        Long iat = millis(claims, "iat");
        if (iat != null && now + skew < iat) {
            fail("iat in the future", claims);
        }
        if (m.maxAgeMillis() != null && (iat == null || now - skew > iat + m.maxAgeMillis())) {
            fail("iat missing or too old", claims);
        }
        if (!m.issuers().isEmpty()
                && !(claims.get("iss") instanceof JsonString iss && m.issuers().contains(iss.getString()))) {
            fail("iss not accepted", claims);
        }
        JsonValue sub = claims.get("sub");
        if (sub != null && sub.getValueType() != JsonValue.ValueType.NULL && !(sub instanceof JsonString)) {
            fail("sub not a string", claims);
        }
        String resource = null;
        if (!m.audiences().isEmpty()) {
            JsonValue aud = claims.get("aud");
            if (aud instanceof JsonString s && m.audiences().contains(s.getString())) {
                resource = s.getString();
            } else if (aud instanceof JsonArray list) {
                for (String accepted : m.audiences()) {
                    if (list.contains(Json.createValue(accepted))) {
                        resource = accepted;
                        break;
                    }
                }
            }
            if (resource == null) {
                fail("aud names no accepted audience", claims);
            }
        }
        List<String> scopes = claims.containsKey("scope") ? scopes(claims.get("scope")) : scopes(claims.get("scp"));
        if (!scopes.containsAll(m.requiredScopes())) {
            fail("a required scope is missing", claims);
        }

        // What the AccessToken reports.
        if (!at.scopes().equals(scopes)) {
            throw new AssertionError("scopes " + at.scopes() + " but the claims grant " + scopes);
        }
        if (!Instant.ofEpochMilli(exp).equals(at.expiresAt())) {
            throw new AssertionError("expiresAt " + at.expiresAt() + " but exp is " + Instant.ofEpochMilli(exp));
        }
        if (!java.util.Objects.equals(resource, at.resource())) {
            throw new AssertionError("resource " + at.resource() + " but the matching audience is " + resource);
        }
        String subject = sub instanceof JsonString s ? s.getString() : null;
        if (!java.util.Objects.equals(subject, at.subject())) {
            throw new AssertionError("subject differs from sub");
        }
        if (!at.claims().keySet().equals(claims.keySet())) {
            throw new AssertionError("claim names " + at.claims().keySet() + " differ from " + claims.keySet());
        }
        String clientId = "unknown";
        for (String name : new String[] {"client_id", "azp", "sub"}) {
            if (claims.get(name) instanceof JsonString s && !s.getString().isEmpty()) {
                clientId = s.getString();
                break;
            }
        }
        if (!clientId.equals(at.clientId())) {
            throw new AssertionError("clientId " + at.clientId() + " but the claims say " + clientId);
        }
    }

    private static void fail(String rule, JsonObject json) {
        throw new AssertionError("accepted, but the claims break a rule (" + rule + "); read strictly: "
                + Verification.quote(json.toString()));
    }

    private static JsonObject strictObject(String part, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("accepted a token whose " + what + " is not base64url");
        }
        if (!FuzzFixtures.b64(bytes).equals(part)) {
            throw new AssertionError("accepted a token whose " + what + " is not canonical base64url");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("accepted a token whose " + what + " is not UTF-8");
        }
        try (JsonReader r = STRICT_JSON.createReader(new StringReader(text))) {
            return r.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("accepted a token whose " + what + " a strict JSON parser refuses ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "): " + Verification.quote(text), e);
        }
    }

    /** A NumericDate as TokenGuard reads it (jose4j: integers as long, others as double), in milliseconds. */
    private static Long millis(JsonObject claims, String name) {
        JsonValue v = claims.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonNumber n)) {
            throw new AssertionError("accepted, but \"" + name + "\" is " + v.getValueType());
        }
        BigDecimal exact = n.bigDecimalValue();
        if (exact.signum() < 0 || exact.compareTo(BigDecimal.valueOf(LAST_SECOND)) > 0) {
            throw new AssertionError("accepted, but \"" + name + "\" is outside 1970..9999: " + exact);
        }
        double d = Double.parseDouble(exact.toString());
        return (long) Math.floor(d * 1000);
    }

    private static List<String> scopes(JsonValue value) {
        Set<String> scopes = new LinkedHashSet<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value instanceof JsonString s) {
            for (String part : s.getString().split("[ \\t\\n\\r]+")) {
                if (!part.isEmpty()) {
                    scopes.add(part);
                }
            }
        } else if (value instanceof JsonArray list) {
            for (JsonValue o : list) {
                if (!(o instanceof JsonString s)) {
                    throw new AssertionError("accepted, but a scope list holds a non-string");
                }
                if (!s.getString().isBlank()) {
                    scopes.add(s.getString().strip());
                }
            }
        } else {
            throw new AssertionError("accepted, but the scope claim is " + value.getValueType());
        }
        return new ArrayList<>(scopes);
    }

    /** Members that hold key material (public or private); their values must never be repeated in messages. */
    static final Set<String> MATERIAL = Set.of("n", "e", "x", "y", "d", "k", "p", "q", "dp", "dq", "qi", "x5c");

    private static final java.util.regex.Pattern BASE64_RUN = java.util.regex.Pattern.compile("[A-Za-z0-9+/_=-]{16,}");

    // ---------------------------------------------------------------- no key material in messages

    /**
     * {@code text} (an exception message, a verifier's description) must not contain key material from
     * {@code input}: the value (or its first 12 characters, as a shortened quote would show) of any
     * {@link #MATERIAL} member of length 12 or more, a base64 run of a PEM block, or a plain shared secret,
     * once the library's fixed text is masked out.
     * Values that also occur in another member (kty, kid, use, alg, crv, ...) are exempt: those may be quoted
     * by design ("kty 'foo' is not RSA, EC, OKP or oct").
     */
    public static void checkNoKeyMaterial(String text, String input, String where) {
        if (text == null || input == null) {
            return;
        }
        Set<String> material = new java.util.HashSet<>();
        Set<String> quotable = new java.util.HashSet<>();
        boolean encoded = collect(input, material, quotable);
        String masked = null;
        for (String m : material) {
            if (m.length() < 12) {
                continue;
            }
            String prefix = m.substring(0, 12);
            if (!text.contains(prefix)) {
                continue;
            }
            if (masked == null) {
                masked = maskFixedText(text);
            }
            // Base64 values (JWK members, PEM bodies) are also looked for by their start, as a shortened quote
            // would show them; plain text (a shared secret) only whole, since its start may well be English.
            boolean shown = masked.contains(m) || (encoded && masked.contains(prefix));
            if (shown && quotable.stream().noneMatch(q -> q.contains(prefix))) {
                throw new AssertionError(where + " repeats key material (" + m.length() + " chars, starting "
                        + prefix + "): " + text);
            }
        }
    }

    /** Collects the key material of {@code input}; true when it is base64 (JWK members or PEM). */
    private static boolean collect(String input, Set<String> material, Set<String> quotable) {
        String trimmed = input.strip();
        if (trimmed.startsWith("{")) {
            try {
                Map<String, Object> json = org.jose4j.json.JsonUtil.parseJson(trimmed);
                collectJwk(json, material, quotable);
                if (json.get("keys") instanceof List<?> keys) {
                    for (Object k : keys) {
                        if (k instanceof Map<?, ?> jwk) {
                            collectJwk(jwk, material, quotable);
                        }
                    }
                }
                return true;
            } catch (Exception | StackOverflowError notJson) {
                // fall through: treat as text
            }
        }
        if (trimmed.contains("-----BEGIN ")) {
            java.util.regex.Matcher runs = BASE64_RUN.matcher(trimmed.replaceAll("-----[A-Z0-9 ]+-----", " "));
            while (runs.find()) {
                material.add(runs.group());
            }
            return true;
        }
        material.add(trimmed); // a shared secret, or base64 SPKI
        material.add(input);
        return false;
    }

    private static void collectJwk(Map<?, ?> jwk, Set<String> material, Set<String> quotable) {
        for (Map.Entry<?, ?> e : jwk.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (MATERIAL.contains(name)) {
                if (e.getValue() instanceof String s) {
                    material.add(s);
                } else if (e.getValue() instanceof List<?> list) {
                    list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(material::add);
                }
            } else if (e.getValue() != null) {
                // Any other member's value may be quoted (kty, kid, use, alg, crv, and unknown names in future).
                quotable.add(String.valueOf(e.getValue()));
            }
        }
    }
}
