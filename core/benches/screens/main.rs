//! The screens a chair opens, each measured side by side with the same data
//! read by plain SQL on the same encrypted file in the same run: the core's
//! time over raw SQL is the ratio BENCHMARKS.md reports (target: 3× or less).
//!
//! Three ways to run it (see BENCHMARKS.md):
//! - `cargo bench -p casereview-core --bench screens`: criterion, core and raw
//!   as two functions of one group per screen, then a paired run that times
//!   core and raw alternately, pair by pair, and prints the median of the
//!   pairs' ratios. This machine's speed drifts from minute to minute, so
//!   the paired ratio is the one to trust; `bench/criterion-table.py` prints
//!   criterion's medians for comparison.
//! - `CASEREVIEW_BENCH_ONCE=<screen>/<core|raw>`: runs that one side once to
//!   warm up, then once more in `run_once`, for `valgrind --tool=callgrind
//!   --toggle-collect=*run_once*` (`bench/callgrind.sh` does every screen):
//!   instruction counts, which repeat exactly run to run, unlike times here.
//! - `CASEREVIEW_BENCH_SIZE=large`, or `CASEREVIEW_BENCH_DB=<file>`: on the
//!   reference large register instead of the medium one;
//!   `CASEREVIEW_BENCH_SCREENS=a,b` runs only the screens named.
//!
//! The register keeps the dashboard's, the reminders' and the tracker's
//! answers until something is written (`kept.rs`); the core side forgets
//! them before each run, so what is timed is the work, as after a write,
//! not a kept answer being copied.

mod paired;
mod raw;
mod setup;

use std::hint::black_box;
use std::time::Duration;

use casereview_core::actions::{ActionFilter, TrackerQuery, TrackerSortKey};
use casereview_core::clocks::Quarter;
use casereview_core::exports::TrackerOptions;
use criterion::Criterion;

use setup::{today, Fixture};

/// One screen: what the core does to show it, and the raw SQL for its data.
pub struct Screen<'a> {
    pub name: &'static str,
    pub core: Box<dyn Fn() + 'a>,
    pub raw: Box<dyn Fn() + 'a>,
}

fn screen<'a, C, R>(
    name: &'static str,
    core: impl Fn() -> C + 'a,
    raw: impl Fn() -> R + 'a,
) -> Screen<'a> {
    Screen {
        name,
        core: Box::new(move || {
            black_box(core());
        }),
        raw: Box::new(move || {
            black_box(raw());
        }),
    }
}

/// The case with the most steps: the longest case page.
fn longest_case(conn: &rusqlite::Connection) -> String {
    conn.query_row(
        "SELECT case_id FROM case_events GROUP BY case_id ORDER BY count(*) DESC, case_id LIMIT 1",
        [],
        |r| r.get(0),
    )
    .expect("a case with steps")
}

/// The theme most actions carry, for the tracker's filter.
fn busiest_theme(conn: &rusqlite::Connection) -> String {
    conn.query_row(
        "SELECT t.name FROM action_themes x JOIN themes t ON t.id = x.theme_id
         GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 1",
        [],
        |r| r.get(0),
    )
    .expect("a theme in use")
}

/// Runs `side` once; the only function callgrind collects in.
#[inline(never)]
fn run_once(side: &dyn Fn()) {
    side();
}

