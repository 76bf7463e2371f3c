#!/usr/bin/env bash
# Runs the whole test suite: unit, golden-file and compile-error tests, and the end-to-end
# tests that attach bpftrace and perf to a real JVM (they need root; without it they skip
# and say why). Installs the project's artifacts into ~/.m2, so the README's pom works after.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
mvn -B install "$@"
