#!/usr/bin/env bash
# How long after a tracer attaches its first event arrives: FiringLoop fires a probe every
# 20 us; bpftrace attaches (BEGIN runs once every probe is attached) and prints the time from
# BEGIN to the first event, 20 times per mode. With usdt4j.semaphores=read the probe reads its
# semaphore on every call; with watch it is folded until the watcher sees the semaphore rise;
# with poll it reads a copy the watcher updates.
# Run as root after `mvn install` (needs benchmarks/target/benchmarks.jar and bpftrace).
set -euo pipefail
cd "$(dirname "$0")"
java=${1:-java}
for mode in read watch poll; do
  libs=$(mktemp -d)
  "$java" --enable-native-access=ALL-UNNAMED -Dusdt4j.dir="$libs" -Dusdt4j.semaphores="$mode" \
    -cp target/benchmarks.jar io.github.usdt4j.benchmarks.FiringLoop >"$libs/out" 2>&1 &
  app=$!
  until grep -q '^ready ' "$libs/out"; do sleep 0.1; done
  samples=()
  for _ in $(seq 20); do
    samples+=("$(bpftrace -p "$app" -e 'BEGIN { @start = nsecs; } usdt::startup01_:p0 { printf("%d\n", (nsecs - @start) / 1000); exit(); }' 2>/dev/null | grep -E '^[0-9]+$' | head -1)")
    sleep 0.2 # the probe folds again once the tracer is gone
  done
  kill "$app"; wait "$app" 2>/dev/null || true
  rm -rf "$libs"
  printf '%s\n' "${samples[@]}" | sort -n | awk -v mode="$mode" '{ v[NR] = $1 } END {
    printf("%s: first event %d us after attach (median of %d; min %d, max %d)\n", mode, v[int((NR + 1) / 2)], NR, v[1], v[NR]) }'
done
