#!/usr/bin/env bash
# Measures the mock server, beside a plain WireMock stub measured in the same run:
#   1. milliseconds from `java -jar` to the first answered create-payment request (median of 5);
#   2. throughput and p99 latency of valid form POSTs under wrk (16 connections), each with a
#      fresh orderId, with the mock's full validation; then the same load against plain
#      WireMock (from the same jar) answering a fixed success envelope.
# Usage (from the repository root, after `mvn -B -q install -DskipTests`):
#   bench/mock-load.sh            # DURATION=20 WARMUP=30 seconds by default (the JIT needs the warm-up)
# Needs wrk (Debian: apt-get install wrk) and python3. Only loopback is used.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=mock-server/target/mixpay-mock-server.jar
JSA=mock-server/target/mixpay-mock-server.jsa
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-2}
MOCK_PORT=${MOCK_PORT:-4031}
PLAIN_PORT=${PLAIN_PORT:-4032}
JAVA=(java -XX:SharedArchiveFile="$JSA")

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -q install -DskipTests" >&2; exit 1; }

echo "== start-up: java -jar to the first answered request (ms), 5 runs"
runs=()
for _ in 1 2 3 4 5; do
  runs+=("$(python3 bench/first-answer.py "$MOCK_PORT" "${JAVA[@]}" -jar "$JAR" --port "$MOCK_PORT")")
  sleep 2 # let the previous JVM leave the cores before the next start is timed
done
printf '%s\n' "${runs[@]}" | sort -n | tr '\n' ' '
startup_median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
echo "-> median ${startup_median} ms"

wait_for() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1/__admin/mappings" && return 0; sleep 0.1; done; return 1; }
load() { # port label
  wrk -t2 -c16 -d"${WARMUP}s" -s bench/create-payment.lua "http://127.0.0.1:$1" >/dev/null
  wrk -t2 -c16 -d"${DURATION}s" -s bench/create-payment.lua "http://127.0.0.1:$1" | grep RESULT | sed "s/^RESULT/$2/"
}

echo "== load: wrk -t2 -c16; each server warmed ${WARMUP}s, then ${ROUNDS} interleaved ${DURATION}s rounds"
"${JAVA[@]}" -jar "$JAR" --port "$MOCK_PORT" >/dev/null 2>&1 &
mock_pid=$!
"${JAVA[@]}" -cp "$JAR" wiremock.Run --port "$PLAIN_PORT" --disable-banner >/dev/null 2>&1 &
plain_pid=$!
trap 'kill $mock_pid $plain_pid 2>/dev/null || true' EXIT
wait_for "$MOCK_PORT"
wait_for "$PLAIN_PORT"
curl -s -o /dev/null -X POST "http://127.0.0.1:$PLAIN_PORT/__admin/mappings" -d '{
  "request": {"method": "POST", "url": "/v1/one_time_payment"},
  "response": {"status": 200, "headers": {"Content-Type": "application/json"},
    "body": "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{\"code\":\"525502dd-e552-4505-b114-32fe32ff23c2\"},\"timestampMs\":1645411665245}"}}'
warm() { wrk -t2 -c16 -d"${WARMUP}s" -s bench/create-payment.lua "http://127.0.0.1:$1" >/dev/null; }
measure() { wrk -t2 -c16 -d"${DURATION}s" -s bench/create-payment.lua "http://127.0.0.1:$1" | grep RESULT | sed "s/^RESULT/$2/"; }
warm "$MOCK_PORT"
warm "$PLAIN_PORT"
mock_lines=()
plain_lines=()
for round in $(seq 1 "$ROUNDS"); do
  mock_lines+=("$(measure "$MOCK_PORT" "mixpay-mock  round $round")")
  echo "${mock_lines[-1]}"
  plain_lines+=("$(measure "$PLAIN_PORT" "plain-stub   round $round")")
  echo "${plain_lines[-1]}"
done

python3 - "${mock_lines[@]}" -- "${plain_lines[@]}" <<'PY'
import re, statistics, sys
args = sys.argv[1:]
split = args.index("--")
def field(lines, name):
    return [float(re.search(name + r"=([0-9.]+)", l).group(1)) for l in lines]
mock, plain = args[:split], args[split + 1:]
m_rps, p_rps = statistics.mean(field(mock, "rps")), statistics.mean(field(plain, "rps"))
m_p99, p_p99 = statistics.mean(field(mock, "p99_ms")), statistics.mean(field(plain, "p99_ms"))
print(f"mean: mixpay-mock rps={m_rps:.0f} p99_ms={m_p99:.1f} | plain-stub rps={p_rps:.0f} p99_ms={p_p99:.1f}")
print(f"== ratio: mock/plain throughput = {m_rps / p_rps:.2f} (aim: >= 0.50)")
PY
