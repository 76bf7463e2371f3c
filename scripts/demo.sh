#!/usr/bin/env bash
# The demo: builds usdt4j and the libmtev example, starts the example's HTTP event loop with
# some load, and traces it for a few seconds with examples/scripts/demo.bt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ "$(id -u)" -ne 0 ]; then
  echo "usdt4j: tracing another process needs root; run: sudo $0" >&2
  exit 1
fi

echo "== building (mvn install -DskipTests)"
mvn -B -q install -DskipTests

runtime=$(ls runtime/target/usdt4j-runtime-*.jar | grep -v sources | head -n 1)
out=$(mktemp)
trap 'kill "$app" 2>/dev/null || true; rm -f "$out"' EXIT

echo "== starting the example (20 requests a second for 15 seconds)"
java -cp "examples/target/classes:$runtime" io.github.usdt4j.examples.ExampleApp --seconds 15 --rate 20 >"$out" 2>&1 &
app=$!
for _ in $(seq 100); do grep -q '^serving' "$out" && break; sleep 0.1; done
cat "$out"

echo "== bpftrace -p $app examples/scripts/demo.bt (5 seconds)"
bpftrace -p "$app" examples/scripts/demo.bt 2>&1 | grep -v RLIMIT_MEMLOCK
wait "$app"
