#!/usr/bin/env bash
# Many more SIGKILL trials than CI runs: the write harness (default 1,000
# kills) and the passphrase-change, backup and restore kills (default 100
# each). Usage: bench/crash.sh [WRITE_TRIALS] [OTHER_TRIALS] [SEED]
# Prints each test's one-line summary; any failure names the seed and trial
# to replay with CASEREVIEW_CRASH_SEED.
set -euo pipefail
cd "$(dirname "$0")/.."

writes=${1:-1000}
others=${2:-100}
seed=${3:-$(date +%s)}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {
  local trials=$1 filter=$2
  CASEREVIEW_CRASH_TRIALS=$trials CASEREVIEW_CRASH_SEED=$seed \
    cargo test -p casereview-cli --test cli -- "$filter" --exact --nocapture >"$log" 2>&1 || {
      cat "$log"
      exit 1
    }
  grep '^crash:' "$log" || true
}

echo "seed $seed"
start=$(date +%s)
run "$writes" crash::every_acknowledged_write_survives_sigkill_at_random_moments
run "$others" crash::a_passphrase_change_killed_at_any_moment_leaves_exactly_one_passphrase_working
run "$others" crash::a_backup_or_restore_killed_at_any_moment_never_leaves_a_file_that_looks_good
echo "all passed in $(( $(date +%s) - start )) s"
