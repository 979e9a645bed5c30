-- wrk script of the webhook-ingest benchmark (bench/webhook-run.sh): POSTs Kravia CaseUpdate
-- events to /webhooks/kravia/{tenant}, each one a distinct event (claimId, timestamp), so that
-- the broker's duplicate detection (tenant/claim/timestamp) never drops one and every request
-- with a known claim is an accepted event.
--
--   wrk -t2 -c32 -d30s --latency -s bench/webhook-post.lua http://127.0.0.1:19180 -- \
--       TENANT FIRST_CLAIM CLAIMS TS_BASE THREADS
--
--   TENANT               the tenant id; "ping" sends the very same requests to /webhooks/ping
--                        instead (the trivial endpoint of the same app: the baseline)
--   FIRST_CLAIM, CLAIMS  cycle over the Kravia claim ids FIRST_CLAIM .. FIRST_CLAIM+CLAIMS-1
--   TS_BASE              event timestamps start here (unix seconds); give each wrk run its own
--                        base, far enough from the others (the script uses TS_BASE + rounds)
--   THREADS              the -t value (the request sequence is interleaved over the threads)
--
-- Request g (0, 1, 2 ... over all threads) is claim FIRST_CLAIM + g % CLAIMS with timestamp
-- TS_BASE + g // CLAIMS. done() prints one "WRKSTATS key=value ..." line (latencies in µs) with
-- the answers counted by kind: accepted, ignored, pong, other 200s, non-200s.

local threads = {}
local next_tid = 0

function setup(thread)
   thread:set("tid", next_tid)
   next_tid = next_tid + 1
   table.insert(threads, thread)
end

local tenant, first, claims, ts_base, nthreads, g
accepted, ignored, pong, other200, non200 = 0, 0, 0, 0, 0

function init(args)
   tenant   = args[1] or "bench"
   first    = tonumber(args[2] or "500001")
   claims   = tonumber(args[3] or "1000")
   ts_base  = tonumber(args[4] or "1700000000")
   nthreads = tonumber(args[5] or "1")
   g = tid                      -- this thread's requests: tid, tid + THREADS, tid + 2 * THREADS ...
   wrk.method = "POST"
   wrk.path = tenant == "ping" and "/webhooks/ping" or ("/webhooks/kravia/" .. tenant)
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local claim = first + (g % claims)
   local ts = ts_base + math.floor(g / claims)
   g = g + nthreads
   return wrk.format(nil, nil, nil,
      '{"header":{"algorithm":"MD5"},"data":{"timestamp":' .. ts ..
      ',"eventType":"CaseUpdate","claimId":' .. claim .. '}}')
end

function response(status, headers, body)
   if status == 200 then
      if body:find('"accepted"', 1, true) then
         accepted = accepted + 1
      elseif body:find('"ignored"', 1, true) then
         ignored = ignored + 1
      elseif body:find('"pong"', 1, true) then
         pong = pong + 1
      else
         other200 = other200 + 1
      end
   else
      non200 = non200 + 1
   end
end

function done(summary, latency, requests)
   local a, i, p, o, n = 0, 0, 0, 0, 0
   for _, t in ipairs(threads) do
      a = a + (t:get("accepted") or 0)
      i = i + (t:get("ignored") or 0)
      p = p + (t:get("pong") or 0)
      o = o + (t:get("other200") or 0)
      n = n + (t:get("non200") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      "WRKSTATS requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f " ..
      "accepted=%d ignored=%d pong=%d other200=%d non200=%d err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean,
      a, i, p, o, n, e.connect, e.read, e.write, e.status, e.timeout))
end
