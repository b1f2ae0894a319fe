#!/usr/bin/env bash
# Faults for the reliability run, on the services scripts/services.sh started (it exports ECGB_SVC_DIR, the
# EcgBridge__Test__* addresses and the RABBITMQ_* settings, which reach this script through the test process).
# Usage: faults.sh pg-stop | pg-start | rabbit-restart
# Each acts only on the PostgreSQL / RabbitMQ of that ECGB_SVC_DIR, by the pids services_start recorded, and keeps
# those pid files current so services_stop still stops exactly what runs.
set -euo pipefail
: "${ECGB_SVC_DIR:?run under scripts/services.sh (services_start)}"

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  done
  return 1
}

pg_port() { sed -E 's/.*Port=([0-9]+).*/\1/' <<<"${EcgBridge__Test__Postgres:?}"; }

case "${1:-}" in
  pg-stop)
    runuser -u postgres -- "$(pg_bindir)/pg_ctl" -D "$ECGB_SVC_DIR/pg" -m fast -w -t 60 stop >/dev/null
    ;;
  pg-start)
    pgdata="$ECGB_SVC_DIR/pg"
    runuser -u postgres -- "$(pg_bindir)/pg_ctl" -D "$pgdata" -l "$ECGB_SVC_DIR/pglog/postgres.log" -w -t 60 \
      -o "-p $(pg_port) -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
    head -1 "$pgdata/postmaster.pid" >"$ECGB_SVC_DIR/postgres.pid"
    ;;
  rabbit-restart)
    # By pid and port only, never by node name: another instance on this machine may use the same node name.
    pid="$(cat "$ECGB_SVC_DIR/rabbit/rabbit.pid")"
    amqp="$(sed -E 's#.*:([0-9]+)/?$#\1#' <<<"${EcgBridge__Test__RabbitMq:?}")"
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { echo "faults: RabbitMQ did not stop" >&2; exit 1; }
    # A new session so the broker outlives this script; its output goes to the same log as the first start.
    setsid rabbitmq-server >>"$ECGB_SVC_DIR/rabbit/stdout.log" 2>&1 </dev/null &
    echo $! >"$ECGB_SVC_DIR/rabbit.launcher.pid"
    for _ in $(seq 1 240); do
      (exec 3<>"/dev/tcp/127.0.0.1/$amqp") 2>/dev/null && exit 0
      sleep 0.5
    done
    echo "faults: RabbitMQ did not come back; log:" >&2; tail -30 "$ECGB_SVC_DIR/rabbit/stdout.log" >&2; exit 1
    ;;
  *)
    echo "usage: faults.sh pg-stop | pg-start | rabbit-restart" >&2
    exit 2
    ;;
esac
