-- Adds what wrk's summary leaves out: the 50th, 95th and 99th latency percentiles and every kind of error in
-- one line, for the benchmarks to read ("latency: p50 … ms, p95 … ms, p99 … ms; errors …").
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "latency: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; errors: %d (connect %d, read %d, write %d, timeout %d, non-2xx/3xx %d)\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, e.connect, e.read, e.write, e.timeout, e.status))
end
