#!/usr/bin/env bash
# The order-pipeline benchmark (docs/benchmarks.md): orders/s end to end on its own local stack, beside the plain-SDK
# ceiling. Usage: bench/orders.sh [orders] [concurrency]; JAVA_OPTS for extra JVM flags (e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
exec java ${JAVA_OPTS:-} -cp "$CP" org.camelshop.bench.OrderPipelineBenchmark "${1:-600}" "${2:-16}"
