#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 only.
#   test-postgres.sh start   starts it (if needed) and prints its URL
#   test-postgres.sh stop    stops it and removes its files
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
dir=${BLUEMEET_PG_DIR:-/tmp/bluemeet-test-pg}
port=${BLUEMEET_PG_PORT:-55432}
url="postgresql://postgres@127.0.0.1:$port/postgres"

as_pg() {
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    [ -n "$pgbin" ] || { echo "test-postgres.sh: PostgreSQL is not installed" >&2; exit 1; }
    if [ -f "$dir/PG_VERSION" ] && as_pg "$pgbin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      echo "$url"; exit 0
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_pg "$pgbin/initdb" -D "$dir" -A trust -U postgres >/dev/null
    as_pg "$pgbin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    echo "$url"
    ;;
  stop)
    [ -f "$dir/PG_VERSION" ] && as_pg "$pgbin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
