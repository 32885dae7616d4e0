#!/usr/bin/env bash
# The load test (docs/operations.md "Load test"): Gatling on its own local stack and shop JVM.
#   bench/load.sh [users=100] [seconds=120] [chart=docs/load-test.svg]
# Prints the Markdown for docs/benchmarks.md "Load test"; Gatling's HTML report lands in target/gatling/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
exec java --add-opens java.base/java.lang=ALL-UNNAMED ${JAVA_OPTS:-} -cp "$CP" org.camelshop.load.LoadTest "$@"
