#!/usr/bin/env bash
# What attaching and detaching bpftrace does to a busy loop (AttachDip), per mode: the calls
# per 10 ms before the attach, the speed it settles at after the detach, and how long until it
# is back to 90% of the speed before.
# Run as root after `mvn install`.
set -euo pipefail
cd "$(dirname "$0")"
java=${1:-java}
for mode in read watch; do
  work=$(mktemp -d)
  "$java" --enable-native-access=ALL-UNNAMED -Dusdt4j.dir="$work" -Dusdt4j.semaphores="$mode" \
    -cp target/benchmarks.jar io.github.usdt4j.benchmarks.AttachDip 14 >"$work/windows" &
  app=$!
  sleep 5 # warmed up and compiled
  bpftrace -p "$app" -e 'BEGIN { printf("attached\n"); } usdt::startup01_:p0 { @calls = count(); }' >"$work/tracer" 2>&1 &
  tracer=$!
  until grep -q attached "$work/tracer"; do sleep 0.05; done
  sleep 1
  while kill -INT "$tracer" 2>/dev/null; do sleep 0.5; done # bpftrace 0.17 can miss a SIGINT
  wait "$tracer" || true
  wait "$app"
  # the windows whose rate dropped are the attached second; the first one after them is the detach
  awk -v mode="$mode" '
    $1 == "window" { t[NR] = $2; c[NR] = $3; n = NR }
    END {
      # baseline: the mean of the windows from 3 s to 4.5 s
      for (i = 1; i <= n; i++) if (t[i] - t[1] > 3e9 && t[i] - t[1] < 4.5e9) { sum += c[i]; m++ }
      base = sum / m
      # the traced stretch: windows below a tenth of the baseline
      for (i = 1; i <= n; i++) if (c[i] < base / 10) last = i
      for (i = last + 1; i <= n && c[i] < 0.9 * base; i++) ;
      # the speed settled after the detach: the mean from 1 s after it to the end
      for (j = last + 100; j <= n; j++) { after += c[j]; k++ }
      if (i <= n) recovery = sprintf("back to 90%% %.0f ms after the tracer detached", (t[i] - t[last]) / 1e6)
      else recovery = "never back to 90% before the run ended"
      printf("%s: %d calls per 10 ms before the attach, %d settled after the detach (%.0f%%); %s\n",
             mode, base, after / k, 100 * after / k / base, recovery)
    }' "$work/windows"
  [ -n "${KEEP:-}" ] && cp "$work/windows" "/tmp/windows-$mode" && cp "$work/tracer" "/tmp/tracer-$mode"
  rm -rf "$work"
done
