#!/usr/bin/env bash
# Where the mock's time goes under load: a JFR recording of a loaded run, summarised into the
# hottest frames (self time), the hottest of the mock's own and the validator's frames
# (inclusive), and a breakdown by what the time is spent on.
# Usage (from the repository root, after `mvn -B -q package -DskipTests`):
#   bench/profile.sh            # WARMUP=30 RECORD=30 seconds; PORT=4711
# Needs wrk and python3; loopback only. Leaves the recording in mock-server/target/load.jfr.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-mock-server/target/mixpay-mock-server.jar}
JSA=${JSA:-mock-server/target/mixpay-mock-server.jsa}
WARMUP=${WARMUP:-30}
RECORD=${RECORD:-30}
PORT=${PORT:-4711}
OUT=mock-server/target/load.jfr

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -q package -DskipTests" >&2; exit 1; }
rm -f "$OUT"
# The same server as bench/mock-load.sh: every request creates a payment, in a bounded store
# that is full and turning over (expired payments make room) once warmed up.
java -XX:SharedArchiveFile="$JSA" \
  -XX:StartFlightRecording=delay=${WARMUP}s,duration=${RECORD}s,settings=profile,filename=$OUT \
  -jar "$JAR" --port "$PORT" --max-payments 200000 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$PORT/__admin/mappings" && break; sleep 0.1; done
# Load a little past the recording so that it covers only steady load.
wrk -t2 -c16 -d"$((WARMUP + RECORD + 3))s" -s bench/create-payment.lua "http://127.0.0.1:$PORT" \
  | grep RESULT
for _ in $(seq 1 100); do [ -s "$OUT" ] && break; sleep 0.2; done
sleep 1
kill $pid; wait $pid 2>/dev/null || true
trap - EXIT
jfr print --events jdk.ExecutionSample --stack-depth 96 "$OUT" | python3 bench/jfr-summary.py
# Pauses are not execution samples: the collector's share of the recording, separately.
jfr print --events jdk.GarbageCollection "$OUT" | awk '/sumOfPauses/ {
  v = $3; if ($4 == "s") v *= 1000; else if ($4 == "us") v /= 1000; n++; ms += v }
  END { printf "\n-- GC: %d collections, %.0f ms of pauses in the %d s recorded\n", n, ms, '"$RECORD"' }'

