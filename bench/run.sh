#!/usr/bin/env bash
# Rerunnable foundation benchmark (docs/benchmarks.md): cold start, warm start, wrk on GET /api/products/{id}
# beside a minimal platform-http route in the same app. Needs wrk (apt-get install wrk). Uses ports 19xxx.
set -euo pipefail
cd "$(dirname "$0")/.."
export SHOP_SQS_PORT=19324 SHOP_DYNAMODB_PORT=19000 SHOP_SES_PORT=19005 SHOP_REDIS_PORT=19379 SHOP_ROUTES_RELOAD=false
SECONDS_NOW() { date +%s.%N; }
await_ready() { until curl -sf "http://127.0.0.1:$1/observe/health/ready" >/dev/null; do sleep 0.05; done; }

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"

echo "== cold start: local stack + shop (java, no Maven) =="
t0=$(SECONDS_NOW)
SHOP_PORT=19080 java -cp "$CP" org.camelshop.local.LocalShop > target/bench-stack.log 2>&1 &
STACK_PID=$!
trap 'kill $STACK_PID $APP_PID 2>/dev/null || true' EXIT
await_ready 19080
echo "cold start to healthy: $(echo "$(SECONDS_NOW) - $t0" | bc) s"

echo "== warm start: fat jar against the running stack =="
ROUTES=$(mktemp -d)
cp src/main/resources/routes/*.yaml bench/ping.yaml "$ROUTES"/
t0=$(SECONDS_NOW)
SHOP_PORT=19081 SHOP_ROUTES_DIR="$ROUTES" java -jar target/camel-shop-*-all.jar > target/bench-app.log 2>&1 &
APP_PID=$!
await_ready 19081
echo "warm app start to healthy: $(echo "$(SECONDS_NOW) - $t0" | bc) s"

for path in /bench/ping /api/products/prod-0042 /bench/ping /api/products/prod-0042; do
  wrk -t2 -c64 -d3s "http://127.0.0.1:19081$path" > /dev/null   # warm-up
done
for path in /bench/ping /api/products/prod-0042; do
  echo "== wrk -t2 -c64 -d10s --latency $path =="
  wrk -t2 -c64 -d10s --latency "http://127.0.0.1:19081$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors"
done
