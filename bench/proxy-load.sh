#!/usr/bin/env bash
# Measures what the validating proxy (`--proxy-to`) adds to a round trip: the same wrk load
# against an upstream alone and through the proxy in front of it, in the same run.
#   upstream: plain WireMock (from the mock's jar) answering a fixed create-payment envelope;
#   proxy:    the mock with --proxy-to that upstream (every exchange checked against the spec).
# Two loads, each warmed, then measured in interleaved rounds:
#   1. latency: one connection (wrk -c1), so the median is one round trip, not a queue;
#   2. throughput: 16 connections (wrk -c16), as bench/mock-load.sh.
# Both servers are warmed first (wrk -c16, WARMUP seconds each).
# Usage (from the repository root, after `mvn -B -q install -DskipTests`):
#   bench/proxy-load.sh           # DURATION=15 WARMUP=30 ROUNDS=2 by default
# Needs wrk (Debian: apt-get install wrk) and python3. Only loopback is used.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=mock-server/target/mixpay-mock-server.jar
JSA=mock-server/target/mixpay-mock-server.jsa
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-2}
UPSTREAM_PORT=${UPSTREAM_PORT:-4511}
PROXY_PORT=${PROXY_PORT:-4512}
JAVA=(java -XX:SharedArchiveFile="$JSA" ${JAVA_OPTS:-})

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -q install -DskipTests" >&2; exit 1; }

wait_for() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1/__admin/mappings" && return 0; sleep 0.1; done; return 1; }

# Plain WireMock would create mappings/ and __files/ in the working directory.
stub_root=$(mktemp -d)
"${JAVA[@]}" -cp "$JAR" wiremock.Run --port "$UPSTREAM_PORT" --root-dir "$stub_root" --disable-banner >/dev/null 2>&1 &
upstream_pid=$!
trap 'kill $upstream_pid ${proxy_pid:-} 2>/dev/null; rm -rf "$stub_root"' EXIT
wait_for "$UPSTREAM_PORT"
curl -s -o /dev/null -X POST "http://127.0.0.1:$UPSTREAM_PORT/__admin/mappings" -d '{
  "request": {"method": "POST", "url": "/v1/one_time_payment"},
  "response": {"status": 200, "headers": {"Content-Type": "application/json"},
    "body": "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{\"code\":\"525502dd-e552-4505-b114-32fe32ff23c2\"},\"timestampMs\":1645411665245}"}}'
"${JAVA[@]}" -jar "$JAR" --port "$PROXY_PORT" --proxy-to "http://127.0.0.1:$UPSTREAM_PORT" \
  --allow-http-upstream >/dev/null 2>&1 &
proxy_pid=$!
wait_for "$PROXY_PORT"

run() { # connections duration port label
  wrk -t1 -c"$1" -d"$2s" -s bench/create-payment.lua "http://127.0.0.1:$3" | grep RESULT \
    | sed "s/^RESULT/$4/"
}

# The JIT needs thousands of requests before either server is at its steady state: both are
# warmed under the 16-connection load first, whatever is measured after.
echo "== warm-up: wrk -c16 ${WARMUP}s against each"
run 16 "$WARMUP" "$UPSTREAM_PORT" warm >/dev/null
run 16 "$WARMUP" "$PROXY_PORT" warm >/dev/null
# The drift report waits until every exchange answered so far is checked: no backlog of
# checks from the warm-up slows the rounds below.
drain() { curl -s -o /dev/null "http://127.0.0.1:$PROXY_PORT/__admin/mixpay/drift"; }
drain
lines=()
for connections in 1 16; do
  echo "== wrk -c$connections: ${ROUNDS} interleaved ${DURATION}s rounds"
  for round in $(seq 1 "$ROUNDS"); do
    lines+=("$(run "$connections" "$DURATION" "$UPSTREAM_PORT" "c$connections upstream round $round")")
    echo "${lines[-1]}"
    lines+=("$(run "$connections" "$DURATION" "$PROXY_PORT" "c$connections proxy    round $round")")
    echo "${lines[-1]}"
    drain
  done
done
drift=$(curl -s "http://127.0.0.1:$PROXY_PORT/__admin/mixpay/drift" | python3 -c \
  'import json,sys; r=json.load(sys.stdin); print(r["exchanges"], "exchanges checked,", len(r["findings"]), "findings")')
echo "proxy: $drift"

python3 - "${lines[@]}" <<'PY'
import re, statistics, sys
rows = {}
for line in sys.argv[1:]:
    key = tuple(line.split()[:2])
    rows.setdefault(key, []).append({k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)})
def mean(key, field):
    return statistics.mean(r[field] for r in rows[key])
up1, px1 = ("c1", "upstream"), ("c1", "proxy")
up16, px16 = ("c16", "upstream"), ("c16", "proxy")
added = mean(px1, "p50_ms") - mean(up1, "p50_ms")
print(f"c1  median: upstream {mean(up1, 'p50_ms'):.2f} ms, proxy {mean(px1, 'p50_ms'):.2f} ms"
      f" -> the proxy adds {added:.2f} ms (aim < 2 ms)")
print(f"c1  p99:    upstream {mean(up1, 'p99_ms'):.2f} ms, proxy {mean(px1, 'p99_ms'):.2f} ms")
print(f"c16 throughput: upstream {mean(up16, 'rps'):.0f}/s, proxy {mean(px16, 'rps'):.0f}/s"
      f" -> ratio proxy/upstream {mean(px16, 'rps') / mean(up16, 'rps'):.2f}")
PY
