-- wrk: one machine-readable line at the end (requests/s, p50, p99, p99.9 in ms, errors, requests).
-- With BODY_KIND=checkout each request is a new online gift through the test processor, from a new
-- email, so no idempotency or per-email limit answers it from a shortcut.
local kind = os.getenv("BODY_KIND")
local counter = 0
local prefix = tostring(math.random(1, 1000000000))

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  prefix = tostring(math.random(1, 1000000000))
end

function request()
  if kind == "checkout" then
    counter = counter + 1
    local body = '{"amount": 4500, "currency": "usd", "frequency": "once", "fundCode": "safe-housing",'
      .. ' "email": "bench-' .. prefix .. '-' .. counter .. '@example.org", "firstName": "Bench",'
      .. ' "lastName": "Mark", "coverFees": true}'
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format(nil)
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1000000),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    errors, summary.requests))
end
