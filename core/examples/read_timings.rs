//! Issue 7 measured: three reads the app makes on a large register, timed
//! one by one, as the shell calls them on an unlocked register:
//! - `audit_users`: the audit trail's "who" filter (everyone who made a change);
//! - `tracker_choices`: the tracker's filter choices (sources, agencies, themes);
//! - `export_rows`: the tracker export's rows (every action, current position);
//! - `dashboard`: the first screen after unlocking (clocks, past target, stages);
//! - `reminders`: the dashboard's reminders (overdue, due soon, no update);
//! - `thematic_page`: the thematic tracker's first page of 20 columns (kept
//!   between reads until something is written: the timed runs are the pages
//!   after the first);
//! - `thematic_whole`: the whole thematic tracker worked out afresh, as the
//!   first page after unlocking or after a write costs;
//! - `tracker_by_reference`: the tracker's first page with no filter, by
//!   reference (as it first opens), its order worked out afresh each time
//!   (as after any write);
//! - `tracker_by_target`: the same sorted by target date (as "Clear
//!   filters" after the dashboard's "Show all");
//! - `audit_page*`: a page of the audit trail (see `audit_query`).
//!
//! Prints each run's time and the median. With `CASEREVIEW_BENCH_ONCE` set it
//! runs the read once to warm up and once more in `run_once` (set to `cold`:
//! only once, in `run_once`), for
//! `valgrind --tool=callgrind --toggle-collect='read_timings::run_once'`
//! (instruction counts, which repeat exactly whatever the machine's load;
//! not `*run_once*`, which also matches OpenSSL's `CRYPTO_THREAD_run_once`).
//!
//! Usage (on a COPY of a register: opening it takes its lock file):
//! `CASEREVIEW_PASSPHRASE=... cargo run --release -p casereview-core
//! --example read_timings -- <register copy> <audit_users|tracker_choices|tracker_by_reference|tracker_by_target|export_rows|dashboard|reminders|thematic_page|thematic_whole> [runs]`

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use casereview_core::actions::{TrackerQuery, TrackerSortKey};
use casereview_core::audit_view::AuditQuery;
use casereview_core::exports::TrackerOptions;
use casereview_core::plan_views::ThematicQuery;
use casereview_core::{Error, Register, Result};
use chrono::NaiveDate;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(read)) = (args.get(1), args.get(2)) else {
        eprintln!(
            "usage: read_timings <register copy> \
             <audit_users|tracker_choices|tracker_by_reference|tracker_by_target|export_rows|dashboard|reminders|thematic_page|thematic_whole> [runs]"
        );
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(15);
    let passphrase = std::env::var("CASEREVIEW_PASSPHRASE").unwrap_or_default();
    let register = Register::open(&PathBuf::from(path), &passphrase)?;
    // "Today" as bench/large.sh generates the large register with.
    let today = NaiveDate::from_ymd_opt(2026, 11, 22)
        .ok_or_else(|| Error::Internal("not a date".into()))?;
    let audit = read
        .starts_with("audit_page")
        .then(|| audit_query(&register, read))
        .transpose()?;
    let side = || -> Result<()> {
        if let Some(query) = &audit {
            drop(black_box(register.audit_page(query)?));
            return Ok(());
        }
        match read.as_str() {
            "audit_users" => drop(black_box(register.audit_users()?)),
            "tracker_choices" => drop(black_box(register.tracker_choices()?)),
            "export_rows" => drop(black_box(
                register.tracker(&TrackerOptions::default(), today)?,
            )),
            // Forgotten first: the work, as after a write (the answer is
            // kept until then; see `kept.rs`).
            "dashboard" => {
                register.forget_kept();
                drop(black_box(register.dashboard(today)?));
            }
            // The dashboard's other answer, 10 actions shown of each kind
            // (`REMINDERS_SHOWN` in the UI), also forgotten first.
            "reminders" => {
                register.forget_kept();
                drop(black_box(register.reminders_shown(today, 10)?));
            }
            // The screen's first page, as the shell asks for it.
            "thematic_page" => drop(black_box(register.thematic_page(&ThematicQuery {
                offset: 0,
                limit: 20,
            })?)),
            "thematic_whole" => drop(black_box(register.thematic_tracker()?)),
            "tracker_by_reference" | "tracker_by_target" => {
                register.forget_kept();
                let sort = if read == "tracker_by_target" {
                    TrackerSortKey::Target
                } else {
                    TrackerSortKey::Reference
                };
                drop(black_box(register.tracker_page(
                    &TrackerQuery {
                        limit: 100,
                        sort,
                        ..TrackerQuery::default()
                    },
                    today,
                )?));
            }
            other => return Err(Error::Internal(format!("no read called {other}"))),
        }
        Ok(())
    };
    // `cold`: the first read after unlocking, nothing of the register in
    // SQLite's page cache yet (as the app's first visit to a screen).
    let once = std::env::var("CASEREVIEW_BENCH_ONCE").ok();
    if once.as_deref() == Some("cold") {
        return run_once(&side);
    }
    let begun = Instant::now();
    side()?;
    println!(
        "{read}: first run {:.2} ms",
        begun.elapsed().as_secs_f64() * 1000.0
    );
    if once.is_some() {
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

/// The audit trail page a read asks for (50 a page, as the screen asks):
/// `audit_page` the first page unfiltered, `audit_page_deep` page 1000,
/// `audit_page_last` the last page, and `audit_page_user`, `audit_page_dates`
/// and `audit_page_record` the first page filtered by the first person, a
/// day, or the newest entry's record.
/// Worked out before the timing, so only `audit_page` itself is timed.
fn audit_query(register: &Register, read: &str) -> Result<AuditQuery> {
    let mut query = AuditQuery {
        page: 1,
        page_size: 50,
        ..AuditQuery::default()
    };
    match read {
        "audit_page" => {}
        "audit_page_deep" => query.page = 1000,
        // Clamped to the last page: the oldest entries.
        "audit_page_last" => query.page = u32::MAX,
        "audit_page_user" => query.user = register.audit_users()?.into_iter().next(),
        // The newest entry's day (a generated register's log is all one
        // day: the day it was generated).
        "audit_page_dates" => {
            let newest = register.audit_page(&query)?;
            query.from = newest.entries.first().map(|e| e.at[..10].to_owned());
            query.to.clone_from(&query.from);
        }
        "audit_page_record" => {
            let newest = register.audit_page(&query)?;
            query.record = newest.entries.first().map(|e| e.entity_id.clone());
        }
        other => return Err(Error::Internal(format!("no read called {other}"))),
    }
    Ok(query)
}

/// Runs `side` once; the only function callgrind collects in.
#[inline(never)]
fn run_once(side: &dyn Fn() -> Result<()>) -> Result<()> {
    side()
}
