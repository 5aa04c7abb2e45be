-- wrk reporter for bench/load.sh: p50/p95/p99 latency and error counts on one line each
-- (wrk's own --latency table has no p95). wrk counts 3xx as success; load.sh checks the access log.
done = function(summary, latency, requests)
  local detik = summary.duration / 1e6
  io.write(string.format("RINGKAS requests=%d rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, summary.requests / detik,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("RINGKAS errors connect=%d read=%d write=%d timeout=%d status(non-2xx/3xx)=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
