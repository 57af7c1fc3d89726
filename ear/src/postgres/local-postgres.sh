#!/usr/bin/env bash
# A local PostgreSQL for the integration tests and for `mvn install -DskipITs -Prun,postgres`: the
# server binaries come from Maven Central (io.zonky.test.postgres embedded-postgres-binaries, a .txz
# inside a jar), so nothing needs installing. It listens on 127.0.0.1 only, trusts local
# connections (a developer's and the tests' server; production uses its own PostgreSQL with a
# password), and keeps PostgreSQL's durable defaults (fsync=on, synchronous_commit=on).
#
#   local-postgres.sh start BINARIES_JAR DIR PORT [fresh]   extract, initdb when DIR has no cluster
#                                                           (or always with "fresh"), create the
#                                                           database "weft", start; a no-op when running
#   local-postgres.sh stop DIR                              fast shutdown; a no-op when not running
#   local-postgres.sh restart DIR                           stop, then start on the same port
#
# PostgreSQL refuses to run as root. Run as root (CI machines), the server runs as the user nobody,
# with its files in DIR/home owned by nobody, or, where nobody cannot reach DIR (a parent folder such
# as /root is closed), in a folder under /tmp that DIR/home then links to.
set -euo pipefail

die() { echo "local-postgres: $*" >&2; exit 1; }

as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# A jar is a zip: unzip where there is one, else the JDK's jar tool, else Python.
extract_jar() {
  local jar=$1 into=$2
  if command -v unzip >/dev/null; then (cd "$into" && unzip -q -o "$jar")
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jar" ]; then (cd "$into" && "$JAVA_HOME/bin/jar" xf "$jar")
  elif command -v jar >/dev/null; then (cd "$into" && jar xf "$jar")
  else python3 -m zipfile -e "$jar" "$into"
  fi
}

# The folder holding the binaries (bin/) and the cluster (data/).
home_of() {
  local dir=$1
  if [ -L "$dir/home" ]; then readlink "$dir/home"; else echo "$dir/home"; fi
}

start() {
  local jar=$1 dir=$2 port=$3 fresh=${4:-}
  [ -f "$jar" ] || die "no PostgreSQL binaries at $jar"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ -n "$fresh" ]; then
    stop "$dir" || true
    local old; old=$(home_of "$dir")
    rm -rf "$old" "$dir/home"
  fi
  local home
  if [ ! -e "$dir/home" ]; then
    mkdir -p "$dir/home"
    if [ "$(id -u)" = 0 ]; then
      chown nobody "$dir/home"
      if ! runuser -u nobody -- test -w "$dir/home"; then
        # A parent folder (say /root) keeps nobody out: the cluster lives under /tmp instead.
        rmdir "$dir/home"
        home=$(mktemp -d /tmp/weft-postgres.XXXXXX)
        chmod 755 "$home"
        ln -s "$home" "$dir/home"
        echo "local-postgres: user nobody cannot reach $dir; PostgreSQL's files are in $home" >&2
      fi
    fi
  fi
  home=$(home_of "$dir")
  if [ ! -x "$home/bin/postgres" ]; then
    local unpack; unpack=$(mktemp -d)
    extract_jar "$jar" "$unpack"
    command -v xz >/dev/null || die "xz is needed to unpack the PostgreSQL binaries (Debian: apt-get install xz-utils)"
    tar -xJf "$unpack"/*.txz -C "$home"
    rm -rf "$unpack"
  fi
  if [ "$(id -u)" = 0 ]; then chown -R nobody "$home"; fi
  if [ ! -f "$home/data/PG_VERSION" ]; then
    rm -rf "$home/data"
    as_server_user "$home/bin/initdb" -D "$home/data" -U weft --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    echo "CREATE DATABASE weft OWNER weft;" | as_server_user "$home/bin/postgres" --single -D "$home/data" postgres >"$dir/createdb.log" 2>&1 \
      || { cat "$dir/createdb.log" >&2; die "creating the database failed"; }
  fi
  if as_server_user "$home/bin/pg_ctl" -D "$home/data" status >/dev/null 2>&1; then
    echo "local-postgres: already running ($dir)"
    return 0
  fi
  echo "$port" > "$dir/port"
  as_server_user "$home/bin/pg_ctl" -D "$home/data" -w -t 60 -l "$home/data/server.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $home/data -c max_connections=200" start >/dev/null \
    || { tail -20 "$home/data/server.log" >&2; die "PostgreSQL did not start"; }
  echo "local-postgres: PostgreSQL listening on 127.0.0.1:$port, database weft, user weft ($dir)"
}

stop() {
  local dir=$1
  [ -e "$dir/home" ] || return 0
  local home; home=$(home_of "$dir")
  [ -x "$home/bin/pg_ctl" ] && [ -f "$home/data/postmaster.pid" ] || return 0
  as_server_user "$home/bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
  echo "local-postgres: stopped ($dir)"
}

case "${1:-}" in
  start) shift; [ $# -ge 3 ] || die "usage: start BINARIES_JAR DIR PORT [fresh]"; start "$@" ;;
  stop) shift; [ $# -eq 1 ] || die "usage: stop DIR"; stop "$1" ;;
  restart)
    shift; [ $# -eq 1 ] || die "usage: restart DIR"
    dir=$(cd "$1" && pwd); home=$(home_of "$dir"); port=$(cat "$dir/port")
    stop "$dir"
    as_server_user "$home/bin/pg_ctl" -D "$home/data" -w -t 60 -l "$home/data/server.log" \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $home/data -c max_connections=200" start >/dev/null
    ;;
  *) die "usage: local-postgres.sh start|stop|restart ..." ;;
esac
