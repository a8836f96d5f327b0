-- Soak load: valid form POSTs, each a fresh payment with a deadline DEADLINE seconds ahead (so
-- that payments expire and the bounded store turns over), counting answers by HTTP status.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local deadline = tonumber(os.getenv("DEADLINE") or "20")
local prefix = "payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10&quoteAssetId=usd"
  .. "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&orderId=soak-"
local threads = {}
local thread_id = 0
local counter = 0
-- Global, not local: done() reads each thread's table with thread:get, which sees globals only.
statuses = {}

setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/one_time_payment", nil, prefix .. id .. "-" .. counter
    .. "&expiredTimestamp=" .. (os.time() + deadline))
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
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f %s\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    table.concat(parts, " ")))
end
