#!/usr/bin/env bash
# Soak: fresh payments at full speed for SOAK seconds, with result queries and paged admin
# listings alongside, against the mock started as README command 1 starts it (default store
# bound, default JVM). Every 10 s it samples the server's resident memory (VmRSS), how many
# payments the store holds, and how long the first and the last page of the admin listing take.
# Not part of `mvn -B verify`.
# Usage (from the repository root, after `mvn -B -q package -DskipTests`):
#   bench/soak.sh                 # SOAK=600 seconds, PORT=4720, DEADLINE=20 (seconds ahead)
#   JAVA_OPTS=-Xmx512m bench/soak.sh    # with a heap limit (the JVM's default is 1/4 of RAM)
# Needs wrk, curl, python3 and the JDK's jstat and jcmd. Loopback only; every loop ends at the
# soak's deadline.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-mock-server/target/mixpay-mock-server.jar}
JSA=${JSA:-mock-server/target/mixpay-mock-server.jsa}
SOAK=${SOAK:-600}
PORT=${PORT:-4720}
export DEADLINE=${DEADLINE:-20}
OUT=${OUT:-mock-server/target/soak}
M=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn -B -q package -DskipTests" >&2; exit 1; }
mkdir -p "$OUT"
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java ${JAVA_OPTS:-} -XX:SharedArchiveFile="$JSA" -jar "$JAR" --port "$PORT" >"$OUT/mock.log" 2>&1 &
pid=$!
pids=()
trap 'kill $pid "${pids[@]}" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -s -o /dev/null "$M/__admin/mappings" && break; sleep 0.1; done

# The loads: fresh payments (2 threads, 12 connections) and result queries (1 thread, 2).
wrk -t2 -c12 -d"${SOAK}s" --timeout 10s -s bench/soak-create.lua "$M" >"$OUT/create.txt" 2>&1 &
pids+=($!)
wrk -t1 -c2 -d"${SOAK}s" --timeout 10s -s bench/soak-query.lua "$M" >"$OUT/query.txt" 2>&1 &
pids+=($!)

# Every 10 s: seconds, VmRSS (KiB), payments held, first and last page of the listing (ms), and
# the old generation's occupancy (MiB; it includes garbage not yet collected).
end=$((SECONDS + SOAK))
echo "t_s rss_kib held first_page_ms last_page_ms old_mib" >"$OUT/samples.txt"
next=$SECONDS
while [ $SECONDS -lt $end ]; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  held=$(curl -s -D - -o /dev/null --max-time 10 "$M/__admin/mixpay/payments?offset=0&limit=1" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-total-count" {print $2}')
  first=$(curl -s -o /dev/null --max-time 10 -w '%{time_total}' "$M/__admin/mixpay/payments?offset=0&limit=100")
  last=$(curl -s -o /dev/null --max-time 10 -w '%{time_total}' \
    "$M/__admin/mixpay/payments?offset=$(( ${held:-100} > 100 ? ${held:-100} - 100 : 0 ))&limit=100")
  old=$(jstat -gc "$pid" | awk 'NR == 2 {printf "%.0f", $8 / 1024}')
  printf '%d %s %s %.1f %.1f %s\n' $((SECONDS + SOAK - end)) "$rss" "${held:-?}" \
    "$(echo "$first * 1000" | bc)" "$(echo "$last * 1000" | bc)" "$old" | tee -a "$OUT/samples.txt"
  next=$((next + 10))
  while [ $SECONDS -lt $next ] && [ $SECONDS -lt $end ]; do sleep 1; done
done
wait "${pids[@]}" || true
pids=()
echo "== create load: $(grep RESULT "$OUT/create.txt" || cat "$OUT/create.txt")"
echo "== query load:  $(grep RESULT "$OUT/query.txt" || cat "$OUT/query.txt")"
# Still serving everyone after the soak: a fresh payment without a deadline is held or refused
# as the bound says, and the mock answers a listing at once.
echo "== after: $(curl -s --max-time 10 -X POST "$M/v1/one_time_payment" \
  -d 'payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10&quoteAssetId=usd&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&orderId=after-soak')"
# What is really alive at the end: the heap after a full collection.
jcmd "$pid" GC.run >/dev/null
echo "== after a full GC: $(jstat -gc "$pid" | awk 'NR == 2 {printf "old generation %.0f MiB, heap used %.0f MiB", $8 / 1024, ($3 + $4 + $6 + $8) / 1024}'), RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' /proc/$pid/status)"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT/samples.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()[1:] if l.strip()]
rss = [int(r[1]) / 1024 for r in rows]
first = [float(r[3]) for r in rows]
last = [float(r[4]) for r in rows]
half = len(rss) // 2
print(f"RSS MiB: min {min(rss):.0f}, max {max(rss):.0f}; first half max {max(rss[:half]):.0f},"
      f" second half max {max(rss[half:]):.0f}; last {rss[-1]:.0f}")
print(f"listing first page ms: median {statistics.median(first):.1f}, max {max(first):.1f};"
      f" last page ms: median {statistics.median(last):.1f}, max {max(last):.1f}")
PY
