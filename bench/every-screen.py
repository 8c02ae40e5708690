#!/usr/bin/env python3
"""Every screen of the menu in the real app window, on an existing register
(the large one bench/large.sh makes): the time from the click on its menu
item until the screen has stopped changing, and until that last change has
been painted.

The app is started through tauri-driver (WebDriver, as the E2E tests drive
it) as bench/unlock-dashboard.py starts it, with a private home whose
register is a copy of REGISTER, and unlocked. Then for each step (a menu
item, or a control on the screen: the thematic tracker, its next page, the
dashboard's "Show all" overdue actions) a script inside the page clicks it
and watches the page with a MutationObserver until it has stayed the same
for QUIET ms (2,500: longer than any screen's slowest answer, so an answer
that comes late still counts) with no "Loading" text in <main>. Two times
are kept, by the page's own clock (`performance.now()`) from the click, with
no WebDriver round trip in them:

- "last change": the last change to the page (the commands' answers
  crossing IPC and the DOM built from them);
- "painted": two animation frames after that last change, so WebKit has
  laid it out and painted it;
- "in view, painted": the same for the last change to what is in the
  window: a node put in or changed on screen, or taken out of an element on
  screen. A node put in below the fold does not count, nor an option put
  into a closed select (only its chosen option shows). The Actions screen
  puts its export form, and its filters' lists, in after its first rows
  are painted (issue 7): "painted" counts those, "in view" does not. Telling
  what is on screen lays the page out at each change, as TIMELINE does, so
  the figures are a little slower than the same page untimed.

With TIMELINE=1 each step's timeline is printed too: every command (Tauri
posts each with fetch() to ipc://localhost/<command>: fetch is wrapped, as
its read-only invoke cannot be) from when it was posted to when its answer
came back and its JSON was read; each batch of changes to the page, with
the nodes it added and the time WebKit took to work out its style and
layout (`document.body.offsetHeight`, forced and timed right after the
batch: this moves layout earlier than WebKit would do it, so a timeline run
is a little slower than a plain one); and the two animation frames after
the last batch (the first one starts the frame that paints it).

With DURING_BACKUP=1 the first round starts as soon as the dashboard is
shown, while the day's backup (about 11 s on the large register) is still
being taken on its own connection; otherwise the backup is left to finish
first.

Usage: [TIMELINE=1] [DURING_BACKUP=1] bench/every-screen.py REGISTER [RUNS]
       (default 3; medians of the runs; needs what bench/unlock-dashboard.py
       needs).
"""

import importlib.util
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("unlock_dashboard", HERE / "unlock-dashboard.py")
ud = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ud)

# (name, what is clicked). The tracker is left as it was found: "Show all"
# filters it and sorts it by target date, so its filters are cleared and it
# is sorted by reference again before the next run opens it.
STEPS = [
    ("cases", "#nav-cases"),
    ("panels", "#nav-panels"),
    ("actions", "#nav-actions"),
    ("thematic", "#view-themes"),
    ("thematic next page", "#thematic-older"),
    ("tracker tab", "#view-tracker"),
    ("quarters", "#nav-quarters"),
    ("reports", "#nav-reports"),
    ("audit", "#nav-audit"),
    ("settings", "#nav-settings"),
    ("dashboard", "#nav-dashboard"),
    ("show all overdue", "#reminders-overdue-all"),
    ("clear filters", "#clear-filters"),
    ("sort by reference", "th[aria-sort=none] button[data-sort=reference]"),
]
QUIET = 2500
TIMELINE = os.environ.get("TIMELINE") == "1"
DURING_BACKUP = os.environ.get("DURING_BACKUP") == "1"

# Runs inside the page: clicks `click`, then keeps in `window.__screen` the
# milliseconds to the last change before QUIET ms without one (and no
# "Loading" text in <main>), and to two animation frames after it.
SETTLE = """
const [click, quiet, detail] = arguments;
const t0 = performance.now();
const now = () => performance.now() - t0;
const state = { ms: null, last: 0, painted: null, frames: null, seen: 0, seenPainted: null, invokes: [], batches: [] };
window.__screen = state;
// Every command the page asks for, while this step is timed: Tauri's IPC
// posts each one with fetch() to ipc://localhost/<command> (its invoke
// cannot be wrapped: it is a read-only property).
if (detail && !window.__benchFetch) {
  const fetch = window.fetch;
  window.__benchFetch = fetch;
  window.fetch = function (url, init) {
    const s = window.__screen;
    const name = String(url);
    if (!name.startsWith("ipc:") || name.includes("plugin%3A") || name.includes("plugin:")) return fetch.call(this, url, init);
    const record = { cmd: decodeURIComponent(name.split("/").pop()), start: performance.now() - s.t0, end: null, parsed: null };
    s.invokes.push(record);
    return fetch.call(this, url, init).then((response) => {
      record.end = performance.now() - s.t0;
      const json = response.json.bind(response);
      response.json = () => json().then((v) => { record.parsed = performance.now() - s.t0; return v; });
      return response;
    });
  };
}
state.t0 = t0;
let batch = 0;
let seenBatch = 0;
// Whether a change alters what is in the window: a node put in or changed
// on screen, or taken out of an element on screen. Not a node below the
// fold, nor an option put into a closed select (only its chosen option
// shows, and putting others in does not change which one that is).
const onScreen = (node) => {
  const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  if (node.nodeType === Node.COMMENT_NODE || !el) return false;
  if (!el.isConnected) return true;
  if (el.closest("select") && el.tagName !== "SELECT") return false;
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
};
const seenChange = (r) =>
  r.type === "childList"
    ? [...r.addedNodes].some(onScreen) || (r.removedNodes.length > 0 && onScreen(r.target))
    : onScreen(r.target);
const observer = new MutationObserver((records) => {
  const at = now();
  state.last = at;
  const seq = ++batch;
  if (records.some(seenChange)) {
    state.seen = at;
    const mine = ++seenBatch;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (mine === seenBatch) state.seenPainted = now();
    }));
  }
  if (detail) {
    const added = records.reduce((n, r) => n + r.addedNodes.length, 0);
    const before = performance.now();
    void document.body.offsetHeight;
    state.batches.push({ at, added, layout: performance.now() - before });
  }
  requestAnimationFrame(() => {
    const first = now();
    requestAnimationFrame(() => {
      if (seq === batch) { state.painted = now(); state.frames = [first, state.painted]; }
    });
  });
});
observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
const check = () => {
  const loading = /Loading/.test(document.querySelector("main")?.textContent ?? "");
  if (!loading && now() - state.last >= quiet && state.painted !== null && state.painted >= state.last
      && (state.seen === 0 || (state.seenPainted !== null && state.seenPainted >= state.seen))) {
    observer.disconnect();
    state.ms = state.last;
  } else {
    setTimeout(check, 20);
  }
};
document.querySelector(click).click();
setTimeout(check, 20);
"""


