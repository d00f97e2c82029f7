-- wrk script for scripts/loadtest.sh, which prepends `fixed` (the four kinds of
-- request: page, htmx partial, event page, CSV export) and `events` (event paths).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id or 0
  non2xx = 0
  server_errors = 0
  responses = 0
end

function request()
  counter = counter + 1
  local target = fixed[(counter % #fixed) + 1]
  local path = target.path
  if path == "EVENT" then
    path = events[(counter % #events) + 1]
  end
  return wrk.format("GET", path, target.headers)
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local total_non2xx, total_5xx = 0, 0
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + thread:get("non2xx")
    total_5xx = total_5xx + thread:get("server_errors")
  end
  local e = summary.errors
  io.write(string.format("requests/s: %.1f (%d requests in %.1f s)\n",
    summary.requests / (summary.duration / 1e6), summary.requests, summary.duration / 1e6))
  io.write(string.format("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format("non-2xx: %d\n", total_non2xx))
  io.write(string.format("5xx: %d\n", total_5xx))
end
