#!/usr/bin/env bash
# Time per request of the admin "All tokens" page (/Admin/Tokens) for an organisation with SMALL tokens
# (default 10,000), then with LARGE tokens (default 1,000,000), same process and database, measured one after
# the other. Target: the large case within twice the small case's time per request.
# Starts its own PostgreSQL cluster and portal on 127.0.0.1 and stops exactly those processes when done.
# Usage: bench/admin-list.sh   (SMALL=10000 LARGE=1000000 DURATION=10s)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres.sh

SMALL=${SMALL:-10000}
LARGE=${LARGE:-1000000}
DURATION=${DURATION:-10s}
ensure_pg_binaries
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 1; }

work=$(mktemp -d /tmp/monime-bench.XXXXXX)
chmod 755 "$work"
pg_port=$(free_port)
app_port=$(free_port)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

pg_start "$work/pg" "$pg_port" fast
sql() { "$(pg_bin_dir)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d monime_bench -v ON_ERROR_STOP=1 -qtA "$@"; }
db="Host=127.0.0.1;Port=$pg_port;Database=monime_bench;Username=postgres;Maximum Pool Size=100"

dotnet build src/Monime.Portal.Web -c Release -nologo -v q >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$app_port" \
  ASPNETCORE_CONTENTROOT="$PWD/src/Monime.Portal.Web" \
  ConnectionStrings__Portal="$db" Cookies__RequireHttps=false Serilog__MinimumLevel__Default=Warning \
  dotnet src/Monime.Portal.Web/bin/Release/net10.0/Monime.Portal.Web.dll >"$work/portal.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$app_port"
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/portal.log" >&2; exit 1; }
  sleep 0.5
done
for _ in $(seq 1 60); do
  sql -c "SELECT 1 FROM \"AspNetUsers\" WHERE \"Email\" = 'admin@monime.local'" 2>/dev/null | grep -q 1 && break
  sleep 0.5
done

# insert FROM TO: tokens straight in with SQL (through the service it would time Argon2id, not the page).
# Every page only shows hashes' absence, so one dummy PHC string serves all rows. A mix of modes, expired
# (1 in 7) and revoked (1 in 11) tokens, spread over the admin's and the developer's ownership.
insert() {
  sql <<SQL
INSERT INTO "AccessTokens" ("Id", "LookupId", "SecretHash", "Name", "Mode", "OwnerId", "OrganizationId",
  "ApiRelease", "CreatedAt", "ExpiresAt", "IpWhitelist", "Permissions", "RecentIps", "RevokedAt")
SELECT gen_random_uuid(), 'b' || lpad(i::text, 7, '0'),
  '\$argon2id\$v=19\$m=19456,t=2,p=1\$YmVuY2hzYWx0YmVuY2hzYQ\$YmVuY2hoYXNoYmVuY2hoYXNoYmVuY2hoYXNoYmVuY2g',
  'bench token ' || i, CASE WHEN i % 2 = 0 THEN 'Live' ELSE 'Test' END,
  CASE WHEN i % 3 = 0 THEN d."Id" ELSE a."Id" END, a."OrganizationId",
  'caph.2025-08-23', now() - i * interval '1 second',
  CASE WHEN i % 7 = 0 THEN now() - interval '1 day' ELSE now() + interval '60 days' END,
  '{}', '{payments:read}', '{}', CASE WHEN i % 11 = 0 THEN now() ELSE NULL END
FROM generate_series($1, $2) AS i
CROSS JOIN (SELECT "Id", "OrganizationId" FROM "AspNetUsers" WHERE "Email" = 'admin@monime.local') AS a
CROSS JOIN (SELECT "Id" FROM "AspNetUsers" WHERE "Email" = 'dev@monime.local') AS d;
ANALYZE "AccessTokens";
SQL
}

jar="$work/cookies.txt"
login=$(curl -fsS -c "$jar" -b "$jar" "$base/Account/Login")
af=$(printf '%s' "$login" \
  | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "Input.Email=admin@monime.local" --data-urlencode "Input.Password=Admin-portal-2026" \
  --data-urlencode "__RequestVerificationToken=$af" "$base/Account/Login")
[ "$status" = 302 ] || { echo "admin sign-in answered $status" >&2; exit 1; }
cookie=$(awk -F'\t' 'NF >= 7 { sub(/^#HttpOnly_/, "", $1)
  if ($1 !~ /^#/) printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")

# measure LABEL: checks the page answers 200 with rows, then runs wrk; prints ms per request (1 connection
# at a time would understate server work under load, so this is wrk's mean latency at 8 connections).
measure() {
  local count rows code
  count=$(sql -c 'SELECT count(*) FROM "AccessTokens"')
  code=$(curl -sS -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$base/Admin/Tokens")
  rows=$(grep -c 'data-token-id=' "$work/page.html" || true)
  [ "$code" = 200 ] && [ "$rows" -gt 0 ] || { echo "/Admin/Tokens answered $code with $rows rows" >&2; exit 1; }
  wrk -t2 -c8 -d3s -H "Cookie: $cookie" "$base/Admin/Tokens" >/dev/null
  wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: $cookie" "$base/Admin/Tokens" >"$work/wrk-$1.txt"
  local rps
  rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk-$1.txt")
  grep -qE "Non-2xx|Socket errors" "$work/wrk-$1.txt" && grep -E "Non-2xx|Socket errors" "$work/wrk-$1.txt" >&2
  awk -v rps="$rps" -v n="$count" -v rows="$rows" -v label="$1" \
    'BEGIN { printf "%s: %d tokens, %d rows on the first page, %.1f req/s, %.2f ms per request (8 connections)\n",
      label, n, rows, rps, 8000 / rps }'
  echo "$rps" >"$work/rps-$1"
}

insert 1 "$SMALL"
measure small
insert $((SMALL + 1)) "$LARGE"
measure large
awk -v s="$(cat "$work/rps-small")" -v l="$(cat "$work/rps-large")" \
  'BEGIN { r = s / l
    printf "ratio time per request large/small: %.2f (target <= 2.00) %s\n", r, (r <= 2 ? "PASS" : "FAIL") }'
