package dev.tokenguard.jwt;

import dev.tokenguard.Rejection;
import dev.tokenguard.internal.BoundedHttp;
import dev.tokenguard.internal.IssuerMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The key set of one issuer, found from its metadata ({@link IssuerMetadata}) when the first token of that issuer
 * arrives, not at deployment: an issuer that is down at startup delays nothing and fails nothing. A failed discovery
 * refuses tokens with {@code keys_unavailable} and is tried again at most once per minimum refresh interval, the
 * discipline of the key set itself; once found, the key set behaves as any fetched key set.
 */
final class DiscoveredKeySet implements KeySource {

    private static final Logger LOG = Logger.getLogger("dev.tokenguard");

    private final String issuer;
    private final BoundedHttp http;
    private final Clock clock;
    private final Duration minRetryInterval;
    private final Function<URI, KeySource> keySetAt;
    private volatile KeySource keys;
    private Instant lastAttempt;
    private String lastFailure = "not tried yet";

    DiscoveredKeySet(String issuer, BoundedHttp http, Clock clock, Duration minRetryInterval,
                     Function<URI, KeySource> keySetAt) {
        this.issuer = issuer;
        this.http = http;
        this.clock = clock;
        this.minRetryInterval = minRetryInterval;
        this.keySetAt = keySetAt;
    }

    @Override
    public VerificationKey keyFor(JoseHeader header) throws RejectionException {
        return keys().keyFor(header);
    }

    @Override
    public void refreshIfStale() {
        KeySource k = keys;
        if (k != null) {
            k.refreshIfStale();
        }
    }

    private KeySource keys() throws RejectionException {
        KeySource k = keys;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (keys != null) {
                return keys;
            }
            Instant now = clock.instant();
            if (lastAttempt == null || !now.isBefore(lastAttempt.plus(minRetryInterval))) {
                lastAttempt = now;
                try {
                    IssuerMetadata metadata = IssuerMetadata.discover(issuer, http);
                    if (metadata.jwksUri() == null) {
                        throw new IOException("issuer metadata of " + issuer + " has no jwks_uri");
                    }
                    keys = keySetAt.apply(metadata.jwksUri());
                    LOG.info(() -> "TokenGuard: issuer " + issuer + " publishes its keys at " + metadata.jwksUri());
                    return keys;
                } catch (IOException e) {
                    lastFailure = e.getMessage();
                    LOG.warning("TokenGuard: discovery of issuer " + issuer + " failed: " + lastFailure
                            + "; its tokens are refused until it succeeds (tried again in at most "
                            + minRetryInterval.toSeconds() + " s)");
                }
            }
            throw new RejectionException(Rejection.KEYS_UNAVAILABLE, "issuer " + issuer + ": " + lastFailure);
        }
    }

    @Override
    public String describe() {
        KeySource k = keys;
        return "keys of " + issuer + " by discovery" + (k == null ? "" : " (" + k.describe() + ")");
    }
}
