#!/usr/bin/env bash
# bench/ingest_ged.sh — time `eirene ingest ucdp-ged` against pandas on synthetic GED CSVs.
#
# Run from the repository root:
#
#     bash bench/ingest_ged.sh
#
# What it does
#   1. cargo build --release -p eirene-cli          (binary target/release/eirene, or
#      $CARGO_TARGET_DIR/release/eirene when CARGO_TARGET_DIR is set)
#   2. For each size N (default 386,000 ≈ GED 25.1, and 10,000,000 rows) writes
#      bench/out/ged_N.csv with `eirene synth ged --rows N --seed 1` unless the file
#      already exists. The data are SYNTHETIC (crate eirene-synth): they are only for
#      timing and must never be mixed with real UCDP data.
#   3. Creates a throwaway virtualenv bench/.venv with pinned pandas and pyarrow
#      (reused on later runs if the versions match; `rm -rf bench/.venv` to reset).
#   4. For each size times, on a warm page cache, RUNS runs (best and mean reported) of
#        eirene          target/release/eirene --data-dir bench/out/store_N \
#                          ingest ucdp-ged bench/out/ged_N.csv --version bench
#                        (the store is deleted before every run)
#        pandas-pyarrow  bench/pandas_ingest.py: pd.read_csv(engine="pyarrow") then
#                        to_parquet(engine="pyarrow", compression="snappy")
#        pandas-c        the same with pandas' default C parser (second baseline)
#      with hyperfine if it is installed (apt package `hyperfine`), otherwise with a
#      bash best-of-RUNS loop. Peak RSS comes from /usr/bin/time when available.
#   5. Prints and writes bench/out/results.md: machine (nproc, CPU model, memory),
#      date, versions, and per size and tool the best/mean time, rows/s, peak RSS,
#      output size and the ratio pandas_time / eirene_time (> 1: eirene is faster).
#      Command output and raw timings are kept in bench/out/raw/.
#
# Environment knobs (all optional)
#   SIZES="386000 10000000"             row counts to benchmark
#   RUNS=3                              runs per measurement
#   TOOLS="eirene pandas-pyarrow pandas-c"
#   SKIP_BUILD=1                        do not run cargo build
#   NO_HYPERFINE=1                      use the bash loop even if hyperfine exists
#   PYTHON=python3                      interpreter for the venv (pandas 3 needs >= 3.11)
#   PANDAS_VERSION=3.1.1 PYARROW_VERSION=26.0.1
#   EIRENE=target/release/eirene        the binary to time (with SKIP_BUILD=1); the default
#                                       follows CARGO_TARGET_DIR, which cargo honours too
#   CARGO_TARGET_DIR=DIR                build into DIR instead of target/ (e.g. to keep a
#                                       release build apart from a debug one in progress)
#
# Needs: disk ≈ 0.75 GB per million rows for each CSV (10M rows ≈ 7 GB) plus the
# outputs; pandas on 10M rows needs well over 10 GB of RAM. A tool that fails
# (e.g. out of memory) is reported as "failed" and the script goes on.

set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SIZES=${SIZES:-"386000 10000000"}
RUNS=${RUNS:-3}
TOOLS=${TOOLS:-"eirene pandas-pyarrow pandas-c"}
PYTHON=${PYTHON:-python3}
PANDAS_VERSION=${PANDAS_VERSION:-3.1.1}
PYARROW_VERSION=${PYARROW_VERSION:-26.0.1}

OUT=bench/out
RAW=$OUT/raw
VENV=bench/.venv
EIRENE=${EIRENE:-${CARGO_TARGET_DIR:-target}/release/eirene}
RESULTS=$OUT/results.md
mkdir -p "$OUT" "$RAW"

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ---------------------------------------------------------------- 1. build
if [[ -z ${SKIP_BUILD:-} ]]; then
    log "cargo build --release -p eirene-cli"
    cargo build --release -p eirene-cli
fi

if [[ ! -x $EIRENE ]]; then
    echo "warning: $EIRENE not found; generating data and the eirene runs will fail" >&2
fi

# ---------------------------------------------------------------- 2. data
for n in $SIZES; do
    csv=$OUT/ged_$n.csv
    if [[ -s $csv ]]; then
        log "$csv exists, not regenerating"
    else
        log "generating $csv ($n synthetic rows)"
        "$EIRENE" synth ged --rows "$n" --seed 1 --out "$csv"
    fi
done

