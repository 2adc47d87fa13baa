-- One rate-limit decision for one request, atomic on the Redis server: GCRA (a token bucket kept as one number per
-- bucket, the theoretical arrival time), over every limit of the request, all charged or none.
-- KEYS[i]: the bucket of limit i. ARGV[2i-1]: microseconds per token. ARGV[2i]: burst (the bucket's capacity).
-- The server's clock is the only clock, so nodes with skewed clocks still share one limit exactly.
-- Returns {admitted, then per limit: tokens left, microseconds until a token, microseconds until full}.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tats = {}
local admitted = 1
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0') or 0
  if tat < now then
    tat = now
  end
  tats[i] = tat
  if tat + interval - burst * interval > now then
    admitted = 0
  end
end
local result = { admitted }
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local tat = tats[i]
  if admitted == 1 then
    tat = tat + interval
    -- Expires when the bucket is full again: an absent key is a full bucket, so Redis holds only active clients.
    redis.call('SET', KEYS[i], string.format('%.0f', tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
  end
  local remaining = math.floor((now - tat + burst * interval) / interval)
  local untilToken = 0
  if remaining < 1 then
    untilToken = math.ceil(tat + interval - burst * interval - now)
  end
  result[#result + 1] = remaining
  result[#result + 1] = untilToken
  result[#result + 1] = math.ceil(tat - now)
end
return result
