-- wrk: one machine-readable line at the end (requests/s, p50, p99, p99.9 in ms, errors, requests).
-- BODY_KIND chooses what each request is:
--   checkout       a new online gift through the test processor from a new email, so no
--                  idempotency or per-email limit answers it from a shortcut
--   checkout-surge the same, each from a new client address (X-Forwarded-For; the server trusts it)
--   bearer         a GET with Authorization: Bearer $TOKEN (a signed-in volunteer)
--   letter         a letter action on campaign $SLUG from a new supporter email
--   signed         the Stripe events in $EVENTS ("signature<TAB>body" lines), each thread its own
--                  share of them, each sent once; when they run out, wrk stops the thread
--   signed-repeat  the first event in $EVENTS, again and again (a duplicate delivery)
local kind = os.getenv("BODY_KIND")
local counter = 0
local prefix = tostring(math.random(1, 1000000000))
local events = {}
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
  thread:set("nthreads", tonumber(os.getenv("THREADS") or "2"))
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000) + (tid or 0) * 7919)
  prefix = tostring(math.random(1, 1000000000))
  if kind == "signed" or kind == "signed-repeat" then
    local n = 0
    for line in io.lines(os.getenv("EVENTS")) do
      if kind == "signed-repeat" then
        events[1] = line
        break
      end
      if n % nthreads == tid then
        events[#events + 1] = line
      end
      n = n + 1
    end
  end
end

local function gift_body()
  counter = counter + 1
  return '{"amount": 4500, "currency": "usd", "frequency": "once", "fundCode": "safe-housing",'
    .. ' "email": "bench-' .. prefix .. '-' .. counter .. '@example.org", "firstName": "Bench",'
    .. ' "lastName": "Mark", "coverFees": true}'
end

function request()
  if kind == "checkout" then
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, gift_body())
  elseif kind == "checkout-surge" then
    local body = gift_body()
    local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
      math.random(1, 254))
    return wrk.format("POST", nil,
      { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = address }, body)
  elseif kind == "bearer" then
    return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") })
  elseif kind == "letter" then
    counter = counter + 1
    local body = '{"firstName": "Ana", "lastName": "Lopez", "email": "bench-' .. prefix .. '-'
      .. counter .. '@example.org", "zip": "10018", "address": "350 Fifth Avenue", "city": "New York",'
      .. ' "personalNote": "I care about this."}'
    return wrk.format("POST", "/api/campaigns/" .. os.getenv("SLUG") .. "/letters",
      { ["Content-Type"] = "application/json" }, body)
  elseif kind == "signed" or kind == "signed-repeat" then
    counter = counter + 1
    local line = events[kind == "signed" and counter or 1]
    if line == nil then
      wrk.thread:stop()
      line = events[1]
    end
    local tab = line:find("\t", 1, true)
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json",
      ["Stripe-Signature"] = line:sub(1, tab - 1) }, line:sub(tab + 1))
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
