#!/usr/bin/env bash
# What attaching and detaching bpftrace does to the example server under load, per mode:
# ExampleApp serves, ServerLoad (another JVM) sends requests as fast as it answers and prints
# the requests answered per 100 ms; after 12 s of warm-up bpftrace counts http-request-start for
# 2 s. Reports the rate before, while traced and after, and how long after the detach the rate
# is back to 90% of the rate before.
# Run as root after `mvn install` (needs the examples' classes and benchmarks.jar).
set -euo pipefail
cd "$(dirname "$0")"
java=${1:-java}
runtime=$(ls ../runtime/target/usdt4j-runtime-*.jar | grep -v -e sources -e javadoc | head -n 1)
now_ms() { date +%s%3N; }
for mode in read watch; do
  work=$(mktemp -d)
  "$java" --enable-native-access=ALL-UNNAMED -Dusdt4j.dir="$work" -Dusdt4j.semaphores="$mode" \
    -cp "../examples/target/classes:$runtime" io.github.usdt4j.examples.ExampleApp --seconds 40 --rate 1 >"$work/app" 2>&1 &
  app=$!
  until grep -q '^serving on' "$work/app"; do sleep 0.1; done
  port=$(sed -n 's/^serving on 127.0.0.1://p' "$work/app")
  "$java" -cp target/benchmarks.jar io.github.usdt4j.benchmarks.ServerLoad "$port" 30 >"$work/windows" &
  load=$!
  sleep 12 # both JVMs warmed up and compiled
  bpftrace -p "$app" -e 'BEGIN { printf("attached\n"); } usdt::libmtev:http__request__start { @requests = count(); }' \
    >"$work/tracer" 2>&1 &
  tracer=$!
  until grep -q attached "$work/tracer"; do sleep 0.05; done
  attached=$(now_ms)
  sleep 2
  while kill -INT "$tracer" 2>/dev/null; do sleep 0.5; done # bpftrace 0.17 can miss a SIGINT
  wait "$tracer" || true
  detached=$(now_ms)
  wait "$load"
  kill "$app"; wait "$app" 2>/dev/null || true
  awk -v mode="$mode" -v attached="$attached" -v detached="$detached" '
    $1 == "window" { t[++n] = $2; c[n] = $3 }
    END {
      for (i = 1; i <= n; i++) {
        if (t[i] > attached - 3000 && t[i] <= attached) { before += c[i]; b++ }
        if (t[i] > attached + 100 && t[i] <= detached) { traced += c[i]; d++ }
        if (t[i] > detached + 1000) { after += c[i]; a++ }
      }
      base = before / b
      for (i = 1; i <= n && (t[i] <= detached || c[i] < 0.9 * base); i++) ;
      recovery = i <= n ? sprintf("back to 90%% %d ms after the tracer detached", t[i] - detached) \
                        : "never back to 90% before the run ended"
      printf("%s: %d requests per 100 ms before the attach, %d while traced (%.0f%%), %d settled after the detach (%.0f%%); %s\n",
             mode, base, traced / d, 100 * traced / d / base, after / a, 100 * after / a / base, recovery)
    }' "$work/windows"
  grep '@requests' "$work/tracer" | sed "s/^/  $mode: bpftrace counted /"
  [ -n "${KEEP:-}" ] && cp "$work/windows" "/tmp/server-windows-$mode"
  rm -rf "$work"
done
