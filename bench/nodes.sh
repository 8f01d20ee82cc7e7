# Shared by the two-node benchmarks: one throwaway PostgreSQL and portal processes (Release) that share it, all
# on 127.0.0.1. Only processes started here are stopped, by their PIDs.
. scripts/postgres.sh

# nodes_setup DRIVER: a work folder, PostgreSQL, and the portal and bench/DRIVER built. Sets $work and $db, and
# stops everything on exit.
nodes_setup() {
  ensure_pg_binaries
  work=$(mktemp -d /tmp/monime-bench.XXXXXX)
  chmod 755 "$work"
  pids=()
  trap nodes_cleanup EXIT
  local pg_port
  pg_port=$(free_port)
  pg_start "$work/pg" "$pg_port" fast
  db="Host=127.0.0.1;Port=$pg_port;Database=monime_bench;Username=postgres;Maximum Pool Size=50"
  if ! dotnet build src/Monime.Portal.Web -c Release -nologo -v q >"$work/build.log" 2>&1 \
    || ! dotnet build "bench/$1" -c Release -nologo -v q >>"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
  fi
}

nodes_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  pg_stop "$work/pg"
  rm -rf "$work"
}

# start_instance NAME [SETTING=VALUE ...]: one portal process on a free port, with the settings given as
# environment variables; its address is left in $base and its PID in $pid and the cleanup list. It runs in this
# shell, not in a command substitution, so that its PID is ours to wait for and to stop (env execs the portal).
start_instance() {
  local name=$1 port
  shift
  port=$(free_port)
  env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ASPNETCORE_CONTENTROOT="$PWD/src/Monime.Portal.Web" ConnectionStrings__Portal="$db;Application Name=bench-$name" \
    Cookies__RequireHttps=false Serilog__MinimumLevel__Default=Warning "$@" \
    dotnet src/Monime.Portal.Web/bin/Release/net10.0/Monime.Portal.Web.dll >>"$work/portal-$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && { base="http://127.0.0.1:$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  cat "$work/portal-$name.log" >&2
  return 1
}
