#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster for the server suite.
#   pg-cluster.sh start DIR PORT   → prints the connection URL
#   pg-cluster.sh stop DIR
set -euo pipefail
action=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "$action" in
  start)
    port=$3
    mkdir -p "$dir/data" "$dir/sock"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
    as_postgres "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust >/dev/null"
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -o \"-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off\" -w start >/dev/null"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -m fast stop >/dev/null" || true
    rm -rf "$dir"
    ;;
esac
