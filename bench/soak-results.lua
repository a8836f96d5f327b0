-- Shared by the soak scripts (loaded with dofile): counts each thread's answers by HTTP status
-- and writes the RESULT line that bench/soak.sh greps, with the counts summed over the threads.
-- Global, not local: done() reads each thread's table with thread:get, which sees globals only.
statuses = {}
local threads = {}

-- Call from setup() so that done() can read the thread's counts.
function track(thread)
  table.insert(threads, thread)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- Writes RESULT with requests, rate and percentiles, then `extra` (may be ""), then the counts.
function write_result(summary, latency, extra)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format("http%d=%d", status, n))
  end
  table.sort(parts)
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f%s %s\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, extra,
    table.concat(parts, " ")))
end
