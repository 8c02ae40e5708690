#!/usr/bin/env bash
# Cold start of the app against a bare Tauri v2 window built the same way
# (bench/bare-window), each run on its own virtual X display.
#
# "Shown" is detected from outside the process, the same way for both: the
# time from exec until the X server reports the app's top-level window (found
# by its title) as viewable, polled with xwininfo every few milliseconds. That
# is the window mapped with its web view created; the page inside it (the
# unlock screen) may still be painting, so this is a lower bound on "unlock
# screen shown" for the app and on "page shown" for the bare window alike.
# After the window shows, the script waits SETTLE seconds (default 3) and
# sums the resident memory of the process and its children (WebKit's web and
# network processes): the memory once started, not a peak over a session.
#
# Usage: bench/cold-start.sh [RUNS]   (default 10; needs xvfb-run and xwininfo,
#        and both release builds: `cargo build --release` at the root, and
#        `cargo build --release` in bench/bare-window with
#        CARGO_TARGET_DIR=target so both binaries sit in target/release).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
settle=${SETTLE:-3}
app=$PWD/target/release/case-review-manager
bare=$PWD/target/release/bare-window
sandbox=$(mktemp -d)
# A sandbox of its own: never the user's register, settings or logs.
export HOME=$sandbox XDG_DATA_HOME=$sandbox/data XDG_CONFIG_HOME=$sandbox/config XDG_STATE_HOME=$sandbox/state

# One run inside a fresh X server: prints "milliseconds-to-window KB-resident".
one() {
    local binary=$1 title=$2
    xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" bash -c '
        binary=$1 title=$2 settle=$3
        start=$(date +%s%N)
        "$binary" >/dev/null 2>&1 &
        pid=$!
        until xwininfo -name "$title" 2>/dev/null | grep -q "IsViewable"; do
            sleep 0.005
            if ! kill -0 "$pid" 2>/dev/null; then echo "exited before showing" >&2; exit 1; fi
        done
        shown=$(( ($(date +%s%N) - start) / 1000000 ))
        sleep "$settle"
        # The process and all its descendants (WebKit runs its web and
        # network processes as children, some under a sandbox helper).
        tree() { echo "$1"; for c in $(pgrep -P "$1"); do tree "$c"; done; }
        kb=0
        for p in $(tree "$pid"); do
            r=$(awk "/VmRSS/ {print \$2}" /proc/$p/status 2>/dev/null || echo 0)
            kb=$((kb + ${r:-0}))
        done
        kill "$pid"; wait "$pid" 2>/dev/null || true
        echo "$shown $kb"
    ' _ "$binary" "$title" "$settle"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

: >"$sandbox/app" ; : >"$sandbox/bare"
# Alternate the two so drift in the machine's speed falls on both alike.
for i in $(seq "$runs"); do
    one "$bare" "Bare window" >>"$sandbox/bare"
    one "$app" "Case Review Manager" >>"$sandbox/app"
done
for side in bare app; do
    ms=$(cut -d" " -f1 "$sandbox/$side" | median)
    kb=$(cut -d" " -f2 "$sandbox/$side" | median)
    echo "$side: window shown after $ms ms (median of $runs), resident $kb KB after ${settle} s"
done
python3 - "$sandbox" <<'EOF'
import statistics, sys
d = sys.argv[1]
read = lambda s: [int(l.split()[0]) for l in open(f"{d}/{s}") if l.strip()]
a, b = statistics.median(read("app")), statistics.median(read("bare"))
print(f"app / bare window: {a / b:.2f}x")
EOF
echo "binary sizes: app $(stat -c %s "$app") bytes, bare window $(stat -c %s "$bare") bytes"
