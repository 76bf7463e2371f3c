#!/usr/bin/env bash
# Runs the JMH benchmarks (with -prof gc for allocation) on JDK 17 and, when installed, on
# Temurin 25, then measures what the processor and the link goal add to a build. Writes the
# tables to benchmarks/results/. The enabled-probe benchmarks attach bpftrace: run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
mvn -B -q install -DskipTests
mkdir -p benchmarks/results

run_jmh() { # $1: java binary, $2: result name, then more JMH arguments
  "$1" --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar \
    -jvmArgsAppend --enable-native-access=ALL-UNNAMED -prof gc -rf text -rff "benchmarks/results/$2.txt" \
    "${@:3}" "${JMH_ARGS[@]}" >"benchmarks/results/$2.log" 2>&1 || { tail -40 "benchmarks/results/$2.log"; exit 1; }
  echo "== $2"; cat "benchmarks/results/$2.txt"
}
JMH_ARGS=(${BENCH_ARGS:-})

# MemorySegment is final from JDK 22 only
run_jmh java jdk17 -e 'SemaphoreReadBenchmark.memorySegmentOpaque'
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64
[ -x "$jdk25/bin/java" ] && run_jmh "$jdk25/bin/java" jdk25

benchmarks/build-cost.sh | tee benchmarks/results/build-cost.txt

# Start-up in a fresh JVM per sample, what the semaphore watcher costs an idle JVM, and how
# soon a tracer's first event comes in each mode (docs/performance.md).
for java in java "$jdk25/bin/java"; do
  [ -x "$(command -v "$java")" ] || continue
  name=$([ "$java" = java ] && echo jdk17 || echo jdk25)
  for semaphores in read poll; do
    "$java" -Dusdt4j.semaphores=$semaphores -cp benchmarks/target/benchmarks.jar \
      io.github.usdt4j.benchmarks.StartUpBenchmark 11 "$java"
  done | tee "benchmarks/results/startup-$name.txt"
done
watcher_cost() { # $1: mode, $2: interval in ms, then WatcherCost's arguments
  echo -n "$1: "
  java --enable-native-access=ALL-UNNAMED -Dusdt4j.semaphores="$1" -Dusdt4j.watchMillis="$2" \
    -Dusdt4j.dir="$(mktemp -d)" -cp benchmarks/target/benchmarks.jar io.github.usdt4j.benchmarks.WatcherCost "${@:3}"
}
{
  for semaphores in watch poll; do
    for millis in 10 50; do watcher_cost $semaphores "$millis" 60; done
  done
  # fewer probes, for the cost of each further one
  for providers in 1 10; do watcher_cost watch 10 60 "$providers"; done
} | tee benchmarks/results/watcher-cost.txt
benchmarks/attach-latency.sh | tee benchmarks/results/attach-latency.txt
benchmarks/attach-dip.sh | tee benchmarks/results/attach-dip.txt
benchmarks/attach-dip-server.sh | tee benchmarks/results/attach-dip-server.txt
