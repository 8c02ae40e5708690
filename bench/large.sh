#!/usr/bin/env bash
# The reference "large" register, end to end through the release CLI: builds
# `casereview`, generates 3,000 cases, 30,000 actions and about 300,000
# quarterly updates over ten years (timed, with peak memory), then times the
# commands behind the main screens and the tracker export with hyperfine and
# reports each one's peak memory, the register's size and the binary's size.
#
# Usage: bench/large.sh [OUT_DIR]   (default target/bench-large; the register
# is kept there and reused; REGENERATE=1 makes it again). The core-against-
# raw-SQL comparison on the same file: bench/screens-large.sh OUT_DIR/large.casereview
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench-large}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cargo build --release -p casereview-cli
cli=$PWD/target/release/casereview
today=2026-11-22
db=$out/large.casereview
# A sandbox of its own: never the user's register or logs.
export CASEREVIEW_PASSPHRASE="amber kettle ferry lantern"
export HOME=$out/home XDG_DATA_HOME=$out/data XDG_CONFIG_HOME=$out/config XDG_STATE_HOME=$out/state
run="$cli --db $db --today $today"

if [[ ! -f $db || -n ${REGENERATE:-} ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
    $cli --db "$db" init --user "Benchmark" >/dev/null
    echo "== generate (large)"
    /usr/bin/time -f "wall %e s, peak RSS %M KB" \
        $run generate --cases 3000 --actions-per-case 10 --quarters 40 --seed 7
fi

echo "== sizes"
echo "register: $(du -h "$db" | cut -f1) ($(stat -c %s "$db") bytes)"
echo "casereview (release): $(stat -c %s "$cli") bytes"

echo "== peak memory of one run of each command"
for args in "cases --json" "deadlines --json" "actions --json" "actions --overdue --json" \
            "export tracker --format xlsx --out $out/tracker.xlsx --force" \
            "export tracker --format csv --out $out/tracker.csv --force"; do
    /usr/bin/time -f "%M KB  %e s  $args" $run $args >/dev/null
done

echo "== hyperfine"
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-markdown "$out/hyperfine.md" \
    --export-json "$out/hyperfine.json" \
    -n "cases --json" "$run cases --json" \
    -n "deadlines --json" "$run deadlines --json" \
    -n "actions --json (whole tracker)" "$run actions --json" \
    -n "actions --overdue --json" "$run actions --overdue --json" \
    -n "export tracker xlsx" "$run export tracker --format xlsx --out $out/tracker.xlsx --force" \
    -n "export tracker csv" "$run export tracker --format csv --out $out/tracker.csv --force"
echo "== medians"
python3 - "$out/hyperfine.json" <<'PY'
import json, sys
print("| command | median | min | max |")
print("|---|---:|---:|---:|")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| {r['command']} | {r['median'] * 1e3:.0f} ms | {r['min'] * 1e3:.0f} ms | {r['max'] * 1e3:.0f} ms |")
PY
echo "(hyperfine's own tables in $out/hyperfine.md and .json)"
