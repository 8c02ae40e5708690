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
use crate::kept::DataVersion;
use crate::register::Register;

mod open_clocks;

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
    /// The dashboard as of `today`, kept until something is written or the
    /// day changes (`kept.rs`).
    pub fn dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        let board = self
            .kept
            .dashboard
            .get_or(DataVersion::of(self.conn())?, today, || {
                self.work_out_dashboard(today)
            })?;
        Ok((*board).clone())
    }

    fn work_out_dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        let (stages, open) = open_clocks::read(self, today)?;
        // Every reason in one query, only when some review is past its target.
        let mut reasons = None;
        assemble(&stages, &open, |d| {
            let reasons = match &mut reasons {
                Some(reasons) => reasons,
                None => reasons.insert(self.publication_delay_reasons()?),
            };
            Ok(reasons.get(&d.case_id.to_string()).cloned())
        })
    }
}

/// The dashboard's panels from every case's stage and every open clock
/// (soonest first), with `reason` saying why a review is past its target.
fn assemble(
    stages: &[Stage],
    open: &[CaseDeadline],
    mut reason: impl FnMut(&CaseDeadline) -> Result<Option<String>>,
) -> Result<Dashboard> {
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
                reason: reason(d)?,
                deadline: d.clone(),
            })
        })
        .collect::<Result<_>>()?;
    let by_stage = Stage::ALL
        .into_iter()
        .map(|stage| StageCount {
            stage,
            label: stage.label().to_owned(),
            count: stages.iter().filter(|s| **s == stage).count() as u32,
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

#[cfg(test)]
mod tests;
