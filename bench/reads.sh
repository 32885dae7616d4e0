#!/usr/bin/env bash
# The cached product read against the minimal platform-http route, same app, same run, with the production rate
# limits on (docs/benchmarks.md "Read path"): wrk's connections arrive through a trusted proxy (loopback) as many
# distinct clients (X-Forwarded-For), so every request is counted against its client's public limit (batched: in
# memory, synced to Redis every 50 ms) and none is refused.
# Besides req/s it prints the CPU time each request cost the shop's JVM and Redis (from /proc, so a busy machine
# slows the rate but hardly the cost per request).
#   bench/reads.sh [rounds=3] [seconds=10]      needs wrk (apt-get install wrk); ports 19xxx
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
export SHOP_SQS_PORT=19324 SHOP_DYNAMODB_PORT=19000 SHOP_SES_PORT=19005 SHOP_REDIS_PORT=19379 SHOP_S3_PORT=19569 SHOP_PORT=19080
export SHOP_ROUTES_RELOAD=false SHOP_HTTP_TRUSTED_PROXIES="127.0.0.1/32, ::1/128"
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
ROUTES=$(mktemp -d)
cp src/main/resources/routes/*.yaml bench/ping.yaml "$ROUTES"/
SHOP_ROUTES_DIR="$ROUTES" java ${JAVA_OPTS:-} -cp "$CP" org.camelshop.local.LocalShop > target/bench-reads.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:19080/observe/health/ready >/dev/null; do sleep 0.2; done

# each request from another of 65,536 client addresses: the public limit (1,000 a minute per client) is never reached
CLIENTS=$(mktemp)
cat > "$CLIENTS" <<'LUA'
local n = 0
request = function()
  n = n + 1
  wrk.headers["X-Forwarded-For"] = "10.1." .. (math.floor(n / 256) % 256) .. "." .. (n % 256)
  return wrk.format(nil)
end
LUA
PING=http://127.0.0.1:19080/bench/ping
ITEM=http://127.0.0.1:19080/api/products/prod-0042
REDIS=$(pgrep -f "^/.*redis-server.* 127.0.0.1:19379" | head -1)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system CPU, in clock ticks
HZ=$(getconf CLK_TCK)
rate() {
  local shop0 redis0 out
  shop0=$(ticks $PID); redis0=$(ticks "$REDIS")
  out=$(wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s "$CLIENTS" "$1")
  echo "$out" | awk -v s="$(( $(ticks $PID) - shop0 ))" -v r="$(( $(ticks "$REDIS") - redis0 ))" -v hz="$HZ" '
    /requests in/ {n=$1} /Requests\/sec/ {rate=$2} / 99%/ {p=$2} /Non-2xx/ {e=$NF}
    END {printf "%8s req/s, p99 %8s, non-2xx %d, CPU per request: shop %4.0f us, redis %3.0f us\n", rate, p, e, 1e6*s/hz/n, 1e6*r/hz/n}'
}
for url in $PING $ITEM $PING $ITEM; do wrk -t2 -c64 -d5s -s "$CLIENTS" "$url" > /dev/null; done   # JIT warm-up
for round in $(seq "$ROUNDS"); do
  echo "round $round, $(uptime | sed 's/.*load/load/')"
  echo "  /bench/ping:                $(rate $PING)"
  echo "  /api/products/prod-0042:    $(rate $ITEM)"
done
