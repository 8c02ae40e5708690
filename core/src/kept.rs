//! Answers kept while the register is open, each with the version of the
//! data it was worked out from, and used again until something is written.
//!
//! Some reads cost far more than their answer is worth working out again:
//! on a ten-year register the thematic tracker's totals need every
//! recommendation, action and link read (about 25 ms), the action tracker's
//! order every action's sort key read and sorted (about 10 ms, for each page
//! shown), and the dashboard every case's clocks and every open action
//! (about 30 ms, each time it is shown). Paging, scrolling or coming back
//! then only copies what is kept. A few answers are kept for each read, the
//! last asked for: another question (the tracker filtered differently, or a
//! new day) works its answer out and keeps it with them.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use crate::actions::{TrackerChoices, TrackerOrder, TrackerQuery};
use crate::dashboard::Dashboard;
use crate::error::Result;
use crate::plan_views::{Reminders, ThematicTracker};

/// What the register held when something was worked out from it. Every
/// write appends to the change log, whose last entry's hash stands for the
/// whole history before it (so a file restored or replaced in place is told
/// apart even at the same length); the connection's count of rows changed
/// also catches any write that logged nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataVersion {
    rows_changed: u64,
    last_seq: i64,
    last_hash: Option<String>,
}

impl DataVersion {
    /// The version `conn` holds now: one look at the end of the change log.
    pub(crate) fn of(conn: &Connection) -> Result<Self> {
        let last: Option<(i64, Option<String>)> = conn
            .prepare_cached("SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (last_seq, last_hash) = last.unwrap_or_default();
        Ok(Self {
            rows_changed: conn.total_changes(),
            last_seq,
            last_hash,
        })
    }
}

/// The answers kept for one open register.
#[derive(Debug, Default)]
pub(crate) struct Memories {
    /// The whole thematic tracker (its pages are cut from it).
    pub(crate) thematic: Kept<(), ThematicTracker>,
    /// The action tracker's rows in order, for a query (offset and limit
    /// left out) on a day.
    pub(crate) tracker_order: Kept<(TrackerQuery, NaiveDate), TrackerOrder>,
    /// The action tracker's filter choices.
    pub(crate) tracker_choices: Kept<(), TrackerChoices>,
    /// The dashboard's clocks, on a day.
    pub(crate) dashboard: Kept<NaiveDate, Dashboard>,
    /// The reminders, on a day, with so many actions shown of each.
    pub(crate) reminders: Kept<(NaiveDate, usize), Reminders>,
}

impl Memories {
    /// Forgets every answer kept.
    pub(crate) fn forget(&self) {
        self.thematic.forget();
        self.tracker_order.forget();
        self.tracker_choices.forget();
        self.dashboard.forget();
        self.reminders.forget();
    }
}

/// The answers last worked out for questions `K` (a few: the tracker
/// filtered two ways and back again finds both), all for one version.
#[derive(Debug)]
pub(crate) struct Kept<K, V> {
    /// Behind a lock so that a read, which only reads the register, can be
    /// asked for through `&Register` like every other read.
    kept: Mutex<Answers<K, V>>,
}

/// How many answers each read keeps. The tracker's order is the largest
/// (8 bytes an action: 240 KB on a ten-year register).
const KEEP: usize = 4;

#[derive(Debug)]
struct Answers<K, V> {
    /// The version every answer below was worked out from.
    version: Option<DataVersion>,
    /// The most recently asked for first.
    recent: VecDeque<(K, Arc<V>)>,
}

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Self {
            kept: Mutex::new(Answers {
                version: None,
                recent: VecDeque::new(),
            }),
        }
    }
}

impl<K: PartialEq, V> Kept<K, V> {
    /// The answer kept for `question` at `version`, or the one `work_out`
    /// makes (kept with the others, the least recently asked for going).
    pub(crate) fn get_or(
        &self,
        version: DataVersion,
        question: K,
        work_out: impl FnOnce() -> Result<V>,
    ) -> Result<Arc<V>> {
        // A panic while the lock was held left answers each worked out
        // whole for the version beside them: still right to use.
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.version.as_ref() != Some(&version) {
            kept.recent.clear();
            kept.version = Some(version);
        }
        if let Some(at) = kept.recent.iter().position(|(asked, _)| *asked == question) {
            if let Some(found) = kept.recent.remove(at) {
                let answer = Arc::clone(&found.1);
                kept.recent.push_front(found);
                return Ok(answer);
            }
        }
        let answer = Arc::new(work_out()?);
        kept.recent.push_front((question, Arc::clone(&answer)));
        kept.recent.truncate(KEEP);
        Ok(answer)
    }

