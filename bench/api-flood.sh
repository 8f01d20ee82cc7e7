#!/usr/bin/env bash
# Legitimate GET /v1/tokens/self rps alone, then while another wrk floods the API with well-formed bogus
# tokens, in three kinds of flood side by side in one run:
#   one-address   tokens that match no row (valid checksums, unknown lookup ids), all from 127.0.0.1;
#   spread        the same tokens, each request from another address (X-Forwarded-For, 127.0.0.1 trusted
#                 as a proxy), so the per-address failure limit never holds it back;
#   wrong-secret  the legitimate token's own lookup id with wrong secrets, from spread addresses.
# Targets: legitimate rps during each flood / alone >= 0.5; Argon2id evaluations at most 1 for the first two
# (the legitimate token's own, should its cache entry expire during the flood) and at most the per-token
# failure limit (attempts are taken before hashing) for the third; peak RSS (VmHWM) < 400 MB.
# Usage: bench/api-flood.sh   (DURATION=10s by default)
. "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-10s}
FLOOD_CONNECTIONS=64
TOKEN_FAILURE_LIMIT=10

bench_start ForwardedHeaders__TrustedProxies__0=127.0.0.1 Api__FailuresPerTokenPerMinute=$TOKEN_FAILURE_LIMIT
mint=bench/TokenMint/bin/Release/net10.0/TokenMint.dll
dotnet "$mint" bogus 20000 >"$BENCH_DIR/unknown.txt"
echo "$TOKEN" | dotnet "$mint" wrong-secret 20000 >"$BENCH_DIR/wrong-secret.txt"
legit_args=(-t2 -c16 -d"$DURATION" -s bench/latency.lua -H "Authorization: Bearer $TOKEN" "$BASE/v1/tokens/self")
wrk -t2 -c8 -d3s -H "Authorization: Bearer $TOKEN" "$BASE/v1/tokens/self" >/dev/null

# Verdicts are printed from command substitutions, so a failure is recorded in a file, not a variable.
verdict() {
  if [ "$1" = 1 ]; then echo PASS; else echo FAIL; touch "$BENCH_DIR/failed"; fi
}

# legit FILE: runs the legitimate caller, keeps wrk's output in FILE, prints its requests per second.
legit() {
  wrk "${legit_args[@]}" >"$1"
  awk '/Requests\/sec/ { print $2 }' "$1"
}

p99_of() {
  sed -n 's/.*p99 \([0-9.]*\) ms.*/\1/p' "$1"
}

alone=$(legit "$BENCH_DIR/alone.txt")
alone_p99=$(p99_of "$BENCH_DIR/alone.txt")
printf 'legitimate rps alone: %s; %s; portal peak RSS so far %s MB\n' "$alone" \
  "$(grep '^latency:' "$BENCH_DIR/alone.txt" | sed 's/^latency: //')" "$(peak_rss_mb)"

# flood NAME TOKENS-FILE SPREAD MAX-ARGON2: legitimate rps while the flood runs, its ratio to alone, the
# flood's own rate and what it cost in Argon2id.
flood() {
  local name=$1 tokens=$2 spread=$3 max_argon2=$4
  local before after during ratio evaluations errors
  before=$(argon2_evaluations)
  TOKENS_FILE=$tokens SPREAD=$spread wrk -t2 -c"$FLOOD_CONNECTIONS" -d"$DURATION" -s bench/rotating-tokens.lua \
    "$BASE/v1/tokens/self" >"$BENCH_DIR/flood-$name.txt" &
  local flood_pid=$!
  sleep 1
  during=$(legit "$BENCH_DIR/during-$name.txt")
  wait "$flood_pid"
  after=$(argon2_evaluations)
  ratio=$(echo "$during / $alone" | bc -l)
  evaluations=$((after - before))
  echo "flood $name:"
  printf '  legitimate rps during flood: %s, ratio during/alone %.3f (target >= 0.5) %s\n' "$during" "$ratio" \
    "$(verdict "$(echo "$ratio >= 0.5" | bc -l)")"
  printf '  legitimate latency during flood: %s; p99 %s ms against %s ms alone\n' \
    "$(grep '^latency:' "$BENCH_DIR/during-$name.txt" | sed 's/^latency: //; s/; errors.*//')" \
    "$(p99_of "$BENCH_DIR/during-$name.txt")" "$alone_p99"
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$BENCH_DIR/during-$name.txt")
  echo "  legitimate calls refused or failed during flood: $errors (target 0) $(verdict "$([ "$errors" = 0 ] && echo 1)")"
  printf '  flood rps: %s; ' "$(awk '/Requests\/sec/ { print $2 }' "$BENCH_DIR/flood-$name.txt")"
  grep '^answers:' "$BENCH_DIR/flood-$name.txt" | sed 's/^answers: //'
  echo "  Argon2id evaluations during the flood: $evaluations (target <= $max_argon2)" \
    "$(verdict "$([ "$evaluations" -le "$max_argon2" ] && echo 1)")"
  echo "  portal RSS after it: $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status") MB," \
    "peak so far $(peak_rss_mb) MB"
}

# The legitimate token's cache entry may expire once during a flood and cost its one Argon2id again.
flood one-address "$BENCH_DIR/unknown.txt" 0 1
flood spread "$BENCH_DIR/unknown.txt" 1 1
flood wrong-secret "$BENCH_DIR/wrong-secret.txt" 1 "$TOKEN_FAILURE_LIMIT"

rss=$(peak_rss_mb)
echo "portal peak RSS (VmHWM): $rss MB (target < 400) $(verdict "$([ "$rss" -lt 400 ] && echo 1)")"
[ -e "$BENCH_DIR/failed" ] && echo "result: FAIL" || echo "result: PASS"
