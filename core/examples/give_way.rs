//! Issue 7 measured: how soon a warming step gives way once the register is
//! wanted (`Register::warm_giving_way`), on a real register. Each step of
//! the warming after the dashboard is started on a freshly opened register
//! (nothing read yet, as after unlocking) and wanted DELAY ms later from
//! another thread, as a click would; printed is how long the step then took
//! to stop, or that it had finished first.
//!
//! Usage (on a COPY of a register: opening it takes its lock file):
//! `CASEREVIEW_PASSPHRASE=... cargo run --release -p casereview-core
//! --example give_way -- <register copy> [DELAY ms, default 5] [ROUNDS, default 5]`

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use casereview_core::warm::{WarmStep, Warmed};
use casereview_core::{Error, Register, Result};
use chrono::NaiveDate;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: give_way <register copy> [DELAY ms] [ROUNDS]");
        std::process::exit(2);
    };
    let delay = Duration::from_millis(args.next().and_then(|d| d.parse().ok()).unwrap_or(5));
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let passphrase = std::env::var("CASEREVIEW_PASSPHRASE").unwrap_or_default();
    // "Today" as bench/large.sh generates the large register with.
    let today = NaiveDate::from_ymd_opt(2026, 11, 22)
        .ok_or_else(|| Error::Internal("not a date".into()))?;
    for step in WarmStep::AFTER_DASHBOARD {
        let mut stops = Vec::new();
        let mut finished = 0;
        for _ in 0..rounds {
            let register = Register::open(&path, &passphrase)?;
            let wanted = Arc::new(AtomicBool::new(false));
            // The "click": it says when it wanted the register.
            let clicker = {
                let wanted = Arc::clone(&wanted);
                std::thread::spawn(move || {
                    std::thread::sleep(delay);
                    let at = Instant::now();
                    wanted.store(true, Ordering::Relaxed);
                    at
                })
            };
            let ended =
                register.warm_giving_way(step, today, move || wanted.load(Ordering::Relaxed))?;
            let stopped = Instant::now();
            match (ended, clicker.join()) {
                (Warmed::GaveWay, Ok(at)) => {
                    stops.push(stopped.saturating_duration_since(at).as_secs_f64() * 1000.0)
                }
                _ => finished += 1,
            }
        }
        stops.sort_by(f64::total_cmp);
        let shown: Vec<String> = stops.iter().map(|ms| format!("{ms:.2}")).collect();
        println!(
            "{step:?}: wanted after {} ms; gave way in [{}] ms; finished first {finished} of {rounds}",
            delay.as_millis(),
            shown.join(", ")
        );
    }
    Ok(())
}
