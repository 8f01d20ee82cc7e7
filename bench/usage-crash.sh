#!/usr/bin/env bash
# Usage across two nodes when one stops (SECURITY.md G7). Two portal processes (Release) share one throwaway
# PostgreSQL; bench/UsageCrash keeps both busy with known calls, counting every 2xx answer per node, and sends
# node B a signal while it is under load: first SIGTERM (graceful: in-flight calls finish, usage is flushed,
# target delta 0), then, on fresh processes, kill -9 (crash: the events lost must be at most what B answered in
# its last flush window). Starts its own PostgreSQL and portals on 127.0.0.1 and stops exactly those processes,
# by PID. Exits non-zero when a target is missed.
# Usage: bench/usage-crash.sh [flush-interval-seconds]   (default 5, the portal's default)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres.sh

flush=${1:-5}
ensure_pg_binaries
work=$(mktemp -d /tmp/monime-bench.XXXXXX)
chmod 755 "$work"
pg_port=$(free_port)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

pg_start "$work/pg" "$pg_port" fast
db="Host=127.0.0.1;Port=$pg_port;Database=monime_bench;Username=postgres;Maximum Pool Size=50"
dotnet build src/Monime.Portal.Web -c Release -nologo -v q >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
dotnet build bench/UsageCrash -c Release -nologo -v q >>"$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2; exit 1; }

# start_instance NAME: one portal process on a free port; its address is left in $base and its PID in $pid.
# It runs in this shell, not in a command substitution, so that its PID is ours to wait for and to stop.
start_instance() {
  local port
  port=$(free_port)
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ASPNETCORE_CONTENTROOT="$PWD/src/Monime.Portal.Web" ConnectionStrings__Portal="$db;Application Name=bench-$1" \
    Cookies__RequireHttps=false Api__RateLimits__LivePerSecond=100000000 Usage__FlushIntervalSeconds="$flush" \
    Serilog__MinimumLevel__Default=Warning \
    dotnet src/Monime.Portal.Web/bin/Release/net10.0/Monime.Portal.Web.dll >>"$work/portal-$1.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && { base="http://127.0.0.1:$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  cat "$work/portal-$1.log" >&2
  return 1
}

# phase TERM|KILL: fresh processes A and B, the driver signals B under load, then A is stopped gracefully.
phase() {
  local status=0 exit_b
  start_instance a
  local base_a=$base pid_a=$pid
  start_instance b
  local base_b=$base pid_b=$pid
  # The shell reports a job killed by a signal on its own stderr, at whichever command it reaps it; that line
  # is expected here, so this group's stderr is kept aside and shown without it.
  exit_b=0
  {
    dotnet bench/UsageCrash/bin/Release/net10.0/UsageCrash.dll "$db" "$base_a" "$base_b" "$pid_b" "$1" "$flush" \
      || status=1
    wait "$pid_b" || exit_b=$?
  } 2>"$work/phase.err"
  grep -v " Killed " "$work/phase.err" >&2 || true
  echo "node B exit status after SIG$1: $exit_b"
  kill -TERM "$pid_a" && wait "$pid_a" || true
  pids=()
  return $status
}

status=0
phase TERM || status=1
phase KILL || status=1
if grep -q "Usage flush failed" "$work"/portal-*.log; then
  echo "usage flush failures were logged:"; grep -h "Usage flush failed" "$work"/portal-*.log | head -5
fi
exit $status
