#!/usr/bin/env bash
# bench/exposure.sh — time `eirene exposure` against a geopandas/rasterio baseline on a
# synthetic global 30″ population raster and 200,000 synthetic ACLED events (issue 6).
#
# Run from the repository root:
#
#     CARGO_TARGET_DIR=/work/target-bench bash bench/exposure.sh
#     # eirene only, one run, binary already built:
#     SKIP_BUILD=1 TOOLS=eirene RUNS=1 bash bench/exposure.sh
#
# What it does
#   1. cargo build --release -p eirene-cli          (binary target/release/eirene, or
#      $CARGO_TARGET_DIR/release/eirene when CARGO_TARGET_DIR is set)
#   2. Creates or extends the throwaway virtualenv bench/.venv with pinned numpy, pandas,
#      rasterio, geopandas, shapely, pyproj and pyogrio (binary wheels only).
#   3. Generates, once, into bench/out/exposure/ (kept while exposure_data.json says it was made
#      with the same EVENTS and SEED; `rm -rf bench/out/exposure` to redo; ≈ 3.5 min, ≈ 1.1 GiB RSS):
#          bench/exposure_data.py bench/out/exposure --events EVENTS --seed SEED
#        population_30s.tif  SYNTHETIC global population, 43,200 × 21,600 Float32 cells of 30″,
#                            nodata -99999, EPSG:4326, 512×512 tiles, DEFLATE (≈ 0.7 GB; 3.7 GB
#                            of cells); land = Natural Earth 110m countries, ≈ 8.0e9 people
#        events.csv          SYNTHETIC ACLED export (31 columns), EVENTS political-violence
#                            events in 2023-12-01..2024-11-30, clustered where people live
#      The data are only for timing and must never be mixed with real data.
#   4. Prepares the eirene store bench/out/exposure/store once:
#          eirene --data-dir STORE ingest acled bench/out/exposure/events.csv --version bench
#          eirene --data-dir STORE sync naturalearth --from ../shared/data
#   5. Check (unless CHECK=0): runs each tool once and compares (bench/exposure_check.py: world
#      population to 1e-6, world exposed to 1 %, the 10 most exposed countries to 2 %); a
#      mismatch stops the script with exit status 1. Outputs in bench/out/exposure/check/.
#   6. Times, on a warm page cache (the raster is read once with `cat` first), with hyperfine
#      (or a bash loop) and peak RSS from /usr/bin/time:
#        eirene     eirene --data-dir STORE exposure --source acled --radius-km R
#                     --window-end 2024-11-30 --population population_30s.tif --format json
#                   (RUNS runs)
#        geopandas  bench/exposure_geopandas.py --population … --events … --countries
#                     ../shared/data/geo/naturalearth_topojson/countries-110m.json
#                     --radius-km R --window-end 2024-11-30  (RUNS_BASELINE runs): pandas
#                   read_csv + filter, pyproj.Geod 64-gon geodesic buffers, shapely.union_all,
#                   then 512-row blocks: rasterio read, geometry_mask of the union, rasterize
#                   of the countries, numpy bincount. It records its in-process phase times.
#      Whole processes are timed: eirene's includes opening the store and selecting the
#      events; the baseline's includes Python start-up and imports (its in-process total,
#      without them, is reported too).
#   7. Writes bench/out/exposure_results.md: machine, date, versions, input sizes, the check,
#      per tool best/mean time and peak RSS, the ratio baseline ÷ eirene, the baseline's
#      phase times and the issue's targets (eirene < 10 s, ≥ 50× the baseline, < 6 GiB).
#      Raw output and hyperfine JSON go to bench/out/raw/exposure/.
#
# Environment knobs (all optional)
#   RUNS=3                 timed runs of eirene
#   RUNS_BASELINE=1        timed runs of the baseline (each takes minutes)
#   TOOLS="eirene geopandas"
#   CHECK=1                0: skip the correctness check (step 5)
#   EVENTS=200000 SEED=1   synthetic data (changing them regenerates bench/out/exposure)
#   RADIUS_KM=5 WINDOW_END=2024-11-30
#   MIRROR=../shared/data  where `sync naturalearth --from` finds countries-110m.json
#   SKIP_BUILD=1           do not run cargo build
#   NO_HYPERFINE=1         use the bash loop even if hyperfine exists
#   PYTHON=python3         interpreter for the venv (pandas 3 needs >= 3.11)
#   NUMPY_VERSION=2.4.6 PANDAS_VERSION=3.1.1 RASTERIO_VERSION=1.4.4 GEOPANDAS_VERSION=1.2.0
#   SHAPELY_VERSION=2.2.0 PYPROJ_VERSION=3.7.2 PYOGRIO_VERSION=0.13.0
#   EIRENE=target/release/eirene   the binary (default follows CARGO_TARGET_DIR)
#   CARGO_TARGET_DIR=DIR   build into DIR instead of target/
#
# Needs ≈ 1 GB of disk for the data and the store. A tool that fails in the timed runs is
# reported as "failed" and the script goes on (a failed check stops it).