    /// Forgets every answer kept.
    pub(crate) fn forget(&self) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.version = None;
        kept.recent.clear();
    }

    /// Whether an answer to `question` is kept for `version`.
    #[cfg(test)]
    pub(crate) fn holds(&self, version: &DataVersion, question: &K) -> bool {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.version.as_ref() == Some(version)
            && kept.recent.iter().any(|(asked, _)| asked == question)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::ActionInput;
    use crate::cases::{CaseInput, Stage};
    use crate::dates::DateInput;
    use crate::error::Error;
    use crate::synthetic::{generated_in_memory, SyntheticSize};
    use crate::Register;

    fn version(seq: i64) -> DataVersion {
        DataVersion {
            rows_changed: 0,
            last_seq: seq,
            last_hash: Some(format!("h{seq}")),
        }
    }

    #[test]
    fn an_answer_is_worked_out_again_for_another_version_or_question_only() {
        let kept: Kept<&str, u32> = Kept::default();
        let mut worked = 0;
        let mut ask = |v: i64, q: &'static str| {
            *kept
                .get_or(version(v), q, || {
                    worked += 1;
                    Ok(worked)
                })
                .expect("answer")
        };
        assert_eq!(ask(1, "a"), 1);
        assert_eq!(ask(1, "a"), 1, "kept");
        assert_eq!(ask(2, "a"), 2, "written since");
        assert_eq!(ask(2, "b"), 3, "another question");
        assert_eq!(ask(2, "a"), 2, "both kept");
        // Three more: "b", asked for least recently, goes; "a" stays.
        assert_eq!(ask(2, "c"), 4);
        assert_eq!(ask(2, "d"), 5);
        assert_eq!(ask(2, "e"), 6);
        assert_eq!(ask(2, "a"), 2, "asked for recently");
        assert_eq!(ask(2, "b"), 7, "the least recently asked for went");
    }

    #[test]
    fn a_forgotten_answer_is_worked_out_again() {
        let kept: Kept<(), u32> = Kept::default();
        kept.get_or(version(1), (), || Ok(7)).expect("answer");
        kept.forget();
        assert!(!kept.holds(&version(1), &()));
        assert_eq!(*kept.get_or(version(1), (), || Ok(8)).expect("answer"), 8);
    }

    #[test]
    fn a_failure_keeps_nothing_and_leaves_the_other_answers() {
        let kept: Kept<&str, u32> = Kept::default();
        kept.get_or(version(1), "a", || Ok(7)).expect("answer");
        let failed = kept.get_or(version(1), "b", || Err(Error::Internal("no".into())));
        assert!(failed.is_err());
        assert!(kept.holds(&version(1), &"a"));
        assert!(!kept.holds(&version(1), &"b"));
        // A new version: nothing older is used again.
        let failed = kept.get_or(version(2), "a", || Err(Error::Internal("no".into())));
        assert!(failed.is_err());
        assert!(!kept.holds(&version(1), &"a"));
    }

    fn day(iso: &str) -> NaiveDate {
        NaiveDate::parse_from_str(iso, "%Y-%m-%d").expect("date")
    }

    fn referred(reg: &Register, today: NaiveDate) -> u32 {
        let board = reg.dashboard(today).expect("dashboard");
        board
            .by_stage
            .iter()
            .find(|s| s.stage == Stage::ReferralReceived)
            .map_or(0, |s| s.count)
    }

    /// The dashboard, the reminders and the tracker's choices, each asked
    /// for twice, then again after a write and on another day: each time
    /// the answer is what the register holds then.
    #[test]
    fn each_read_kept_answers_for_the_register_as_it_is_and_the_day_asked() {
        let mut reg = generated_in_memory(SyntheticSize {
            cases: 20,
            actions_per_case: 3,
            quarters: 4,
            seed: 9,
        });
        let today = day("2026-11-22");
        let version = DataVersion::of(reg.conn()).expect("version");
        let referrals = referred(&reg, today);
        let due_soon = reg.reminders(today, 10).expect("reminders").due_soon.total;
        let choices = reg.tracker_choices().expect("choices");
        assert!(reg.kept.dashboard.holds(&version, &today));
        assert!(reg.kept.reminders.holds(&version, &(today, 10)));
        assert!(reg.kept.tracker_choices.holds(&version, &()));
        assert_eq!(referred(&reg, today), referrals);
        assert_eq!(reg.tracker_choices().expect("choices"), choices);

        reg.create_case(
            &CaseInput {
                code: "Case ZZ".into(),
                kind: "child".into(),
                referred_on: DateInput::from_iso("2026-11-20").expect("iso"),
                referrer: "Police".into(),
                summary: String::new(),
            },
            today,
        )
        .expect("case");
        let answer = reg.list_recommendations().expect("recommendations")[0]
            .id
            .to_string();
        reg.add_action(
            &ActionInput {
                reference: "ZZ 1".into(),
                text: "Due next week".into(),
                lead_agency: "Zz Agency".into(),
                lead_officer: "Officer".into(),
                target: DateInput::from_iso("2026-11-27").expect("iso"),
                agreed: DateInput::from_iso("2026-11-01").expect("iso"),
                answers: vec![answer],
                themes: vec![],
            },
            today,
        )
        .expect("action");
        assert_eq!(referred(&reg, today), referrals + 1);
        assert_eq!(
            reg.reminders(today, 10).expect("reminders").due_soon.total,
            due_soon + 1
        );
        assert!(reg
            .tracker_choices()
            .expect("choices")
            .agencies
            .contains(&"Zz Agency".to_owned()));

        // A month on the new action is overdue, not due soon.
        let later = day("2026-12-28");
        let reminders = reg.reminders(later, 10).expect("reminders");
        assert!(reminders
            .overdue
            .first
            .iter()
            .any(|a| a.reference == "ZZ 1"));
        assert!(!reminders
            .due_soon
            .first
            .iter()
            .any(|a| a.reference == "ZZ 1"));
    }
}
