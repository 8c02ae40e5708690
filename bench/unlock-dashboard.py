#!/usr/bin/env python3
"""Unlock to dashboard in the real app window, on an existing register (the
large one bench/large.sh makes), and the app's peak memory after the
dashboard, the tracker and the thematic tracker have been shown.

Each run starts the release app afresh through tauri-driver (WebDriver, as the
E2E tests drive it), with a private home whose default register is a copy of
REGISTER, so the app opens at its unlock screen. The passphrase is typed into
the field; then one script inside the page clicks "Unlock" and waits, with a
MutationObserver, until the dashboard shows both its case clocks
(`#by-stage`, the last section drawn from the `dashboard` command) and the
action reminders (`#reminders-escalations`, from `reminders`), then for two
animation frames so the result has been painted. The time is the page's own
clock (`performance.now()`) from the click to that paint: the key derivation,
opening the register, both commands, their JSON crossing IPC and Svelte
rendering, and nothing of WebDriver's round trips. The tracker (Actions in the
menu: the first page of rows and the count) and the thematic tracker are timed
the same way from the click that opens them; then, where there is one, the
thematic tracker's next page of reviews ("Older"), and the dashboard's "Show
all" of its overdue reminder, which opens the tracker filtered (both timed
from their click; the dashboard is opened again first, untimed).

After the thematic tracker, the peak resident memory (VmHWM) of the app's
process and of each process under it (WebKit's web and network processes)
is read from /proc; their sum bounds the peak of the whole app from above.

The first unlock in a fresh home also takes the day's automatic backup
(the app asks for it on unlocking; it runs beside the screens, off the
register's lock). That run is reported on its own and, before closing, waits
for the backup to be written, so that the runs after it (the medians) find
the day's backup made and no backup competes with the screens.

With AFTER_DASHBOARD=SECONDS the tracker is opened that long after the
dashboard was painted, not at once: 1.6 s puts the click inside the audit
chain's background walk (it starts once the app has been quiet for 1 s, and
its key derivation takes a few tenths of a second), to measure what the walk
costs a screen opened while it runs.

Usage: [AFTER_DASHBOARD=SECONDS] bench/unlock-dashboard.py REGISTER [RUNS]   (default 10; passphrase
       in CASEREVIEW_PASSPHRASE, default the benchmarks' own; needs a display,
       e.g. under xvfb-run, tauri-driver and WebKitWebDriver, and the release
       app: `cargo build --release -p case-review-manager`).
"""

import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = Path(os.environ.get("APP", ROOT / "target/release/case-review-manager"))
AFTER_DASHBOARD = float(os.environ.get("AFTER_DASHBOARD", "0"))
PASSPHRASE = os.environ.get("CASEREVIEW_PASSPHRASE", "amber kettle ferry lantern")
# Not the E2E tests' ports (4444/4445), so a test run elsewhere does not collide.
PORT, NATIVE_PORT = 4464, 4465
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

# Runs inside the page: clicks `click` and keeps in `window.__bench` the
# milliseconds until every [selector, text] in `wanted` is on the page (the
# text, when given, inside that element) and two animation frames have
# passed, plus when each one first appeared. Polled from outside: a first
# unlock can wait many seconds for the day's backup, longer than a WebDriver
# request may stay open.
MEASURE = """
const [click, wanted] = arguments;
const state = { marks: {}, ms: null };
window.__bench = state;
let finished = false;
const present = ([sel, text]) => {
  const el = document.querySelector(sel);
  return el !== null && (text === null || el.textContent.includes(text));
};
const t0 = performance.now();
const check = () => {
  if (finished) return;
  for (const w of wanted) if (!(w[0] in state.marks) && present(w)) state.marks[w[0]] = performance.now() - t0;
  if (wanted.every(present)) {
    finished = true;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { state.ms = performance.now() - t0; }));
  }
};
const observer = new MutationObserver(check);
observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
document.querySelector(click).click();
return true;
"""

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", data=data, method=method,
        headers={"Content-Type": "application/json"},
    )
    # tauri-driver now and then closes a connection without answering (seen
    # on any request, most under load): ask again, a few times.
    for attempt in range(4):
        try:
            with urllib.request.urlopen(request, timeout=180) as response:
                return json.load(response)["value"]
        except (http.client.RemoteDisconnected, ConnectionResetError):
            if attempt == 3:
                raise
            time.sleep(0.5)


def find(session, css, wait=60.0):
    started = time.monotonic()
    while True:
        try:
            return call("POST", f"/session/{session}/element", {"using": "css selector", "value": css})[ELEMENT]
        except urllib.error.HTTPError:
            if time.monotonic() - started > wait:
                raise SystemExit(f"{css} never appeared")
            time.sleep(0.05)


def measure(session, click, wanted, limit=300.0):
    call("POST", f"/session/{session}/execute/sync", {"script": MEASURE, "args": [click, wanted]})
    started = time.monotonic()
    while True:
        state = call("POST", f"/session/{session}/execute/sync", {"script": "return window.__bench", "args": []})
        if state["ms"] is not None:
            return state
        if time.monotonic() - started > limit:
            raise SystemExit(f"{click}: timed out (seen: {state['marks']})")
        time.sleep(0.1)


def present(session, css):
    # In the page: WebDriver's own element search dropped its connection now and then.
    script = "return document.querySelector(arguments[0]) !== null;"
    return call("POST", f"/session/{session}/execute/sync", {"script": script, "args": [css]})


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def tree(pid):
    out = [pid]
    for child in children(pid):
        out += tree(child)
    return out


