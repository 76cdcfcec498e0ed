package dev.tokenguard.jwt;

import java.util.List;
import java.util.stream.Collectors;

/** Keys given in configuration: a PEM key, a certificate, a JWK, a JWK Set, or a shared secret. */
final class StaticKeys implements KeySource {

    private final List<VerificationKey> keys;
    private final String origin;

    StaticKeys(List<VerificationKey> keys, String origin) {
        this.keys = List.copyOf(keys);
        this.origin = origin;
    }

    @Override
    public VerificationKey keyFor(JoseHeader header) throws RejectionException {
        return KeySelector.select(keys, header);
    }

    @Override
    public String describe() {
        return origin + " (" + keys.stream().map(VerificationKey::describe).collect(Collectors.joining(", ")) + ")";
    }
}
