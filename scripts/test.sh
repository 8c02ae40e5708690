#!/usr/bin/env bash
# Runs every check and test of Case Review Manager, installing what is missing
# first: formatting, lints, the UI's type-check, lint, unit and accessibility
# tests, the Rust unit, integration and CLI tests, the drift check of the
# generated TypeScript bindings, and the end-to-end tests in the real window.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
started=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

step "Installing what is missing"
scripts/setup.sh test

step "Rust formatting"
cargo fmt --all --check

step "UI: type-check, lint, unit tests, build"
npm --prefix ui run check
npm --prefix ui run lint
npm --prefix ui test
npm --prefix ui run build

step "Rust lints"
cargo clippy --workspace --all-targets -- -D warnings

step "Rust tests: unit, integration, CLI, and end-to-end in the real app window"
# One cargo invocation for everything, so features unify once and nothing is
# built twice. The end-to-end tests are marked `ignore` (they need Xvfb,
# tauri-driver and WebKitWebDriver); --include-ignored runs them here, under a
# virtual display. Running the tests also regenerates the TypeScript bindings.
rm -rf target/e2e-screenshots
xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  cargo test --workspace --all-targets -- --include-ignored
echo "Screenshots of the end-to-end tests: target/e2e-screenshots/"

step "Fuzzing the parsers of untrusted input (bounded time each)"
scripts/fuzz.sh

step "TypeScript bindings match the Rust types"
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --short -- ui/src/bindings
  git --no-pager diff -- ui/src/bindings
  echo "The generated TypeScript bindings differ from the committed ones: commit ui/src/bindings." >&2
  exit 1
fi

step "Accessibility of every screen (axe-core in Chromium)"
npm --prefix ui run a11y

step "All checks passed"
