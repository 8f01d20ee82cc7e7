#!/usr/bin/env bash
# Revocation propagation across two portal instances on one PostgreSQL: TRIALS times (default 100), a token
# verified and cached by instance B is revoked on instance A (Details page form), and B is called every 5 ms
# until it refuses. Prints the median and the worst delay; target worst <= 1000 ms, no success after refusal.
# Starts its own PostgreSQL cluster and both instances on 127.0.0.1 and stops exactly those processes.
# Usage: bench/revocation-propagation.sh [trials]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres.sh

trials=${1:-100}
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
dotnet build bench/RevocationPropagation -c Release -nologo -v q >>"$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2; exit 1; }

# start_instance NAME: one portal process on a free port, its address left in $base; it runs in this shell,
# not in a command substitution, so that its PID reaches the cleanup list. The limits are lifted because every
# call comes from 127.0.0.1 and the refused calls of the trials would otherwise trip the per-address failure throttle.
start_instance() {
  local port
  port=$(free_port)
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ASPNETCORE_CONTENTROOT="$PWD/src/Monime.Portal.Web" ConnectionStrings__Portal="$db;Application Name=bench-$1" \
    Cookies__RequireHttps=false Api__RateLimits__LivePerSecond=100000 Api__FailuresPerIpPerMinute=1000000 \
    Serilog__MinimumLevel__Default=Warning \
    dotnet src/Monime.Portal.Web/bin/Release/net10.0/Monime.Portal.Web.dll >"$work/portal-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && { base="http://127.0.0.1:$port"; return 0; }
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  cat "$work/portal-$1.log" >&2
  return 1
}

# The first instance migrates and seeds; the second starts on the finished schema, as in scripts/run-cluster.
start_instance a
base_a=$base
start_instance b
base_b=$base
dotnet bench/RevocationPropagation/bin/Release/net10.0/RevocationPropagation.dll "$db" "$base_a" "$base_b" "$trials"
