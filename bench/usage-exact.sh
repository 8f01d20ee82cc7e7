#!/usr/bin/env bash
# Usage exactness: 100,000 API calls over 100 tokens, counted exactly after a graceful stop, with at most one
# flush batch per flush interval. Starts a throwaway PostgreSQL, runs bench/UsageExactness, prints the figures.
# Usage: bench/usage-exact.sh [runs]   (default 1; each run uses a fresh database)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres.sh

runs="${1:-1}"
ensure_pg_binaries
pg_dir=$(mktemp -d /tmp/monime-bench-pg.XXXXXX)
pg_port=$(free_port)
pg_start "$pg_dir" "$pg_port" fast
trap 'pg_stop "$pg_dir"; rm -rf "$pg_dir"' EXIT

dotnet build bench/UsageExactness -c Release -v quiet -nologo >/dev/null
status=0
for run in $(seq 1 "$runs"); do
  connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=usage_bench_$run"
  echo -n "run $run: "
  dotnet bench/UsageExactness/bin/Release/net10.0/UsageExactness.dll "$connection" || status=1
done
exit $status
