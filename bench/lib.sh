# Shared by the API benchmarks: a throwaway PostgreSQL, the portal in Release on 127.0.0.1, a token, wrk.
# Only processes started here are stopped, by their PIDs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres.sh

# bench_start [NAME=VALUE...]: the assignments are added to the portal's environment.
bench_start() {
  command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
  ensure_pg_binaries
  BENCH_DIR=$(mktemp -d /tmp/monime-bench.XXXXXX)
  PG_DIR=$(mktemp -d /tmp/monime-bench-pg.XXXXXX)
  PG_PORT=$(free_port)
  APP_PORT=$(free_port)
  BASE="http://127.0.0.1:$APP_PORT"
  CONN="Host=127.0.0.1;Port=$PG_PORT;Database=monime_bench;Username=postgres;Maximum Pool Size=100"
  trap bench_stop EXIT
  pg_start "$PG_DIR" "$PG_PORT" fast

  dotnet build -c Release -v q -nologo src/Monime.Portal.Web >/dev/null
  dotnet build -c Release -v q -nologo bench/TokenMint >/dev/null

  # The built assembly is run directly, not through "dotnet run", so that APP_PID is the portal itself
  # (its VmHWM is the figure reported) and stopping it stops nothing else.
  # Rate limits are lifted: the benchmark measures authentication cost, not the per-token limit.
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$BASE" ConnectionStrings__Portal="$CONN" \
    Cookies__RequireHttps=false Api__RateLimits__LivePerSecond=100000000 \
    Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__Monime=Error \
    env "$@" dotnet src/Monime.Portal.Web/bin/Release/net10.0/Monime.Portal.Web.dll >"$BENCH_DIR/portal.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$BENCH_DIR/portal.log" >&2; exit 1; }
    sleep 0.5
  done
  TOKEN=$(dotnet bench/TokenMint/bin/Release/net10.0/TokenMint.dll token "$CONN")
}

bench_stop() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "${PG_DIR:-}" ] && pg_stop "$PG_DIR" && rm -rf "$PG_DIR"
  [ -n "${BENCH_DIR:-}" ] && rm -rf "$BENCH_DIR"
  return 0
}

# rps LABEL WRK-ARGS...: runs wrk and prints its requests per second.
rps() {
  wrk "$@" | tee "$BENCH_DIR/wrk-$RANDOM.txt" | awk '/Requests\/sec/ { print $2 }'
}

argon2_evaluations() {
  curl -fs "$BASE/diagnostics/argon2" | sed -n 's/.*"evaluations":\([0-9]*\).*/\1/p'
}

peak_rss_mb() {
  awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status"
}
