#!/usr/bin/env bash
# Instruction counts of every screen, core and raw SQL, on one register, with
# callgrind: the same binary and inputs give the same counts, whatever else
# the machine is doing, so these ratios repeat exactly (times here do not).
#
# Usage: bench/callgrind.sh REGISTER_FILE   (passphrase in CASEREVIEW_PASSPHRASE,
#        default the benchmarks' own). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?give the register file, e.g. one made by bench/large.sh}
export CASEREVIEW_BENCH_DB=$db
export CASEREVIEW_PASSPHRASE=${CASEREVIEW_PASSPHRASE:-"amber kettle ferry lantern"}
cargo bench -p casereview-core --bench screens --no-run 2>/dev/null
binary=$(ls -t target/release/deps/screens-* | grep -v '\.d$' | head -1)
out=$(mktemp -d)
count() {
    CASEREVIEW_BENCH_ONCE="$1/$2" valgrind --tool=callgrind --toggle-collect='*run_once*' \
        --callgrind-out-file="$out/$1.$2" "$binary" 2>&1 | sed -n 's/.*Collected : //p'
}
echo "| screen | core (instructions) | raw SQL (instructions) | core / raw |"
echo "|---|---:|---:|---:|"
for screen in ${SCREENS:-dashboard reminders case_page tracker_whole tracker_filtered tracker_first_page tracker_page_filtered thematic_tracker export_rows}; do
    core=$(count "$screen" core)
    raw=$(count "$screen" raw)
    python3 -c "print(f'| $screen | {$core:,} | {$raw:,} | {$core / $raw:.2f}× |')"
done
echo "(callgrind files in $out)" >&2
