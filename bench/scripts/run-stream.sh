#!/usr/bin/env bash
# Runs the stream benchmark the way BENCHMARKS.md's "Stream" section was produced and keeps the
# report (text and JSON) in bench/results/stream/<timestamp>/ (git-ignored). Usage, from the
# repository root:
#   bench/scripts/run-stream.sh [StreamBenchmark options, e.g. --rate 200 --duration-s 120]
# The pipeline runs in this JVM (heap 2 GiB), the broker in a child JVM (heap 1 GiB).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -o package -DskipTests -pl bench -am
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms2g -Xmx2g -cp bench/target/benchmarks.jar io.tracefill.bench.stream.StreamBenchmark "$@"
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
