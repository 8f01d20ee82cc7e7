#!/usr/bin/env bash
# Revocation propagation across two portal instances on one PostgreSQL: TRIALS times (default 100), a token
# verified and cached by instance B is revoked on instance A (Details page form), and B is called every 5 ms
# until it refuses. Prints the median and the worst delay; target worst <= 1000 ms, no success after refusal.
# Starts its own PostgreSQL cluster and both instances on 127.0.0.1 and stops exactly those processes.
# Usage: bench/revocation-propagation.sh [trials]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nodes.sh

trials=${1:-100}
nodes_setup RevocationPropagation

# instance NAME: a portal process on a free port (address in $base, PID in $pid) with this benchmark's settings.
# The limits are lifted because every call comes from 127.0.0.1 and the refused calls of the trials would otherwise
# trip the per-address failure throttle.
instance() {
  start_instance "$1" Api__RateLimits__LivePerSecond=100000 Api__FailuresPerIpPerMinute=1000000
}

# The first instance migrates and seeds; the second starts on the finished schema, as in scripts/run-cluster.
instance a
base_a=$base
instance b
base_b=$base
dotnet bench/RevocationPropagation/bin/Release/net10.0/RevocationPropagation.dll "$db" "$base_a" "$base_b" "$trials"
