//! Issue 7 measured: three reads the app makes on a large register, timed
//! one by one, as the shell calls them on an unlocked register:
//! - `audit_users`: the audit trail's "who" filter (everyone who made a change);
//! - `tracker_choices`: the tracker's filter choices (sources, agencies, themes);
//! - `export_rows`: the tracker export's rows (every action, current position).
//!
//! Prints each run's time and the median. With `CASEREVIEW_BENCH_ONCE` set it
//! runs the read once to warm up and once more in `run_once`, for
//! `valgrind --tool=callgrind --toggle-collect='*run_once*'` (instruction
//! counts, which repeat exactly whatever the machine's load).
//!
//! Usage (on a COPY of a register: opening it takes its lock file):
//! `CASEREVIEW_PASSPHRASE=... cargo run --release -p casereview-core
//! --example read_timings -- <register copy> <audit_users|tracker_choices|export_rows> [runs]`

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use casereview_core::exports::TrackerOptions;
use casereview_core::{Error, Register, Result};
use chrono::NaiveDate;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(read)) = (args.get(1), args.get(2)) else {
        eprintln!(
            "usage: read_timings <register copy> <audit_users|tracker_choices|export_rows> [runs]"
        );
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(15);
    let passphrase = std::env::var("CASEREVIEW_PASSPHRASE").unwrap_or_default();
    let register = Register::open(&PathBuf::from(path), &passphrase)?;
    // "Today" as bench/large.sh generates the large register with.
    let today = NaiveDate::from_ymd_opt(2026, 11, 22)
        .ok_or_else(|| Error::Internal("not a date".into()))?;
    let side = || -> Result<()> {
        match read.as_str() {
            "audit_users" => drop(black_box(register.audit_users()?)),
            "tracker_choices" => drop(black_box(register.tracker_choices()?)),
            "export_rows" => drop(black_box(
                register.tracker(&TrackerOptions::default(), today)?,
            )),
            other => return Err(Error::Internal(format!("no read called {other}"))),
        }
        Ok(())
    };
    side()?;
    if std::env::var_os("CASEREVIEW_BENCH_ONCE").is_some() {
        return run_once(&side);
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let begun = Instant::now();
        side()?;
        times.push(begun.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let shown: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
    println!(
        "{read}: median {:.2} ms over {runs} runs ({} ms)",
        times[runs / 2],
        shown.join(", ")
    );
    Ok(())
}

/// Runs `side` once; the only function callgrind collects in.
#[inline(never)]
fn run_once(side: &dyn Fn() -> Result<()>) -> Result<()> {
    side()
}
