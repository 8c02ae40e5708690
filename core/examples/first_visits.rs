//! Issue 7 measured: the commands each screen asks for on its first visit
//! after unlocking, timed one by one in the order `bench/every-screen.py`
//! visits the screens, then once more as returns. No window and no IPC: what
//! is left is the core's share, and whether it is paid on the first visit
//! (pages SQLite has not yet read and decrypted since unlocking, memories
//! not yet filled) or on every visit.
//!
//! With `WARM=1` the shell's warming after the dashboard (`warm.rs`) is
//! taken after "unlock", as in the app; without it, every screen's first
//! visit reads its pages cold.
//!
//! Usage (on a COPY of a register: opening it takes its lock file):
//! `CASEREVIEW_PASSPHRASE=... cargo run --release -p casereview-core
//! --example first_visits -- <register copy>` [WARM=1]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use casereview_core::actions::TrackerQuery;
use casereview_core::audit_view::AuditQuery;
use casereview_core::plan_views::ThematicQuery;
use casereview_core::warm::WarmStep;
use casereview_core::{Error, Register, Result};
use chrono::NaiveDate;

/// A command as a screen calls it.
type Command = fn(&Register, NaiveDate) -> Result<()>;

/// The reminders the dashboard shows of each kind (`REMINDERS_SHOWN` in the UI).
const REMINDERS_SHOWN: u32 = 10;

fn dashboard(r: &Register, today: NaiveDate) -> Result<()> {
    drop(black_box(r.dashboard(today)?));
    Ok(())
}

fn reminders(r: &Register, today: NaiveDate) -> Result<()> {
    drop(black_box(r.reminders_shown(today, REMINDERS_SHOWN)?));
    Ok(())
}

fn tracker_page(r: &Register, today: NaiveDate) -> Result<()> {
    let query = TrackerQuery {
        limit: 100,
        ..TrackerQuery::default()
    };
    drop(black_box(r.tracker_page(&query, today)?));
    Ok(())
}

fn tracker_choices(r: &Register, _: NaiveDate) -> Result<()> {
    drop(black_box(r.tracker_choices()?));
    Ok(())
}

fn quarter_choices(r: &Register, today: NaiveDate) -> Result<()> {
    drop(black_box(r.quarter_choices(today)?));
    Ok(())
}

fn list_themes(r: &Register, _: NaiveDate) -> Result<()> {
    drop(black_box(r.list_themes()?));
    Ok(())
}

fn recommendation_sources(r: &Register, _: NaiveDate) -> Result<()> {
    drop(black_box(r.recommendation_sources()?));
    Ok(())
}

fn thematic_page(r: &Register, _: NaiveDate) -> Result<()> {
    let query = ThematicQuery {
        offset: 0,
        limit: 20,
    };
    drop(black_box(r.thematic_page(&query)?));
    Ok(())
}

fn audit_users(r: &Register, _: NaiveDate) -> Result<()> {
    drop(black_box(r.audit_users()?));
    Ok(())
}

fn audit_page(r: &Register, _: NaiveDate) -> Result<()> {
    let query = AuditQuery {
        page: 1,
        page_size: 50,
        ..AuditQuery::default()
    };
    drop(black_box(r.audit_page(&query)?));
    Ok(())
}

/// The whole chain walked on a connection of its own, as the shell runs it.
fn audit_chain(r: &Register, _: NaiveDate) -> Result<()> {
    drop(black_box(r.audit_check()?.run()?));
    Ok(())
}

fn list_cases(r: &Register, _: NaiveDate) -> Result<()> {
    drop(black_box(r.list_cases()?));
    Ok(())
}

/// The warming the shell starts once the dashboard is shown.
const WARMING: &str = "warming (background)";

/// The screens in the order the window benchmark visits them, each with the
/// commands it asks for ("unlock" is the dashboard shown on unlocking).
const SCREENS: &[(&str, &[(&str, Command)])] = &[
    (
        "unlock",
        &[("dashboard", dashboard), ("reminders", reminders)],
    ),
    // Its steps are `WarmStep::AFTER_DASHBOARD`, timed one by one (`main`).
    (WARMING, &[]),
    ("cases", &[("list_cases", list_cases)]),
    (
        "actions",
        &[
            ("tracker_page", tracker_page),
            ("tracker_choices", tracker_choices),
            ("quarter_choices", quarter_choices),
            ("list_themes", list_themes),
            ("recommendation_sources", recommendation_sources),
        ],
    ),
    ("thematic", &[("thematic_page", thematic_page)]),
    (
        "audit",
        &[
            ("audit_users", audit_users),
            ("audit_page", audit_page),
            ("audit_chain", audit_chain),
        ],
    ),
    (
        "dashboard",
        &[("dashboard", dashboard), ("reminders", reminders)],
    ),
    ("actions again", &[("tracker_page", tracker_page)]),
];

/// The commands of one screen, each timed, and their sum.
#[derive(Default)]
struct Timed {
    line: Vec<String>,
    total: f64,
}

impl Timed {
    fn run(&mut self, name: &str, command: impl FnOnce() -> Result<()>) -> Result<()> {
        let begun = Instant::now();
        command()?;
        let ms = begun.elapsed().as_secs_f64() * 1000.0;
        self.total += ms;
        self.line.push(format!("{name} {ms:.1}"));
        Ok(())
    }
}

fn main() -> Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: first_visits <register copy>");
        std::process::exit(2);
    };
    let passphrase = std::env::var("CASEREVIEW_PASSPHRASE").unwrap_or_default();
    let register = Register::open(&PathBuf::from(path), &passphrase)?;
    // "Today" as bench/large.sh generates the large register with.
    let today = NaiveDate::from_ymd_opt(2026, 11, 22)
        .ok_or_else(|| Error::Internal("not a date".into()))?;
    let warming = std::env::var_os("WARM").is_some_and(|w| w == "1");
    for round in ["first visit", "return"] {
        println!("{round}:");
        for (screen, commands) in SCREENS {
            let mut timed = Timed::default();
            if *screen == WARMING {
                if !(warming && round == "first visit") {
                    continue;
                }
                // A step at a time, as the shell takes them: how long each
                // one runs is how long it holds the session.
                for step in WarmStep::AFTER_DASHBOARD {
                    timed.run(&format!("{step:?}"), || register.warm(step, today))?;
                }
            }
            for (name, command) in *commands {
                timed.run(name, || command(&register, today))?;
            }
            println!(
                "  {screen}: {:.1} ms ({})",
                timed.total,
                timed.line.join(", ")
            );
        }
    }
    Ok(())
}
