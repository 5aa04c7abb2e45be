#!/usr/bin/env bash
# Load test (issue 7 part 2): gunicorn (gunicorn.conf.py) + PostgreSQL, both on 127.0.0.1, and wrk
# for DURASI (default 60s) against the kecamatan dashboard (/) and the kegiatan list (/kegiatan/),
# as the demo staf of Senduro with a session cookie made in the benchmark database.
# End to end: fresh database iku_bench_load at S=1, collectstatic into a temp STATIC_ROOT, start
# gunicorn, check both URLs answer 200, run wrk twice, stop gunicorn, drop the database.
# Only ever targets 127.0.0.1. Needs Debian's wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PORT=${PORT:-8765}
DURASI=${DURASI:-60s}
KONEKSI=${KONEKSI:-8}
WRK_THREADS=${WRK_THREADS:-2}
PG=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB=iku_bench_load
OUT=var/bench/load
HOST=127.0.0.1

case "$PG" in
  postgres://*@127.0.0.1:*|postgres://*@127.0.0.1/*|postgres://127.0.0.1*) ;;
  *) echo "BENCH_PG_URL must point at 127.0.0.1" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk tidak ada: apt-get install wrk" >&2; exit 2; }
mkdir -p "$OUT"
STATIC_TMP=$(mktemp -d)
GUNICORN_PID=""

pg_admin() { "$PY" -c "import psycopg,sys; psycopg.connect(sys.argv[1] + '/postgres', autocommit=True).execute(sys.argv[2])" "$PG" "$1"; }

cleanup() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    for _ in $(seq 1 40); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -rf "$STATIC_TMP"
  if [ -z "${SIMPAN:-}" ]; then pg_admin "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" || true; fi
}
trap cleanup EXIT

export DATABASE_URL="$PG/$DB"
export SECRET_KEY
SECRET_KEY=$("$PY" -c "import secrets; print(secrets.token_urlsafe(50))")
export ALLOWED_HOSTS=$HOST SECURE_SSL_REDIRECT=0 STATIC_ROOT="$STATIC_TMP" LOG_LEVEL=WARNING
export MEDIA_ROOT="$PWD/var/bench/media" DJANGO_SETTINGS_MODULE=iku_project.settings

echo "== database $DB (S=1: Lumajang, 37.800 kegiatan)"
pg_admin "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"
pg_admin "CREATE DATABASE \"$DB\""
# The data and the demo users are made with DEBUG=1, as make run does; the session's auth hash is
# signed with the same SECRET_KEY as the server's.
if ! SESSION=$(DEBUG=1 "$PY" bench/load_setup.py 2> "$OUT/setup.log" | tail -n 1) || [ -z "$SESSION" ]; then
  echo "persiapan basis data gagal:" >&2; tail -n 20 "$OUT/setup.log" >&2; exit 1
fi

echo "== collectstatic (DEBUG=0) ke $STATIC_TMP"
if ! DEBUG=0 "$PY" manage.py collectstatic --noinput -v 0 2> "$OUT/collectstatic.log"; then
  # A deploy would fail at this step too: stop rather than measure a different build.
  echo "collectstatic gagal (lihat $OUT/collectstatic.log)" >&2
  tail -n 6 "$OUT/collectstatic.log" >&2
  exit 1
fi

echo "== gunicorn di $HOST:$PORT"
rm -f "$OUT/gunicorn-access.log"
# Appending (>>), so the log can be emptied between the two runs.
DEBUG=0 GUNICORN_BIND="$HOST:$PORT" "$PY" -m gunicorn -c gunicorn.conf.py iku_project.wsgi:application \
  >> "$OUT/gunicorn-access.log" 2> "$OUT/gunicorn-error.log" &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://$HOST:$PORT/masuk/" && break
  sleep 0.5
done
WORKERS=$(pgrep -P "$GUNICORN_PID" | wc -l)
echo "   pid $GUNICORN_PID, $WORKERS worker"

for URL in / /kegiatan/; do
  CODE=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sessionid=$SESSION" "http://$HOST:$PORT$URL")
  if [ "$CODE" != 200 ]; then echo "GET $URL dengan cookie sesi: HTTP $CODE (harus 200)" >&2; exit 1; fi
done

hasil() {
  local nama=$1 url=$2
  # Warm-up (every worker imports and compiles templates on its first requests); not recorded.
  wrk -t"$WRK_THREADS" -c"$KONEKSI" -d5s -H "Cookie: sessionid=$SESSION" "http://$HOST:$PORT$url" > /dev/null
  : > "$OUT/gunicorn-access.log"
  echo "== wrk $DURASI, $KONEKSI koneksi, $WRK_THREADS thread: GET $url"
  wrk -t"$WRK_THREADS" -c"$KONEKSI" -d"$DURASI" --timeout 10s --latency -s bench/wrk-persentil.lua \
    -H "Cookie: sessionid=$SESSION" "http://$HOST:$PORT$url" | tee "$OUT/wrk-$nama.txt"
  # wrk counts a 3xx as success; the access log gives the real status of every request.
  echo "   status (access log gunicorn):" \
    "$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^HTTP\/1\.1"$/) print $(i + 1)}' "$OUT/gunicorn-access.log" | sort | uniq -c | tr '\n' ' ')" \
    | tee -a "$OUT/wrk-$nama.txt"
}

hasil dasbor /
hasil kegiatan /kegiatan/
echo "== selesai; keluaran di $OUT/"
