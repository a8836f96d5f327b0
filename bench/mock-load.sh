#!/usr/bin/env bash
# Measures the mock server beside two plain WireMock baselines, all in the same run:
#   1. milliseconds from `java -jar` to the first answered create-payment request (median of 5);
#   2. throughput and p99 latency of valid form POSTs under wrk (16 connections), each with a
#      fresh orderId, with the mock's full validation; then the same load against plain
#      WireMock from the same jar answering a fixed success envelope, (a) in its default
#      configuration (what a user would hand-write instead) and (b) in its fastest one
#      (--no-request-journal --disable-request-logging: the ceiling for anything on WireMock).
# Usage (from the repository root, after `mvn -B -q package -DskipTests`):
#   bench/mock-load.sh            # DURATION=20 WARMUP=30 ROUNDS=2 (the JIT needs the warm-up)
#   SKIP_STARTUP=1 bench/mock-load.sh    # throughput only
# Needs wrk (Debian: apt-get install wrk) and python3. Only loopback is used; every load is
# bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-mock-server/target/mixpay-mock-server.jar}
JSA=${JSA:-mock-server/target/mixpay-mock-server.jsa}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-2}
MOCK_PORT=${MOCK_PORT:-4031}
PLAIN_PORT=${PLAIN_PORT:-4032}
FAST_PORT=${FAST_PORT:-4033}
JAVA=(java -XX:SharedArchiveFile="$JSA")

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -q package -DskipTests" >&2; exit 1; }
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -z "${SKIP_STARTUP:-}" ]; then
  echo "== start-up: java -jar to the first answered request (ms), 5 runs"
  runs=()
  for _ in 1 2 3 4 5; do
    runs+=("$(python3 bench/first-answer.py "$MOCK_PORT" "${JAVA[@]}" -jar "$JAR" --port "$MOCK_PORT")")
    sleep 2 # let the previous JVM leave the cores before the next start is timed
  done
  printf '%s\n' "${runs[@]}" | sort -n | tr '\n' ' '
  echo "-> median $(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p) ms"
fi

wait_for() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1/__admin/mappings" && return 0; sleep 0.1; done; return 1; }

echo "== load: wrk -t2 -c16; each server warmed ${WARMUP}s, then ${ROUNDS} interleaved ${DURATION}s rounds"
# Every request creates a payment due 12 s later; the store holds 500000 (at the default bound of
# 10000 unfinished payments most requests would be "store full" answers), so that after the
# warm-up it is full and each new payment takes the place of an expired one: a steady state.
"${JAVA[@]}" -jar "$JAR" --port "$MOCK_PORT" --max-payments 500000 >/dev/null 2>&1 &
mock_pid=$!
# Plain WireMock would create mappings/ and __files/ in the working directory.
stub_root=$(mktemp -d)
"${JAVA[@]}" -cp "$JAR" wiremock.Run --port "$PLAIN_PORT" --root-dir "$stub_root" --disable-banner >/dev/null 2>&1 &
plain_pid=$!
"${JAVA[@]}" -cp "$JAR" wiremock.Run --port "$FAST_PORT" --root-dir "$stub_root" --disable-banner \
  --no-request-journal --disable-request-logging >/dev/null 2>&1 &
fast_pid=$!
trap 'kill $mock_pid $plain_pid $fast_pid 2>/dev/null; rm -rf "$stub_root"' EXIT
for port in "$MOCK_PORT" "$PLAIN_PORT" "$FAST_PORT"; do wait_for "$port"; done
for port in "$PLAIN_PORT" "$FAST_PORT"; do
  curl -s -o /dev/null -X POST "http://127.0.0.1:$port/__admin/mappings" -d '{
    "request": {"method": "POST", "url": "/v1/one_time_payment"},
    "response": {"status": 200, "headers": {"Content-Type": "application/json"},
      "body": "{\"code\":0,\"success\":true,\"message\":\"\",\"data\":{\"code\":\"525502dd-e552-4505-b114-32fe32ff23c2\"},\"timestampMs\":1645411665245}"}}'
done
warm() { wrk -t2 -c16 -d"${WARMUP}s" -s bench/create-payment.lua "http://127.0.0.1:$1" >/dev/null; }
measure() { wrk -t2 -c16 -d"${DURATION}s" -s bench/create-payment.lua "http://127.0.0.1:$1" | grep RESULT | sed "s/^RESULT/$2/"; }
warm "$MOCK_PORT"
warm "$PLAIN_PORT"
warm "$FAST_PORT"
lines=()
for round in $(seq 1 "$ROUNDS"); do
  lines+=("$(measure "$MOCK_PORT" "mock  round $round")"); echo "${lines[-1]}"
  lines+=("$(measure "$PLAIN_PORT" "plain round $round")"); echo "${lines[-1]}"
  lines+=("$(measure "$FAST_PORT" "fast  round $round")"); echo "${lines[-1]}"
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "${lines[@]}" <<'PY'
import re, statistics, sys
by = {}
for line in sys.argv[1:]:
    name = line.split()[0]
    f = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)}
    by.setdefault(name, []).append(f)
mean = {n: {k: statistics.mean(r[k] for r in rs) for k in ("rps", "p99_ms", "errors")}
        for n, rs in by.items()}
for n in ("mock", "plain", "fast"):
    m = mean[n]
    print(f"mean {n:5} rps={m['rps']:.0f} p99_ms={m['p99_ms']:.1f} errors={m['errors']:.0f}")
ratios = lambda base: [a["rps"] / b["rps"] for a, b in zip(by["mock"], by[base])]
for base, label, aim in (("plain", "default WireMock stub", 0.8), ("fast", "fastest WireMock", 0.5)):
    r = ratios(base)
    print(f"== ratio mock / {label} = {mean['mock']['rps'] / mean[base]['rps']:.2f} "
          f"(per round: {', '.join(f'{x:.2f}' for x in r)}; aim >= {aim})")
print(f"== ratio default stub / fastest = {mean['plain']['rps'] / mean['fast']['rps']:.2f}")
PY