set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

RUNS=${RUNS:-3}
RUNS_BASELINE=${RUNS_BASELINE:-1}
TOOLS=${TOOLS:-"eirene geopandas"}
CHECK=${CHECK:-1}
EVENTS=${EVENTS:-200000}
SEED=${SEED:-1}
RADIUS_KM=${RADIUS_KM:-5}
WINDOW_END=${WINDOW_END:-2024-11-30}
MIRROR=${MIRROR:-../shared/data}
PYTHON=${PYTHON:-python3}
NUMPY_VERSION=${NUMPY_VERSION:-2.4.6}
PANDAS_VERSION=${PANDAS_VERSION:-3.1.1}
RASTERIO_VERSION=${RASTERIO_VERSION:-1.4.4}
GEOPANDAS_VERSION=${GEOPANDAS_VERSION:-1.2.0}
SHAPELY_VERSION=${SHAPELY_VERSION:-2.2.0}
PYPROJ_VERSION=${PYPROJ_VERSION:-3.7.2}
PYOGRIO_VERSION=${PYOGRIO_VERSION:-0.13.0}

OUT=bench/out
DATA=$OUT/exposure
RAW=$OUT/raw/exposure
CHECKDIR=$DATA/check
STORE=$DATA/store
TIF=$DATA/population_30s.tif
CSV=$DATA/events.csv
META=$DATA/exposure_data.json
COUNTRIES_JSON=$MIRROR/geo/naturalearth_topojson/countries-110m.json
VENV=bench/.venv
PY=$VENV/bin/python
EIRENE=${EIRENE:-${CARGO_TARGET_DIR:-target}/release/eirene}
RESULTS=$OUT/exposure_results.md
mkdir -p "$OUT" "$DATA" "$RAW"

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ---------------------------------------------------------------- 1. build
build_eirene
if [[ ! -s $COUNTRIES_JSON ]]; then
    echo "error: $COUNTRIES_JSON not found (set MIRROR to the shared data directory)" >&2
    exit 1
fi

# ---------------------------------------------------------------- 2. venv
if [[ ! -x $PY ]]; then
    log "creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
pins=("numpy==$NUMPY_VERSION" "pandas==$PANDAS_VERSION" "rasterio==$RASTERIO_VERSION"
    "geopandas==$GEOPANDAS_VERSION" "shapely==$SHAPELY_VERSION" "pyproj==$PYPROJ_VERSION"
    "pyogrio==$PYOGRIO_VERSION")
if ! "$PY" -c "
import sys, importlib.metadata as m
want = dict(p.split('==') for p in sys.argv[1:])
sys.exit(any(m.version(k) != v for k, v in want.items()))
" "${pins[@]}" 2>/dev/null; then
    log "installing ${pins[*]} into $VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --only-binary :all: "${pins[@]}"
fi

# ---------------------------------------------------------------- 3. data
data_matches() {
    [[ -s $TIF && -s $CSV && -s $META ]] && "$PY" -c "
import json, sys
m = json.load(open('$META'))
sys.exit(not (m['events'] == $EVENTS and m['seed'] == $SEED and m['resolution_arcsec'] == 30))
"
}
if data_matches; then
    log "$DATA holds the synthetic data (events=$EVENTS, seed=$SEED), not regenerating"
else
    log "generating $TIF and $CSV (events=$EVENTS, seed=$SEED; a few minutes)"
    rm -rf "$STORE" "$CHECKDIR"
    nice "$PY" bench/exposure_data.py "$DATA" --events "$EVENTS" --seed "$SEED" \
        --countries "$COUNTRIES_JSON" 2>"$RAW/exposure_data.log"
fi

# ---------------------------------------------------------------- 4. store
if [[ ! -d $STORE/store/acled || ! -d $STORE/store/naturalearth ]]; then
    log "preparing the eirene store $STORE"
    rm -rf "$STORE"
    "$EIRENE" --data-dir "$STORE" ingest acled "$CSV" --version bench
    "$EIRENE" --data-dir "$STORE" sync naturalearth --from "$MIRROR"
else
    log "$STORE already holds acled (bench) and naturalearth"
fi

