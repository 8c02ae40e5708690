//! The first screen after unlocking: what needs attention now. Clocks due in
//! the next ten working days, overdue ones, Rapid Reviews in flight, reviews
//! past their publication target (with the reason recorded), cases by stage.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::cases::Stage;
use crate::clocks::{DeadlineState, Rule};
use crate::error::Result;
use crate::events::CaseDeadline;
use crate::register::Register;

/// How far ahead "due soon" looks, in working days.
pub const DUE_SOON_WORKING_DAYS: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    /// Clocks due within the next ten working days, soonest first.
    pub due_soon: Vec<CaseDeadline>,
    /// Clocks past their due date and not yet met, most overdue first.
    pub overdue: Vec<CaseDeadline>,
    /// Rapid Reviews not yet sent to the National Panel, with their clocks.
    pub rapid_reviews: Vec<CaseDeadline>,
    /// LCSPRs not published, and SARs not completed, by their target date.
    pub past_target: Vec<PastTarget>,
    /// Every stage with its number of cases (stages with none included).
    pub by_stage: Vec<StageCount>,
}

/// A review past its publication or completion target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PastTarget {
    #[serde(flatten)]
    pub deadline: CaseDeadline,
    /// Why it is late, where recorded (for example parallel criminal proceedings).
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StageCount {
    pub stage: Stage,
    pub label: String,
    pub count: u32,
}

impl Register {
    /// The dashboard as of `today`.
    pub fn dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        // One read of the cases for the clocks and the counts by stage.
        let cases = self.list_cases()?;
        let open = self.open_deadlines_of(&cases, today)?;
        let state = |d: &CaseDeadline| d.deadline.state;
        let due_soon = open
            .iter()
            .filter(|d| state(d) == DeadlineState::Due)
            .filter(|d| {
                d.deadline
                    .working_days_left
                    .is_some_and(|left| left <= DUE_SOON_WORKING_DAYS)
            })
            .cloned()
            .collect();
        let mut overdue: Vec<CaseDeadline> = open
            .iter()
            .filter(|d| state(d) == DeadlineState::Overdue)
            .cloned()
            .collect();
        overdue.sort_by_key(|d| std::cmp::Reverse(d.deadline.working_days_late));
        let rapid_reviews = open
            .iter()
            .filter(|d| d.deadline.rule == Rule::RapidReview)
            .cloned()
            .collect();
        let past_target = open
            .iter()
            .filter(|d| state(d) == DeadlineState::Overdue)
            .filter(|d| matches!(d.deadline.rule, Rule::CsprPublication | Rule::Sar))
            .map(|d| {
                Ok(PastTarget {
                    reason: self.publication_delay_reason(&d.case_id.to_string())?,
                    deadline: d.clone(),
                })
            })
            .collect::<Result<_>>()?;
        let by_stage = Stage::ALL
            .into_iter()
            .map(|stage| StageCount {
                stage,
                label: stage.label().to_owned(),
                count: cases.iter().filter(|c| c.stage == stage).count() as u32,
            })
            .collect();
        Ok(Dashboard {
            due_soon,
            overdue,
            rapid_reviews,
            past_target,
            by_stage,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_register_fills_every_panel() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut reg = Register::in_memory("Chair").expect("register");
        crate::demo::load(&mut reg, today).expect("demo");
        let board = reg.dashboard(today).expect("dashboard");
        assert!(
            !board.due_soon.is_empty(),
            "Child Q's SIN and Child S's Rapid Review are due"
        );
        assert!(!board.overdue.is_empty());
        assert!(board.rapid_reviews.iter().any(|d| d.case_code == "Child S"));
        assert!(board
            .past_target
            .iter()
            .any(|p| p.deadline.case_code == "Child V"));
        assert_eq!(board.by_stage.len(), Stage::ALL.len());
        assert_eq!(board.by_stage.iter().map(|s| s.count).sum::<u32>(), 12);
        let late = board
            .overdue
            .iter()
            .map(|d| d.deadline.working_days_late)
            .collect::<Vec<_>>();
        assert!(
            late.windows(2).all(|w| w[0] >= w[1]),
            "most overdue first: {late:?}"
        );
    }
}
