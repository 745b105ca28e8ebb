#!/usr/bin/env bash
# bench/serve.sh — requests per second and latency of `eirene serve`, against Datasette serving
# the same table as JSON.
#
# Run from the repository root (needs wrk: `apt-get install wrk`):
#
#     bash bench/serve.sh
#
# What it does
#   1. cargo build --release -p eirene-cli (binary in $CARGO_TARGET_DIR or target/).
#   2. Syncs bench/out/serve_store from the shared mirror (../shared/data), unless present.
#   3. Starts `eirene serve` on a free loopback port and asks each URL once (the first request
#      renders the page, the next are answered from the per-snapshot cache, as in production
#      after a sync).
#   4. wrk, CONNECTIONS connections (default 64) and THREADS threads (default 2) for DURATION
#      (default 30s), on each URL: requests/s and the 50th/99th latency percentiles.
#   5. Datasette (pinned, installed into the throwaway virtualenv bench/.venv) serves a SQLite
#      file holding the table of `/countries.csv` (197 states: iso3, name); wrk then asks it for
#      the table as JSON (`/countries/countries.json?_shape=array&_size=max`) — the same rows
#      Eirene's `/countries.json` returns — and the ratio of the two throughputs is reported.
#
# Results go to stdout as a Markdown table (paste into docs/BENCHMARKS.md with the machine
# and date); raw wrk output to bench/out/serve_raw/.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
DATASETTE_VERSION=${DATASETTE_VERSION:-0.65.2}
OUT=bench/out
RAW=$OUT/serve_raw
STORE=$OUT/serve_store
mkdir -p "$RAW"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

log "release build"
cargo build --release -p eirene-cli >&2
EIRENE=${CARGO_TARGET_DIR:-target}/release/eirene

if [[ ! -f $STORE/ledger.jsonl ]]; then
    log "sync $STORE from ../shared/data"
    "$EIRENE" --data-dir "$STORE" sync --from ../shared/data >&2
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PORT=$(free_port)
"$EIRENE" --data-dir "$STORE" serve --bind "127.0.0.1:$PORT" 2>"$RAW/eirene.log" &
EIRENE_PID=$!
DATASETTE_PID=
trap 'kill $EIRENE_PID ${DATASETTE_PID:-} 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/static/style.css" >/dev/null && break; sleep 0.1; done

URLS=(
    "/countries/FRA"
    "/countries/FRA.json"
    "/indicators/ucdp.deaths"
    "/indicators/sipri.milex.json?year=2023"
    "/treaties.json"
    "/treaties/att"
    "/countries.json"
)

# run_wrk NAME URL — sets RPS, P50, P99 (ms).
run_wrk() {
    local name=$1 url=$2 file=$RAW/$1.txt
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$file"
    RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file")
    P50=$(awk '$1 == "50%" { print $2 }' "$file")
    P99=$(awk '$1 == "99%" { print $2 }' "$file")
    local errors
    errors=$(awk '/Non-2xx|Socket errors/ { print }' "$file")
    if [[ -n $errors ]]; then
        echo "    $name: $errors" >&2
    fi
}

printf '| server | URL | requests/s | p50 | p99 |\n| --- | --- | ---: | ---: | ---: |\n'
for url in "${URLS[@]}"; do
    curl -sf "http://127.0.0.1:$PORT$url" >/dev/null # render once: the cache answers the rest
    name=eirene_$(echo "$url" | tr '/.?=' '____')
    log "wrk $url"
    run_wrk "$name" "http://127.0.0.1:$PORT$url"
    printf '| eirene | `%s` | %s | %s | %s |\n' "$url" "$RPS" "$P50" "$P99"
    if [[ $url == /countries.json ]]; then EIRENE_TABLE_RPS=$RPS; fi
done

log "datasette $DATASETTE_VERSION in bench/.venv"
[[ -x bench/.venv/bin/python ]] || python3 -m venv bench/.venv
bench/.venv/bin/pip install -q "datasette==$DATASETTE_VERSION" >&2
curl -sf "http://127.0.0.1:$PORT/countries.csv" >"$OUT/serve_countries.csv"
bench/.venv/bin/python - "$OUT/serve_countries.csv" "$OUT/serve_countries.db" <<'EOF'
import csv, sqlite3, sys, os
if os.path.exists(sys.argv[2]):
    os.remove(sys.argv[2])
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE countries (iso3 TEXT PRIMARY KEY, name TEXT)")
with open(sys.argv[1], newline="") as f:
    db.executemany("INSERT INTO countries VALUES (:iso3, :name)", csv.DictReader(f))
db.commit()
EOF
DPORT=$(free_port)
bench/.venv/bin/datasette serve "$OUT/serve_countries.db" --port "$DPORT" --host 127.0.0.1 \
    --setting max_returned_rows 1000 >"$RAW/datasette.log" 2>&1 &
DATASETTE_PID=$!
DURL="http://127.0.0.1:$DPORT/countries/countries.json?_shape=array&_size=max"
for _ in $(seq 100); do curl -sf "$DURL" >/dev/null && break; sleep 0.1; done
log "wrk datasette"
run_wrk datasette "$DURL"
printf '| datasette %s | `/countries/countries.json?_shape=array&_size=max` | %s | %s | %s |\n' \
    "$DATASETTE_VERSION" "$RPS" "$P50" "$P99"
awk -v e="$EIRENE_TABLE_RPS" -v d="$RPS" 'BEGIN { printf "\nEirene ÷ Datasette, the same 197 rows as JSON: %.1f×\n", e / d }'
