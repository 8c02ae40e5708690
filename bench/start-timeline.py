#!/usr/bin/env python3
"""The cold start's page, timed from inside: what happens between WebKit
starting to load the app's page and the unlock screen's first paint.

bench/cold-start.sh times the start from outside (exec until the window's
pixels are final), where one run differs from the next by up to 200 ms.
This reads the page's own clock instead, which is steadier, to see where
its part goes: for each build given, alternated, each run a fresh app
started through tauri-driver (as bench/unlock-dashboard.py starts it) with a
private home whose register is a copy of REGISTER, so it opens at "Unlock
your register". Half a second after the unlock form is there, the page's
navigation and paint entries and the app's own marks (`ui/src/main.ts`,
`ui/src/App.svelte`) are read through WebDriver, in ms after the navigation
started:

- html: the page's HTML received (`responseEnd`);
- asked: the entry script running, asking for the register's state;
- mounted: the app mounted;
- answered: the state's answer back from the Rust side;
- painted: the first contentful paint (for the app, the unlock screen).

Usage: APPS="build1 build2 ..." bench/start-timeline.py REGISTER [RUNS]
       (default 10 each; needs a display, e.g. under xvfb-run, tauri-driver
       and WebKitWebDriver). Medians of the runs.
"""

import importlib.util
import os
import shutil
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

READ = """
const nav = performance.getEntriesByType('navigation')[0];
const out = { html: nav.responseEnd };
for (const p of performance.getEntriesByType('paint')) if (p.name === 'first-contentful-paint') out.painted = p.startTime;
const marks = { 'app:asked': 'asked', 'app:mounted': 'mounted', 'app:answered': 'answered' };
for (const m of performance.getEntriesByType('mark')) if (m.name in marks) out[marks[m.name]] = m.startTime;
return out;
"""
COLUMNS = ["html", "asked", "mounted", "answered", "painted"]


def one_run(app, env):
    driver = subprocess.Popen(
        [str(Path.home() / ".cargo/bin/tauri-driver"), "--port", str(ud.PORT), "--native-port", str(ud.NATIVE_PORT)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        while socket.socket().connect_ex(("127.0.0.1", ud.PORT)) != 0:
            time.sleep(0.05)
        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": str(app)}}}}
        session = ud.call("POST", "/session", caps)["sessionId"]
        try:
            ud.find(session, "#unlock-passphrase")
            time.sleep(0.5)
            return ud.call("POST", f"/session/{session}/execute/sync", {"script": READ, "args": []})
        finally:
            ud.call("DELETE", f"/session/{session}")
    finally:
        # SIGTERM, so tauri-driver stops its WebKitWebDriver too.
        driver.terminate()
        driver.wait()


def main():
    register = Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    apps = os.environ.get("APPS", str(ud.APP)).split()
    home, env, _ = ud.private_home(register, "start-timeline-")
    results = {app: [] for app in apps}
    try:
        for _ in range(runs):
            for app in apps:
                results[app].append(one_run(app, env))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"medians of {runs} runs each, alternating, ms after the navigation started "
          f"(load average {' '.join(open('/proc/loadavg').read().split()[:3])}):")
    print("build".ljust(50), *[c.rjust(9) for c in COLUMNS])
    for app in apps:
        medians = [statistics.median([r[c] for r in results[app] if c in r]) for c in COLUMNS]
        print(app.ljust(50), *[f"{m:9.1f}" for m in medians])


if __name__ == "__main__":
    main()
