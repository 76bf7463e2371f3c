#!/usr/bin/env bash
# Installs what building and tracing need on Debian/Ubuntu: the C compiler, dtrace and
# sys/sdt.h (systemtap-sdt-dev), bpftrace and perf; mounts tracefs for perf and bpftrace.
# Also the cross compilers the link step uses for the other Linux platforms and, with --tests,
# what the tests check those libraries with: qemu-user, gdb-multiarch, musl-gcc.
# Where it cannot install (not root, no apt-get), it says exactly what to install and fails.
set -euo pipefail

missing=()
command -v cc >/dev/null 2>&1 || missing+=(gcc)
{ command -v dtrace >/dev/null 2>&1 && echo '#include <sys/sdt.h>' | cc -E - >/dev/null 2>&1; } || missing+=(systemtap-sdt-dev)
command -v bpftrace >/dev/null 2>&1 || missing+=(bpftrace)
command -v perf >/dev/null 2>&1 || missing+=(linux-perf)
for triplet in aarch64 powerpc64le s390x riscv64; do
  command -v "$triplet-linux-gnu-gcc" >/dev/null 2>&1 || missing+=("gcc-$triplet-linux-gnu")
done
if [ "${1:-}" = "--tests" ]; then
  command -v qemu-aarch64 >/dev/null 2>&1 || missing+=(qemu-user)
  command -v gdb-multiarch >/dev/null 2>&1 || missing+=(gdb-multiarch)
  command -v musl-gcc >/dev/null 2>&1 || missing+=(musl-tools)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "usdt4j: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "usdt4j: missing ${missing[*]}." >&2
    echo "  Install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    echo "  (Fedora: dnf install gcc systemtap-sdt-devel bpftrace perf)" >&2
    exit 1
  fi
fi

# bpftrace and perf create uprobe events through tracefs.
if [ ! -e /sys/kernel/tracing/uprobe_events ] && [ ! -e /sys/kernel/debug/tracing/uprobe_events ]; then
  if [ "$(id -u)" -eq 0 ]; then
    mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null \
      || mount -t debugfs nodev /sys/kernel/debug 2>/dev/null || true
  fi
  if [ ! -e /sys/kernel/tracing/uprobe_events ] && [ ! -e /sys/kernel/debug/tracing/uprobe_events ]; then
    echo "usdt4j: tracefs is not mounted; as root: mount -t tracefs nodev /sys/kernel/tracing" >&2
  fi
fi