# ---------------------------------------------------------------- 3. venv
if [[ " $TOOLS " == *" pandas-"* ]]; then
    if [[ ! -x $VENV/bin/python ]]; then
        log "creating $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    if ! "$VENV/bin/python" -c "
import sys, pandas, pyarrow
sys.exit(not (pandas.__version__ == '$PANDAS_VERSION' and pyarrow.__version__ == '$PYARROW_VERSION'))
" 2>/dev/null; then
        log "installing pandas==$PANDAS_VERSION pyarrow==$PYARROW_VERSION into $VENV"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check \
            "pandas==$PANDAS_VERSION" "pyarrow==$PYARROW_VERSION"
    fi
fi

size_of() { if [[ -e $1 ]]; then human "$(du -sb "$1" | cut -f1)"; else echo "–"; fi; }

# ---------------------------------------------------------------- 5. report
cpu_model=$(lscpu | awk -F: '/Model name/ { sub(/^[ \t]+/, "", $2); print $2; exit }')
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
run_date=$(date -u '+%Y-%m-%d %H:%M UTC')
if [[ -n $HYPERFINE ]]; then
    method="$("$HYPERFINE" --version), $RUNS runs, no warm-up"
else
    method="bash loop, $RUNS runs, best of $RUNS"
fi
py_versions=–
if [[ -x $VENV/bin/python ]]; then
    py_versions=$("$VENV/bin/python" -c 'import sys, pandas, pyarrow; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}")' 2>/dev/null || echo –)
fi

ROWS_MD=()
write_results() {
    {
        echo "# GED ingest benchmark: eirene vs pandas"
        echo
        echo "Synthetic GED-format CSVs (\`eirene synth ged --seed 1\`, 49 columns); never real data."
        echo
        echo "- Date: $run_date"
        echo "- Machine: $(nproc) CPUs (nproc), ${cpu_model:-unknown CPU}, $mem_total RAM, $(uname -sr)"
        echo "- Timing: $method; page cache warm; output deleted before each run"
        echo "- eirene: \`$EIRENE --data-dir $OUT/store_N ingest ucdp-ged $OUT/ged_N.csv --version bench\`"
        echo "- pandas: \`bench/pandas_ingest.py\` = \`read_csv(engine=…)\` + \`to_parquet(engine=\"pyarrow\", compression=\"snappy\")\`; $py_versions"
        echo
        echo "| rows | CSV size | tool | best (s) | mean (s) | rows/s (best) | peak RSS | output size | pandas ÷ eirene |"
        echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|"
        printf '%s\n' "${ROWS_MD[@]}"
        echo
        echo "pandas ÷ eirene = pandas best time / eirene best time for the same file (> 1: eirene is faster)."
    } >"$RESULTS"
}

for n in $SIZES; do
    csv=$OUT/ged_$n.csv
    csv_size=$(size_of "$csv")
    eirene_best=
    for tool in $TOOLS; do
        case $tool in
            eirene)
                target=$OUT/store_$n
                measure "${tool}_$n" "rm -rf $target" \
                    "$EIRENE --data-dir $target ingest ucdp-ged $csv --version bench"
                ;;
            pandas-pyarrow | pandas-c)
                engine=${tool#pandas-}
                target=$OUT/pandas_${engine}_$n.parquet
                measure "${tool}_$n" "rm -f $target" \
                    "$VENV/bin/python bench/pandas_ingest.py $csv $target --engine $engine"
                ;;
            *)
                echo "unknown tool $tool (expected eirene, pandas-pyarrow, pandas-c)" >&2
                exit 2
                ;;
        esac
        rss=–
        [[ -n $RSS ]] && rss=$(human $((RSS * 1024)))
        if [[ $STATUS == ok ]]; then
            rate=$(awk -v n="$n" -v t="$BEST" 'BEGIN { printf "%.0f", n / t }')
            ratio=–
            if [[ $tool == eirene ]]; then
                eirene_best=$BEST
            elif [[ -n $eirene_best ]]; then
                ratio=$(awk -v p="$BEST" -v e="$eirene_best" 'BEGIN { printf "%.2f×", p / e }')
            fi
            ROWS_MD+=("| $n | $csv_size | $tool | $BEST | $MEAN | $rate | $rss | $(size_of "$target") | $ratio |")
        else
            ROWS_MD+=("| $n | $csv_size | $tool | failed (see $RAW/${tool}_$n.log) | | | | | |")
        fi
        write_results
    done
done

write_results
log "results written to $RESULTS"
cat "$RESULTS"
