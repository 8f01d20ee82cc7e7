#!/usr/bin/env bash
# Runs every benchmark in sequence, each on its own throwaway PostgreSQL and portal, and writes BENCHMARKS.md
# at the repository root: the machine, each command line, its output and whether it met its target.
# Usage: bench/run-all.sh   (about 35 minutes on two cores)
set -uo pipefail
cd "$(dirname "$0")/.."
out=BENCHMARKS.md
log=$(mktemp -d /tmp/monime-bench-all.XXXXXX)
trap 'rm -rf "$log"' EXIT

# Benchmark outputs never hold a token secret, but the check costs nothing: a line shaped like one is dropped.
scrub() { grep -vE 'mon_[0-9A-Za-z]{31}'; }

{
  echo "# Benchmarks"
  echo
  echo "Written by \`bench/run-all.sh\` in one run; every figure below comes from that run, ratios from runs"
  echo "taken side by side in the same process and database."
  echo
  echo "## Machine"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- CPU: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores available"
  echo "- memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "- .NET SDK: $(dotnet --version); PostgreSQL: $(. scripts/postgres.sh; "$(pg_bin_dir)/postgres" --version)"
  echo "- commit: $(git rev-parse --short HEAD)"
  echo
} >"$out"

# run TITLE TARGET COMMAND...: runs one benchmark, appends its command line, output and verdict.
run() {
  local title=$1 target=$2
  shift 2
  echo "== $title: $*" >&2
  local started=$SECONDS status
  "$@" >"$log/out.txt" 2>"$log/err.txt"
  status=$?
  local verdict="PASS"
  if [ $status -ne 0 ] || grep -q 'FAIL' "$log/out.txt"; then verdict="FAIL"; fi
  {
    echo "## $title"
    echo
    echo "Command: \`$*\` ($((SECONDS - started)) s). Target: $target. Result: **$verdict**"
    echo
    echo '```'
    scrub <"$log/out.txt"
    [ $status -ne 0 ] && { echo "exit status $status; last lines of stderr:"; tail -5 "$log/err.txt" | scrub; }
    echo '```'
    echo
  } >>"$out"
  echo "$title: $verdict" >>"$log/summary.txt"
}

run "API authentication ratio" \
  "GET /v1 with a token / without >= 0.85 (two rounds A B B A); exactly 1 Argon2id in one cache lifetime" bench/api-auth.sh
run "Load with the verification cache missing" "0 errors; p50/p95/p99, Argon2id verifications/s/core measured" \
  bench/api-load.sh
run "Argon2id cost" "measured (19 MiB per hash by parameters)" bench/argon2-cost.sh 100
run "Flood" "three floods (one address, spread addresses, wrong secrets of the legitimate token): legitimate rps during / alone >= 0.5 and 0 legitimate errors each; Argon2id <= 1, 1, 10; RSS < 400 MB" bench/api-flood.sh
run "Token list page at 10,000 tokens" "/Tokens rps / home rps >= 0.5" bench/token-list.sh
run "Admin list at 1,000,000 tokens" "time per request at 1,000,000 <= 2 x at 10,000" bench/admin-list.sh
run "Usage exactness" "usage recorded = calls made" bench/usage-exact.sh
run "Sign-in timing, known vs unknown account" "same status and body; median and p95 delta within noise" \
  bench/signin-timing.sh 1000
run "Usage when a node stops under load" \
  "SIGTERM: delta 0, 0 calls cut off; kill -9: lost <= calls of the last flush window" bench/usage-crash.sh
run "Revocation propagation across two instances" "100 trials, worst <= 1000 ms, 0 successes after refusal" \
  bench/revocation-propagation.sh 100

{
  echo "## Summary"
  echo
  sed 's/^/- /' "$log/summary.txt"
} >>"$out"
cat "$log/summary.txt"
