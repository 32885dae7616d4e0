#!/usr/bin/env bash
# Runs one of the Java benchmarks in src/test/java/org/camelshop/bench on its own local stack (docs/benchmarks.md):
#   bench/main.sh OrderPipelineBenchmark [orders] [buyer threads]     orders/s end to end, beside the plain-SDK ceiling
#   bench/main.sh MarketingScanBenchmark [carts] [view events] [all|candidates]  marketing scan times (candidates: only their view rows)
#   bench/main.sh BrowseAbandonmentBenchmark [view events] [other counters] [scan threads]  the browse-abandonment scan alone
#   bench/main.sh PaymentBenchmark [orders] [shoppers] [503 calls]    paid orders/s through the sandbox, open-breaker 503 latency
#   bench/main.sh ScaleOutBenchmark [seconds] [readers] [buyers]      cached reads/s and orders/s through nginx, 1-3 instances
#   bench/main.sh FileTransferBenchmark [MB] [rounds] [part bytes]    product file upload/download through the shop vs. straight to S3
# JAVA_OPTS adds JVM flags (e.g. -XX:StartFlightRecording=filename=bench.jfr to profile).
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark="${1:?which benchmark: OrderPipelineBenchmark, MarketingScanBenchmark, PaymentBenchmark, ScaleOutBenchmark or FileTransferBenchmark}"
shift
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
exec java ${JAVA_OPTS:-} -cp "$CP" "org.camelshop.bench.$benchmark" "$@"
