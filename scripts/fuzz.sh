#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input (fuzz/fuzz_targets: tracker files,
# their date and RAG cells, an import preview coming back from the web view,
# a backup given to restore) for a bounded time each, on the stable
# toolchain: `-s none` builds without a sanitizer (which would need nightly)
# but with libFuzzer's coverage instrumentation, so the fuzzer still sees
# which inputs reach new code. Rust's own checks (bounds, overflow, debug
# assertions) turn memory or arithmetic bugs into panics, which count as crashes.
#
#   scripts/fuzz.sh                      every target, FUZZ_SECONDS (60) each
#   FUZZ_SECONDS=600 scripts/fuzz.sh tracker_date import_csv
#
# Seeds are committed under fuzz/corpus/<target>; what the fuzzer learns goes
# to target/fuzz/corpus/<target> (kept between runs, never committed). A crash
# stops the script; its input is in fuzz/artifacts/<target>/ and becomes a
# regression test in core.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root/fuzz"
seconds=${FUZZ_SECONDS:-60}
export CARGO_TARGET_DIR="$root/target/fuzz"
work="$CARGO_TARGET_DIR/corpus"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

cargo fuzz build -s none

# The restore target needs a real backup to start from; it is made here
# (an encrypted register is some 100 KB, too big to commit as a seed).
backup_seeds="$work/backup_file-seeds"
if [[ " ${targets[*]} " == *" backup_file "* ]] && [ ! -f "$backup_seeds/register.backup" ]; then
  mkdir -p "$backup_seeds"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  export CASEREVIEW_PASSPHRASE="correct horse battery staple"
  cli=(cargo run --quiet --manifest-path "$root/Cargo.toml" -p casereview-cli --)
  "${cli[@]}" --db "$scratch/register" init --user "Fuzz seed" >/dev/null
  "${cli[@]}" --db "$scratch/register" demo >/dev/null
  "${cli[@]}" --db "$scratch/register" backup --out "$backup_seeds/register.backup" >/dev/null
  # A truncated copy, so the fuzzer also starts from a short file.
  head -c 4096 "$backup_seeds/register.backup" >"$backup_seeds/truncated.backup"
  unset CASEREVIEW_PASSPHRASE
fi

for target in "${targets[@]}"; do
  mkdir -p "$work/$target"
  # Committed seeds where the target has some (git keeps no empty folder).
  seeds=()
  [ -d "$root/fuzz/corpus/$target" ] && seeds+=("$root/fuzz/corpus/$target")
  [ "$target" = backup_file ] && seeds+=("$backup_seeds")
  printf '==> fuzzing %s for %ss\n' "$target" "$seconds"
  log="$CARGO_TARGET_DIR/$target.log"
  if ! cargo fuzz run -s none "$target" "$work/$target" "${seeds[@]}" -- \
      -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz target $target stopped with a failure (a crash lands in fuzz/artifacts/$target/): see $log" >&2
    exit 1
  fi
  # The last status line (coverage, features, corpus) and the total runs.
  grep -E '^#[0-9]+' "$log" | tail -n 1
  grep -E '^stat::number_of_executed_units' "$log" || true
done
