#!/usr/bin/env bash
# GET /v1 with a valid token against GET /v1 without one, side by side in one run (target ratio >= 0.85),
# and the Argon2id evaluations the authenticated run cost (target: 1, the cache's first miss).
# wrk and the portal share this machine's two cores, so single runs swing by ±10%: the two sides are run in
# ROUNDS rounds of A B B A (A without, B with a token), which cancels drift, and each side's requests per
# second is the mean of its runs. Latency percentiles and errors are those of the authenticated runs.
# The verification cache lifetime is set longer than the whole run, so the count covers exactly one lifetime:
# the token's first call pays Argon2id, every later one is answered from the cache.
# Usage: bench/api-auth.sh   (DURATION=10s CONNECTIONS=32 THREADS=4 ROUNDS=2 WARMUP=10s by default)
. "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-4}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-10s}

CACHE_SECONDS=600
bench_start Api__VerificationCacheSeconds=$CACHE_SECONDS
wrk_args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s bench/latency.lua "$BASE/v1")
# Both paths are warmed until tiered compilation has settled: a shorter warm-up left the authenticated path's
# methods still being recompiled during its first measured run, which cost it up to 15% there.
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$BASE/v1" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "$BASE/v1" >/dev/null

# run SIDE: one wrk run, its output kept as $BENCH_DIR/SIDE-N.txt.
runs=0
run() {
  runs=$((runs + 1))
  if [ "$1" = auth ]; then
    wrk -H "Authorization: Bearer $TOKEN" "${wrk_args[@]}" >"$BENCH_DIR/auth-$runs.txt"
  else
    wrk "${wrk_args[@]}" >"$BENCH_DIR/anon-$runs.txt"
  fi
}

for _ in $(seq 1 "$ROUNDS"); do
  run anon; run auth; run auth; run anon
done
after=$(argon2_evaluations)

# side SIDE: "mean-rps run-rps..." over that side's runs.
side() {
  awk '/Requests\/sec/ { sum += $2; list = list " " $2; n++ } END { printf "%.0f%s", sum / n, list }' \
    "$BENCH_DIR/$1"-*.txt
}
read -r anon anon_runs <<<"$(side anon)"
read -r auth auth_runs <<<"$(side auth)"
printf 'GET /v1 without token: %s rps (runs:%s)\n' "$anon" " $anon_runs"
printf 'GET /v1 with token:    %s rps (runs:%s)\n' "$auth" " $auth_runs"
ratio=$(echo "$auth / $anon" | bc -l)
calls=$(cat "$BENCH_DIR"/auth-*.txt | awk '/requests in/ { n += $1 } END { print n }')
ratio_ok=$(echo "$ratio >= 0.85" | bc -l)
printf 'ratio with/without:    %.3f (target >= 0.85) %s\n' "$ratio" "$([ "$ratio_ok" = 1 ] && echo PASS || echo FAIL)"
printf 'Argon2id evaluations for the token, from its first call to the last, within one cache lifetime (%s s): %s over the warm-up and %s measured calls (target exactly 1) %s\n' \
  "$CACHE_SECONDS" "$after" "$calls" "$([ "$after" = 1 ] && echo PASS || echo FAIL)"
[ "$ratio_ok" = 1 ] && [ "$after" = 1 ] && echo "result: PASS" || echo "result: FAIL"
echo "with token, each run:"
grep -h '^latency:' "$BENCH_DIR"/auth-*.txt | sed 's/^/  /'
echo "without token, each run:"
grep -h '^latency:' "$BENCH_DIR"/anon-*.txt | sed 's/^/  /'
echo "portal peak RSS: $(peak_rss_mb) MB"
