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
. bench/nodes.sh

flush=${1:-5}
nodes_setup UsageCrash

# instance NAME: a portal process on a free port (address in $base, PID in $pid) with this benchmark's settings.
instance() {
  start_instance "$1" Api__RateLimits__LivePerSecond=100000000 Usage__FlushIntervalSeconds="$flush"
}

# phase TERM|KILL: fresh processes A and B, the driver signals B under load, then A is stopped gracefully.
phase() {
  local status=0 exit_b
  instance a
  local base_a=$base pid_a=$pid
  instance b
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
