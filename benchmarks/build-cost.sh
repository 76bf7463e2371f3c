#!/usr/bin/env bash
# What usdt4j adds to a build: a module with 1, 30 and 300 probes built three ways —
# without the processor, with it (link skipped), and with linking for the default platforms
# (docs/building.md) — best of three runs each, and the size of each platform's library.
# Uses the installed 0.1.0-SNAPSHOT artifacts.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_module() { # $1: probe count
  local dir="$work/p$1"
  mkdir -p "$dir/src/main/java/cost"
  sed -n '/<project/,/<\/project>/p' >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>cost</groupId>
  <artifactId>p$1</artifactId>
  <version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release></properties>
  <dependencies>
    <dependency><groupId>io.github.usdt4j</groupId><artifactId>usdt4j-runtime</artifactId><version>0.1.0-SNAPSHOT</version></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version>
      <configuration><annotationProcessorPaths><path><groupId>io.github.usdt4j</groupId><artifactId>usdt4j-processor</artifactId><version>0.1.0-SNAPSHOT</version></path></annotationProcessorPaths></configuration></plugin>
    <plugin><groupId>io.github.usdt4j</groupId><artifactId>usdt4j-maven-plugin</artifactId><version>0.1.0-SNAPSHOT</version>
      <executions><execution><goals><goal>link</goal></goals></execution></executions></plugin>
  </plugins></build>
</project>
POM
  {
    echo 'package cost;'
    echo 'import io.github.usdt4j.*;'
    echo '@Provider("cost")'
    echo 'public interface Cost {'
    for i in $(seq 1 "$1"); do
      echo "  @Probe void probe$i(int fd, String name, @DType(\"size_t\") long size, @DType(\"void *\") long ptr);"
    done
    echo '}'
  } >"$dir/src/main/java/cost/Cost.java"
}

best_of_three() { # the rest: mvn arguments; prints seconds
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    mvn -q -o "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    best=$(awk -v a="$best" -v b="$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" \
      'BEGIN { if (a == "" || b < a) print b; else print a }')
  done
  printf '%.2f' "$best"
}

echo "| probes | compile, no processor (s) | + processor (s) | + link (s) | link adds (s) | library size per platform (bytes) |"
echo "|---|---|---|---|---|---|"
for n in 1 30 300; do
  make_module "$n"
  cd "$work/p$n"
  mvn -q -o process-classes >/dev/null 2>&1 # resolve and warm the local repository
  plain=$(best_of_three clean process-classes -Dmaven.compiler.proc=none -Dusdt4j.skip=true)
  processed=$(best_of_three clean process-classes -Dusdt4j.skip=true)
  linked=$(best_of_three clean process-classes)
  size=$(for library in target/classes/META-INF/usdt4j/cost.Usdt4j_Cost/linux-*/libusdt4j-cost.so; do
    platform=${library%/*}
    printf '%s %s, ' "${platform##*/}" "$(stat -c %s "$library")"
  done)
  echo "| $n | $plain | $processed | $linked | $(awk -v a="$linked" -v b="$processed" 'BEGIN { printf "%.2f", a - b }') | ${size%, } |"
  cd - >/dev/null
done
