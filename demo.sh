#!/usr/bin/env bash
# Builds TokenGuard and the sample application, starts it on Open Liberty at http://127.0.0.1:9080 with a
# demo issuer, and prints two tokens and the curl lines that use them. Ctrl-C stops everything.
# Options: DEMO_SERVER=liberty|wildfly|payara (default liberty).
set -euo pipefail
cd "$(dirname "$0")"
echo "Building TokenGuard and the sample application (the first run downloads the servers) ..."
mvn -B -q install -DskipTests -DskipITs
# Only the sample and the harness: it/tck (the MP-JWT TCK, run by its tests) is for mvn verify.
mvn -B -q -f it/pom.xml install -DskipITs -pl app,suite
exec mvn -B -q -f it/suite/pom.xml exec:java -Ddemo.server="${DEMO_SERVER:-liberty}"
