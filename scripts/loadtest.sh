#!/usr/bin/env bash
# Load test: Chronicle under gunicorn with production-like settings, against a
# database of synthetic events, driven by wrk on 127.0.0.1 for a bounded time.
#
#   make loadtest                                   # SQLite in a temp file, 100,000 events
#   DATABASE_URL=postgres://.../chronicle_load make loadtest   # a database you made for it
#   EVENTS=10000 CONNECTIONS=32 DURATION=30 make loadtest
#   EDITOR_SAVES=1 make loadtest                    # an editor saves events while the load runs
#   VARIED=300 make loadtest                        # htmx partials for 300 distinct actor x kind x period
#                                                   # filters in turn (an analyst changing filters), not 4 URLs
#
# Knobs: EVENTS (100000), CONNECTIONS (16), DURATION seconds (60), THREADS (wrk, 2), VARIED (0: the four fixed URLs),
# WORKERS (gunicorn processes, 2 x CPUs + 1), GUNICORN_THREADS (4), PORT (a free one),
# DJANGO_CONN_MAX_AGE (60), EDITOR_SAVES (0), SAVE_INTERVAL seconds between saves (0.2),
# CSV_QUERY (the export's filters; default one actor, one kind, one year; "kind=meeting" for a big one).
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${EVENTS:-100000}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-60}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-$(( $(nproc) * 2 + 1 ))}
GUNICORN_THREADS=${GUNICORN_THREADS:-4}
EDITOR_SAVES=${EDITOR_SAVES:-0}
VARIED=${VARIED:-0}
SAVE_INTERVAL=${SAVE_INTERVAL:-0.2}
PY=${PY:-.venv/bin/python}
HOST=127.0.0.1

fail() { echo "loadtest: $*" >&2; exit 1; }

[ -x "$PY" ] || fail "no virtualenv at .venv: run 'make venv' first"
if ! command -v wrk >/dev/null 2>&1; then
  echo "== Installing wrk (Debian package)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null) \
    || fail "could not install wrk; install it with: apt-get install wrk"
fi

