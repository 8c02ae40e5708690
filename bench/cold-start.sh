#!/usr/bin/env bash
# Cold start of the app to its unlock screen against a bare Tauri v2 window
# built the same way (bench/bare-window), each run on its own virtual X
# display, the two alternated so drift in the machine's speed falls on both.
#
# Both are measured from outside, the same way:
# - "window": from exec until the X server reports the top-level window (found
#   by its title) as viewable, polled with xwininfo every 5 ms: the window
#   mapped with its web view created, the page perhaps not yet painted;
# - "shown": from exec until the window's pixels are final, polled with xwd
#   every few milliseconds after the window maps, until SETTLE seconds
#   (default 3) after mapping: the first capture after which the window
#   only ever looks as it does in the last second (a blinking text caret
#   gives two looks).
#   For the app that is the unlock screen drawn (its register is in place,
#   so it opens at "Unlock your register"); for the bare window its page.
# - memory: after SETTLE seconds, the peak resident memory (VmHWM) of the
#   process and of every process under it (WebKit's web and network
#   processes), summed, and the resident memory then (VmRSS), summed.
# The operating system's file cache is warm (a run of each first, not
# counted): this is the process's cold start, not the disk's.
#
# Usage: bench/cold-start.sh REGISTER [RUNS]   (default 10; REGISTER is the
#        register the app opens at, e.g. the large one bench/large.sh makes).
#        APP names the app's binary (default the release build); APPS, a
#        space-separated list, compares several builds of the app in one
#        alternation with the bare window (each run: bare, then each build),
#        so a change is measured side by side with what it changes.
#        Needs xvfb-run, xwininfo, xwd, and both release builds:
#        `cargo build --release -p case-review-manager` at the root, and
#        `CARGO_TARGET_DIR=$PWD/target cargo build --release` in
#        bench/bare-window (its features match the app's, so it reuses the
#        app's compiled dependencies and only the tiny crate compiles).
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$0")/.."

# The app draws without WebKit's compositing where the machine has no GPU
# render node (src-tauri/src/compositing.rs). The bare window is made to
# draw the same way, so the two start alike; a value the caller set is kept
# (and the app follows it too).
if [[ -z "${WEBKIT_DISABLE_COMPOSITING_MODE+set}" ]] && ! compgen -G "/dev/dri/renderD*" >/dev/null; then
    export WEBKIT_DISABLE_COMPOSITING_MODE=1
fi

# One run, inside a fresh X server: prints
# "ms-to-window ms-to-shown KB-peak-resident KB-resident".
inside() {
    local binary=$1 title=$2 settle=$3 start pid info mapped window captures hash shown errors
    start=$(date +%s%N)
    errors=$(mktemp)
    "$binary" >/dev/null 2>"$errors" &
    pid=$!
    until info=$(xwininfo -name "$title" 2>/dev/null) && grep -q "IsViewable" <<<"$info"; do
        sleep 0.005
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$binary exited before showing: $(grep -m1 -A1 panicked "$errors" || tail -n 3 "$errors")" >&2
            exit 1
        fi
    done
    rm -f "$errors"
    mapped=$(date +%s%N)
    window=$(sed -n 's/.*Window id: \(0x[0-9a-f]*\).*/\1/p' <<<"$info")
    # Capture the window until SETTLE seconds after it mapped: each
    # capture's time and a hash of its pixels.
    captures=$(mktemp)
    while (( $(date +%s%N) - mapped < settle * 1000000000 )); do
        hash=$(xwd -silent -id "$window" 2>/dev/null | md5sum | cut -c1-32)
        echo "$(date +%s%N) $hash" >>"$captures"
    done
    # The window's steady look: the captures of its last second (a text
    # caret blinking gives two). "Shown" is the first capture after which
    # the window never again looked any other way.
    shown=$(awk '{t[NR] = $1; h[NR] = $2} END {
        for (i = 1; i <= NR; i++) if (t[i] >= t[NR] - 1000000000) steady[h[i]] = 1
        for (i = 1; i <= NR; i++) { if (!(h[i] in steady)) s = ""; else if (s == "") s = t[i] }
        print s }' "$captures")
    rm -f "$captures"
    local hwm=0 rss=0 p h r
    for p in $(tree "$pid"); do
        h=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        r=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        hwm=$((hwm + ${h:-0})) rss=$((rss + ${r:-0}))
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$(( (mapped - start) / 1000000 )) $(( (shown - start) / 1000000 )) $hwm $rss"
}
# The process and all its descendants (WebKit runs its web and network
# processes as children, some under a sandbox helper).
tree() { echo "$1"; local c; for c in $(pgrep -P "$1"); do tree "$c"; done; }
# This script again, inside the X server xvfb-run started.
if [[ ${1:-} == --inside ]]; then
    shift
    inside "$@"
    exit
