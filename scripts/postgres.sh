# Functions to run a PostgreSQL cluster from the installed binaries, for machines without a Docker engine.
# Sourced by run-portal and test. initdb refuses to run as root, so as root the cluster belongs to 'postgres'.

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

ensure_pg_binaries() {
  pg_bin_dir >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL binaries missing; installing them with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_bin_dir >/dev/null || { echo "No PostgreSQL binaries found (looked in /usr/lib/postgresql/*/bin)." >&2; return 1; }
}

# as_pg_owner CMD...: runs CMD as 'postgres' when we are root, else as ourselves.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DATA_DIR PORT [fast]: creates the cluster if needed and starts it on 127.0.0.1:PORT.
# "fast" turns durability off: for throwaway test clusters only, never for data you keep.
pg_start() {
  local data="$1" port="$2" mode="${3:-}" bin
  bin=$(pg_bin_dir) || return 1
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data" && chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_pg_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  fi
  local options="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
  [ "$mode" = fast ] && options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
  as_pg_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$options" -w -t 60 start >/dev/null || {
    cat "$data/server.log" >&2; return 1; }
}

pg_stop() {
  local data="$1" bin
  bin=$(pg_bin_dir) || return 0
  [ -f "$data/postmaster.pid" ] && as_pg_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
  return 0
}

# pg_data_home: a directory 'postgres' can reach when we are root (a home folder often is closed to it).
pg_data_home() {
  local preferred="$1"
  if [ "$(id -u)" != 0 ]; then echo "$preferred"; return; fi
  mkdir -p "$preferred"
  if runuser -u postgres -- test -x "$preferred"; then echo "$preferred"; else echo "/var/lib/monime-portal/postgres"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || shuf -i 20000-60000 -n 1
}