WORK=$(mktemp -d -t chronicle-load-XXXXXX)
GUNICORN_PID=""
SAVER_PID=""
cleanup() {
  [ -n "$SAVER_PID" ] && kill "$SAVER_PID" 2>/dev/null || true
  if [ -n "$GUNICORN_PID" ]; then
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

. scripts/production_env.sh
export DJANGO_CONN_MAX_AGE=${DJANGO_CONN_MAX_AGE:-60}
if [ -z "${DATABASE_URL:-}" ]; then
  export DATABASE_URL="sqlite:///$WORK/load.sqlite3"
fi
DB_LABEL=$("$PY" -c 'import os, sys; u = os.environ["DATABASE_URL"]; print(u.split("@")[-1] if "@" in u else u)')
PORT=${PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

echo "== Database: $DB_LABEL"
"$PY" manage.py migrate --noinput -v 0
echo "== Generating $EVENTS synthetic events"
"$PY" manage.py generate_events --events "$EVENTS"
"$PY" manage.py collectstatic --noinput -v 0

# What the load asks for: an actor of middling frequency, so the filtered
# partial and CSV are realistic, and a spread of event pages.
"$PY" manage.py shell -v 0 -c '
import json
from django.db.models import Count
from timeline.models import Actor, Event
actors = list(Actor.objects.annotate(n=Count("participations")).order_by("-n").values_list("slug", flat=True)[:20])
events = list(Event.objects.order_by("?").values_list("slug", flat=True)[:200])
varied = []
if int("'"$VARIED"'"):
    from benchmarks.scenarios import varied_urls
    varied = varied_urls(int("'"$VARIED"'"))
print(json.dumps({"actor": actors[len(actors) // 2], "events": events, "varied": varied}))
' > "$WORK/targets.json"

"$PY" - "$WORK/targets.json" "$WORK/load.lua" <<'PYEOF'
import json, os, sys
targets = json.load(open(sys.argv[1]))
actor = targets["actor"]
csv_query = os.environ.get("CSV_QUERY", f"actor={actor}&kind=meeting&start=2023&end=2023")
partial = '{["HX-Request"] = "true", ["HX-Target"] = "results"}'
if targets["varied"]:
    # Each filter once in turn, as the filter form asks for them, with a full page and an event page among them.
    fixed = [f'  {{path = {json.dumps(url)}, headers = {partial}}},' for url in targets["varied"]]
    fixed += ['  {path = "/", headers = {}},', '  {path = "EVENT", headers = {}},']
else:
    fixed = [
        '  {path = "/", headers = {}},',
        f'  {{path = "/?actor={actor}&kind=meeting&start=2023&end=2023", headers = {{["HX-Request"] = "true"}}}},',
        '  {path = "EVENT", headers = {}},',
        f'  {{path = "/events.csv?{csv_query}", headers = {{}}}},',
    ]
lines = [
    'local fixed = {',
    *fixed,
    '}',
    'local events = {' + ", ".join(json.dumps(f"/events/{slug}/") for slug in targets["events"]) + '}',
]
open(sys.argv[2], "w").write("\n".join(lines) + "\n" + open("scripts/loadtest.lua").read())
PYEOF

echo "== Starting gunicorn on $HOST:$PORT ($WORKERS workers x $GUNICORN_THREADS threads)"
.venv/bin/gunicorn chronicle.wsgi --bind "$HOST:$PORT" --workers "$WORKERS" --worker-class gthread \
  --threads "$GUNICORN_THREADS" --timeout 60 --error-logfile "$WORK/gunicorn.log" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://$HOST:$PORT/" 2>/dev/null && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$WORK/gunicorn.log" >&2; fail "gunicorn did not start"; }
  sleep 1
done
curl -fsS -o /dev/null "http://$HOST:$PORT/" || fail "the app does not answer on $HOST:$PORT"

# One request of each kind, alone and warm, so the figures under load have a baseline.
echo "== Single requests, warm (median of 5, seconds)"
"$PY" - "$WORK/targets.json" "$HOST:$PORT" <<'PYEOF'
import json, os, statistics, sys, time, urllib.request
targets, base = json.load(open(sys.argv[1])), f"http://{sys.argv[2]}"
query = f"actor={targets['actor']}&kind=meeting&start=2023&end=2023"
kinds = {"page": ("/", {}), "partial": (f"/?{query}", {"HX-Request": "true"}),
         "event": (f"/events/{targets['events'][0]}/", {}),
         "csv": (f"/events.csv?{os.environ.get('CSV_QUERY', query)}", {})}
for name, (path, headers) in kinds.items():
    times = []
    for _ in range(6):
        started = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=60) as r:
            size = len(r.read())
        times.append(time.perf_counter() - started)
    print(f"  {name:8} {statistics.median(times[1:]):.3f}  ({size:,} bytes)  {path}")
PYEOF

if [ "$EDITOR_SAVES" = "1" ]; then
  echo "== An editor saves an event every ${SAVE_INTERVAL}s during the load"
  "$PY" scripts/editor_saves.py --seconds "$DURATION" --interval "$SAVE_INTERVAL" > "$WORK/saves.txt" &
  SAVER_PID=$!
fi

if [ "$VARIED" != "0" ]; then
  echo "== wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION}s, $VARIED distinct filter partials in turn"
else
  echo "== wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION}s, rotating page / partial / event / CSV"
fi
timeout $(( DURATION + 60 )) wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "${DURATION}s" \
  --timeout 30s --latency --script "$WORK/load.lua" "http://$HOST:$PORT" | tee "$WORK/wrk.txt"

if [ -n "$SAVER_PID" ]; then
  wait "$SAVER_PID" || true
  SAVER_PID=""
  echo "== Editor saves during the load"
  cat "$WORK/saves.txt"
fi

server_errors=$(grep -c -E "Traceback|\[ERROR\]|WORKER TIMEOUT" "$WORK/gunicorn.log" || true)
echo "== Server log: $server_errors error line(s)"
[ "$server_errors" -eq 0 ] || tail -40 "$WORK/gunicorn.log"
echo "== Summary ($DB_LABEL, $EVENTS events, $CONNECTIONS connections, ${DURATION}s$([ "$VARIED" != "0" ] && echo ", $VARIED varied filters"))"
grep -E "^(Requests/sec|requests/s|latency|errors|non-2xx|5xx|by path)" "$WORK/wrk.txt" || true