fi

register=$(realpath "${1:?give the register the app opens at}")
runs=${2:-10}
settle=${SETTLE:-3}
app=${APP:-$PWD/target/release/case-review-manager}
bare=${BARE:-$PWD/target/release/bare-window}
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
# A sandbox of its own: never the user's register, settings or logs.
export HOME=$sandbox/home XDG_DATA_HOME=$sandbox/data XDG_CONFIG_HOME=$sandbox/config \
    XDG_STATE_HOME=$sandbox/state XDG_CACHE_HOME=$sandbox/cache
mkdir -p "$HOME" "$XDG_DATA_HOME/case-review-manager" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
cp "$register" "$XDG_DATA_HOME/case-review-manager/register.casereview"

# A run whose process fails to start (seen now and then when another
# X server starts at the same moment) is tried again, up to four times.
one() {
    local attempt
    for attempt in 1 2 3 4 5; do
        xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" "$self" --inside "$1" "$2" "$settle" && return
    done
    return 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

# Not counted: loads both binaries and their libraries into the file cache.
read -r -a apps <<<"${APPS:-$app}"
one "$bare" "Bare window" >/dev/null
for a in "${apps[@]}"; do one "$a" "Case Review Manager" >/dev/null; done
# One file of results for each side, named by its position ("bare", "app1", ...).
: >"$sandbox/bare"
for n in "${!apps[@]}"; do : >"$sandbox/app$((n + 1))"; done
for i in $(seq "$runs"); do
    one "$bare" "Bare window" | tee -a "$sandbox/bare" | sed "s/^/bare $i: /" >&2
    for n in "${!apps[@]}"; do
        one "${apps[n]}" "Case Review Manager" | tee -a "$sandbox/app$((n + 1))" | sed "s/^/app$((n + 1)) $i: /" >&2
    done
done
echo "medians of $runs runs each, alternating (load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
for n in "${!apps[@]}"; do echo "app$((n + 1)): ${apps[n]} ($(stat -c %s "${apps[n]}") bytes)"; done
echo "bare: $bare ($(stat -c %s "$bare") bytes)"
sides=(bare)
for n in "${!apps[@]}"; do sides+=("app$((n + 1))"); done
for side in "${sides[@]}"; do
    window=$(cut -d" " -f1 "$sandbox/$side" | median)
    shown=$(cut -d" " -f2 "$sandbox/$side" | median)
    hwm=$(cut -d" " -f3 "$sandbox/$side" | median)
    rss=$(cut -d" " -f4 "$sandbox/$side" | median)
    echo "$side: window after $window ms, shown after $shown ms; peak RSS $((hwm / 1024)) MB (sum of processes), RSS $((rss / 1024)) MB after ${settle} s"
done
python3 - "$sandbox" "${sides[@]:1}" <<'EOF'
import statistics, sys
d = sys.argv[1]
col = lambda s, i: [int(l.split()[i]) for l in open(f"{d}/{s}") if l.strip()]
for side in sys.argv[2:]:
    for i, what in ((0, "window"), (1, "shown"), (2, "peak RSS")):
        a, b = statistics.median(col(side, i)), statistics.median(col("bare", i))
        print(f"{side} / bare window, {what}: {a / b:.2f}x")
    shown = col(side, 1)
    if len(shown) >= 4:
        q = statistics.quantiles(shown, n=4)
        print(f"{side} shown, quartiles: {q[0]:.0f}-{q[2]:.0f} ms")
EOF
