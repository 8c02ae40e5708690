#!/usr/bin/env bash
# Builds and launches Case Review Manager from this checkout, installing what
# is missing first. The first build takes several minutes; later ones are quick.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" app
cd "$root"
npm --prefix ui run build
exec cargo run --release --bin case-review-manager
