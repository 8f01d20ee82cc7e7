#!/usr/bin/env bash
# Load with the verification cache missing on every call: Api:VerificationCacheSeconds=0, so each call runs
# Argon2id. The calls go round 8 x CONNECTIONS tokens (calls of one token that arrive together share
# one verification, so a single token would measure that sharing, not the miss). Reports what SECURITY.md's G5 asks for the miss case: requests per second, p50/p95/p99,
# errors (target 0), Argon2id verifications per second per core, and peak RSS. The cache-hit case is measured by
# bench/api-auth.sh, whose authenticated runs report the same figures.
# Usage: bench/api-load.sh   (DURATION=10s CONNECTIONS=8 by default)
. "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
cores=$(nproc)

bench_start Api__VerificationCacheSeconds=0
dotnet bench/TokenMint/bin/Release/net10.0/TokenMint.dll token "$CONN" $((CONNECTIONS * 8)) >"$BENCH_DIR/tokens.txt"
load() {
  TOKENS_FILE="$BENCH_DIR/tokens.txt" SPREAD=0 wrk -s bench/rotating-tokens.lua "$@" "$BASE/v1/tokens/self"
}
load -t2 -c2 -d2s >/dev/null

before=$(argon2_evaluations)
started=$(date +%s.%N)
load -t2 -c"$CONNECTIONS" -d"$DURATION" >"$BENCH_DIR/miss.txt"
elapsed=$(echo "$(date +%s.%N) - $started" | bc -l)
after=$(argon2_evaluations)

rps=$(awk '/Requests\/sec/ { print $2 }' "$BENCH_DIR/miss.txt")
calls=$(awk '/requests in/ { print $1 }' "$BENCH_DIR/miss.txt")
# Every answer must be a 200: any other status, or a socket error, counts.
errors=$(awk '/Socket errors|Non-2xx/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i } END { print n + 0 }' \
  "$BENCH_DIR/miss.txt")
evaluations=$((after - before))
echo "cache miss on every call (VerificationCacheSeconds=0), $CONNECTIONS connections, $DURATION:"
echo "  GET /v1/tokens/self over $((CONNECTIONS * 8)) tokens: $rps rps, $calls calls"
echo "  $(grep '^answers:' "$BENCH_DIR/miss.txt" | sed 's/^answers: //')"
echo "  $(grep '^latency:' "$BENCH_DIR/miss.txt" | sed 's/^latency: //')"
printf '  Argon2id verifications: %s (%.1f/s, %.1f/s per core over %s cores)\n' "$evaluations" \
  "$(echo "$evaluations / $elapsed" | bc -l)" "$(echo "$evaluations / $elapsed / $cores" | bc -l)" "$cores"
echo "  portal peak RSS: $(peak_rss_mb) MB"
[ "$errors" = 0 ] && echo "errors: 0 (target 0) PASS" && echo "result: PASS" || { echo "errors: $errors (target 0) FAIL"; echo "result: FAIL"; }
