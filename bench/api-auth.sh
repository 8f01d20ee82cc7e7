#!/usr/bin/env bash
# GET /v1 with a valid token against GET /v1 without one, side by side in one run (target ratio >= 0.85),
# and the Argon2id evaluations the authenticated run cost (target: 1, the cache's first miss).
# Usage: bench/api-auth.sh   (DURATION=10s CONNECTIONS=32 THREADS=4 by default)
. "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-4}

bench_start
wrk_args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$BASE/v1")
wrk -t2 -c8 -d3s "$BASE/v1" >/dev/null
wrk -t2 -c8 -d3s -H "Authorization: Bearer $TOKEN" "$BASE/v1" >/dev/null

# Alternated twice so that warm-up or machine noise does not favour either side.
before=$(argon2_evaluations)
anon1=$(rps "${wrk_args[@]}")
auth1=$(rps -H "Authorization: Bearer $TOKEN" "${wrk_args[@]}")
anon2=$(rps "${wrk_args[@]}")
auth2=$(rps -H "Authorization: Bearer $TOKEN" "${wrk_args[@]}")
after=$(argon2_evaluations)

anon=$(echo "($anon1 + $anon2) / 2" | bc -l)
auth=$(echo "($auth1 + $auth2) / 2" | bc -l)
printf 'GET /v1 without token: %.0f rps (%s, %s)\n' "$anon" "$anon1" "$anon2"
printf 'GET /v1 with token:    %.0f rps (%s, %s)\n' "$auth" "$auth1" "$auth2"
ratio=$(echo "$auth / $anon" | bc -l)
evaluations=$((after - before))
verdict=$([ "$(echo "$ratio >= 0.85" | bc -l)" = 1 ] && [ "$evaluations" -le 1 ] && echo PASS || echo FAIL)
printf 'ratio with/without:    %.3f (target >= 0.85) %s\n' "$ratio" "$verdict"
echo "Argon2id evaluations during the measured runs: $evaluations (warm-up included before: $before)"
echo "portal peak RSS: $(peak_rss_mb) MB"
