-- Rotates through the well-formed tokens (valid CRC-32) in the file FLOOD_TOKENS: ones that match no row,
-- or a real token's lookup id with wrong secrets. With FLOOD_SPREAD=1 every request claims another client
-- address in X-Forwarded-For (10.0.0.0/8; the portal must trust 127.0.0.1 as a proxy), as a flood from many
-- machines would, so that no per-address limit can hold it. Reports how many requests were turned away.
local tokens = {}
local index = 0
local spread = os.getenv("FLOOD_SPREAD") == "1"

function init(args)
  for line in io.lines(os.getenv("FLOOD_TOKENS")) do
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

function done(summary, latency, requests)
  io.write(string.format("flood: %d requests, %d non-2xx/3xx\n", summary.requests, summary.errors.status))
end
