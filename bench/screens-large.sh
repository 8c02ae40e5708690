#!/usr/bin/env bash
# The screens benchmark (core against raw SQL, criterion plus the paired run)
# on an existing register, such as the large one bench/large.sh made; then
# the criterion medians as a table.
#
# Usage: bench/screens-large.sh REGISTER_FILE
set -euo pipefail
cd "$(dirname "$0")/.."
export CASEREVIEW_BENCH_DB=${1:?give the register file}
export CASEREVIEW_PASSPHRASE=${CASEREVIEW_PASSPHRASE:-"amber kettle ferry lantern"}
cargo bench -p casereview-core --bench screens
python3 bench/criterion-table.py
