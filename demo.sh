#!/usr/bin/env bash
# The main job (see README): builds what it needs, then runs the click-stream demo on a local Flink
# cluster against an in-process DataHub emulator, or against a real endpoint given by flag/env.
# Flags: ./demo.sh --help
set -euo pipefail
cd "$(dirname "$0")"
echo "Building the connector, the emulator and the demo (first run downloads dependencies)..."
mvn -B -q -ntp -pl demo -am package -DskipTests
# The emulator jar's manifest also lists its own slf4j binding; log through log4j2 like Flink.
exec java -Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider -cp "$(ls demo/target/flink-datahub-demo-*.jar):$(cat demo/target/runtime-classpath.txt)" \
    io.github.flinkdatahub.demo.ClickStreamDemo "$@"
