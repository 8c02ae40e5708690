//! A synthetic register at scale, for benchmarks and load tests: thousands of
//! cases at every stage of the journey, their recommendations and actions,
//! and years of quarterly reviews, made from a seed so the same seed (and the
//! same "today") gives the same register apart from ids and time stamps. It is
//! not the demo data, but it is just as fictional: it goes only into an empty
//! register, which is then marked as demo *and* synthetic for good, every case
//! is flagged fictional and every summary starts "Synthetic.".
//!
//! How it is written, and why. Everything but a few parallel proceedings goes
//! in one transaction, so a failure leaves the register empty. Cases, journey
//! steps, sources, recommendations, actions and target revisions go through
//! the core's own per-record functions (the journey's state machine, the
//! forms' checks, the change log): about 100,000 records at the reference
//! "large" size. Quarterly reviews cannot: `update_quarter` re-reads its whole
//! quarter on every call, so 300,000 updates would be quadratic (hours). They
//! go through a bulk path here instead, which still gives every review and
//! update a UUIDv7 id, time stamps and a change-log entry, and checks every
//! update under the actions' rules (`rules::check`) as panel mode would. The
//! one shortcut: an action's row is changed once, to where its last update
//! left it, rather than once per quarter, so the change log holds one action
//! change per action, not one per update (the updates themselves are all
//! logged). Quarterly reviews are written oldest first and signed off, except
//! the current quarter, which stays open with about two thirds reviewed. The
//! whole large register takes about 25 s on the benchmark machine
//! (BENCHMARKS.md). The proceedings are added afterwards through the
//! register's own method, each in its own write.

mod journeys;
mod plans;
mod vocabulary;
mod write;

use chrono::{Days, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::change_log::Action as Logged;
use crate::clocks::Quarter;
use crate::dates::DateInput;
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::reviews::ProceedingInput;

use journeys::PlannedCase;
use plans::{PlannedAction, PlannedRecommendation, PlannedSource};

/// The seeded generator: ChaCha8 gives the same numbers for the same seed on
/// every platform, which a general-purpose generator does not promise.
type Seeded = ChaCha8Rng;

/// Most cases a synthetic register may have: over fifteen times the
/// reference "large" register, and still minutes to write.
pub const MAX_CASES: u32 = 50_000;
/// Most actions per case.
pub const MAX_ACTIONS_PER_CASE: u32 = 50;
/// Most quarters of reviews: twenty years.
pub const MAX_QUARTERS: u32 = 80;
/// Most actions in all, whatever the mix of cases and actions per case.
pub const MAX_ACTIONS: u64 = 500_000;

/// How big a synthetic register to make, and from which seed. (Not sent to
/// the web view: generating is for the command line and benchmarks.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntheticSize {
    pub cases: u32,
    /// Actions in all are `cases × actions_per_case`; each answers
    /// recommendations from the cases' reviews or from national reports.
    pub actions_per_case: u32,
    /// Quarterly reviews, the latest being the current quarter (open).
    pub quarters: u32,
    pub seed: u64,
}

impl SyntheticSize {
    /// The reference "large" register: a partnership ten years in.
    pub const LARGE: Self = Self {
        cases: 3_000,
        actions_per_case: 10,
        quarters: 40,
        seed: 7,
    };
    /// A tenth of "large" over the same ten years, for benchmarks that run often.
    pub const MEDIUM: Self = Self {
        cases: 300,
        actions_per_case: 10,
        quarters: 40,
        seed: 7,
    };

