-- wrk script of the webhook-ingest benchmark (bench/webhook-run.sh): the requests of
-- webhook-post.lua, paced to a fixed total rate (open loop per thread: request k of a thread is
-- due at start + k / rate; a connection that is late sends at once, so the rate holds while the
-- app keeps up with the connections available).
--
--   wrk -t2 -c20 -d30s --latency -s bench/webhook-paced.lua http://127.0.0.1:19180 -- \
--       TENANT FIRST_CLAIM CLAIMS TS_BASE THREADS RATE
--
--   RATE  requests per second over all threads (each thread paces RATE / THREADS)
--
-- wrk measures each request from when it is written, so a stall shows in the latency of the
-- requests that met it, not of the ones that would have been sent meanwhile: with enough
-- connections (here 10 per thread for 250/s per thread) the schedule rarely waits for one.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "webhook-post.lua")

local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_nsec; } webhook_timespec;
   int clock_gettime(int clk_id, webhook_timespec *tp);
]]
local ts = ffi.new("webhook_timespec")
local function now_ms()
   ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
   return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local post_init = init
local interval, due

function init(args)
   post_init(args)
   local rate = tonumber(args[6] or "500")
   interval = 1000 * tonumber(args[5] or "1") / rate -- ms between two requests of this thread
end

-- called after each response, before the connection's next request
function delay()
   local now = now_ms()
   if due == nil then
      due = now
   end
   due = due + interval
   local wait = due - now
   if wait <= 0 then
      return 0
   end
   return math.floor(wait)
end
