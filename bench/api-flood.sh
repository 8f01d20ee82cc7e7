#!/usr/bin/env bash
# Legitimate GET /v1/tokens/self rps alone, then while another wrk floods the API with well-formed bogus
# tokens (valid checksums, unknown lookup ids) from the same address; target ratio >= 0.5. Also the
# portal's peak RSS (VmHWM, target < 400 MB) and how many Argon2id evaluations the flood caused (target 0).
# Usage: bench/api-flood.sh   (DURATION=10s by default)
. "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}

bench_start
export FLOOD_TOKENS="$BENCH_DIR/bogus.txt"
dotnet bench/TokenMint/bin/Release/net10.0/TokenMint.dll bogus 20000 >"$FLOOD_TOKENS"
legit_args=(-t2 -c16 -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$BASE/v1/tokens/self")
wrk -t2 -c8 -d3s -H "Authorization: Bearer $TOKEN" "$BASE/v1/tokens/self" >/dev/null

before=$(argon2_evaluations)
alone=$(rps "${legit_args[@]}")
wrk -t2 -c64 -d"$DURATION" -s bench/flood.lua "$BASE/v1/tokens/self" >"$BENCH_DIR/flood.txt" &
flood_pid=$!
sleep 1
during=$(rps "${legit_args[@]}")
wait "$flood_pid"
after=$(argon2_evaluations)

printf 'legitimate rps alone:        %s\n' "$alone"
printf 'legitimate rps during flood: %s\n' "$during"
ratio=$(echo "$during / $alone" | bc -l)
printf 'ratio during/alone:          %.3f (target >= 0.5) %s\n' "$ratio" \
  "$([ "$(echo "$ratio >= 0.5" | bc -l)" = 1 ] && echo PASS || echo FAIL)"
echo "flood rps: $(awk '/Requests\/sec/ { print $2 }' "$BENCH_DIR/flood.txt")"
grep '^flood:' "$BENCH_DIR/flood.txt"
evaluations=$((after - before))
rss=$(peak_rss_mb)
echo "Argon2id evaluations during the measurement: $evaluations (target 0)" \
  "$([ "$evaluations" = 0 ] && echo PASS || echo FAIL)"
echo "portal peak RSS (VmHWM): $rss MB (target < 400) $([ "$rss" -lt 400 ] && echo PASS || echo FAIL)"
