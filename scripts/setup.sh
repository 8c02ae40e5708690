#!/usr/bin/env bash
# Installs what building (and, with "test", testing) Case Review Manager needs
# and is missing: Debian/Ubuntu packages, the UI's npm packages, tauri-driver.
# Safe to run again: it only installs what is not there. Sourced or run by
# app.sh and test.sh.
set -euo pipefail

purpose=${1:-app}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# What the Tauri app needs to build (WebKitGTK 4.1 and friends) and run.
packages=(pkg-config build-essential file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
          libayatana-appindicator3-dev librsvg2-dev)
if [ "$purpose" = test ]; then
  # A virtual display, the WebDriver for WebKitGTK, and Chromium for the
  # accessibility checks of the UI alone. LibreOffice Calc and Writer open
  # and print every exported workbook and report to PDF, poppler-utils reads
  # the PDFs back, and Carlito (metric-compatible with Calibri) makes the
  # print lay out as it would from Excel or Word.
  packages+=(xvfb xauth webkit2gtk-driver chromium
             libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed. Install it from https://rustup.rs (one command), then run this again." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Node.js 20 or newer is not installed. Install it (for example from your package manager), then run this again." >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
stamp="$root/ui/node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$root/ui/package-lock.json" "$stamp"; then
  say "Installing the UI's npm packages"
  (cd "$root/ui" && npm ci --no-audit --no-fund)
  cp "$root/ui/package-lock.json" "$stamp"
fi

if [ "$purpose" = test ] && ! command -v tauri-driver >/dev/null 2>&1 \
   && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  say "Installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked
fi

# cargo-fuzz runs the fuzz targets (scripts/fuzz.sh) on the stable toolchain.
if [ "$purpose" = test ] && ! command -v cargo-fuzz >/dev/null 2>&1 \
   && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo-fuzz" ]; then
  say "Installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi
