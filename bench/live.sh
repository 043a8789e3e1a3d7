#!/usr/bin/env bash
# Live-collection benchmark (issue 5): collects a generated tenant from the loopback HTTPS
# emulator, with Resource Graph's quota enforced (15 requests per 5-second window per user),
# Resource Manager's read budget per subscription (250, refilled at 25 a second) and a latency on
# every reply, and prints: Resource Graph pages needed, the quota bound (pages / 3 req/s), wall
# time, its ratio to the bound, 429s, ARM calls and requests by kind. Nothing leaves 127.0.0.1.
#
#   bench/live.sh                     # 100 subscriptions x 2,000 resources, 50 ms, 3 runs
#   bench/live.sh 50 2000 50          # issue 4's case
#   RUNS=1 bench/live.sh 100 2000 50 --arm-concurrency 128 --per-subscription 8
#   LIVEPERF_THREADS=1 bench/live.sh  # also CPU seconds by thread family (JIT, GC, client, emulator)
#
# Each run is a fresh emulator in the same JVM: run 1 includes the JIT's warm-up (as a real
# `attest scan` does), later runs are warm; the summary line gives the median of all runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
subs=${1:-100}
per=${2:-2000}
latency=${3:-50}
shift $(( $# < 3 ? $# : 3 ))
echo "building (jar and test classes) ..." >&2
mvn -q -B -DskipTests package >&2
echo "machine: $(nproc) cores; java: $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java ${JAVA_OPTS:-} -cp "$root/target/attest.jar:$root/target/test-classes" dev.attest.live.LivePerf \
  "$subs" "$per" "$latency" --runs "${RUNS:-3}" "$@"
