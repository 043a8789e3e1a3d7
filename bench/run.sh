#!/usr/bin/env bash
# Scale benchmark (issue 5): for generated tenants of each size, the wall time of
# `attest scan --format json` (the jar, through ./attest, with JAVA_OPTS) against a plain Jackson
# streaming parse of the same files in the same run, their ratio, peak RSS and heap, findings per
# second; the demo scan's start-to-exit time; and html,pdf at 100k when those formats exist.
#
#   bench/run.sh                 # 10k, 100k and 1M objects
#   bench/run.sh 10000 100000    # chosen sizes
#   RUNS=5 RUNS_LARGE=3 JAVA_OPTS=-Xmx1g BENCH_DIR=/tmp/attest-bench bench/run.sh
#
# Medians of RUNS runs (default 3) up to 100k; RUNS_LARGE runs (default 1) above. Tenants are
# generated once per (size, seed) under BENCH_DIR and reused.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
runs=${RUNS:-3}
runs_large=${RUNS_LARGE:-1}
export JAVA_OPTS="${JAVA_OPTS:--Xmx1g}"
work="${BENCH_DIR:-$root/target/bench}"
seed=${SEED:-1}
mkdir -p "$work"
cd "$root"
echo "building (jar and bench classes) ..." >&2
mvn -q -B -DskipTests package >&2
jar="$root/target/attest.jar"
cp_bench="$jar:$root/target/test-classes"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed for peak RSS" >&2; exit 2; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
# Peak heap in MB from a GC log: the largest occupancy before or after any collection.
peak_heap() { grep -oE '[0-9]+M->[0-9]+M' "$1" 2>/dev/null | tr -s 'M>-' ' ' | tr ' ' '\n' | grep -v '^$' | sort -n | tail -1 || true; }
# Runs a command under GNU time; prints "wall_s rss_mb exit".
timed() {
  local log="$work/time.log" rc=0
  /usr/bin/time -f "%e %M" -o "$log" "$@" >"$work/cmd.out" 2>"$work/cmd.err" || rc=$?
  # GNU time puts "Command exited with non-zero status N" first when the exit is not 0.
  tail -1 "$log" | awk -v rc=$rc '{printf "%s %.0f %d\n", $1, $2/1024, rc}'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); java: $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); JAVA_OPTS=$JAVA_OPTS"

# 1. The demo scan, JVM start to exit, as users run it (one untimed run first: the launcher makes
# its class-data archive once per build).
"$root/attest" --version >/dev/null
"$root/attest" scan --demo --format json --out "$work/out-demo" -q >/dev/null || true
demo_times=()
for r in 1 2 3 4 5; do
  read -r wall rss rc < <(timed "$root/attest" scan --demo --format json --out "$work/out-demo" -q)
  demo_times+=("$wall")
done
loaded=$(JAVA_OPTS="$JAVA_OPTS -Xlog:class+load=info" "$root/attest" scan --demo --format json --out "$work/out-demo" -q 2>/dev/null || true)
sdk=$(echo "$loaded" | grep -c -E ' com\.azure\.' || true)
live=$(echo "$loaded" | grep -c -E ' dev\.attest\.live\.' || true)
printf 'demo scan (--demo --format json): median %ss of 5 runs (%s); Azure SDK classes loaded: %s (dev.attest.live: %s)\n' \
  "$(printf '%s\n' "${demo_times[@]}" | median)" "${demo_times[*]}" "$sdk" "$live"

