-- One failed credential, counted fleet-wide, atomic on the Redis server.
-- KEYS[1]: the failure counter of one client. KEYS[2]: its block.
-- ARGV[1]: the failure that brings the count to this starts the block. ARGV[2]: window (ms). ARGV[3]: block (ms).
-- The counter's window starts at its first failure (PEXPIRE then, never extended), as in the in-memory guard.
-- Returns 1 only to the one call that started the block, so the fleet logs each block once.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if failures < tonumber(ARGV[1]) then
  return 0
end
redis.call('DEL', KEYS[1])
if redis.call('SET', KEYS[2], '1', 'PX', ARGV[3], 'NX') then
  return 1
end
return 0
