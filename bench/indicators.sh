#!/usr/bin/env bash
# bench/indicators.sh — time eirene's headline UCDP indicators against pandas and DuckDB.
#
# Run from the repository root:
#
#     bash bench/indicators.sh
#
# What it does
#   1. cargo build --release -p eirene-cli          (binary target/release/eirene, or
#      $CARGO_TARGET_DIR/release/eirene when CARGO_TARGET_DIR is set)
#   2. For each size N (default 1,000,000 and 10,000,000 rows) makes an eirene store
#      bench/out/store_N holding a SYNTHETIC GED vintage `bench` and the built-in
#      `countries` reference, unless it already exists:
#          eirene synth ged --rows N --seed 1 --out bench/out/ged_N.csv   (reused if present)
#          eirene --data-dir bench/out/store_N ingest ucdp-ged bench/out/ged_N.csv --version bench
#          eirene --data-dir bench/out/store_N ingest countries
#      The synthetic data are only for timing and must never be mixed with real UCDP data.
#      The countries table is exported once to bench/out/countries.csv (iso3, gw_code) for
#      pandas and DuckDB.
#   3. Creates or extends the throwaway virtualenv bench/.venv with pinned pandas, pyarrow
#      and duckdb.
#   4. Every tool reads the SAME Parquet file, bench/out/store_N/store/ucdp-ged/bench/
#      ged_events.parquet (the GED table eirene wrote). CSV parsing is NOT part of this
#      benchmark (see bench/ingest_ged.sh for that). The three computations:
#        deaths     deaths/events by world, region and country × year × type with YoY:
#                   what `eirene indicators show ucdp.deaths` returns
#        conflicts  active conflicts (distinct conflict_new_id, active_year) by year ×
#                   region and World, GED basis: bench/sql/conflicts_active_ged.sql
#        yoy        year-on-year change of world deaths per type: bench/sql/deaths_world_yoy.sql
#      and the tools:
#        eirene     deaths:    eirene indicators show ucdp.deaths --format csv
#                   others:    eirene sql --format csv "<the .sql file>"
#        eirene-sql deaths only: eirene sql with the exact statement the indicator runs
#                   (crates/eirene-indicators/sql/ucdp.deaths.sql wrapped in the
#                   indicator's ORDER BY), i.e. the text DuckDB runs
#        eirene-startup  eirene sql "SELECT 1": process start, opening the store and
#                   registering its tables, no scan (a floor for every eirene row)
#        duckdb     bench/indicators_duckdb.py: the same SQL text over views
#                   ged_events = read_parquet(...), countries = read_csv(countries.csv)
#        pandas     bench/indicators_pandas.py: idiomatic pandas (read_parquet of the needed
#                   columns, groupby/agg, merge, shift)
#      All of them materialise the result and write it as CSV to /dev/null.
#      Whole processes are timed (hyperfine if installed, else a bash loop), so Python's
#      start-up and imports count; the Python scripts also record their in-process time
#      (time.perf_counter around read + compute + write) so ratios can be given both ways.
#      Peak RSS comes from /usr/bin/time.
#   5. For N <= CHECK_MAX_ROWS (default 1,000,000) first runs every tool once into
#      bench/out/check/N/ and compares the results (sorted rows, numeric tolerance, see
#      bench/indicators_check.py); a mismatch stops the script with exit status 1.
#   6. Writes bench/out/indicators_results.md: machine, date, versions and per size, query
#      and tool the best/mean process time, best in-process time, peak RSS, and the ratios
#      pandas ÷ eirene and eirene ÷ DuckDB (process time; in brackets with the Python
#      tool's in-process time). Raw output and hyperfine JSON go to bench/out/raw/indicators/.
#
# Environment knobs (all optional)
#   SIZES="1000000 10000000"   row counts
#   RUNS=3                     timed runs per measurement (no warm-up run; the page cache
#                              is warmed by reading the Parquet file first)
#   QUERIES="deaths conflicts yoy"
#   TOOLS="eirene eirene-sql eirene-startup duckdb pandas"
#   CHECK_MAX_ROWS=1000000     compare the tools' results for sizes up to this (0: never)
#   DROP_CSV=1                 delete bench/out/ged_N.csv once store_N is ingested
#   SKIP_BUILD=1               do not run cargo build
#   NO_HYPERFINE=1             use the bash loop even if hyperfine exists
#   PYTHON=python3             interpreter for the venv (pandas 3 needs >= 3.11)
#   PANDAS_VERSION=3.1.1 PYARROW_VERSION=26.0.1 DUCKDB_VERSION=2.0.1
#   EIRENE=target/release/eirene   the binary (default follows CARGO_TARGET_DIR)
#   CARGO_TARGET_DIR=DIR       build into DIR instead of target/
#
# Needs: ≈ 0.7 GB of disk per million rows for the CSV while the store is ingested
# (DROP_CSV=1 frees it), ≈ 0.2 GB per million rows for the store; the eirene ingest of
# 10M rows peaks at ≈ 9 GiB RSS. A tool that fails is reported as "failed" and the
# script goes on (except for a failed correctness check).

