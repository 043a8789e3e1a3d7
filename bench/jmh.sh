#!/usr/bin/env bash
# JMH microbenchmarks of the hot inner loops (src/bench/java): id sorting, reference fingerprints,
# redaction, pruning and encoding, decoding, content hashes, rule evaluation, finding ids, and
# findings serialisation.
#
#   bench/jmh.sh                     # every benchmark, as the JVM compiles by default (C1 then C2)
#   C1=1 bench/jmh.sh                # C1 only, as ./attest runs (-XX:TieredStopAtLevel=1)
#   bench/jmh.sh 'Inventory.*sort'   # a subset (JMH regular expression), other JMH options after it
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
echo "building (main, tests and benchmarks) ..." >&2
mvn -q -B -Pbench -DskipTests test-compile >&2
cp_file="target/bench.classpath"
mvn -q -B -Pbench dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
cp="target/test-classes:target/classes:$(cat "$cp_file")"
jvm=()
[ "${C1:-0}" = 1 ] && jvm=(-jvmArgsAppend "-XX:TieredStopAtLevel=1")
exec java -cp "$cp" org.openjdk.jmh.Main "${jvm[@]}" "$@"