# 2. Scan vs plain parse per size.
printf '\n%-9s %5s %10s %9s %8s %6s %9s %9s %10s %10s %12s\n' objects runs MB_input parse_s scan_s ratio scan_RSS heap_MB findings findings/s load
for n in "${sizes[@]}"; do
  tenant="$work/tenant-$n-s$seed"
  if [ ! -f "$tenant.done" ]; then
    rm -rf "$tenant"
    subs=$(( n / 5000 )); [ $subs -lt 2 ] && subs=2; [ $subs -gt 200 ] && subs=200
    java $JAVA_OPTS -jar "$jar" demo generate --resources "$n" --subscriptions "$subs" --seed "$seed" --out "$tenant" >&2
    touch "$tenant.done"
  fi
  k=$runs; [ "$n" -gt 100000 ] && k=$runs_large
  parse=(); scan=(); rsss=(); heaps=()
  for ((r = 1; r <= k; r++)); do
    read -r wall rss rc < <(timed java $JAVA_OPTS -cp "$cp_bench" dev.attest.bench.PlainParse "$tenant")
    [ "$rc" = 0 ] || { echo "bench: plain parse failed: $(cat "$work/cmd.err")" >&2; exit 1; }
    parse+=("$wall")
    gclog="$work/gc-$n.log"
    read -r wall rss rc < <(JAVA_OPTS="$JAVA_OPTS -Xlog:gc:file=$gclog" timed "$root/attest" scan --snapshot "$tenant" \
      --format json --out "$work/out-$n" -q --timings)
    phases=$(grep -m1 '^attest: timings: ' "$work/cmd.err" | sed 's/^attest: timings: //' || true)
    if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
      echo "bench: scan of $n objects exited $rc: $(tail -3 "$work/cmd.err")" >&2; scan+=(fail); continue
    fi
    scan+=("$wall"); rsss+=("$rss"); heaps+=("$(peak_heap "$gclog")")
  done
  p=$(printf '%s\n' "${parse[@]}" | median)
  mb=$(du -sm "$tenant" | cut -f1)
  if ! printf '%s\n' "${scan[@]}" | grep -qv fail; then
    printf '%-9s %5s %10s %9s %8s   scan failed: %s\n' "$n" "$k" "$mb" "$p" "-" \
      "$(grep -m1 -E 'OutOfMemoryError|attest' "$work/cmd.err" || tail -1 "$work/cmd.err")"
    continue
  fi
  s=$(printf '%s\n' "${scan[@]}" | grep -v fail | median)
  findings=$(head -c 20000 "$work/out-$n/findings.json" | tr -d ' \n' | grep -oE '"findingsByStatus":\{[^}]*\}' \
    | grep -oE '[0-9]+' | awk '{t+=$1} END {print t+0}')
  printf '%-9s %5s %10s %9s %8s %6s %9s %9s %10s %10s %12s\n' "$n" "$k" "$mb" "$p" "$s" \
    "$(awk -v s="$s" -v p="$p" 'BEGIN {printf "%.2f", s/p}')" "$(printf '%s\n' "${rsss[@]}" | median)MB" \
    "$(printf '%s\n' "${heaps[@]}" | median)" "$findings" "$(awk -v f="$findings" -v s="$s" 'BEGIN {printf "%.0f", f/s}')" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  [ -n "${phases:-}" ] && printf '%-9s   last run: %s\n' "" "$phases"
done

# 3. html,pdf at 100k objects, when those formats exist in this build.
tenant="$work/tenant-100000-s$seed"
probe=$("$root/attest" scan --demo --format html,pdf --out "$work/out-probe" -q 2>&1 >/dev/null || true)
if echo "$probe" | grep -q "unknown format"; then
  echo; echo "html,pdf: skipped: this build has no html/pdf format ($(echo "$probe" | head -1))"
elif [ -f "$tenant.done" ]; then
  read -r wall rss rc < <(timed "$root/attest" scan --snapshot "$tenant" --format html,pdf --out "$work/out-report" -q --timings)
  phases=$(grep -m1 '^attest: timings: ' "$work/cmd.err" | sed 's/^attest: timings: //' || true)
  pdf=$(ls "$work"/out-report/*.pdf 2>/dev/null | head -1)
  pages=$( [ -n "$pdf" ] && grep -a -c '/Type */Page[^s]' "$pdf" || echo "-")
  echo; echo "html,pdf at 100k: ${wall}s (exit $rc), RSS ${rss}MB, PDF pages: $pages"
  [ -n "${phases:-}" ] && echo "  phases: $phases"
else
  echo; echo "html,pdf: skipped: no 100k tenant in this run"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
