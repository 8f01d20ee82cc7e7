#!/usr/bin/env bash
# Requests per second of the Access Tokens page for a Monimeer with 10,000 tokens, against the home page
# (/Developer) in the same run, same process, same database. Target: tokens/home >= 0.5.
# Starts its own PostgreSQL cluster and portal on 127.0.0.1 and stops exactly those processes when done.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres.sh

TOKENS=${TOKENS:-10000}
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
psql_bin="$(pg_bin_dir)/psql"
db="Host=127.0.0.1;Port=$pg_port;Database=monime_bench;Username=postgres;Maximum Pool Size=100"

dotnet build src/Monime.Portal.Web -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
(
  cd src/Monime.Portal.Web
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$app_port" \
    ConnectionStrings__Portal="$db" Cookies__RequireHttps=false Serilog__MinimumLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/Monime.Portal.Web.dll >"$work/portal.log" 2>&1
) &
app_pid=$!
base="http://127.0.0.1:$app_port"
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/portal.log" >&2; exit 1; }
  sleep 0.5
done
for _ in $(seq 1 60); do
  "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d monime_bench -tAc \
    "SELECT 1 FROM \"AspNetUsers\" WHERE \"Email\" = 'dev@monime.local'" 2>/dev/null | grep -q 1 && break
  sleep 0.5
done

# Tokens go straight in with SQL: creating 10,000 through the service would time Argon2id, not the page.
"$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d monime_bench -v ON_ERROR_STOP=1 -q <<SQL
INSERT INTO "AccessTokens" ("Id", "LookupId", "SecretHash", "Name", "Mode", "OwnerId", "OrganizationId",
  "ApiRelease", "CreatedAt", "ExpiresAt", "IpWhitelist", "Permissions", "RecentIps", "RevokedAt")
SELECT gen_random_uuid(), 'bn' || lpad(i::text, 6, '0'),
  '\$argon2id\$v=19\$m=19456,t=2,p=1\$YmVuY2hzYWx0YmVuY2hzYQ\$YmVuY2hoYXNoYmVuY2hoYXNoYmVuY2hoYXNoYmVuY2g',
  'bench token ' || i, CASE WHEN i % 2 = 0 THEN 'Live' ELSE 'Test' END, u."Id", u."OrganizationId",
  'caph.2025-08-23', now() - i * interval '1 minute',
  CASE WHEN i % 7 = 0 THEN now() - interval '1 day' ELSE now() + interval '60 days' END,
  '{}', '{payments:read}', '{}', CASE WHEN i % 11 = 0 THEN now() ELSE NULL END
FROM generate_series(1, $TOKENS) AS i
CROSS JOIN (SELECT "Id", "OrganizationId" FROM "AspNetUsers" WHERE "Email" = 'dev@monime.local') AS u;
ANALYZE "AccessTokens";
SQL

jar="$work/cookies.txt"
login=$(curl -fsS -c "$jar" -b "$jar" "$base/Account/Login")
af=$(printf '%s' "$login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "Input.Email=dev@monime.local" --data-urlencode "Input.Password=Dev-portal-2026" \
  --data-urlencode "__RequestVerificationToken=$af" "$base/Account/Login")
[ "$status" = 302 ] || { echo "sign-in answered $status" >&2; exit 1; }
cookie=$(awk -F'\t' 'NF >= 7 { sub(/^#HttpOnly_/, "", $1); if ($1 !~ /^#/) printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")

rows=$(curl -fsS -H "Cookie: $cookie" "$base/Tokens" | grep -c 'class="token-name"' || true)
count=$("$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d monime_bench -tAc 'SELECT count(*) FROM "AccessTokens"')
echo "tokens in database: $count; rows on the first page of /Tokens: $rows"

rps() {
  wrk -t2 -c16 -d"$DURATION" -H "Cookie: $cookie" "$base$1" | tee "$work/wrk$(echo "$1" | tr / _).txt" \
    | awk '/Requests\/sec/ { print $2 }'
}
wrk -t2 -c16 -d3s -H "Cookie: $cookie" "$base/Developer" >/dev/null
wrk -t2 -c16 -d3s -H "Cookie: $cookie" "$base/Tokens" >/dev/null
home=$(rps /Developer)
tokens=$(rps /Tokens)
for page in _Developer _Tokens; do
  grep -E "Latency|Non-2xx|Socket errors" "$work/wrk$page.txt" | sed "s|^|${page//_//}: |"
done
echo "home (/Developer): $home req/s"
echo "tokens (/Tokens, $count tokens): $tokens req/s"
awk -v t="$tokens" -v h="$home" 'BEGIN { r = t / h; printf "ratio tokens/home: %.2f (target >= 0.50) %s\n", r, (r >= 0.5 ? "PASS" : "FAIL") }'
