-- wrk script: valid form POSTs to the one-time payment route, each with a fresh orderId so
-- every request creates a payment (the expensive path), as a shop under load would. Each
-- payment's deadline is 12 s ahead (MixPay's minimum is more than 10 s), so that a store bounded
-- at a few seconds' worth of payments reaches a steady state: expired payments make room.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local prefix = "payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10&quoteAssetId=usd"
  .. "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&orderId=bench-"
local thread_id = 0
local counter = 0

-- Each wrk run has its own tag: a later run (the measured rounds after the warm-up) must not
-- repeat an earlier run's orderIds, or it measures idempotent repeats instead of creations.
local run = tostring(os.time())

setup = function(thread)
  thread:set("id", run .. "-" .. thread_id)
  thread_id = thread_id + 1
end

request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/one_time_payment", nil, prefix .. id .. "-" .. counter
    .. "&expiredTimestamp=" .. (os.time() + 12))
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
