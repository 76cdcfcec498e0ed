package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One key source per trusted issuer, chosen by the token's {@code iss}, read before the signature is checked. That
 * unverified value only chooses among the configured issuers: a token naming any other is refused here, before
 * any network call, and no key set is ever fetched for it; a token is verified with its issuer's keys alone, so the
 * keys of one issuer never verify another's tokens (the claim rules then check {@code iss} again, verified).
 */
final class IssuerKeySources implements KeySource {

    private final Map<String, KeySource> byIssuer;

    IssuerKeySources(Map<String, KeySource> byIssuer) {
        this.byIssuer = Map.copyOf(new LinkedHashMap<>(byIssuer));
    }

    @Override
    public VerificationKey keyFor(JoseHeader header) throws RejectionException {
        throw new IllegalStateException("the issuer is needed to choose a key set");
    }

    @Override
    public VerificationKey keyFor(JoseHeader header, CompactJws jws) throws RejectionException {
        Object iss = JsonObjects.parse(CompactJws.utf8(jws.payload(), "payload"), "payload").get("iss");
        KeySource keys = iss instanceof String s ? byIssuer.get(s) : null;
        if (keys == null) {
            throw new RejectionException(Rejection.WRONG_ISSUER, iss == null ? "no \"iss\" to choose the issuer's keys"
                    : "\"iss\" " + dev.tokenguard.Verification.quote(iss) + " is not a trusted issuer");
        }
        return keys.keyFor(header);
    }

    @Override
    public void refreshIfStale() {
        byIssuer.values().forEach(KeySource::refreshIfStale);
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder();
        byIssuer.values().forEach(k -> b.append(b.length() == 0 ? "" : "; ").append(k.describe()));
        return b.toString();
    }
}
