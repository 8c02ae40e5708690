#!/usr/bin/env python3
"""Criterion's medians for the screens benchmark as a Markdown table, core
against raw SQL, from the last run's estimates (target/criterion)."""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
screens = ["dashboard", "reminders", "case_page", "tracker_whole",
           "tracker_filtered", "thematic_tracker", "export_rows"]


def median(screen, side):
    path = root / screen / side / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"] / 1e9


def shown(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


print("| screen | core (median) | raw SQL (median) | core / raw |")
print("|---|---:|---:|---:|")
for screen in screens:
    try:
        core, raw = median(screen, "core"), median(screen, "raw")
    except FileNotFoundError:
        continue
    print(f"| {screen} | {shown(core)} | {shown(raw)} | {core / raw:.2f}× |")
