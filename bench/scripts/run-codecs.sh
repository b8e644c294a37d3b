#!/usr/bin/env bash
# Runs the codec benchmarks the way BENCHMARKS.md's "Codecs" section was produced and keeps the
# output in bench/results/ (git-ignored). Usage, from the repository root:
#   bench/scripts/run-codecs.sh [extra JMH args]
# NICE=-10 (root only) raises the benchmark's priority on a machine shared with other work.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/results/codecs-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
mvn -q -o package -DskipTests -pl bench -am
{ echo "date: $(date -u)"; echo "commit: $(git rev-parse --short HEAD)"; echo "nproc: $(nproc)"; java -version 2>&1;
  grep -m1 'model name' /proc/cpuinfo; free -g | head -2; } >"$out/machine.txt"
{ echo "## jmh"; echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"; } >>"$out/load.txt"
nice -n "${NICE:-0}" java -jar bench/target/benchmarks.jar CodecBenchmark -f 1 -wi 8 -w 2s -i 5 -r 2s -prof gc "$@" \
    -rf json -rff "$out/codecs.json" >"$out/codecs.txt" 2>&1
{ echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"; echo "## cpu-time"; \
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"; } >>"$out/load.txt"
nice -n "${NICE:-0}" java -Xms1g -Xmx1g -cp bench/target/benchmarks.jar io.tracefill.bench.CodecCpuTimeProbe 5 40 \
    >"$out/cpu-time.txt" 2>&1
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/load.txt"
echo "$out"
