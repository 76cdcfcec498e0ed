#!/usr/bin/env bash
# The profiles quoted in BENCHMARKS.md, into bench/results/profiles/ (needs ./bench/run.sh to have built once):
#  - JMH's stack and gc profilers on TokenGuard's first-seen HS256 and RS256, with the current TokenGuard and, if
#    given, an older jar (./bench/profile.sh /tmp/old/target/tokenguard-0.1.0-SNAPSHOT.jar);
#  - JFR on Open Liberty during the end-to-end benchmark (protected requests), summarised by JfrTop.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
OUT="$BENCH/results/profiles"
mkdir -p "$OUT"
cd "$BENCH"
jmh_profile() { # label classpath alg
  java -cp "$2" org.openjdk.jmh.Main 'dev\.tokenguard\.bench\.TokenGuardFirstSeen\.verify' -p alg="$3" -p keys=1 \
      -f 1 -wi 3 -w 1 -i 5 -r 1 -prof 'stack:lines=1;top=30' -prof gc > "$OUT/jmh-$1-$3.txt" 2>&1
}
for alg in HS256 RS256; do
  jmh_profile after target/benchmarks.jar "$alg"
  if [[ -n "${1:-}" ]]; then jmh_profile before "$1:target/benchmarks.jar" "$alg"; fi
done
# Liberty under wrk, with JFR: 15 s warm-up, one 15 s round per scenario.
rm -f /tmp/tokenguard-e2e-*.jfr
java -De2e.seconds=15 -De2e.warmup=15 -De2e.rounds=1 -De2e.out="$OUT/e2e-jfr-run.json" \
    "-De2e.jvmArgs=-XX:StartFlightRecording=filename=/tmp/tokenguard-e2e-{server}.jfr,settings=profile,dumponexit=true" \
    -cp target/benchmarks.jar dev.tokenguard.bench.e2e.EndToEnd > "$OUT/e2e-jfr-run.txt" 2>&1
for s in tokenguard tokenguard-authcache mpjwt; do
  java -cp target/benchmarks.jar dev.tokenguard.bench.JfrTop "/tmp/tokenguard-e2e-$s.jfr" 25 \
      'WebContainer.handleRequest' > "$OUT/e2e-liberty-$s-jfr.txt"
done
echo "profiles in $OUT"