# ---------------------------------------------------------------- commands
eirene_cmd() {
    echo "$EIRENE --data-dir $STORE exposure --source acled --radius-km $RADIUS_KM" \
        "--window-end $WINDOW_END --population $TIF --format json > $1"
}
baseline_cmd() {
    local timing=${2:-}
    echo "$PY bench/exposure_geopandas.py --population $TIF --events $CSV" \
        "--countries $COUNTRIES_JSON --radius-km $RADIUS_KM --window-end $WINDOW_END --out $1" \
        "${timing:+--timing-file $timing}"
}

log "warming the page cache: $TIF ($(human "$(stat -c %s "$TIF")"))"
cat "$TIF" >/dev/null

# ---------------------------------------------------------------- 5. check
CHECK_TEXT="(not run: CHECK=0)"
if [[ $CHECK != 0 ]]; then
    rm -rf "$CHECKDIR"
    mkdir -p "$CHECKDIR"
    log "check: eirene"
    bash -c "$(eirene_cmd "$CHECKDIR/eirene.json")"
    log "check: geopandas baseline (minutes)"
    bash -c "$(baseline_cmd "$CHECKDIR/geopandas.json" "$RAW/geopandas_check.timing")"
    log "check: comparing"
    if ! "$PY" bench/exposure_check.py "$CHECKDIR/eirene.json" "$CHECKDIR/geopandas.json" \
        | tee "$RAW/check.txt"; then
        echo "CORRECTNESS CHECK FAILED: eirene and the baseline differ (see $CHECKDIR)" >&2
        exit 1
    fi
    CHECK_TEXT=$(cat "$RAW/check.txt")
fi

# ---------------------------------------------------------------- 7. report
cpu_model=$(lscpu | awk -F: '/Model name/ { sub(/^[ \t]+/, "", $2); print $2; exit }')
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
run_date=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
git_state=$(git rev-parse --short HEAD 2>/dev/null || echo "no git")
if [[ -n $(git status --porcelain -- crates 2>/dev/null) ]]; then
    git_state="$git_state + uncommitted changes in crates/"
fi
if [[ -n $HYPERFINE ]]; then
    method="$("$HYPERFINE" --version), no warm-up run (page cache warmed by reading the raster)"
else
    method="bash loop, no warm-up run (page cache warmed by reading the raster)"
