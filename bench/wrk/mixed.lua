-- Weighted mixed traffic for wrk, used by bench/load.py.
--
--   wrk -t2 -c50 -d60s --latency -s bench/wrk/mixed.lua http://127.0.0.1:8000 -- PATHS_FILE
--
-- PATHS_FILE has one "weight<TAB>path" per line; every request takes a path at random, in
-- proportion to its weight. Requests ask for gzip, as browsers do (the page cache keeps one copy
-- per encoding). done() prints the percentiles, the responses by status and the socket errors,
-- and one machine-readable "RESULT key=value ..." line that bench/load.py reads.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local name = args[1] or error("give the paths file after --")
  local file = assert(io.open(name, "r"))
  paths, cumulative, total = {}, {}, 0
  for line in file:lines() do
    local weight, path = line:match("^([%d.]+)\t(%S+)$")
    if weight and tonumber(weight) > 0 then
      total = total + tonumber(weight)
      paths[#paths + 1] = path
      cumulative[#cumulative + 1] = total
    end
  end
  file:close()
  if #paths == 0 then
    error("no paths in " .. name)
  end
  math.randomseed(os.time() * 1000 + id)
  headers = { ["Accept-Encoding"] = "gzip, deflate, br" }
  statuses = {}
end

function request()
  local r = math.random() * total
  local lo, hi = 1, #cumulative
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < r then
      lo = mid + 1
    else
      hi = mid
    end
  end
  return wrk.format("GET", paths[lo], headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, non2xx = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local codes = {}
  for status, n in pairs(counts) do
    codes[#codes + 1] = status
    if status < 200 or status > 299 then
      non2xx = non2xx + n
    end
  end
  table.sort(codes)
  local by_status = {}
  for _, status in ipairs(codes) do
    by_status[#by_status + 1] = status .. ":" .. counts[status]
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local ms = function(p)
    return latency:percentile(p) / 1000
  end
  io.write(string.format("latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", ms(50), ms(95), ms(99),
    latency.max / 1000))
  io.write(string.format("responses by status %s; non-2xx %d; socket errors connect %d read %d write %d timeout %d\n",
    table.concat(by_status, " "), non2xx, e.connect, e.read, e.write, e.timeout))
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d "
      .. "connect=%d read=%d write=%d timeout=%d bytes=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds, ms(50), ms(95), ms(99), latency.max / 1000, non2xx,
    e.connect, e.read, e.write, e.timeout, summary.bytes, table.concat(by_status, ",")))
end
