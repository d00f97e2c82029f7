#!/usr/bin/env bash
# Chronicle side by side with Datasette 0.65.5 on the same SQLite file of synthetic events,
# cold cache: server CPU per request for pairs of requests that return the same rows.
#
#   make compare                       # 100,000 events, medians of 3 passes
#   make compare EVENTS=10000 PASSES=1
#
# Knobs: EVENTS (100000), PASSES (3), REQUESTS per pair, server and pass (50), WARMUP (5),
# ONLY (comma-separated pair keys, default all), DATASETTE_IMMUTABLE (0; 1 serves the file with -i),
# COMPARE_CACHE (where Datasette's virtualenv is kept, ${XDG_CACHE_HOME:-~/.cache}/chronicle-compare).
#
# Chronicle: gunicorn, 2 sync workers, production-like settings, DJANGO_CACHE=none (Django's
# DummyCache: every request counts its facets anew) and connections kept (DJANGO_CONN_MAX_AGE).
# Datasette: one process (uvicorn, one event loop, its SQL run on a few threads), the file
# opened mutable (as Chronicle has it) unless DATASETTE_IMMUTABLE=1, default_cache_ttl 0.
# Datasette lives in a virtualenv of its own outside the repository; it is never a
# requirement of Chronicle's.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${EVENTS:-100000}
PASSES=${PASSES:-3}
REQUESTS=${REQUESTS:-50}
WARMUP=${WARMUP:-5}
ONLY=${ONLY:-}
DATASETTE_IMMUTABLE=${DATASETTE_IMMUTABLE:-0}
DATASETTE_VERSION=0.65.5
COMPARE_CACHE=${COMPARE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chronicle-compare}
PY=${PY:-.venv/bin/python}
HOST=127.0.0.1

fail() { echo "compare: $*" >&2; exit 1; }

[ -x "$PY" ] || fail "no virtualenv at .venv: run 'make venv' first"

# Datasette's own virtualenv, made once and kept for the next run.
DS_VENV="$COMPARE_CACHE/datasette-$DATASETTE_VERSION"
if ! "$DS_VENV/bin/datasette" --version 2>/dev/null | grep -qx "datasette, version $DATASETTE_VERSION"; then
  echo "== Installing datasette==$DATASETTE_VERSION into $DS_VENV"
  rm -rf "$DS_VENV"
  mkdir -p "$COMPARE_CACHE"
  "$PY" -m venv "$DS_VENV"
  "$DS_VENV/bin/python" -m pip install --quiet "datasette==$DATASETTE_VERSION" || fail "could not install Datasette"
fi

WORK=$(mktemp -d -t chronicle-compare-XXXXXX)
GUNICORN_PID=""
DATASETTE_PID=""
stop() {
  if [ -n "$1" ]; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$GUNICORN_PID"
  stop "$DATASETTE_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

. scripts/production_env.sh
export DJANGO_CONN_MAX_AGE=600
export DJANGO_CACHE=none  # every request cold
unset DJANGO_CACHE_URL DJANGO_CACHE_DIR
DB="$WORK/db.sqlite3"
export DATABASE_URL="sqlite:///$DB"
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
CHRONICLE_PORT=$(free_port)
DATASETTE_PORT=$(free_port)

echo "== Generating $EVENTS synthetic events in $DB"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py generate_events --events "$EVENTS"
"$PY" manage.py collectstatic --noinput -v 0

wait_for() {  # name, pid, url, log
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "$3" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { cat "$4" >&2; fail "$1 did not start"; }
    sleep 1
  done
  cat "$4" >&2
  fail "$1 does not answer at $3"
}

echo "== Starting Chronicle (gunicorn, 2 sync workers) on $HOST:$CHRONICLE_PORT"
.venv/bin/gunicorn chronicle.wsgi --bind "$HOST:$CHRONICLE_PORT" --workers 2 --worker-class sync \
  --timeout 120 --error-logfile "$WORK/gunicorn.log" --log-level warning &
GUNICORN_PID=$!
wait_for Chronicle "$GUNICORN_PID" "http://$HOST:$CHRONICLE_PORT/" "$WORK/gunicorn.log"

if [ "$DATASETTE_IMMUTABLE" = "1" ]; then FILE_ARGS=(-i "$DB"); MODE=immutable; else FILE_ARGS=("$DB"); MODE=mutable; fi
echo "== Starting Datasette $DATASETTE_VERSION ($MODE) on $HOST:$DATASETTE_PORT"
# max_returned_rows covers the whole filtered CSV (a query's CSV is one batch of at most that
# many rows; the row check fails if it were cut); the time limit only keeps a busy machine
# from cancelling a query.
"$DS_VENV/bin/datasette" serve "${FILE_ARGS[@]}" --host "$HOST" -p "$DATASETTE_PORT" \
  --setting default_cache_ttl 0 --setting max_returned_rows 100000 --setting sql_time_limit_ms 20000 \
  > "$WORK/datasette.log" 2>&1 &
DATASETTE_PID=$!
wait_for Datasette "$DATASETTE_PID" "http://$HOST:$DATASETTE_PORT/-/versions.json" "$WORK/datasette.log"

"$PY" scripts/compare_datasette.py \
  --chronicle "http://$HOST:$CHRONICLE_PORT" --chronicle-pid "$GUNICORN_PID" \
  --chronicle-label "gunicorn, 2 sync workers, DJANGO_CACHE=none (DummyCache), DJANGO_CONN_MAX_AGE=600" \
  --datasette "http://$HOST:$DATASETTE_PORT" --datasette-pid "$DATASETTE_PID" \
  --datasette-label "$DATASETTE_VERSION, one process (uvicorn), $MODE file, default_cache_ttl 0" \
  --database db --passes "$PASSES" --requests "$REQUESTS" --warmup "$WARMUP" --only "$ONLY" \
  --output compare-results.json

server_errors=$(grep -c -E "Traceback|\[ERROR\]|WORKER TIMEOUT" "$WORK/gunicorn.log" || true)
[ "$server_errors" -eq 0 ] || { tail -40 "$WORK/gunicorn.log" >&2; fail "Chronicle logged $server_errors error line(s)"; }
