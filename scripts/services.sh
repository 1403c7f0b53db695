#!/usr/bin/env bash
# The services featurescope's tests, demo and examples use, on loopback, from Debian's packages:
#   MariaDB     127.0.0.1:3306  root, empty password, database `test`
#   PostgreSQL  127.0.0.1:5432  trust auth, user `postgres`, database `test`, wal_level=logical
#   Redis       127.0.0.1:6379  no persistence
#
#   scripts/services.sh [start]   install what is missing, start what is not running, wait until each answers
#   scripts/services.sh status    one line per service
#   scripts/services.sh stop      stop what this script started (never a service it found running)
#
# Idempotent: a service whose port already answers is left exactly as it is (another developer's
# machine, a laptop with its own servers). State, data and logs live in $FEATURESCOPE_SERVICES_DIR
# (default /var/tmp/featurescope-services), so every checkout on the machine shares one set.
# Elsewhere, `docker compose up -d mariadb postgres redis` starts the same three.
set -euo pipefail

STATE_DIR="${FEATURESCOPE_SERVICES_DIR:-/var/tmp/featurescope-services}"
WAIT_SECONDS="${FEATURESCOPE_SERVICES_WAIT:-60}"
PG_BIN="/usr/lib/postgresql/15/bin"
SERVICES=(mariadb postgres redis)

log() { printf '%-10s %s\n' "$1" "$2"; }
die() { printf 'services.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root or sudo to run: $*"
  fi
}

port_of() { case "$1" in mariadb) echo 3306 ;; postgres) echo 5432 ;; redis) echo 6379 ;; esac; }
log_of() { echo "$STATE_DIR/$1.log"; }
pid_file_of() { echo "$STATE_DIR/$1.pid"; }

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# --- installation -------------------------------------------------------------------------------

missing_packages() {
  command -v mariadbd >/dev/null 2>&1 || echo mariadb-server
  command -v mariadb >/dev/null 2>&1 || echo mariadb-client
  [ -x "$PG_BIN/postgres" ] || echo postgresql-15
  command -v psql >/dev/null 2>&1 || echo postgresql-client-15
  command -v redis-server >/dev/null 2>&1 || echo redis-server
}

install_missing() {
  local wanted
  wanted="$(missing_packages | sort -u | tr '\n' ' ')"
  [ -n "${wanted// /}" ] || return 0
  log install "$wanted(Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  # A package's postinst must not start its own server on our ports with its own auth (Debian's
  # MariaDB uses unix-socket auth for root): policy-rc.d tells invoke-rc.d to start nothing.
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy"
    created_policy=1
  fi
  # shellcheck disable=SC2086
  if ! { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends $wanted; } >"$STATE_DIR/apt.log" 2>&1; then
    [ -n "$created_policy" ] && as_root rm -f "$policy"
    die "installing $wanted failed; see $STATE_DIR/apt.log"
  fi
  [ -n "$created_policy" ] && as_root rm -f "$policy"
  return 0
}

# --- readiness: a real round trip with the documented credentials, not only an open port --------

answers() {
  case "$1" in
    mariadb) mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -u root --connect-timeout=2 -e 'SELECT 1' test >/dev/null 2>&1 ;;
    postgres) psql -h 127.0.0.1 -p 5432 -U postgres -d test -tAc 'SELECT 1' >/dev/null 2>&1 ;;
    redis) [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ] ;;
  esac
}

version_of() {
  case "$1" in
    mariadb) mariadb --protocol=TCP -h 127.0.0.1 -u root -N -e 'SELECT VERSION()' 2>/dev/null ;;
    postgres) psql -h 127.0.0.1 -U postgres -d test -tAc 'SHOW server_version' 2>/dev/null ;;
    redis) redis-cli -h 127.0.0.1 info server 2>/dev/null | sed -n 's/^redis_version:\(.*\)\r*$/\1/p' | tr -d '\r' ;;
  esac
}

wait_until_answers() {
  local service="$1" deadline=$((SECONDS + WAIT_SECONDS))
  until answers "$service"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "services.sh: $service did not answer on 127.0.0.1:$(port_of "$service") within ${WAIT_SECONDS}s; log: $(log_of "$service")" >&2
      tail -n 20 "$(log_of "$service")" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.3
  done
}

# --- starting each service in its own data directory --------------------------------------------

