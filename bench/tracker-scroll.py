#!/usr/bin/env python3
"""The tracker scrolled in the real app window, on an existing register (the
large one bench/large.sh makes: 30,000 actions): whether it scrolls smoothly.

The app is started and unlocked as bench/every-screen.py does it (a private
home whose register is a copy of REGISTER; the day's backup left to finish),
the tracker opened and its first rows waited for. Then, by a script inside
the page timed by the page's own clock:

- "flick": the tracker's scroll box moved down STEP pixels (three rows) at
  every animation frame for FRAMES frames, as a fast flick of a wheel or a
  touchpad would; each frame's interval is kept (16.7 ms at 60 frames a
  second; over 33.4 ms, a frame was dropped), and how many frames showed a
  row still "Loading…" in the box;
- "jump": the box moved straight to each tenth of the list in turn, as
  dragging its scroll bar would; kept is the time until every row in view
  is there (no "Loading…" left in the box) and painted (two animation
  frames later).

Usage: bench/tracker-scroll.py REGISTER [RUNS]   (default 3; needs what
       bench/unlock-dashboard.py needs; APP as there).
"""

import importlib.util
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

FRAMES = 180
STEP = 3 * 84  # three rows (ROW_HEIGHT in TrackerTable.svelte)

# Runs inside the page; results in window.__scroll, polled from outside.
SCROLL = """
const [frames, step] = arguments;
const box = document.querySelector('.app-tracker');
const out = { flick: null, jumps: null };
window.__scroll = out;
const loadingInView = () => {
  const { top, bottom } = box.getBoundingClientRect();
  for (const row of box.querySelectorAll('tbody tr')) {
    const r = row.getBoundingClientRect();
    if (r.bottom > top && r.top < bottom && row.textContent.includes('Loading')) return true;
  }
  return false;
};
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
(async () => {
  box.scrollTop = 0;
  await frame(); await frame();
  const stamps = [];
  let loading = 0;
  for (let i = 0; i < frames; i++) {
    box.scrollTop += step;
    stamps.push(await frame());
    if (loadingInView()) loading += 1;
  }
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  out.flick = { intervals, loading };
  const jumps = [];
  for (let tenth = 1; tenth <= 9; tenth++) {
    await frame(); await frame();
    const t0 = performance.now();
    box.scrollTop = (box.scrollHeight - box.clientHeight) * tenth / 10;
    await frame();
    while (loadingInView()) await frame();
    await frame(); await frame();
    jumps.push(performance.now() - t0);
  }
  out.jumps = jumps;
})();
return true;
"""


def one_run(driver_pid, backups):
    caps = {"capabilities": {"alwaysMatch": {
        "browserName": "wry", "tauri:options": {"application": str(ud.APP)}}}}
    session = ud.call("POST", "/session", caps)["sessionId"]
    try:
        field = ud.find(session, "#unlock-passphrase")
        ud.call("POST", f"/session/{session}/element/{field}/value", {"text": ud.PASSPHRASE})
        ud.measure(session, "#unlock", [["#by-stage", None], ["#reminders-escalations", None]])
        if backups is not None:
            ud.wait_for_backup(backups)
        ud.measure(session, "#nav-actions", [["#tracker-count", "Showing"], ["#action-tracker tr[data-action-ref]", None]])
        ud.call("POST", f"/session/{session}/execute/sync", {"script": SCROLL, "args": [FRAMES, STEP]})
        started = time.monotonic()
        while True:
            state = ud.call("POST", f"/session/{session}/execute/sync",
                            {"script": "return window.__scroll", "args": []})
            if state["jumps"] is not None:
                return state
            if time.monotonic() - started > 120:
                raise SystemExit("the scroll never finished")
            time.sleep(0.2)
    finally:
        pid = ud.app_pid(driver_pid)
        ud.call("DELETE", f"/session/{session}")
        while Path(f"/proc/{pid}").exists():
            time.sleep(0.2)


def main():
    register = Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    home, env, target = ud.private_home(register, "scroll-bench-")
    intervals, jumps = [], []
    try:
        for i in range(runs):
            driver = subprocess.Popen(
                [str(Path.home() / ".cargo/bin/tauri-driver"), "--port", str(ud.PORT),
                 "--native-port", str(ud.NATIVE_PORT)],
                env=env, stdout=subprocess.DEVNULL,
            )
            try:
                while socket.socket().connect_ex(("127.0.0.1", ud.PORT)) != 0:
                    time.sleep(0.1)
                r = one_run(driver.pid, target.parent / "backups" if i == 0 else None)
            finally:
                driver.send_signal(signal.SIGTERM)
                driver.wait()
            flick = r["flick"]["intervals"]
            intervals += flick
            jumps += r["jumps"]
            print(f"run {i + 1}: flick frames median {statistics.median(flick):.1f} ms, "
                  f"95th percentile {sorted(flick)[int(len(flick) * 0.95)]:.1f}, max {max(flick):.1f}, "
                  f"dropped (> 33.4 ms) {sum(t > 33.4 for t in flick)} of {len(flick)}, "
                  f"frames with a row loading {r['flick']['loading']}; "
                  f"jumps: median {statistics.median(r['jumps']):.0f} ms, max {max(r['jumps']):.0f}", flush=True)
        s = sorted(intervals)
        print(f"all runs: flick frames median {statistics.median(s):.1f} ms, 95th percentile "
              f"{s[int(len(s) * 0.95)]:.1f}, dropped {sum(t > 33.4 for t in s)} of {len(s)} "
              f"({100 * sum(t > 33.4 for t in s) / len(s):.1f}%); jumps median {statistics.median(jumps):.0f} ms, "
              f"max {max(jumps):.0f}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
