#!/usr/bin/env bash
# The benchmarks (see README "Benchmarks"): builds the connector, the emulator and the benchmark
# modules, then runs every benchmark in one process run and prints the table. Results go to
# benchmarks/results/results.csv, results.png and machine.txt. A full run takes about 10 minutes.
#   ./bench.sh            full run
#   ./bench.sh --quick    smoke run (tiny sizes, well under a minute after the build)
#   ./bench.sh --only codecs,sdk,wire,flink,latency,network,ingest
set -euo pipefail
cd "$(dirname "$0")"
echo "Building the connector, the emulator and the benchmarks (first run downloads dependencies)..."
mvn -B -q -ntp -Pbenchmarks -pl benchmarks -am package -DskipTests
sdk_cp="$(ls benchmarks/sdk-runner/target/flink-datahub-benchmarks-sdk-*.jar):$(cat benchmarks/sdk-runner/target/runtime-classpath.txt)"
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)" \
    -Dbench.emulator.jar=benchmarks/target/emulator-lib/datahub-emulator-standalone.jar \
    -Dbench.sdk.classpath="$sdk_cp" \
    -Dbench.results.dir=benchmarks/results \
    -Dbench.work.dir=benchmarks/target/bench-work \
    -Dbench.log.file=benchmarks/target/benchmarks.log \
    io.github.flinkdatahub.benchmarks.BenchmarkRunner "$@"
