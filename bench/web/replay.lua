-- Replays a request file written by `OnTrack.WebBench requests` (METHOD, path, bearer token or -, JSON
-- body or -, tab-separated). wrk ... -s replay.lua URL -- FILE THREADS MODE
--   MODE cycle: every thread walks all lines round and round (reads, form submissions);
--   MODE once:  thread i takes lines i, i+THREADS, ... once each (bookings: each slot booked once), then
--               repeats its last line, which the app answers 409 — counted as errors, so a run that
--               outlasts its slots shows it.
-- done() prints one line: RESULT requests seconds p50_us p99_us errors non2xx
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads, mode = args[1], tonumber(args[2]), args[3]
  lines = {}
  local n = 0
  for line in io.lines(file) do
    if mode ~= "once" or n % nthreads == tid then
      local method, path, token, body = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t(.*)$")
      table.insert(lines, { method = method, path = path, token = token, body = body })
    end
    n = n + 1
  end
  once = mode == "once"
  index = 0
  math.randomseed(os.time() + tid * 7919)
  -- Each thread's keys differ: a run id, the thread and a counter.
  run = string.format("%x%x", os.time(), math.random(1, 2^30))
end

function request()
  index = index + 1
  if index > #lines then
    index = once and #lines or 1
  end
  local l = lines[index]
  local headers = { ["Accept"] = "application/json" }
  if l.token ~= "-" then headers["Authorization"] = "Bearer " .. l.token end
  local body = nil
  if l.body ~= "-" then
    body = l.body
    headers["Content-Type"] = "application/json"
    counter = counter + 1
    headers["Idempotency-Key"] = string.format("%s-%d-%d", run, tid, counter)
  end
  return wrk.format(l.method, l.path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %d %d %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