    /// Refuses sizes that are empty or absurd, naming each field and its limits.
    pub fn check(&self) -> Result<()> {
        let mut errors = Vec::new();
        if !(1..=MAX_CASES).contains(&self.cases) {
            errors.push(FieldError::new(
                "cases",
                format!(
                    "Cases must be from 1 to {MAX_CASES} (not {}); the reference large register has 3000",
                    self.cases
                ),
            ));
        }
        if !(1..=MAX_ACTIONS_PER_CASE).contains(&self.actions_per_case) {
            errors.push(FieldError::new(
                "actions_per_case",
                format!(
                    "Actions per case must be from 1 to {MAX_ACTIONS_PER_CASE} (not {})",
                    self.actions_per_case
                ),
            ));
        } else if u64::from(self.cases) * u64::from(self.actions_per_case) > MAX_ACTIONS {
            errors.push(FieldError::new(
                "actions_per_case",
                format!(
                    "That would be {} actions; at most {MAX_ACTIONS} can be generated",
                    u64::from(self.cases) * u64::from(self.actions_per_case)
                ),
            ));
        }
        if !(1..=MAX_QUARTERS).contains(&self.quarters) {
            errors.push(FieldError::new(
                "quarters",
                format!(
                    "Quarters must be from 1 to {MAX_QUARTERS} (twenty years), not {}",
                    self.quarters
                ),
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyntheticReport {
    pub cases: usize,
    pub sources: usize,
    pub recommendations: usize,
    pub actions: usize,
    pub quarter_reviews: usize,
    /// Updates recorded in quarterly reviews (the current quarter's
    /// not-yet-reviewed actions are not counted).
    pub quarter_updates: usize,
    /// Parallel proceedings holding a publication back.
    pub proceedings: usize,
    pub seed: u64,
}

/// Everything to write, decided before anything is written.
struct Plan {
    /// Oldest first; the last is the quarter containing today.
    quarters: Vec<Quarter>,
    cases: Vec<PlannedCase>,
    sources: Vec<PlannedSource>,
    recommendations: Vec<PlannedRecommendation>,
    actions: Vec<PlannedAction>,
}

/// The register's setting that marks it synthetic, with what made it.
const META_SYNTHETIC: &str = "synthetic";

impl Register {
    /// Whether this register was filled by [`generate`].
    pub fn is_synthetic(&self) -> Result<bool> {
        let found: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [META_SYNTHETIC],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }
}

/// Fills an empty register with a synthetic one of `size`, its dates running
/// up to `today`. Refused, with nothing written, for a bad size or a register
/// that holds anything already.
pub fn generate(
    register: &mut Register,
    size: &SyntheticSize,
    today: NaiveDate,
) -> Result<SyntheticReport> {
    size.check()?;
    ensure_empty(register)?;
    let year_start = register.clock_settings()?.year_start_month;
    let plan = plan(size, today, year_start);
    let (mut report, case_ids) = register.write(|w| {
        Register::mark_demo(w)?;
        let marker = serde_json::json!({ "seed": size.seed, "cases": size.cases,
            "actions_per_case": size.actions_per_case, "quarters": size.quarters, "today": today });
        w.tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            (META_SYNTHETIC, marker.to_string()),
        )?;
        w.log(
            "register",
            META_SYNTHETIC,
            Logged::Update,
            None,
            Some(&marker),
        )?;
        write::write(w, &plan, today)
    })?;
    // Proceedings are few; the register's own method records them, each in
    // its own write, once the cases they belong to are committed.
    for (case, id) in plan.cases.iter().zip(&case_ids) {
        if let Some((kind, started, reason)) = case.proceeding {
            let input = ProceedingInput {
                kind: kind.to_owned(),
                started: DateInput::from_date(started),
                ended: DateInput::default(),
                holds_publication: true,
                reason: reason.to_owned(),
            };
            register.add_proceeding(&id.to_string(), &input, today)?;
            report.proceedings += 1;
        }
    }
    report.seed = size.seed;
    tracing::info!(
        cases = report.cases,
        actions = report.actions,
        quarter_updates = report.quarter_updates,
        "synthetic register generated"
    );
    Ok(report)
}

/// Refuses a register holding any record or marked demo, so generated and
/// real records never mix.
fn ensure_empty(register: &Register) -> Result<()> {
    let held: i64 = register.conn().query_row(
        "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM sources)
              + (SELECT count(*) FROM recommendations) + (SELECT count(*) FROM actions)
              + (SELECT count(*) FROM quarter_reviews) + (SELECT count(*) FROM panel_meetings)",
        [],
        |r| r.get(0),
    )?;
    if held > 0 || register.is_demo()? {
        return Err(Error::NotEmpty(format!(
            "A synthetic register can only be generated into an empty register, so generated records never mix with real ones; this one already holds {held} record(s){}. Create a new register for it.",
            if register.is_demo()? { " and demo data" } else { "" }
        )));
    }
    Ok(())
}

/// The whole register as data: a pure function of the size, the seed,
/// `today` and the reporting year's first month.
fn plan(size: &SyntheticSize, today: NaiveDate, year_start: u32) -> Plan {
    let mut rng = Seeded::seed_from_u64(size.seed);
    let quarters = quarters(today, size.quarters as usize, year_start);
    let first_day = quarters.first().map_or(today, |q| q.first_day());
    // Cases from a year before the first quarter, so its review already has
    // plans to look at.
    let earliest = first_day
        .checked_sub_days(Days::new(365))
        .unwrap_or(first_day);
    let cases: Vec<PlannedCase> = (0..size.cases as usize)
        .map(|i| journeys::plan_case(&mut rng, i, earliest, today))
        .collect();
    let sources = plans::plan_sources(&mut rng, earliest, today);
    let recommendations = plans::plan_recommendations(&mut rng, &cases, &sources, today);
    let total = size.cases as usize * size.actions_per_case as usize;
    let actions = plans::plan_actions(&mut rng, &recommendations, &quarters, total, today);
    Plan {
        quarters,
        cases,
        sources,
        recommendations,
        actions,
    }
}

/// `count` quarters ending with the one containing `today`, oldest first.
fn quarters(today: NaiveDate, count: usize, year_start: u32) -> Vec<Quarter> {
    let mut quarter = Quarter::containing(today, year_start);
    let mut out = vec![quarter];
    while out.len() < count {
        let Some(before) = quarter.first_day().pred_opt() else {
            break;
        };
        quarter = Quarter::containing(before, year_start);
        out.push(quarter);
    }
    out.reverse();
    out
}

/// One of `items` (never empty: they are the vocabulary's constant lists).
fn pick<T: Copy>(rng: &mut Seeded, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// `days` after `date` (before, when negative).
fn after(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(date)
}

/// A register in memory, by "Benchmark", generated at `size` as of 22
/// November 2026 (the day the benchmarks' large register is generated
/// for): where the tests comparing a quick read with a plain one start.
#[cfg(test)]
pub(crate) fn generated_in_memory(size: SyntheticSize) -> Register {
    let mut register = Register::in_memory("Benchmark").expect("register");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    generate(&mut register, &size, today).expect("generated");
    register
}

#[cfg(test)]
mod tests;
