-- wrk script for `scripts/bench --serve`: sends PRE-SIGNED payments to
-- `tagih serve`, each once. The requests file (made by scripts/bench just
-- before the run, because a signature's timestamp is good for 5 minutes) has
-- one request a line: TIMESTAMP<TAB>SIGNATURE<TAB>BODY. Thread k of n sends
-- lines k, k+n, k+2n, ...; when its share runs out it stops sending new ones
-- and resends its last (answered 200 duplicate, counted apart), so a run that
-- outpaces the file shows it rather than posting twice.
-- Environment: WRK_REQUESTS (the file), WRK_THREADS (wrk's -t), WRK_CHANNEL;
-- WRK_RATE (optional): the requests a second to hold the whole run at, not
-- more (each thread sends its share at even intervals, whatever its
-- connections are doing; a slot missed while every connection waits is not
-- made up in a burst). Without it, each connection sends as soon as it is
-- answered: the most the server can take.

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } tagih_timespec;
  int clock_gettime(int clock, tagih_timespec *tp);
]]
local clock_now = ffi.new("tagih_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock_now) -- CLOCK_MONOTONIC
  return tonumber(clock_now.tv_sec) * 1000 + tonumber(clock_now.tv_nsec) / 1e6
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("WRK_THREADS"))
  local channel = os.getenv("WRK_CHANNEL")
  reqs = {}
  local i = 0
  for line in io.lines(os.getenv("WRK_REQUESTS")) do
    if i % n == id then
      local ts, sig, body = line:match("^(%d+)\t(%x+)\t(.*)$")
      reqs[#reqs + 1] = wrk.format("POST", "/v1/payments", {
        ["Content-Type"] = "application/json",
        ["X-Tagih-Channel"] = channel,
        ["X-Tagih-Timestamp"] = ts,
        ["X-Tagih-Signature"] = sig,
      }, body)
    end
    i = i + 1
  end
  next_req = 1
  local rate = tonumber(os.getenv("WRK_RATE") or "")
  interval = rate and (n * 1000 / rate) or nil
  next_at = nil
  posted, duplicate, other, exhausted = 0, 0, 0, 0
end

function delay()
  if not interval then return 0 end
  local t = now_ms()
  if not next_at or next_at < t then next_at = t end
  local wait = next_at - t
  next_at = next_at + interval
  return wait
end

function request()
  local r = reqs[next_req]
  if next_req < #reqs then next_req = next_req + 1 else exhausted = exhausted + 1 end
  return r
end

function response(status, headers, body)
  if status == 201 then posted = posted + 1
  elseif status == 200 then duplicate = duplicate + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local p, d, o, e = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    p = p + t:get("posted"); d = d + t:get("duplicate"); o = o + t:get("other"); e = e + t:get("exhausted")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("serve: %d posted (201), %d duplicate (200), %d other, %d socket errors, in %.1f s\n",
    p, d, o, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, secs))
  io.write(string.format("serve: %.0f payments/s posted; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    p / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  if e > 0 then io.write(string.format("serve: the requests file ran out (%d resends): make it longer\n", e)) end
end
