-- Soak side load: result queries by payee and order for orders the create load makes
-- (some already forgotten or never created: those answer 404 envelopes), by status.
wrk.method = "GET"
-- Global, not local: done() reads each thread's table with thread:get, which sees globals only.
statuses = {}
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

request = function()
  local path = string.format("/v1/payments_result?payeeId=a0d7791408776b47eb1dd3f94ed15d6a"
    .. "&orderId=soak-%d-%d", math.random(0, 1), math.random(1, 200000))
  return wrk.format(nil, path)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
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
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f %s\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, " ")))
end
