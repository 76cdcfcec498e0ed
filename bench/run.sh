#!/usr/bin/env bash
# TokenGuard's benchmarks (BENCHMARKS.md): builds TokenGuard, the JMH benchmarks and the MP-JWT comparison WAR, runs
# JMH with 1 and 2 threads and the end-to-end benchmark on Open Liberty, and regenerates the result tables and charts
# in BENCHMARKS.md. Not part of `mvn verify`. Takes about 55 minutes; run it on an otherwise idle machine.
#
#   ./bench/run.sh               everything
#   ./bench/run.sh --jmh         JMH only (then the report)
#   ./bench/run.sh --e2e         end to end only (then the report)
#   ./bench/run.sh --worstcase   the worst-case benchmark only (hostile tokens vs one valid RS256; then the report)
#   ./bench/run.sh --introspection  RFC 7662 introspection with the cache off and on (then the report)
#   ./bench/run.sh --report      only regenerate tables and charts from bench/results/*.json
#   ./bench/run.sh --quick       a fast smoke run of everything (1 fork, short iterations, results in /tmp)
#   ./bench/run.sh --before JAR  TokenGuard's first-seen benchmark (1 thread) with an older TokenGuard jar first on
#                                the class path, into results/jmh-before-t1.json (the report then shows before/after).
#                                An older jar: git archive <commit> | tar -x -C /tmp/old &&
#                                (cd /tmp/old && mvn -B -q package -DskipTests -DskipITs) -> /tmp/old/target/*.jar
#
# Needs Java 17, Maven 3.8+, wrk (apt-get install -y wrk) for the end-to-end part, and the IT servers unpacked
# (the script runs `mvn install -DskipITs` in it/, which does that on first use).
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
RESULTS="$BENCH/results"
MODE="${1:-all}"

# Per JMH trial: 2 forks x (3 x 1 s warm-up + 4 x 1 s measurement); 61 trials per thread count.
JMH_OPTS=(-f 2 -wi 3 -w 1 -i 4 -r 1 -prof gc)
E2E_OPTS=(-De2e.seconds=20 -De2e.warmup=30 -De2e.rounds=3 -De2e.connections=16 -De2e.threads=2)
if [[ "$MODE" == "--quick" ]]; then
  JMH_OPTS=(-f 1 -wi 1 -w 1 -i 1 -r 1)
  E2E_OPTS=(-De2e.seconds=3 -De2e.warmup=2 -De2e.rounds=1)
  RESULTS="$(mktemp -d)"
  echo "quick run: results in $RESULTS (BENCHMARKS.md is not touched)"
fi
BENCHMARKS='dev\.tokenguard\.bench\.(JcaFloor|TokenGuardFirstSeen|TokenGuardCacheMiss|TokenGuardRepeated|SmallRye|Jose4j|Nimbus|Auth0)\.verify'

mkdir -p "$RESULTS"

build() {
  echo "== building TokenGuard, the benchmarks and the MP-JWT WAR"
  (cd "$ROOT" && mvn -B -q install -DskipTests -DskipITs)
  # The sample and the harness only: it/tck would run the MP-JWT TCK on three servers.
  (cd "$ROOT/it" && mvn -B -q install -DskipITs -pl app,suite)
  (cd "$BENCH/mpjwt-app" && mvn -B -q package)
  (cd "$BENCH" && mvn -B -q package)
  (cd "$BENCH" && java -cp target/benchmarks.jar dev.tokenguard.bench.Fixtures)
}

environment() {
  local out="$RESULTS/environment.md"
  {
    echo "### Machine and run"
    echo
    echo "- Run started: $(date -u '+%Y-%m-%d %H:%M UTC'); load average before it: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(nproc) CPUs ($(lscpu | sed -n 's/^Thread(s) per core: */threads per core: /p'))"
    echo "- Memory: $(free -g | awk '/^Mem:/{print $2 " GiB"}'); OS: $(uname -sr)"
    echo "- JDK: $(java -version 2>&1 | head -1 | tr -d '"'), $(java -version 2>&1 | sed -n 2p)"
    echo "- Maven: $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
    echo "- Other busy processes at the start (over 20% CPU): $(ps -eo pcpu,comm --sort=-pcpu | awk 'NR>1 && $1>20 {printf "%s (%s%%) ", $2, $1}' ; echo)"
  } > "$out.tmp"
  mv "$out.tmp" "$out"
}