def settle(session, click, limit=120.0):
    ud.call("POST", f"/session/{session}/execute/sync", {"script": SETTLE, "args": [click, QUIET, TIMELINE]})
    started = time.monotonic()
    while True:
        state = ud.call("POST", f"/session/{session}/execute/sync", {"script": "return window.__screen", "args": []})
        if state["ms"] is not None:
            return state
        if time.monotonic() - started > limit:
            raise SystemExit(f"{click}: never settled")
        time.sleep(0.1)


def timeline(state):
    """One line per command and per batch of changes, in order of time."""
    events = [(i["start"], f"  {i['start']:7.1f}-{i['end'] or 0:7.1f} ms  {i['cmd']} "
                           f"({(i['end'] or 0) - i['start']:.1f} ms, JSON read by {i['parsed'] or 0:.1f})")
              for i in state["invokes"]]
    events += [(b["at"], f"  {b['at']:7.1f} ms  DOM changed (+{b['added']} nodes), style and layout {b['layout']:.1f} ms")
               for b in state["batches"]]
    if state["frames"]:
        first, second = state["frames"]
        events.append((first, f"  {first:7.1f} ms  next frame starts; painted by {second:.1f} ms"))
    return "\n".join(line for _, line in sorted(events))


def one_run(session):
    times = {}
    for name, click in STEPS:
        if not ud.present(session, click):
            continue
        state = settle(session, click)
        times[name] = state
        if TIMELINE:
            print(f"{name}: last change {state['ms']:.0f} ms, painted {state['painted']:.0f} ms\n{timeline(state)}",
                  flush=True)
    return times


def main():
    register = Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    ud.PORT, ud.NATIVE_PORT = 4484, 4485
    home, env, target = ud.private_home(register, "every-screen-")
    driver = subprocess.Popen(
        [str(Path.home() / ".cargo/bin/tauri-driver"), "--port", str(ud.PORT), "--native-port", str(ud.NATIVE_PORT)],
        env=env, stdout=subprocess.DEVNULL,
    )
    results = []
    try:
        while socket.socket().connect_ex(("127.0.0.1", ud.PORT)) != 0:
            time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "wry", "tauri:options": {"application": str(ud.APP)}}}}
        session = ud.call("POST", "/session", caps)["sessionId"]
        field = ud.find(session, "#unlock-passphrase")
        ud.call("POST", f"/session/{session}/element/{field}/value", {"text": ud.PASSPHRASE})
        ud.measure(session, "#unlock", [["#by-stage", None], ["#reminders-escalations", None]])
        # The day's backup is left to finish first, so no screen waits for
        # it (bench/unlock-dashboard.py times the first unlock apart), unless
        # the screens are to be timed while it is taken.
        if not DURING_BACKUP:
            ud.wait_for_backup(target.parent / "backups")
        for i in range(runs):
            times = one_run(session)
            results.append(times)
            print(f"run {i + 1}: " + ", ".join(f"{k} {v['ms']:.0f}/{v['painted']:.0f} (in view {seen_painted(v):.0f}) ms"
                                               for k, v in times.items()), flush=True)
        ud.call("DELETE", f"/session/{session}")
    finally:
        driver.send_signal(signal.SIGTERM)
        driver.wait()
        shutil.rmtree(home, ignore_errors=True)
    print("step: last change, then painted; the last change in view, painted (median of the runs, min-max)")
    for name, _ in STEPS:
        found = [r[name] for r in results if name in r]
        if not found:
            continue
        last = [s["ms"] for s in found]
        painted = [s["painted"] for s in found]
        seen = [seen_painted(s) for s in found]
        print(f"{name}: {statistics.median(last):.0f} ms ({min(last):.0f}-{max(last):.0f}), "
              f"painted {statistics.median(painted):.0f} ms ({min(painted):.0f}-{max(painted):.0f}); "
              f"in view, painted {statistics.median(seen):.0f} ms ({min(seen):.0f}-{max(seen):.0f})")


def seen_painted(state):
    """When the last change in view had been painted; a step that changed
    nothing in view counts its last change painted, as before."""
    return state["seenPainted"] if state["seenPainted"] is not None else state["painted"]


if __name__ == "__main__":
    main()
