-- Soak load: valid form POSTs, each a fresh payment with a deadline DEADLINE seconds ahead (so
-- that payments expire and the bounded store turns over), counting answers by HTTP status.
-- soak-results.lua sits next to this script, wherever wrk is started from.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "soak-results.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local deadline = tonumber(os.getenv("DEADLINE") or "20")
local prefix = "payeeId=a0d7791408776b47eb1dd3f94ed15d6a&quoteAmount=10&quoteAssetId=usd"
  .. "&settlementAssetId=c6d0c728-2624-429b-8e0d-d9d19b6592fa&orderId=soak-"
local thread_id = 0
local counter = 0

setup = function(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  track(thread)
end

request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/one_time_payment", nil, prefix .. id .. "-" .. counter
    .. "&expiredTimestamp=" .. (os.time() + deadline))
end

done = function(summary, latency, requests)
  write_result(summary, latency, string.format(" max_ms=%.2f", latency.max / 1000))
end
