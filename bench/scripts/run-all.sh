#!/usr/bin/env bash
# Runs every benchmark the way BENCHMARKS.md was produced and keeps the output in bench/results/
# (git-ignored). Usage, from the repository root:  bench/scripts/run-all.sh [extra JMH args]
# NICE=-10 (root only) raises the benchmark's priority on a machine shared with other work.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
mvn -q -o package -DskipTests -pl bench -am
# long warm-up: on two busy cores C2 needs 20-30 s before the engine runs compiled
common=(-f 1 -wi 12 -w 2s -i 5 -r 2s "$@")
run() { # name, then JMH args
  local name=$1; shift
  { echo "## $name"; echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"; } >>"$out/load.txt"
  nice -n "${NICE:-0}" java -jar bench/target/benchmarks.jar "$@" "${common[@]}" \
      -rf json -rff "$out/$name.json" >"$out/$name.txt" 2>&1
  echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/load.txt"
}
{ echo "date: $(date -u)"; echo "nproc: $(nproc)"; java -version 2>&1; grep -m1 'model name' /proc/cpuinfo;
  free -g | head -2; } >"$out/machine.txt"
run avgt-builder  'TraceBuilderBenchmark|StagesBenchmark|XRequestIdBenchmark' -bm avgt -tu us -prof gc
run avgt-tracing  'L7FlowTracingBenchmark|SearchBenchmark' -bm avgt -tu us -prof gc
run thrpt         'TraceBuilderBenchmark|L7FlowTracingBenchmark' -bm thrpt -tu s
nice -n "${NICE:-0}" java -Xms6g -Xmx6g -cp bench/target/benchmarks.jar io.tracefill.bench.CpuTimeProbe 5 60 \
    >"$out/cpu-time.txt" 2>&1
echo "$out"