fn main() {
    let fixture = Fixture::new();
    let register = fixture.register();
    let conn = fixture.raw();
    let case_id = longest_case(&conn);
    let theme = busiest_theme(&conn);
    let iso_today = today().to_string();
    let current = Quarter::containing(today(), 4);
    let filter = ActionFilter {
        overdue: true,
        theme: Some(theme.clone()),
        agency: None,
    };
    // The tracker screen asks for the rows in view in blocks of this many.
    const PAGE: u32 = 100;
    let first_page = TrackerQuery {
        limit: PAGE,
        ..TrackerQuery::default()
    };
    // Every filter that narrows by a stored column or link: overdue, open,
    // the busiest theme, sorted by target date.
    let filtered_page = TrackerQuery {
        theme: theme.clone(),
        status: "open".into(),
        overdue_only: true,
        sort: TrackerSortKey::Target,
        limit: PAGE,
        ..TrackerQuery::default()
    };
    let (register, conn) = (&register, &conn);
    let screens = vec![
        screen(
            "dashboard",
            || {
                register.forget_kept();
                register.dashboard(today()).expect("dashboard")
            },
            || raw::dashboard(conn),
        ),
        screen(
            "reminders",
            || {
                register.forget_kept();
                register.reminders(today(), 10).expect("reminders")
            },
            || raw::reminders(conn, current.year, current.number),
        ),
        screen(
            "case_page",
            || register.case_detail(&case_id, today()).expect("case"),
            || raw::case_page(conn, &case_id),
        ),
        screen(
            "tracker_whole",
            || {
                register
                    .list_actions(&ActionFilter::default(), today())
                    .expect("actions")
            },
            || raw::tracker(conn),
        ),
        screen(
            "tracker_filtered",
            || register.list_actions(&filter, today()).expect("actions"),
            || raw::tracker_filtered(conn, &iso_today, &theme),
        ),
        screen(
            "tracker_first_page",
            || {
                register.forget_kept();
                register
                    .tracker_page(&first_page, today())
                    .expect("first page")
            },
            || raw::tracker_page(conn, "1", "''", &[], PAGE as usize),
        ),
        screen(
            "tracker_page_filtered",
            || {
                register.forget_kept();
                register
                    .tracker_page(&filtered_page, today())
                    .expect("filtered page")
            },
            || {
                raw::tracker_page(
                    conn,
                    "a.status NOT IN ('complete-embedded', 'superseded') AND a.target_date < ?1
                         AND EXISTS (SELECT 1 FROM action_themes x JOIN themes t ON t.id = x.theme_id
                         WHERE x.action_id = a.id AND t.name = ?2)",
                    "a.target_date",
                    &[&iso_today, &theme],
                    PAGE as usize,
                )
            },
        ),
        screen(
            "thematic_tracker",
            || register.thematic_tracker().expect("thematic"),
            || raw::thematic(conn),
        ),
        screen(
            "export_rows",
            || {
                register
                    .tracker(&TrackerOptions::default(), today())
                    .expect("tracker")
            },
            || raw::export_rows(conn),
        ),
    ];

    // CASEREVIEW_BENCH_SCREENS=a,b: only these screens (criterion and paired).
    let screens: Vec<Screen<'_>> = match std::env::var("CASEREVIEW_BENCH_SCREENS") {
        Ok(names) => screens
            .into_iter()
            .filter(|s| names.split(',').any(|n| n.trim() == s.name))
            .collect(),
        Err(_) => screens,
    };

    if let Ok(which) = std::env::var("CASEREVIEW_BENCH_ONCE") {
        let (name, side) = which
            .split_once('/')
            .expect("CASEREVIEW_BENCH_ONCE=<screen>/<core|raw>");
        let chosen = screens
            .iter()
            .find(|s| s.name == name)
            .expect("a screen of that name");
        let side: &dyn Fn() = if side == "raw" {
            &*chosen.raw
        } else {
            &*chosen.core
        };
        // Once to warm the page cache, as on a screen opened before; then
        // the run callgrind counts.
        side();
        run_once(side);
        return;
    }

    // Few samples over a short time: two cores shared with other builds, and
    // some screens take a good part of a second on a large register.
    let mut criterion = Criterion::default()
        .sample_size(15)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    for s in &screens {
        let mut group = criterion.benchmark_group(s.name);
        group.bench_function("core", |b| b.iter(|| (s.core)()));
        group.bench_function("raw", |b| b.iter(|| (s.raw)()));
        group.finish();
    }
    criterion.final_summary();
    paired::report(&screens);
}
