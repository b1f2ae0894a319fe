#!/usr/bin/env bash
# Starts PostgreSQL 15 and RabbitMQ on loopback for the tests, from Debian packages (installed when missing), in a
# temp directory on free ports. Source it: `services_start` exports EcgBridge__Test__Postgres / __RabbitMq;
# `services_stop` stops exactly what services_start started, by pid. No Docker engine is needed.
set -euo pipefail

ECGB_SVC_DIR="${ECGB_SVC_DIR:-}"

_free_port() {
  python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

_pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  done
  return 1
}

services_install() {
  local missing=()
  _pg_bindir >/dev/null 2>&1 || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
  if ((${#missing[@]})); then
    echo "services: installing ${missing[*]} from Debian packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # The Debian postinst may start a system instance; ours are separate, so leave theirs alone but make sure
  # it does not hold the default ports we might race for (we use free ports anyway).
}

# Headless Chromium for the compliance page's end-to-end test (Debian package; Playwright's browser download is
# neither needed nor possible here).
browser_install() {
  if [[ ! -x /usr/bin/chromium ]]; then
    echo "services: installing chromium from Debian packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  fi
}

services_start() {
  services_install
  ECGB_SVC_DIR="$(mktemp -d /tmp/ecgbridge-services.XXXXXX)"
  export ECGB_SVC_DIR
  chmod 755 "$ECGB_SVC_DIR"

  # PostgreSQL refuses to run as root: run initdb/pg_ctl as the postgres user the package created.
  local pgbin pgport pgdata
  pgbin="$(_pg_bindir)"
  pgport="$(_free_port)"
  pgdata="$ECGB_SVC_DIR/pg"
  mkdir -p "$pgdata" "$ECGB_SVC_DIR/pglog" && chown postgres:postgres "$pgdata" "$ECGB_SVC_DIR/pglog"
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$ECGB_SVC_DIR/initdb.log" 2>&1
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/../pglog/postgres.log" -w -t 60 \
    -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
  head -1 "$pgdata/postmaster.pid" >"$ECGB_SVC_DIR/postgres.pid"
  export EcgBridge__Test__Postgres="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Pooling=true"

  # RabbitMQ: its own node name, mnesia and log dirs under the temp dir, free AMQP and distribution ports.
  local amqp dist
  amqp="$(_free_port)"
  dist="$(_free_port)"
  mkdir -p "$ECGB_SVC_DIR/rabbit"
  # rabbit@localhost unless overridden (ECGB_RABBIT_NODENAME lets a second test run share the machine with a first).
  export RABBITMQ_NODENAME="${ECGB_RABBIT_NODENAME:-rabbit@localhost}"
  # A broker left running under that name (another run on this machine) would make ours fail to start: use our own.
  if rabbitmq-diagnostics -q -n "$RABBITMQ_NODENAME" ping >/dev/null 2>&1; then
    echo "services: a RabbitMQ node $RABBITMQ_NODENAME is already running (not ours); using rabbit-$$@localhost" >&2
    export RABBITMQ_NODENAME="rabbit-$$@localhost"
  fi
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$amqp"
  export RABBITMQ_DIST_PORT="$dist"
  export RABBITMQ_MNESIA_BASE="$ECGB_SVC_DIR/rabbit/mnesia"
  export RABBITMQ_LOG_BASE="$ECGB_SVC_DIR/rabbit/log"
  export RABBITMQ_PID_FILE="$ECGB_SVC_DIR/rabbit/rabbit.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$ECGB_SVC_DIR/rabbit/enabled_plugins"
  echo "[]." >"$RABBITMQ_ENABLED_PLUGINS_FILE"
  export RABBITMQ_SERVER_START_ARGS="-kernel inet_dist_listen_min $dist -kernel inet_dist_listen_max $dist"
  chown -R rabbitmq:rabbitmq "$ECGB_SVC_DIR/rabbit" 2>/dev/null || true
  pgrep -x epmd >/dev/null 2>&1 && echo yes >"$ECGB_SVC_DIR/epmd.preexisting"
  rabbitmq-server >"$ECGB_SVC_DIR/rabbit/stdout.log" 2>&1 &
  echo $! >"$ECGB_SVC_DIR/rabbit.launcher.pid"
  local i
  for i in $(seq 1 120); do
    rabbitmq-diagnostics -q -n "$RABBITMQ_NODENAME" ping >/dev/null 2>&1 && break
    kill -0 "$(cat "$ECGB_SVC_DIR/rabbit.launcher.pid")" 2>/dev/null || break
    sleep 1
  done
  rabbitmqctl -q -n "$RABBITMQ_NODENAME" await_startup --timeout 90 >/dev/null 2>&1 || {
    echo "services: RabbitMQ did not start; log:" >&2; tail -30 "$ECGB_SVC_DIR/rabbit/stdout.log" >&2; return 1; }
  export EcgBridge__Test__RabbitMq="amqp://guest:guest@127.0.0.1:$amqp/"
  echo "services: PostgreSQL on 127.0.0.1:$pgport, RabbitMQ on 127.0.0.1:$amqp (state in $ECGB_SVC_DIR)" >&2
}

services_stop() {
  [[ -n "${ECGB_SVC_DIR:-}" && -d "$ECGB_SVC_DIR" ]] || return 0
  local pid
  if [[ -s "$ECGB_SVC_DIR/rabbit/rabbit.pid" ]]; then
    pid="$(cat "$ECGB_SVC_DIR/rabbit/rabbit.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [[ -s "$ECGB_SVC_DIR/rabbit.launcher.pid" ]]; then
    kill "$(cat "$ECGB_SVC_DIR/rabbit.launcher.pid")" 2>/dev/null || true
  fi
  if [[ -s "$ECGB_SVC_DIR/postgres.pid" ]]; then
    pid="$(cat "$ECGB_SVC_DIR/postgres.pid")"
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  # Erlang starts epmd on demand; stop it only when it was ours.
  if [[ ! -e "$ECGB_SVC_DIR/epmd.preexisting" ]]; then pkill -x epmd 2>/dev/null || true; fi
  rm -rf "$ECGB_SVC_DIR"
  ECGB_SVC_DIR=""
}
