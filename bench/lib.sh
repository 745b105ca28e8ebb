# Shared by the benchmark scripts (sourced, not run): logging, timing and sizes.
# measure() needs RAW (a directory for raw output) and RUNS; NO_HYPERFINE=1 forces the bash loop.

log() { printf '\n==> %s\n' "$*" >&2; }
human() { numfmt --to=iec --suffix=B --format='%.1f' "$1"; }

HYPERFINE=
if [[ -z ${NO_HYPERFINE:-} ]] && command -v hyperfine >/dev/null; then
    HYPERFINE=$(command -v hyperfine)
fi
TIME_BIN=
if [[ -x /usr/bin/time ]]; then
    TIME_BIN=/usr/bin/time
fi

# measure NAME PREP CMD — runs CMD (after PREP each time) RUNS times.
# Sets STATUS (ok|failed), BEST and MEAN (seconds), RSS (peak KiB or empty).
measure() {
    local name=$1 prep=$2 cmd=$3
    local logf=$RAW/$name.log rssf=$RAW/$name.rss wrapped=$cmd
    : >"$logf"
    : >"$rssf"
    if [[ -n $TIME_BIN ]]; then
        wrapped="$TIME_BIN -f %M -a -o $rssf $cmd"
    fi
    STATUS=ok BEST= MEAN= RSS=
    log "$name: $cmd"
    if [[ -n $HYPERFINE ]]; then
        local json=$RAW/$name.json
        if "$HYPERFINE" --runs "$RUNS" --shell=bash --style basic \
            --prepare "$prep" --command-name "$name" --output "$logf" \
            --export-json "$json" "$wrapped" >&2; then
            read -r BEST MEAN < <(awk '
                /"mean":/ { gsub(/[",]/, "", $2); mean = $2 }
                /"min":/  { gsub(/[",]/, "", $2); min = $2 }
                END { printf "%.3f %.3f\n", min, mean }' "$json")
        else
            STATUS=failed
        fi
    else
        local i t0 t1 times=()
        for ((i = 1; i <= RUNS; i++)); do
            bash -c "$prep"
            t0=$EPOCHREALTIME
            if ! bash -c "$wrapped" >>"$logf" 2>&1; then
                STATUS=failed
                break
            fi
            t1=$EPOCHREALTIME
            times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
            printf '    run %d: %s s\n' "$i" "${times[-1]}" >&2
        done
        printf '%s\n' "${times[@]}" >"$RAW/$name.times"
        if [[ $STATUS == ok ]]; then
            read -r BEST MEAN < <(printf '%s\n' "${times[@]}" | awk '
                NR == 1 || $1 < min { min = $1 }
                { sum += $1 }
                END { printf "%.3f %.3f\n", min, sum / NR }')
        fi
    fi
    RSS=$(awk '/^[0-9]+$/ && $1 > max { max = $1 } END { if (max) print max }' "$rssf")
    if [[ $STATUS == failed ]]; then
        printf '    FAILED — see %s\n' "$logf" >&2
        tail -n 5 "$logf" >&2 || true
    else
        printf '    best %s s, mean %s s\n' "$BEST" "$MEAN" >&2
    fi
}

# build_eirene — builds the release binary (unless SKIP_BUILD) and stops if $EIRENE is missing.
build_eirene() {
    if [[ -z ${SKIP_BUILD:-} ]]; then
        log "cargo build --release -p eirene-cli"
        cargo build --release -p eirene-cli
    fi
    if [[ ! -x $EIRENE ]]; then
        echo "error: $EIRENE not found (build it, or set EIRENE / CARGO_TARGET_DIR)" >&2
        exit 1
    fi
}