set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-3}
QUERIES=${QUERIES:-"deaths conflicts yoy"}
TOOLS=${TOOLS:-"eirene eirene-sql eirene-startup duckdb pandas"}
CHECK_MAX_ROWS=${CHECK_MAX_ROWS:-1000000}
PYTHON=${PYTHON:-python3}
PANDAS_VERSION=${PANDAS_VERSION:-3.1.1}
PYARROW_VERSION=${PYARROW_VERSION:-26.0.1}
DUCKDB_VERSION=${DUCKDB_VERSION:-2.0.1}

OUT=bench/out
RAW=$OUT/raw/indicators
SQLDIR=$OUT/sql
VENV=bench/.venv
PY=$VENV/bin/python
EIRENE=${EIRENE:-${CARGO_TARGET_DIR:-target}/release/eirene}
COUNTRIES=$OUT/countries.csv
RESULTS=$OUT/indicators_results.md
mkdir -p "$OUT" "$RAW" "$SQLDIR"

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ---------------------------------------------------------------- 1. build
build_eirene

# ---------------------------------------------------------------- 2. data
parquet_of() { echo "$OUT/store_$1/store/ucdp-ged/bench/ged_events.parquet"; }

for n in $SIZES; do
    store=$OUT/store_$n
    csv=$OUT/ged_$n.csv
    if [[ ! -s $(parquet_of "$n") ]]; then
        if [[ -s $csv ]]; then
            log "$csv exists, not regenerating"
        else
            log "generating $csv ($n synthetic rows)"
            "$EIRENE" synth ged --rows "$n" --seed 1 --out "$csv"
        fi
        log "ingesting $csv into $store"
        rm -rf "$store"
        "$EIRENE" --data-dir "$store" ingest ucdp-ged "$csv" --version bench
    else
        log "$store already holds GED vintage bench, not re-ingesting"
    fi
    if [[ ! -d $store/store/countries ]]; then
        "$EIRENE" --data-dir "$store" ingest countries
    fi
    if [[ -n ${DROP_CSV:-} && -e $csv ]]; then
        log "DROP_CSV: deleting $csv"
        rm -f "$csv"
    fi
    if [[ ! -s $COUNTRIES ]]; then
        "$EIRENE" --data-dir "$store" sql --format csv "SELECT iso3, gw_code FROM countries" >"$COUNTRIES"
    fi
done

# The statements. deaths: exactly what `eirene indicators show ucdp.deaths` runs (see
# eirene_indicators::statement: the indicator's SQL as a subquery plus its ORDER BY).
printf 'SELECT * FROM (\n%s\n) AS ucdp_deaths\nORDER BY year, level, region, iso3, type\n' \
    "$(< crates/eirene-indicators/sql/ucdp.deaths.sql)" >"$SQLDIR/deaths.sql"
cp bench/sql/conflicts_active_ged.sql "$SQLDIR/conflicts.sql"
cp bench/sql/deaths_world_yoy.sql "$SQLDIR/yoy.sql"

# ---------------------------------------------------------------- 3. venv
if [[ ! -x $PY ]]; then
    log "creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
if ! "$PY" -c "
import sys, pandas, pyarrow, duckdb
sys.exit(not (pandas.__version__ == '$PANDAS_VERSION' and pyarrow.__version__ == '$PYARROW_VERSION'
              and duckdb.__version__ == '$DUCKDB_VERSION'))
" 2>/dev/null; then
    log "installing pandas==$PANDAS_VERSION pyarrow==$PYARROW_VERSION duckdb==$DUCKDB_VERSION into $VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "pandas==$PANDAS_VERSION" "pyarrow==$PYARROW_VERSION" "duckdb==$DUCKDB_VERSION"
fi

# ---------------------------------------------------------------- commands
# command_for TOOL QUERY N OUTFILE [TIMINGFILE] — prints the shell command, or nothing if
# the combination is not measured.
command_for() {
    local tool=$1 q=$2 n=$3 out=$4 timing=${5:-}
    local store=$OUT/store_$n parquet
    parquet=$(parquet_of "$n")
    local tflag=
    [[ -n $timing ]] && tflag="--timing-file $timing"
    case $tool in
        eirene)
            if [[ $q == deaths ]]; then
                echo "$EIRENE --data-dir $store indicators show ucdp.deaths --format csv > $out"
            else
                echo "$EIRENE --data-dir $store sql --format csv -- \"\$(< $SQLDIR/$q.sql)\" > $out"
            fi
            ;;
        eirene-sql)
            [[ $q == deaths ]] &&
                echo "$EIRENE --data-dir $store sql --format csv -- \"\$(< $SQLDIR/$q.sql)\" > $out"
            ;;
        eirene-startup)
            [[ $q == deaths ]] &&
                echo "$EIRENE --data-dir $store sql --format csv 'SELECT 1' > $out"
            ;;
        duckdb)
            echo "$PY bench/indicators_duckdb.py $SQLDIR/$q.sql $parquet $COUNTRIES $out $tflag"
            ;;
        pandas)
            echo "$PY bench/indicators_pandas.py $q $parquet $COUNTRIES $out $tflag"
            ;;
        *)
            echo "unknown tool $tool" >&2
            exit 2
            ;;
    esac
    return 0
}