start_mariadb() {
  local data="$STATE_DIR/mariadb"
  if [ ! -d "$data/mysql" ]; then
    mkdir -p "$data"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$data" \
      --auth-root-authentication-method=normal --skip-test-db >"$(log_of mariadb)" 2>&1 \
      || die "mariadb: initialising $data failed; log: $(log_of mariadb)"
  fi
  # --no-defaults: none of the machine's /etc/mysql settings (socket auth, other ports) apply.
  setsid nohup mariadbd --no-defaults --user="$(id -un)" --datadir="$data" \
    --bind-address=127.0.0.1 --port=3306 --socket="$STATE_DIR/mariadb.sock" \
    --pid-file="$(pid_file_of mariadb)" --log-error="$(log_of mariadb)" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --max-connections=500 --innodb-buffer-pool-size=256M --skip-name-resolve=0 \
    </dev/null >>"$(log_of mariadb)" 2>&1 &
  local deadline=$((SECONDS + WAIT_SECONDS))
  until mariadb --no-defaults -S "$STATE_DIR/mariadb.sock" -u root -e 'SELECT 1' >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "services.sh: mariadb did not start; log: $(log_of mariadb)" >&2; return 1; }
    sleep 0.3
  done
  # root over TCP from 127.0.0.1 with an empty password, and the tests' database.
  mariadb --no-defaults -S "$STATE_DIR/mariadb.sock" -u root -e "
    CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
    GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
    CREATE DATABASE IF NOT EXISTS test;" >>"$(log_of mariadb)" 2>&1
}

start_postgres() {
  local data="$STATE_DIR/postgres"
  # PostgreSQL refuses to run as root: its files and process belong to the `postgres` user.
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    run=(runuser -u postgres --)
    chown postgres "$STATE_DIR"
    touch "$(log_of postgres)" && chown postgres "$(log_of postgres)"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    "${run[@]}" "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >>"$(log_of postgres)" 2>&1 || die "postgres: initdb of $data failed; log: $(log_of postgres)"
  fi
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$(log_of postgres)" -w -t "$WAIT_SECONDS" start -o \
    "-c listen_addresses=127.0.0.1 -c port=5432 -c unix_socket_directories=$STATE_DIR -c wal_level=logical -c max_connections=200 -c fsync=off" \
    >>"$(log_of postgres)" 2>&1 || { echo "services.sh: postgres did not start; log: $(log_of postgres)" >&2; return 1; }
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE test' >>"$(log_of postgres)" 2>&1
}

start_redis() {
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes \
    --dir "$STATE_DIR" --logfile "$(log_of redis)" --pidfile "$(pid_file_of redis)" >>"$(log_of redis)" 2>&1
}

start_one() {
  local service="$1" port
  port="$(port_of "$service")"
  if port_open "$port"; then
    if answers "$service"; then
      log "$service" "already running on 127.0.0.1:$port ($(version_of "$service")); left as it is"
    else
      # Someone else's server on the port: never touch it, but say what the tests will find.
      log "$service" "port $port is taken by a server that does not accept the test credentials; left as it is"
      return 1
    fi
    return 0
  fi
  local t0=$SECONDS
  "start_$service" || return 1
  wait_until_answers "$service" || return 1
  log "$service" "started on 127.0.0.1:$port ($(version_of "$service")) in $((SECONDS - t0))s; log: $(log_of "$service")"
}

stop_one() {
  local service="$1" pid_file
  pid_file="$(pid_file_of "$service")"
  if [ "$service" = postgres ] && [ -f "$STATE_DIR/postgres/postmaster.pid" ]; then
    local run=()
    [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$PG_BIN/pg_ctl" -D "$STATE_DIR/postgres" -m fast -w stop >/dev/null 2>&1 && { log postgres stopped; return 0; }
  fi
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    local pid
    pid="$(cat "$pid_file")"
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    log "$service" stopped
  else
    log "$service" "not running from $STATE_DIR; nothing to stop"
  fi
}

status_one() {
  local service="$1" port
  port="$(port_of "$service")"
  if answers "$service"; then log "$service" "up on 127.0.0.1:$port ($(version_of "$service"))"
  elif port_open "$port"; then log "$service" "port $port open but the test credentials are refused"; return 1
  else log "$service" "down (start it with scripts/services.sh)"; return 1
  fi
}

main() {
  local verb="${1:-start}" failed=0
  mkdir -p "$STATE_DIR"
  case "$verb" in
    start)
      local t0=$SECONDS
      install_missing
      for s in "${SERVICES[@]}"; do start_one "$s" || failed=1; done
      [ "$failed" -eq 0 ] || die "a service did not come up (see the lines above)"
      log services "ready in $((SECONDS - t0))s"
      ;;
    stop) for s in "${SERVICES[@]}"; do stop_one "$s"; done ;;
    status) for s in "${SERVICES[@]}"; do status_one "$s" || failed=1; done; return "$failed" ;;
    -h|--help|help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown verb '$verb' (start, stop, status)" ;;
  esac
}

main "$@"
