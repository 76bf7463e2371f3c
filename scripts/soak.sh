#!/usr/bin/env bash
# The soak test (not part of the test suite): the example under load for SECONDS (default
# 600) with bpftrace attached the whole time. Reports heap and RSS as it goes, and compares
# the events bpftrace counted with the calls the program made. Exits 1 if any was lost.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
scripts/install-deps.sh
mvn -B -q install -DskipTests
runtime=$(ls runtime/target/usdt4j-runtime-*.jar | head -n 1)
log=$(mktemp); trace=$(mktemp)
trap 'kill "$app" "$tracer" 2>/dev/null || true; rm -f "$log" "$trace"' EXIT

java -Xmx256m -cp "examples/target/classes:$runtime" io.github.usdt4j.examples.ExampleApp \
  --seconds "$seconds" --rate 500 --wait-for-tracer true --stats 60 >"$log" 2>&1 &
app=$!
for _ in $(seq 100); do grep -q '^serving' "$log" && break; sleep 0.1; done
bpftrace -p "$app" -e 'usdt::libmtev:http__request__start { @started = count(); }
  usdt::libmtev:http__log { @logged = count(); }' >"$trace" 2>&1 &
tracer=$!
wait "$app"
sleep 1
kill -INT "$tracer" 2>/dev/null || true  # bpftrace -p ends with the process
wait "$tracer" || true

grep -E '^(pid|provider|stats|http-request-start)' "$log"
grep -E '@(started|logged)' "$trace"
fired=$(sed -n 's/^http-request-start fired //p' "$log")
counted=$(sed -n 's/^@started: //p' "$trace")
echo "fired $fired, bpftrace counted $counted"
[ "$fired" = "$counted" ]
