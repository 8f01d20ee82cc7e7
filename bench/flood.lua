-- Rotates through well-formed tokens (valid CRC-32) that match no row, read from the file in FLOOD_TOKENS,
-- and reports how many of them were turned away (non-2xx answers).
local tokens = {}
local index = 0

function init(args)
  for line in io.lines(os.getenv("FLOOD_TOKENS")) do
    tokens[#tokens + 1] = line
  end
  index = math.random(#tokens)
end

function request()
  index = index % #tokens + 1
  return wrk.format("GET", "/v1/tokens/self", { ["Authorization"] = "Bearer " .. tokens[index] })
end

function done(summary, latency, requests)
  io.write(string.format("flood: %d requests, %d non-2xx/3xx\n", summary.requests, summary.errors.status))
end
