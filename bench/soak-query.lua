-- Soak side load: result queries by payee and order for orders the create load makes
-- (some already forgotten or never created: those answer 404 envelopes), by status.
-- soak-results.lua sits next to this script, wherever wrk is started from.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "soak-results.lua")
wrk.method = "GET"
setup = track

request = function()
  local path = string.format("/v1/payments_result?payeeId=a0d7791408776b47eb1dd3f94ed15d6a"
    .. "&orderId=soak-%d-%d", math.random(0, 1), math.random(1, 200000))
  return wrk.format(nil, path)
end

done = function(summary, latency, requests)
  write_result(summary, latency, "")
end
