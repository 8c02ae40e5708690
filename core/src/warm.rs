//! Reading into the app's page cache what the screens after the dashboard
//! read first, once the dashboard is up.
//!
//! SQLCipher decrypts and checks each page as it enters a connection's page
//! cache, so a screen whose pages are there answers in a fraction of the
//! time; and a read whose answer is kept (`kept.rs`) answers at once. On the
//! large register the action tracker's first commands take 40 ms cold and
//! 4 ms once read and kept, the thematic tracker 50 ms and nothing. Right
//! after unlocking, only the dashboard's pages and answers are in; so the
//! window asks, once its dashboard is shown, for the rest to be read while
//! the chair reads it
//! ([`Register::first_warm`]), and the shell takes [`WarmStep::AFTER_DASHBOARD`]
//! one at a time, letting go of the session between steps; and each step
//! gives way, part read, when a command wants the register
//! ([`Register::warm_giving_way`]), so a click meanwhile does not wait for
//! the rest of the step (the thematic tracker's takes 60 ms on the large
//! register). After a manual backup, which reads every page through the
//! app's own connection and so pushes the screens' pages out of its cache,
//! the shell takes [`WarmStep::ALL`].
//!
//! (Each connection has a cache of its own: see `LIBSQLITE3_FLAGS` in
//! `.cargo/config.toml`. Before, the daily backup and the audit trail's
//! chain check, reading the whole register on connections of their own,
//! emptied the app's cache too.)

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::actions::TrackerQuery;
use crate::audit_view::AuditQuery;
use crate::error::Result;
use crate::plan_views::ThematicQuery;
use crate::Register;

/// One read of what a screen shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarmStep {
    /// The dashboard's clocks and stages.
    Dashboard,
    /// The dashboard's reminders (every open action).
    Reminders,
    /// The action tracker's first page, in its first order.
    TrackerPage,
    /// The action tracker's filter choices.
    TrackerChoices,
    /// The thematic tracker, worked out whole.
    Thematic,
    /// The case list.
    Cases,
    /// The audit trail's first page and its list of who made changes.
    Audit,
}

impl WarmStep {
    /// What the screens after the dashboard read first, most visited first.
    /// The tracker's filter choices come after the thematic tracker: the
    /// tracker asks for them only once its rows are painted, while the
    /// thematic tracker (60 ms cold) is its next tab.
    pub const AFTER_DASHBOARD: [WarmStep; 5] = [
        WarmStep::TrackerPage,
        WarmStep::Thematic,
        WarmStep::TrackerChoices,
        WarmStep::Cases,
        WarmStep::Audit,
    ];

    /// The dashboard's reads too.
    pub const ALL: [WarmStep; 7] = [
        WarmStep::Dashboard,
        WarmStep::Reminders,
        WarmStep::TrackerPage,
        WarmStep::Thematic,
        WarmStep::TrackerChoices,
        WarmStep::Cases,
        WarmStep::Audit,
    ];
}

/// How a step taken with [`Register::warm_giving_way`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warmed {
    /// Read whole.
    Done,
    /// Stopped part read, as the register was wanted: to be taken again.
    GaveWay,
}

/// How many of SQLite's virtual machine steps run between two questions of
/// whether to give way: some tens of microseconds' work.
const ASK_EVERY: i32 = 1000;

/// As the tracker screen, the dashboard, the thematic tracker and the audit
/// trail ask for them (`PAGE_SIZE` in `tracker.ts`, `REMINDERS_SHOWN`,
/// `THEMATIC_PAGE` and `PAGE_SIZE` in `audit.ts`, in the UI).
const TRACKER_PAGE: u32 = 100;
const REMINDERS_SHOWN: u32 = 10;
const THEMATIC_PAGE: u32 = 20;
const AUDIT_PAGE: u32 = 50;

impl Register {
    /// True the first time it is asked after unlocking, false after: the
    /// dashboard asks each time it is shown, and the warming is wanted once.
    pub fn first_warm(&self) -> bool {
        !self.warmed.swap(true, Ordering::Relaxed)
    }

    /// Reads what `step` names, as its screen would as of `today`, and
    /// throws the answer away: what stays is SQLite's cache of the pages
    /// read, and the answer kept (`kept.rs`) for the screen to find.
    pub fn warm(&self, step: WarmStep, today: NaiveDate) -> Result<()> {
        match step {
            WarmStep::Dashboard => drop(self.dashboard(today)?),
            WarmStep::Reminders => drop(self.reminders_shown(today, REMINDERS_SHOWN)?),
            WarmStep::TrackerPage => drop(self.tracker_page(
                &TrackerQuery {
                    limit: TRACKER_PAGE,
                    ..TrackerQuery::default()
                },
                today,
            )?),
            WarmStep::TrackerChoices => drop(self.tracker_choices()?),
            WarmStep::Thematic => drop(self.thematic_page(&ThematicQuery {
                offset: 0,
                limit: THEMATIC_PAGE,
            })?),
            WarmStep::Cases => drop(self.list_cases()?),
            // Its first page cold took 19 ms of the first visit; warm, under 1 ms.
            WarmStep::Audit => {
                drop(self.audit_users()?);
                drop(self.audit_page(&AuditQuery {
                    page: 1,
                    page_size: AUDIT_PAGE,
                    ..AuditQuery::default()
                })?);
            }
        }
        Ok(())
    }