jmh() {
  for t in 1 2; do
    echo "== JMH, $t thread(s)"
    (cd "$BENCH" && java -jar target/benchmarks.jar "$BENCHMARKS" "${JMH_OPTS[@]}" -t "$t" \
        -rf json -rff "$RESULTS/jmh-t$t.json" | tee "$RESULTS/jmh-t$t.txt")
  done
  worstcase
  introspection
  echo "- Load average after the JMH runs: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS/environment.md"
}

# The most expensive tokens an attacker can send (each fills the size cap and is refused) next to one valid RS256
# verification, 1 thread; the report's "Worst case" table. Its own run notes: environment.md stays the main runs'.
worstcase() {
  single worstcase 'dev\.tokenguard\.bench\.WorstCase\.verify'
}

# Introspection against an endpoint on loopback, cache off and on, 1 thread; the report's "Introspection" table.
introspection() {
  single introspection 'dev\.tokenguard\.bench\.Introspection\.verify'
}

# One benchmark class, 1 thread, into results/jmh-NAME.json, with its own run notes (NAME-environment.md); the main
# runs' environment.md is theirs.
single() {
  local name="$1" pattern="$2" started load
  echo "== JMH, $name (1 thread)"
  started="$(date -u '+%Y-%m-%d %H:%M UTC')"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$BENCH" && java -jar target/benchmarks.jar "$pattern" "${JMH_OPTS[@]}" -t 1 \
      -rf json -rff "$RESULTS/jmh-$name.json" | tee "$RESULTS/jmh-$name.txt")
  echo "- Run started: $started; load average before it: $load, after it: $(cut -d' ' -f1-3 /proc/loadavg)" \
      > "$RESULTS/$name-environment.md"
}

e2e() {
  echo "== end to end (Open Liberty, wrk)"
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
  (cd "$BENCH" && java "${E2E_OPTS[@]}" -De2e.out="$RESULTS/e2e.json" -cp target/benchmarks.jar \
      dev.tokenguard.bench.e2e.EndToEnd | tee "$RESULTS/e2e.txt")
  echo "- Load average after the end-to-end run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS/environment.md"
}

report() {
  echo "== tables and charts"
  local doc="$ROOT/BENCHMARKS.md"
  [[ "$MODE" == "--quick" ]] && doc="$RESULTS/BENCHMARKS.md"
  (cd "$BENCH" && java -Djava.awt.headless=true -cp target/benchmarks.jar dev.tokenguard.bench.Report \
      "$RESULTS" "$doc")
}

before() {
  local jar="$1"
  [[ -f "$jar" ]] || { echo "no such jar: $jar" >&2; exit 2; }
  echo "== JMH, TokenGuard first-seen with $jar"
  (cd "$BENCH" && java -cp "$jar:target/benchmarks.jar" org.openjdk.jmh.Main \
      'dev\.tokenguard\.bench\.TokenGuardFirstSeen\.verify' "${JMH_OPTS[@]}" -t 1 \
      -rf json -rff "$RESULTS/jmh-before-t1.json" | tee "$RESULTS/jmh-before-t1.txt")
}

case "$MODE" in
  all|--quick) build; environment; jmh; e2e; report ;;
  --jmh) build; environment; jmh; report ;;
  --e2e) build; [[ -f "$RESULTS/environment.md" ]] || environment; e2e; report ;;
  --worstcase) build; worstcase; report ;;
  --introspection) build; introspection; report ;;
  --report) report ;;
  --before) before "${2:?--before needs the path of an older tokenguard jar}"; report ;;
  *) echo "unknown option $MODE (see the top of $0)" >&2; exit 2 ;;
esac
