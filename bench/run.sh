#!/usr/bin/env bash
# Rerunnable benchmarks (docs/benchmarks.md): start-up times, then wrk on the catalog reads beside a minimal
# platform-http route in the same app and a bare Vert.x server. Needs wrk (apt-get install wrk). Ports 19xxx.
set -euo pipefail
cd "$(dirname "$0")/.."
export SHOP_SQS_PORT=19324 SHOP_DYNAMODB_PORT=19000 SHOP_SES_PORT=19005 SHOP_REDIS_PORT=19379 SHOP_ROUTES_RELOAD=false
# the seed's 1,000 public requests a minute would cap the load generator, not the shop
export SHOP_RATE_LIMIT_PUBLIC_LIMIT=1000000000
DURATION=${DURATION:-10s}
now() { date +%s.%N; }
await_ready() { until curl -sf "http://127.0.0.1:$1/observe/health/ready" >/dev/null; do sleep 0.05; done; }

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

echo "== cold start: local stack + shop (java, no Maven) =="
t0=$(now)
SHOP_PORT=19080 java -cp "$CP" org.camelshop.local.LocalShop > target/bench-stack.log 2>&1 &
PIDS+=($!)
await_ready 19080
echo "cold start to healthy: $(echo "$(now) - $t0" | bc) s"

echo "== warm start: fat jar against the running stack =="
ROUTES=$(mktemp -d)
cp src/main/resources/routes/*.yaml bench/ping.yaml "$ROUTES"/
t0=$(now)
SHOP_PORT=19081 SHOP_ROUTES_DIR="$ROUTES" java -jar target/camel-shop-*-all.jar > target/bench-app.log 2>&1 &
PIDS+=($!)
await_ready 19081
echo "warm app start to healthy: $(echo "$(now) - $t0" | bc) s"

java -cp "$CP" org.camelshop.bench.BareVertxServer 19082 > target/bench-vertx.log 2>&1 &
PIDS+=($!)
until curl -sf http://127.0.0.1:19082/ >/dev/null; do sleep 0.05; done

run() {
  echo "== wrk -t2 -c64 -d$DURATION --latency $1 =="
  wrk -t2 -c64 -d"$DURATION" --latency "$1" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
}
metric() { curl -s -H "Authorization: Bearer local-management-token" http://127.0.0.1:19081/observe/metrics | awk -v r="result=\"$1\"" '/^shop_cache_requests_total/ && index($0, r) {s+=$2} END {print s+0}'; }
near_hits() { curl -s -H "Authorization: Bearer local-management-token" http://127.0.0.1:19081/observe/metrics | awk '/^shop_cache_requests_total/ && /tier="near"/ {s+=$2} END {print s+0}'; }

LIST="http://127.0.0.1:19081/api/products?category=Books&page=1"
ITEM=http://127.0.0.1:19081/api/products/prod-0042
PING=http://127.0.0.1:19081/bench/ping
for url in $PING "$LIST" $ITEM $PING "$LIST" $ITEM; do wrk -t2 -c64 -d5s "$url" > /dev/null; done   # JIT warm-up
run http://127.0.0.1:19082/
run $PING
hits0=$(metric hit); miss0=$(metric miss); near0=$(near_hits)
run "$LIST"
run $ITEM
run $PING
hits=$(echo "$(metric hit) - $hits0" | bc); miss=$(echo "$(metric miss) - $miss0" | bc)
near=$(echo "$(near_hits) - $near0" | bc)
echo "cache during the catalog runs: $hits hits ($near from the in-process copy), $miss misses, hit rate $(echo "scale=4; 100 * $hits / ($hits + $miss)" | bc) %"
