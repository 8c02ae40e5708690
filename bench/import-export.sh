#!/usr/bin/env bash
# The tracker export against openpyxl and the tracker import against pandas,
# each run alternately with its baseline (bench/alternate.py), through the
# release CLI:
#
# - export: `export tracker --format xlsx` of the large register (30,000
#   actions; made by bench/large.sh in the same OUT_DIR, or here) against
#   bench/openpyxl_tracker.py writing the same rows and formatting;
# - import: `import --dry-run` of a 5,000-action tracker (our export of
#   `generate --cases 500 --actions-per-case 10 --quarters 12 --seed 7`) into
#   an empty register, against pandas.read_excel of the same file; and the
#   same dry run's work alone (core/examples/import_dry_run.rs: the register
#   unlocked untimed, as it already is in the app's window, then only
#   `Register::plan_import` timed), against pandas' own timing of its work.
#
# Usage: bench/import-export.sh [OUT_DIR]   (default target/bench-large;
#        RUNS=N pairs per comparison, default 7; ONLY=export or ONLY=import;
#        CLI=path/to/casereview times that binary instead of building one;
#        DRY_RUN=path/to/import_dry_run likewise for the work-alone timing).
# Needs python3 with openpyxl and pandas (pip install openpyxl pandas).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench-large}
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [[ -n ${CLI:-} ]]; then
    cli=$(realpath "$CLI")
else
    cargo build --release -p casereview-cli
    cli=$PWD/target/release/casereview
fi
if [[ -n ${DRY_RUN:-} ]]; then
    dry_run=$(realpath "$DRY_RUN")
else
    cargo build --release -p casereview-core --example import_dry_run
    dry_run=$PWD/target/release/examples/import_dry_run
fi
today=2026-11-22
export CASEREVIEW_PASSPHRASE="amber kettle ferry lantern"
export HOME=$out/home XDG_DATA_HOME=$out/data XDG_CONFIG_HOME=$out/config XDG_STATE_HOME=$out/state
runs=${RUNS:-7}

# A register made here from scratch: init, then generate with these sizes.
make_register() {
    local db=$1
    shift
    if [[ ! -f $db ]]; then
        $cli --db "$db" init --user "Benchmark" >/dev/null
        $cli --db "$db" --today $today generate "$@" >/dev/null
    fi
}

large=$out/large.casereview
make_register "$large" --cases 3000 --actions-per-case 10 --quarters 40 --seed 7
small=$out/tracker5000.casereview
make_register "$small" --cases 500 --actions-per-case 10 --quarters 12 --seed 7
# The 5,000-action tracker to import, and an empty register to plan it into.
[[ -f $out/tracker5000.xlsx ]] ||
    $cli --db "$small" --today $today export tracker --format xlsx --out "$out/tracker5000.xlsx" >/dev/null
empty=$out/empty.casereview
[[ -f $empty ]] || $cli --db "$empty" init --user "Benchmark" >/dev/null
# The rows openpyxl writes: our export of the large register, read untimed.
[[ -f $out/tracker.xlsx ]] ||
    $cli --db "$large" --today $today export tracker --format xlsx --out "$out/tracker.xlsx" >/dev/null

echo "== $(date -u '+%F %T UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ${ONLY:-export} == export ]]; then
    python3 bench/alternate.py "$runs" "export, 30,000 actions" \
        -- $cli --db "$large" --today $today export tracker --format xlsx --out "$out/ours.xlsx" --force \
        -- python3 bench/openpyxl_tracker.py export "$out/tracker.xlsx" "$out/openpyxl.xlsx"
fi
if [[ ${ONLY:-import} == import ]]; then
    python3 bench/alternate.py "$runs" "import dry run, 5,000 actions" \
        -- $cli --db "$empty" --today $today import --dry-run "$out/tracker5000.xlsx" \
        -- python3 bench/openpyxl_tracker.py read "$out/tracker5000.xlsx"
    python3 bench/alternate.py --ours-self-timed "$runs" \
        "import dry run, work alone, register already open, 5,000 actions" \
        -- "$dry_run" "$empty" "$out/tracker5000.xlsx" $today \
        -- python3 bench/openpyxl_tracker.py read "$out/tracker5000.xlsx"
fi
