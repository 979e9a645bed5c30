-- wrk script of the webhook-ingest benchmark's kill test (bench/webhook-run.sh): one event per
-- claim, claims FIRST_CLAIM .. FIRST_CLAIM+CLAIMS-1 each sent once, and every claim answered
-- 200 {"status":"accepted"} written to OUT_DIR/accepted-<thread>.txt (one claim id a line, line
-- buffered, so what was written survives the wrk run being stopped).
--
--   wrk -tT -cT -d60s -s bench/webhook-kill.lua http://127.0.0.1:19180 -- \
--       TENANT FIRST_CLAIM CLAIMS TS_BASE T OUT_DIR
--
-- Needs exactly one connection per thread (-c equal to -t): wrk's response() does not say which
-- request it answers, but with one connection the answer is to the request last built.
-- A request without an answer (the app was killed, the connection broke) is sent again with the
-- same claim and timestamp, as Kravia would retry it: it counts as accepted only if a later
-- attempt is answered "accepted". Once a thread's claims are all sent it POSTs /webhooks/ping.

local threads = {}
local next_tid = 0

function setup(thread)
   thread:set("tid", next_tid)
   next_tid = next_tid + 1
   table.insert(threads, thread)
end

local tenant, first, claims, ts_base, nthreads, out
local k = 0            -- this thread's next claim index: tid + k * THREADS
local pending = nil    -- claim id of the request in flight, nil when it was answered
sent, accepted, other, failed_attempts = 0, 0, 0, 0

function init(args)
   tenant   = args[1] or "bench"
   first    = tonumber(args[2])
   claims   = tonumber(args[3])
   ts_base  = tonumber(args[4])
   nthreads = tonumber(args[5])
   out = assert(io.open(args[6] .. "/accepted-" .. tid .. ".txt", "w"))
   out:setvbuf("line")
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

local function event(claim)
   return wrk.format(nil, "/webhooks/kravia/" .. tenant, nil,
      '{"header":{"algorithm":"MD5"},"data":{"timestamp":' .. ts_base ..
      ',"eventType":"CaseUpdate","claimId":' .. claim .. '}}')
end

function request()
   if pending ~= nil then
      -- the last attempt got no answer: the same event again
      failed_attempts = failed_attempts + 1
      return event(pending)
   end
   local index = tid + k * nthreads
   if index >= claims then
      pending = nil
      return wrk.format(nil, "/webhooks/ping", nil, "{}")
   end
   k = k + 1
   pending = first + index
   sent = sent + 1
   return event(pending)
end

function response(status, headers, body)
   if pending ~= nil then
      if status == 200 and body:find('"accepted"', 1, true) then
         accepted = accepted + 1
         out:write(pending, "\n")
      else
         other = other + 1
      end
   end
   pending = nil
end

function done(summary, latency, requests)
   local s, a, o, f = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      s = s + (t:get("sent") or 0)
      a = a + (t:get("accepted") or 0)
      o = o + (t:get("other") or 0)
      f = f + (t:get("failed_attempts") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      "WRKSTATS requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d distinct_events_sent=%d accepted=%d " ..
      "other_answers=%d resent_after_no_answer=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max, s, a, o, f, e.connect, e.read, e.write, e.timeout))
end
