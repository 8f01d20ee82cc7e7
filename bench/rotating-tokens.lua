-- GET /v1/tokens/self with each of the tokens in the file TOKENS_FILE in turn: real tokens, or for a flood
-- well-formed ones (valid CRC-32) that match no row or carry a real lookup id with wrong secrets. With SPREAD=1
-- every request claims another client address in X-Forwarded-For (10.0.0.0/8; the portal must trust
-- 127.0.0.1 as a proxy), as a flood from many machines would, so that no per-address limit can hold it.
-- Reports the answers' statuses and, in bench/latency.lua's format, the latency percentiles.
local tokens = {}
local index = 0
local spread = os.getenv("SPREAD") == "1"
local threads = {}
statuses = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  math.randomseed(os.time() + math.random(1000000))
  index = math.random(#tokens)
end

function request()
  index = index % #tokens + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[index] }
  if spread then
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d",
      math.random(0, 255), math.random(0, 255), math.random(1, 254))
  end
  return wrk.format("GET", "/v1/tokens/self", headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    parts[#parts + 1] = string.format("%d x %d", count, status)
  end
  table.sort(parts)
  io.write(string.format("answers: %d requests, statuses %s\n", summary.requests, table.concat(parts, ", ")))
  io.write(string.format("latency: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
