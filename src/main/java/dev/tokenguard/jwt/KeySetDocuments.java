package dev.tokenguard.jwt;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Where a {@link RemoteKeySet} gets its documents from: {@link JwksFetcher}, over HTTP. */
interface KeySetDocuments {

    /** One fetch; @throws IOException with a message fit for a log line */
    JwksFetcher.Document fetch() throws IOException;

    /** Where the documents come from, for log lines. */
    URI uri();

    /** The longest one fetch can take. */
    Duration budget();
}