# ---------------------------------------------------------------- timing
best_of() { [[ -s $1 ]] && awk 'NR == 1 || $1 < m { m = $1 } END { printf "%.3f", m }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }

# ---------------------------------------------------------------- report
cpu_model=$(lscpu | awk -F: '/Model name/ { sub(/^[ \t]+/, "", $2); print $2; exit }')
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
run_date=$(date -u '+%Y-%m-%d %H:%M UTC')
if [[ -n $HYPERFINE ]]; then
    method="$("$HYPERFINE" --version), $RUNS runs, no warm-up run (page cache warmed by reading the Parquet file)"
else
    method="bash loop, $RUNS runs"
fi
py_versions=$("$PY" -c 'import sys, pandas, pyarrow, duckdb; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, duckdb {duckdb.__version__}")')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

ROWS_MD=()
write_results() {
    {
        echo "# Indicator benchmark: eirene vs pandas and DuckDB"
        echo
        echo "Synthetic GED (\`eirene synth ged --seed 1\`), read by every tool from the same Parquet file"
        echo "(\`bench/out/store_N/store/ucdp-ged/bench/ged_events.parquet\`); never real data."
        echo
        echo "- Date: $run_date; load average at start: $load_start"
        echo "- Machine: $(nproc) CPUs (nproc), ${cpu_model:-unknown CPU}, $mem_total RAM, $(uname -sr)"
        echo "- Timing: $method"
        echo "- eirene: \`$EIRENE\` ($("$EIRENE" --version))"
        echo "- $py_versions"
        echo
        echo "| rows | query | tool | process best (s) | process mean (s) | in-process best (s) | peak RSS | pandas ÷ eirene | eirene ÷ DuckDB |"
        echo "|---:|---|---|---:|---:|---:|---:|---:|---:|"
        printf '%s\n' "${ROWS_MD[@]}"
        echo
        echo "pandas ÷ eirene = pandas time / eirene time (> 1: eirene faster; target ≥ 10)."
        echo "eirene ÷ DuckDB = eirene time / DuckDB time (< 1: eirene faster; target ≤ 1.5)."
        echo "Both use process times; in brackets, the Python tool's in-process time instead"
        echo "(eirene has only the process time, which includes opening the store and registering its tables)."
    } >"$RESULTS"
}

for n in $SIZES; do
    parquet=$(parquet_of "$n")
    log "warming the page cache: $parquet ($(human "$(stat -c %s "$parquet")"))"
    cat "$parquet" >/dev/null

    # ------------------------------------------------------------ 5. correctness
    if ((n <= CHECK_MAX_ROWS)); then
        check=$OUT/check/$n
        rm -rf "$check"
        mkdir -p "$check"
        for q in $QUERIES; do
            files=()
            for tool in eirene eirene-sql duckdb pandas; do
                cmd=$(command_for "$tool" "$q" "$n" "$check/${tool}_$q.csv")
                [[ -z $cmd ]] && continue
                log "check $n $q $tool"
                bash -c "$cmd"
                files+=("$check/${tool}_$q.csv")
            done
            if ! "$PY" bench/indicators_check.py "${files[@]}"; then
                echo "CORRECTNESS CHECK FAILED for $q at $n rows: results differ (see $check)" >&2
                exit 1
            fi
        done
    fi

    # ------------------------------------------------------------ 4. timing
    for q in $QUERIES; do
        eirene_best=
        for tool in $TOOLS; do
            timing=$RAW/${tool}_${q}_$n.inproc
            : >"$timing"
            cmd=$(command_for "$tool" "$q" "$n" /dev/null "$timing")
            [[ -z $cmd ]] && continue
            measure "${tool}_${q}_$n" : "$cmd"
            if [[ $STATUS != ok ]]; then
                ROWS_MD+=("| $n | $q | $tool | failed (see $RAW/${tool}_${q}_$n.log) | | | | | |")
                write_results
                continue
            fi
            inproc=$(best_of "$timing" || true)
            rss=–
            [[ -n $RSS ]] && rss=$(human $((RSS * 1024)))
            vs_pandas=– vs_duckdb=–
            case $tool in
                eirene) eirene_best=$BEST ;;
                pandas)
                    if [[ -n $eirene_best && -n $inproc ]]; then
                        vs_pandas="$(ratio "$BEST" "$eirene_best") ($(ratio "$inproc" "$eirene_best"))"
                    fi
                    ;;
                duckdb)
                    if [[ -n $eirene_best && -n $inproc ]]; then
                        vs_duckdb="$(ratio "$eirene_best" "$BEST") ($(ratio "$eirene_best" "$inproc"))"
                    fi
                    ;;
            esac
            ROWS_MD+=("| $n | $q | $tool | $BEST | $MEAN | ${inproc:-–} | $rss | $vs_pandas | $vs_duckdb |")
            write_results
        done
    done
done

write_results
log "results written to $RESULTS"
cat "$RESULTS"