fi
py_versions=$("$PY" -c '
import sys, numpy, pandas, rasterio, geopandas, shapely, pyproj, pyogrio
print(f"Python {sys.version.split()[0]}, numpy {numpy.__version__}, pandas {pandas.__version__}, "
      f"rasterio {rasterio.__version__} (GDAL {rasterio.__gdal_version__}), "
      f"geopandas {geopandas.__version__}, shapely {shapely.__version__} "
      f"(GEOS {shapely.geos_version_string}), pyproj {pyproj.__version__} (PROJ {pyproj.proj_version_str}), "
      f"pyogrio {pyogrio.__version__} (GDAL {pyogrio.__gdal_version_string__})")')
inputs=$("$PY" -c "
import json, os
m = json.load(open('$META'))
tif, csv = '$TIF', '$CSV'
print(f\"- Raster: \`{tif}\`, {m['width']:,} × {m['height']:,} Float32 cells of 30″ \"
      f\"({m['width'] * m['height'] * 4 / 2**30:.2f} GiB of cells), {os.path.getsize(tif) / 2**30:.2f} GiB on disk \"
      f\"({os.path.getsize(tif):,} bytes, DEFLATE, 512×512 tiles); {m['land_cells']:,} land cells, \"
      f\"{m['populated_cells']:,} populated; world population {m['world_total']:,.0f}\")
print(f\"- Events: \`{csv}\`, {m['events']:,} rows ({os.path.getsize(csv) / 2**20:.1f} MiB), \"
      f\"round {m['hotspots']:,} hotspots in {m['event_countries']} countries; seed {m['seed']}\")
")

ROWS_MD=()
PHASES_MD=()
events_in_window=–
write_results() {
    {
        echo "# Exposure benchmark: eirene vs geopandas/rasterio"
        echo
        echo "People within $RADIUS_KM km of a political-violence event in the 12 months ending $WINDOW_END,"
        echo "per Natural Earth country and world (issue 6). SYNTHETIC inputs (\`bench/exposure_data.py\`,"
        echo "seed $SEED), never real data."
        echo
        echo "- Date: $run_date; load average at start: $load_start"
        echo "- Machine: $(nproc) CPUs (nproc), ${cpu_model:-unknown CPU}, $mem_total RAM, $(uname -sr)"
        echo "- Timing: $method"
        echo "- eirene: \`$EIRENE\` ($("$EIRENE" --version); source: $git_state)"
        echo "- Baseline: \`bench/exposure_geopandas.py\`; $py_versions"
        echo "$inputs"
        echo "- Political-violence events in the 12-month window: $events_in_window"
        echo
        echo "| tool | runs | best (s) | mean (s) | in-process best (s) | peak RSS | baseline ÷ eirene |"
        echo "|---|---:|---:|---:|---:|---:|---:|"
        printf '%s\n' "${ROWS_MD[@]}"
        echo
        echo "baseline ÷ eirene = baseline best process time / eirene best process time (> 1: eirene"
        echo "is faster); in brackets with the baseline's in-process time (without Python start-up and imports)."
        echo "Process times include, for eirene, opening the store and selecting the events; for the"
        echo "baseline, Python start-up and imports."
        if ((${#PHASES_MD[@]})); then
            echo
            echo "Baseline phases (in-process, its best run):"
            echo
            echo "| read events | read countries | buffer | union | raster pass | total | union parts | union vertices |"
            echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
            printf '%s\n' "${PHASES_MD[@]}"
        fi
        echo
        echo "Targets (issue 6): eirene < 10 s: ${target_time:-–}; ≥ 50× the baseline: ${target_ratio:-–};"
        echo "eirene peak RSS < 6 GiB: ${target_rss:-–}."
        echo
        echo "Check (one run of each tool, \`bench/exposure_check.py\`):"
        echo
        echo '```'
        echo "$CHECK_TEXT"
        echo '```'
    } >"$RESULTS"
}

# ---------------------------------------------------------------- 6. timing
rss_of() { if [[ -n $1 ]]; then human $(($1 * 1024)); else echo –; fi; }
eirene_best= eirene_rss= base_best= base_inproc=
for tool in $TOOLS; do
    case $tool in
        eirene)
            measure eirene : "$(eirene_cmd "$RAW/eirene_out.json")"
            if [[ $STATUS == ok ]]; then
                eirene_best=$BEST eirene_rss=$RSS
                events_in_window=$("$PY" -c "
import json
d = json.load(open('$RAW/eirene_out.json'))
w = d['world']
print(f\"{d['events']:,} ({d['window']['start']}..{d['window']['end']}); eirene finds \"
      f\"{w['exposed']:,.0f} of {w['population']:,.0f} people exposed ({w['share']:.2%})\")")
                ROWS_MD+=("| eirene | $RUNS | $BEST | $MEAN | – | $(rss_of "$RSS") | |")
            else
                ROWS_MD+=("| eirene | $RUNS | failed (see $RAW/eirene.log) | | | | |")
            fi
            ;;
        geopandas)
            timing=$RAW/geopandas.timing
            : >"$timing"
            RUNS_SAVED=$RUNS
            RUNS=$RUNS_BASELINE
            measure geopandas : "$(baseline_cmd "$RAW/geopandas_out.json" "$timing")"
            RUNS=$RUNS_SAVED
            if [[ $STATUS == ok ]]; then
                base_best=$BEST
                read -r base_inproc phases < <("$PY" -c "
import json
runs = [json.loads(l) for l in open('$timing') if l.strip()]
b = min(runs, key=lambda r: r['total'])
print(f\"{b['total']:.3f}\", '|', ' | '.join(f'{b[k]:.2f}' for k in ('read_events', 'read_countries', 'buffer', 'union', 'raster', 'total')),
      f\"| {b['union_parts']:,} | {b['union_vertices']:,} |\")
")
                PHASES_MD+=("$phases")
                ratio=–
                if [[ -n $eirene_best ]]; then
                    ratio=$(awk -v b="$BEST" -v e="$eirene_best" -v i="$base_inproc" \
                        'BEGIN { printf "%.1f× (%.1f×)", b / e, i / e }')
                fi
                ROWS_MD+=("| geopandas | $RUNS_BASELINE | $BEST | $MEAN | $base_inproc | $(rss_of "$RSS") | $ratio |")
            else
                ROWS_MD+=("| geopandas | $RUNS_BASELINE | failed (see $RAW/geopandas.log) | | | | |")
            fi
            ;;
        *)
            echo "unknown tool $tool (expected eirene, geopandas)" >&2
            exit 2
            ;;
    esac
    write_results
done

yes_no() { if awk "BEGIN { exit !($1) }"; then echo "met ($2)"; else echo "NOT met ($2)"; fi; }
if [[ -n $eirene_best ]]; then
    target_time=$(yes_no "$eirene_best < 10" "$eirene_best s")
    [[ -n $eirene_rss ]] && target_rss=$(yes_no "$eirene_rss < 6 * 1048576" "$(rss_of "$eirene_rss")")
    if [[ -n $base_best ]]; then
        r=$(awk -v b="$base_best" -v e="$eirene_best" 'BEGIN { printf "%.1f×", b / e }')
        target_ratio=$(yes_no "$base_best / $eirene_best >= 50" "$r")
    fi
fi
write_results
log "results written to $RESULTS"
cat "$RESULTS"