    /// [`Register::warm`], stopped as soon as `wanted` says something else
    /// wants the register (a click, in the app). SQLite asks between its
    /// steps, so a step gives way within microseconds of its reading,
    /// besides the work it does between reads (a few milliseconds at most).
    /// What a step read before it stopped stays in the page cache; nothing
    /// part worked out is kept.
    pub fn warm_giving_way(
        &self,
        step: WarmStep,
        today: NaiveDate,
        wanted: impl Fn() -> bool + Send + 'static,
    ) -> Result<Warmed> {
        let gave_way = Arc::new(AtomicBool::new(false));
        let told = Arc::clone(&gave_way);
        self.conn().progress_handler(
            ASK_EVERY,
            Some(move || {
                let stop = wanted();
                if stop {
                    told.store(true, Ordering::Relaxed);
                }
                stop
            }),
        )?;
        let read = self.warm(step, today);
        // Taken off before anything else runs on the connection: a command
        // must never be stopped by it.
        self.conn().progress_handler(0, None::<fn() -> bool>)?;
        if gave_way.load(Ordering::Relaxed) {
            // The step failed as SQLite was told to stop ("interrupted").
            return Ok(Warmed::GaveWay);
        }
        read.map(|()| Warmed::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kept::DataVersion;
    use crate::synthetic::{generated_in_memory, SyntheticSize};

    fn generated() -> Register {
        generated_in_memory(SyntheticSize {
            cases: 30,
            actions_per_case: 4,
            quarters: 6,
            seed: 3,
        })
    }

    #[test]
    fn every_step_reads_without_writing_and_the_thematic_tracker_is_kept() {
        let register = generated();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let before = DataVersion::of(register.conn()).expect("version");
        assert!(!register.kept.thematic.holds(&before, &()));
        for step in WarmStep::ALL {
            register.warm(step, today).expect("warm");
        }
        let after = DataVersion::of(register.conn()).expect("version");
        assert_eq!(before, after, "warming wrote something");
        assert!(register.kept.thematic.holds(&after, &()));
    }

    #[test]
    fn the_steps_after_the_dashboard_are_the_rest_of_all() {
        let rest: Vec<_> = WarmStep::ALL
            .into_iter()
            .filter(|s| !matches!(s, WarmStep::Dashboard | WarmStep::Reminders))
            .collect();
        assert_eq!(rest, WarmStep::AFTER_DASHBOARD);
    }

    #[test]
    fn a_step_gives_way_part_read_and_leaves_the_register_as_it_was() {
        // Big enough for SQLite to ask several times during the step.
        let register = generated_in_memory(SyntheticSize {
            cases: 300,
            actions_per_case: 4,
            quarters: 2,
            seed: 3,
        });
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let asked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Arc::clone(&asked);
        // Wanted from the third question on: part way through its reading.
        let wanted = move || counted.fetch_add(1, Ordering::Relaxed) >= 2;
        let ended = register
            .warm_giving_way(WarmStep::Thematic, today, wanted)
            .expect("gave way, not failed");
        assert_eq!(ended, Warmed::GaveWay);
        assert!(asked.load(Ordering::Relaxed) >= 3, "it was asked part way");
        let version = DataVersion::of(register.conn()).expect("version");
        assert!(
            !register.kept.thematic.holds(&version, &()),
            "nothing part worked out is kept"
        );
        // The question is gone with the step: what runs next is not stopped.
        let thematic = register
            .thematic_page(&ThematicQuery {
                offset: 0,
                limit: THEMATIC_PAGE,
            })
            .expect("a command after the step runs whole");
        assert!(!thematic.rows.is_empty());
    }

    #[test]
    fn a_step_not_wanted_elsewhere_is_read_whole_and_kept() {
        let register = generated();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        for step in WarmStep::ALL {
            let ended = register
                .warm_giving_way(step, today, || false)
                .expect("warm");
            assert_eq!(ended, Warmed::Done, "{step:?}");
        }
        let version = DataVersion::of(register.conn()).expect("version");
        assert!(register.kept.thematic.holds(&version, &()));
    }

    #[test]
    fn warming_is_asked_for_once_after_unlocking() {
        let register = generated();
        assert!(register.first_warm());
        assert!(!register.first_warm());
        assert!(!register.first_warm());
    }
}
