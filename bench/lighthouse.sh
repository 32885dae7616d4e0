#!/usr/bin/env bash
# Lighthouse (Debian Chromium, phone form factor, simulated slow 4G and 4x CPU slowdown) for the home, shop and
# product pages of a shop started here with its local stack; prints the four scores and the layout shift of each
# and saves the reports and the final screenshots under target/lighthouse/ (docs/benchmarks.md "Pages on a phone").
#   bench/lighthouse.sh [runs=3]      needs chromium (apt-get install chromium) and npm; ports 19xxx
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
OUT=target/lighthouse
mkdir -p "$OUT"
# Lighthouse 12 is the last line that runs on Node 20
[ -x "$OUT/node_modules/.bin/lighthouse" ] || npm install --prefix "$OUT" --no-audit --no-fund --silent lighthouse@12.8.2
export SHOP_SQS_PORT=19324 SHOP_DYNAMODB_PORT=19000 SHOP_SES_PORT=19005 SHOP_REDIS_PORT=19379 SHOP_S3_PORT=19569 SHOP_PORT=19080
export SHOP_ROUTES_RELOAD=false
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
java ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" org.camelshop.local.LocalShop > target/bench-lighthouse.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:19080/observe/health/ready >/dev/null; do sleep 0.2; done
BASE=http://127.0.0.1:19080
for page in index shop product; do
  url="$BASE/$page.html"; [ "$page" = product ] && url="$BASE/product.html?id=prod-0042"
  curl -sf -o /dev/null "$url"   # the first request of a page warms the server, not the measurement
  for run in $(seq 1 "$RUNS"); do
    "$OUT/node_modules/.bin/lighthouse" "$url" --quiet --form-factor=mobile --chrome-path="$(command -v chromium)" \
      --chrome-flags="--headless=new --no-sandbox" --output=json --output=html --output-path="$OUT/$page-$run" >/dev/null 2>&1
    python3 - "$OUT/$page-$run.report.json" "$OUT/$page-$run.jpg" <<'PY'
import base64, json, sys
report = json.load(open(sys.argv[1]))
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
audits = report["audits"]
shot = audits["final-screenshot"]["details"]["data"]
open(sys.argv[2], "wb").write(base64.b64decode(shot.split(",", 1)[1]))
print(f'{report["finalDisplayedUrl"].split("/")[-1]:28} perf {scores["performance"]:3} a11y {scores["accessibility"]:3} '
      f'best practices {scores["best-practices"]:3} SEO {scores["seo"]:3}  CLS {audits["cumulative-layout-shift"]["numericValue"]:.3f} '
      f'LCP {audits["largest-contentful-paint"]["numericValue"]:.0f} ms  TBT {audits["total-blocking-time"]["numericValue"]:.0f} ms')
PY
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   reports: $OUT/*.report.html, screenshots: $OUT/*.jpg"