def status_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def app_pid(driver_pid):
    for pid in tree(driver_pid):
        try:
            if os.readlink(f"/proc/{pid}/exe") == str(APP):
                return pid
        except OSError:
            pass
    raise SystemExit("the app's process was not found under tauri-driver")


def wait_for_backup(backups, limit=300.0):
    """Until a finished backup is in `backups` and nothing is being written
    there: no `.partial` working copy, nor the journal SQLite keeps beside it
    while copying (`….partial-journal`), which alone looked finished."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        names = [f.name for f in backups.iterdir()] if backups.is_dir() else []
        if any(".partial" not in n for n in names) and not any(".partial" in n for n in names):
            return
        time.sleep(0.5)
    raise SystemExit(f"no backup appeared in {backups}")


def one_run(driver_pid, backups=None):
    caps = {"capabilities": {"alwaysMatch": {
        "browserName": "wry", "tauri:options": {"application": str(APP)}}}}
    session = call("POST", "/session", caps)["sessionId"]
    try:
        field = find(session, "#unlock-passphrase")
        call("POST", f"/session/{session}/element/{field}/value", {"text": PASSPHRASE})
        unlock = measure(session, "#unlock", [["#by-stage", None], ["#reminders-escalations", None]])
        time.sleep(AFTER_DASHBOARD)
        tracker = measure(session, "#nav-actions",
                          [["#tracker-count", "Showing"], ["#action-tracker tr[data-action-ref]", None]])
        thematic = measure(session, "#view-themes", [["#thematic-tracker", None]])
        older = show_all = None
        if present(session, "#thematic-older"):
            older = measure(session, "#thematic-older", [["#thematic-shown", " 21 to "]])
        call("POST", f"/session/{session}/execute/sync",
             {"script": "document.querySelector('#nav-dashboard').click(); return true;", "args": []})
        find(session, "#reminders-escalations")
        if present(session, "#reminders-overdue-all"):
            show_all = measure(session, "#reminders-overdue-all",
                               [["#filter-overdue:checked", None], ["#tracker-count", "Showing"],
                                ["#action-tracker tr[data-action-ref]", None]])
        if backups is not None:
            wait_for_backup(backups)
        pid = app_pid(driver_pid)
        processes = {}
        for p in tree(pid):
            try:
                name = Path(f"/proc/{p}/comm").read_text().strip()
                processes[f"{name}[{p}]"] = status_kb(p, "VmHWM")
            except OSError:
                pass
        return {"unlock": unlock, "tracker": tracker, "thematic": thematic,
                "older": older, "show_all": show_all,
                "app_hwm_kb": status_kb(pid, "VmHWM"), "processes": processes}
    finally:
        pid = app_pid(driver_pid)
        call("DELETE", f"/session/{session}")
        # Closing may take a backup; the next run starts once this app has
        # gone and let go of the register.
        while Path(f"/proc/{pid}").exists():
            time.sleep(0.2)


def optional_ms(state):
    return "-" if state is None else f"{state['ms']:.0f} ms"


def private_home(register, prefix):
    """A private home whose default register is a copy of `register`: the
    home's folder, the environment that points the app at it, and the copy."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    env = dict(os.environ, HOME=str(home / "home"), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"))
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    target = home / "data/case-review-manager/register.casereview"
    target.parent.mkdir(parents=True)
    shutil.copyfile(register, target)
    return home, env, target


def main():
    register = Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    home, env, target = private_home(register, "unlock-bench-")
    results = []
    try:
        for i in range(runs):
            # A fresh tauri-driver for each run: one reused for a second
            # session dropped its connection now and then.
            driver = subprocess.Popen(
                [str(Path.home() / ".cargo/bin/tauri-driver"), "--port", str(PORT), "--native-port", str(NATIVE_PORT)],
                env=env, stdout=subprocess.DEVNULL,
            )
            try:
                while socket.socket().connect_ex(("127.0.0.1", PORT)) != 0:
                    time.sleep(0.1)
                r = one_run(driver.pid, target.parent / "backups" if i == 0 else None)
            finally:
                driver.send_signal(signal.SIGTERM)
                driver.wait()
            results.append(r)
            print(f"run {i + 1}: unlock to dashboard {r['unlock']['ms']:.0f} ms {r['unlock']['marks']}, "
                  f"tracker {r['tracker']['ms']:.0f} ms {r['tracker']['marks']}, thematic {r['thematic']['ms']:.0f} ms, "
                  f"thematic next page {optional_ms(r['older'])}, show all overdue {optional_ms(r['show_all'])}, "
                  f"app peak RSS {r['app_hwm_kb'] / 1024:.0f} MB, all processes {r['processes']}", flush=True)
        later = results[1:] or results
        for name in ("unlock", "tracker", "thematic", "older", "show_all"):
            if any(r[name] is None for r in results):
                continue
            times = [r[name]["ms"] for r in later]
            print(f"{name}: median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f} "
                  f"(runs 2-{runs}); first run {results[0][name]['ms']:.0f} ms")
        hwm = [r["app_hwm_kb"] for r in later]
        total = [sum(r["processes"].values()) for r in later]
        print(f"peak RSS of the app process: median {statistics.median(hwm) / 1024:.0f} MB; "
              f"sum of each process's peak (app + WebKit): median {statistics.median(total) / 1024:.0f} MB")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
