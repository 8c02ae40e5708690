#!/usr/bin/env python3
"""Ours against a Python baseline, run alternately (A, B, A, B, ...) so both
sides see the same machine load; prints each run, the medians, the ratio of
the medians and the median of the pairs' ratios, with the load average.

    alternate.py [--ours-self-timed] RUNS NAME -- OUR COMMAND... -- BASELINE COMMAND...

Our command is timed whole, as a process (unlocking the register, reading,
working, writing, exiting), and its peak RSS is taken from wait4; with
--ours-self-timed, our command prints its own timing of the work alone the
way the baseline does (core/examples/import_dry_run.rs: the register
unlocked untimed first), that figure is used, and its whole-process time is
printed beside it. The
baseline is bench/openpyxl_tracker.py, which prints its own timing of the
work alone (no interpreter start-up, no imports, no reading of the source
rows): that figure is used, so the baseline is charged for less than we are.
Its whole-process time is printed beside it. Prints one JSON line at the
end for bench/import-export.sh to collect.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(command):
    """(wall seconds, stdout) of one run of `command` (the baseline)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({child.returncode}):\n{err.decode()}")
    return seconds, out.decode()


def run_with_rss(command):
    """(wall seconds, peak RSS in KB, stdout) of one run of `command` (ours);
    wait4 gives this child's own peak, where RUSAGE_CHILDREN would give the
    largest of every child so far."""
    # Output to files, not pipes: nothing reads a pipe during wait4.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            sys.exit(f"{' '.join(command)} failed ({child.returncode}):\n{err.read().decode()}")
        out.seek(0)
        return seconds, usage.ru_maxrss, out.read().decode(errors="replace")


def self_timed(out):
    """The seconds a command printed as the last line of its output."""
    return json.loads(out.strip().splitlines()[-1])["seconds"]


def main():
    args = sys.argv[1:]
    ours_self_timed = bool(args) and args[0] == "--ours-self-timed"
    if ours_self_timed:
        args = args[1:]
    if len(args) < 5 or args[2] != "--" or "--" not in args[3:]:
        sys.exit(__doc__)
    runs, name = int(args[0]), args[1]
    split = args.index("--", 3)
    ours, baseline = args[3:split], args[split + 1:]
    load_before = os.getloadavg()
    our_times, our_rss, base_times, base_whole = [], [], [], []
    for i in range(runs):
        our_whole, rss, our_out = run_with_rss(ours)
        seconds = self_timed(our_out) if ours_self_timed else our_whole
        our_times.append(seconds)
        our_rss.append(rss)
        whole, out = run(baseline)
        base = self_timed(out)
        base_times.append(base)
        base_whole.append(whole)
        ours_process = f", process {our_whole:.3f} s" if ours_self_timed else ""
        print(f"{name} run {i + 1}: ours {seconds:.3f} s ({rss / 1024:.0f} MB{ours_process}), "
              f"baseline {base:.3f} s (process {whole:.3f} s), ratio {base / seconds:.1f}x",
              flush=True)
    load_after = os.getloadavg()
    ours_median = statistics.median(our_times)
    base_median = statistics.median(base_times)
    pair_ratio = statistics.median(b / o for b, o in zip(base_times, our_times))
    result = {
        "name": name,
        "runs": runs,
        "ours_median_s": round(ours_median, 3),
        "ours_min_s": round(min(our_times), 3),
        "ours_max_s": round(max(our_times), 3),
        "ours_peak_rss_mb": round(max(our_rss) / 1024),
        "baseline_median_s": round(base_median, 3),
        "baseline_min_s": round(min(base_times), 3),
        "baseline_max_s": round(max(base_times), 3),
        "baseline_process_median_s": round(statistics.median(base_whole), 3),
        "ratio_of_medians": round(base_median / ours_median, 2),
        "median_pair_ratio": round(pair_ratio, 2),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
    }
    print(f"{name}: ours median {ours_median:.3f} s, baseline median {base_median:.3f} s, "
          f"ratio {result['ratio_of_medians']}x (median of pairs {pair_ratio:.2f}x); "
          f"load {load_before[0]:.2f} -> {load_after[0]:.2f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
