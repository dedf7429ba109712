-- wrk script for bench/supports.ts: every request is a different pre-created person (session cookie b<i>, CSRF
-- token c<i>) supporting the hot petition (4 in 5) or one of the cold ones. Persons are split between threads so no
-- two requests share one; past the last person the numbers wrap, and those answers come back as duplicates.
-- Arguments (after --): first person, last person, hot id, cold ids separated by commas.
local threads = {}
local nthreads = 0

function setup(thread)
  thread:set("tid", nthreads)
  nthreads = nthreads + 1
  table.insert(threads, thread)
end

function init(args)
  first = tonumber(args[1]); last = tonumber(args[2]); hot = args[3]
  cold = {}
  for id in string.gmatch(args[4], "%d+") do table.insert(cold, id) end
  stride = tonumber(args[5])
  n = 0; counted = 0; duplicate = 0; other = 0; wrapped = 0
end

function request()
  local i = first + tid + n * stride
  n = n + 1
  local span = last - first + 1
  if i > last then wrapped = wrapped + 1; i = first + ((i - first) % span) end
  local target = hot
  if i % 5 == 0 then target = cold[(i % #cold) + 1] end
  return wrk.format("POST", "/proposals/" .. target .. "/support", {
    ["Cookie"] = "madang_sid=b" .. i,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, "_csrf=c" .. i)
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"counted"', 1, true) then counted = counted + 1
  elseif status == 200 and string.find(body, '"duplicate"', 1, true) then duplicate = duplicate + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, d, o, w = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("counted"); d = d + t:get("duplicate"); o = o + t:get("other"); w = w + t:get("wrapped")
  end
  io.write(string.format('RESULT {"requests":%d,"seconds":%.3f,"counted":%d,"duplicate":%d,"other":%d,"wrapped":%d,"socketErrors":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration / 1e6, c, d, o, w,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
