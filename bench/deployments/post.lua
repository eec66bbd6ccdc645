-- wrk script: POST a deployment round-robin over BENCH_ENVS environments of BENCH_APP.
-- Environment: BENCH_TOKEN (bearer token), BENCH_APP, BENCH_ENV_PREFIX, BENCH_ENVS.
-- Counts response statuses per thread and prints them from done() as "status <code> <count>".

local token = os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set")
local app = os.getenv("BENCH_APP") or "bench"
local prefix = os.getenv("BENCH_ENV_PREFIX") or "thr-"
local envs = tonumber(os.getenv("BENCH_ENVS") or "4")

local threads = {}

function setup(thread)
  thread:set("thread_no", #threads)
  table.insert(threads, thread)
end

local paths = {}
local next_path = 0
statuses = {}

function init(args)
  for i = 1, envs do
    paths[i] = "/api/v1/applications/" .. app .. "/environments/" .. prefix .. i .. "/deployments"
  end
  next_path = thread_no or 0
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"spec": {"containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}], '
      .. '"replicas": 2, "servicePorts": [{"port": 80}]}, "reason": "wrk throughput run", '
      .. '"source": {"commit": "0123456789abcdef0123456789abcdef01234567"}}'
end

function request()
  next_path = next_path % envs + 1
  return wrk.format(nil, paths[next_path])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for code, n in pairs(counts) do
      total[code] = (total[code] or 0) + n
    end
  end
  for code, n in pairs(total) do
    io.write(string.format("status %d %d\n", code, n))
  end
  io.write(string.format("latency_ms p50 %.2f p99 %.2f max %.2f\n",
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors connect %d read %d write %d timeout %d status %d\n",
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
