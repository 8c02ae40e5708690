#!/usr/bin/env python3
"""Every screen of the menu in the real app window, on an existing register
(the large one bench/large.sh makes): the time from the click on its menu
item until the screen has stopped changing.

The app is started through tauri-driver (WebDriver, as the E2E tests drive
it) as bench/unlock-dashboard.py starts it, with a private home whose
register is a copy of REGISTER, and unlocked. Then for each menu item a
script inside the page clicks it and watches the page with a
MutationObserver until it has stayed the same for QUIET ms (2,500: longer
than any screen's slowest answer, so an answer that comes late still counts)
with no "Loading" text in <main>. The screen's time is that of the last
change to the page: the commands' answers crossing IPC and the DOM built
from them, by the page's own clock (`performance.now()`) from the click,
with no WebDriver round trip in it. (Layout and painting of that last
change follow it; bench/unlock-dashboard.py times those too, for the
dashboard and the tracker.)

Usage: bench/every-screen.py REGISTER [RUNS]   (default 3; medians of the
       runs; needs what bench/unlock-dashboard.py needs).
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

SECTIONS = ["cases", "panels", "actions", "quarters", "reports", "audit", "settings", "dashboard"]
QUIET = 2500

# Runs inside the page: clicks `click`, then keeps in `window.__screen` the
# milliseconds to the last change before QUIET ms without one (and no
# "Loading" text in <main>).
SETTLE = """
const [click, quiet] = arguments;
const state = { ms: null, last: 0 };
window.__screen = state;
const t0 = performance.now();
const observer = new MutationObserver(() => { state.last = performance.now() - t0; });
observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
const check = () => {
  const loading = /Loading/.test(document.querySelector("main")?.textContent ?? "");
  if (!loading && performance.now() - t0 - state.last >= quiet) {
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
    ud.call("POST", f"/session/{session}/execute/sync", {"script": SETTLE, "args": [click, QUIET]})
    started = time.monotonic()
    while True:
        state = ud.call("POST", f"/session/{session}/execute/sync", {"script": "return window.__screen", "args": []})
        if state["ms"] is not None:
            return state["ms"]
        if time.monotonic() - started > limit:
            raise SystemExit(f"{click}: never settled")
        time.sleep(0.1)


def one_run(session):
    times = {}
    for section in SECTIONS:
        times[section] = settle(session, f"#nav-{section}")
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
        # it (bench/unlock-dashboard.py times the first unlock apart).
        ud.wait_for_backup(target.parent / "backups")
        for i in range(runs):
            times = one_run(session)
            results.append(times)
            print(f"run {i + 1}: " + ", ".join(f"{k} {v:.0f} ms" for k, v in times.items()), flush=True)
        ud.call("DELETE", f"/session/{session}")
    finally:
        driver.send_signal(signal.SIGTERM)
        driver.wait()
        shutil.rmtree(home, ignore_errors=True)
    for section in SECTIONS:
        values = [r[section] for r in results]
        print(f"{section}: median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f})")


if __name__ == "__main__":
    main()
