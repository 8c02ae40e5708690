//! The board report for a period: headline figures, the actions the board
//! must discuss (Red, Amber or overdue), escalations with their reasons, the
//! decisions taken on cases in the period, and reviews past their target with
//! the reason for the delay. Journey figures are as at the period's end (or
//! today, if sooner); the action plans are as they stand today.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::counts::{ActionCounts, KindCounts};
use super::history::{review_types_label, CaseHistory};
use super::period::Period;
use crate::actions::Rag;
use crate::cases::CaseKind;
use crate::clocks::Quarter;
use crate::error::Result;
use crate::exports::{TrackerOptions, TrackerRow, MARKING};
use crate::journey::{PanelView, ReviewType, ScreenOutcome, Step};
use crate::register::Register;

/// The board report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BoardReport {
    /// Always "OFFICIAL-SENSITIVE".
    pub marking: String,
    pub period: Period,
    /// "1 April 2025 to 30 September 2025".
    pub period_label: String,
    /// The date the journey figures stand at: the period's end, or the day
    /// the report was produced if that is sooner.
    #[ts(type = "string")]
    pub as_at: NaiveDate,
    #[ts(type = "string")]
    pub produced_on: NaiveDate,
    pub produced_by: String,
    /// The register holds fictional demo data, and the report says so.
    pub demo: bool,
    pub headline: BoardHeadline,
    /// "Current position on 1 October 2025": when the action figures stand.
    pub actions_basis: String,
    /// Actions rated Red or Amber, or overdue.
    pub exceptions: Vec<ExceptionAction>,
    /// Escalations recorded in the quarters overlapping the period.
    pub escalations: Vec<Escalation>,
    /// Decisions and milestones on cases in the period, oldest first.
    pub decisions: Vec<CaseDecision>,
    /// Reviews past their publication or completion target at `as_at`.
    pub past_target: Vec<LateReview>,
}

/// The figures the board reads first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BoardHeadline {
    /// Referrals received in the period.
    pub referrals: KindCounts,
    pub rapid_reviews_held: u32,
    /// Referrals screened in the period as not meeting the criteria.
    pub not_meeting_criteria: u32,
    /// Decisions in the period to undertake a review (including a local
    /// learning review of a referral outside the criteria).
    pub decisions_to_review: u32,
    /// Decisions in the period that no further review is needed.
    pub decisions_no_review: u32,
    pub reviews_commissioned: u32,
    /// Final reports received in the period.
    pub reviews_completed: u32,
    pub reviews_published: u32,
    /// Reviews decided and not yet published (or decided not to be) at `as_at`.
    pub reviews_in_progress: u32,
    pub reviews_past_target: u32,
    pub actions: ActionCounts,
}

/// An action the board must discuss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExceptionAction {
    pub reviews: Vec<String>,
    pub reference: String,
    pub text: String,
    pub lead_agency: String,
    pub lead_officer: String,
    /// The target now (revised, if it has moved).
    #[ts(type = "string")]
    pub target_date: NaiveDate,
    pub target_revised: bool,
    pub status_label: String,
    pub rag: Option<Rag>,
    pub overdue: bool,
    /// "2025/26-Q1: …", the latest quarter's progress note.
    pub latest_update: Option<String>,
}

/// An action escalated to the Executive Board, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Escalation {
    /// "Q4 2024/25 (January to March 2025)".
    pub quarter: String,
    pub reference: String,
    pub reviews: Vec<String>,
    pub lead_agency: String,
    pub rag: Option<Rag>,
    pub reason: String,
}

/// What a decision in the period was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum DecisionKind {
    /// Whether a referral meets the criteria for a Rapid Review.
    Screening,
    /// The decision after a Rapid Review, and the National Panel's view.
    RapidReviewOutcome,
    ReviewCommissioned,
    /// Final reports received, published, or not published.
    Publication,
}

/// One decision or milestone on one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseDecision {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub case_code: String,
    pub kind: CaseKind,
    pub category: DecisionKind,
    /// "Did not meet the criteria for a Rapid Review", "LCSPR commissioned".
    pub decision: String,
}

/// A review past its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LateReview {
    pub case_code: String,
    pub kind: CaseKind,
    /// "LCSPR", "SAR (mandatory)".
    pub review: String,
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    /// "LCSPR publication target".
    pub target: String,
    #[ts(type = "string")]
    pub due: NaiveDate,
    #[ts(type = "number")]
    pub working_days_late: i64,
    /// "Final report received; awaiting publication".
    pub stage: String,
    /// The proceedings holding publication back, if recorded.
    pub reason: Option<String>,
}

impl Register {
    /// The board report for `period`, produced on `today`.
    pub fn board_report(&self, period: &Period, today: NaiveDate) -> Result<BoardReport> {
        let as_at = period.to.min(today);
        let settings = self.clock_settings()?;
        let calendar = settings.calendar();
        let mut headline = BoardHeadline::default();
        let mut decisions = Vec::new();
        let mut past_target = Vec::new();
        for case in self.case_histories()? {
            if period.contains(case.referred_on) {
                headline.referrals.add(case.kind);
            }
            count_steps(&case, period, &mut headline, &mut decisions);
            let Some(review) = case.review() else {
                continue;
            };
            if review.open_on(as_at) {
                headline.reviews_in_progress += 1;
            }
            if let Some(clock) = review.overdue_on(as_at, &settings, &calendar) {
                past_target.push(LateReview {
                    case_code: case.code.clone(),
                    kind: case.kind,
                    review: review_types_label(&review.types),
                    decided_on: review.started,
                    target: clock.label.clone(),
                    due: clock.due,
                    working_days_late: clock.working_days_late.unwrap_or(0),
                    stage: review.stage_on(as_at).to_owned(),
                    reason: case.delay_reason_on(as_at),
                });
            }
        }
        headline.reviews_past_target = past_target.len() as u32;
        decisions.sort_by(|a: &CaseDecision, b| {
            (a.date, a.case_code.to_lowercase()).cmp(&(b.date, b.case_code.to_lowercase()))
        });
        past_target.sort_by_key(|l| l.due);

        // The report lists escalations with their reasons (read here, shown
        // as the board report shows them), so the tracker keeps them.
        let everything = TrackerOptions {
            include_sensitive: true,
            ..TrackerOptions::default()
        };
        let tracker = self.tracker(&everything, today)?;
        headline.actions = ActionCounts::from(&tracker.summary.all);
        let exceptions = tracker
            .rows
            .iter()
            .filter(|r| r.overdue || matches!(r.rag, Some(Rag::Red | Rag::Amber)))
            .map(exception)
            .collect();
        Ok(BoardReport {
            marking: MARKING.to_owned(),
            period: *period,
            period_label: period.label(),
            as_at,
            produced_on: today,
            produced_by: self.who().to_owned(),
            demo: self.is_demo()?,
            headline,
            actions_basis: tracker.basis.clone(),
            exceptions,
            escalations: self.escalations(period)?,
            decisions,
            past_target,
        })
    }

    /// Escalations decided in the quarter reviews that overlap `period`,
    /// oldest quarter first.
    fn escalations(&self, period: &Period) -> Result<Vec<Escalation>> {
        let start = self.clock_settings()?.year_start_month;
        let reviews_of: HashMap<Uuid, Vec<String>> = self
            .actions_without_themes()?
            .into_iter()
            .map(|a| {
                let mut codes: Vec<String> =
                    a.answers.iter().map(|x| x.source_code.clone()).collect();
                codes.dedup();
                (a.id, codes)
            })
            .collect();
        let mut escalations = Vec::new();
        for review in self.list_quarter_reviews()?.iter().rev() {
            // Quarter codes are read under today's reporting-year setting,
            // which partnerships set once.
            let overlaps = Quarter::parse_code(&review.code, start)
                .is_some_and(|q| q.first_day() <= period.to && period.from <= q.last_day());
            if !overlaps {
                continue;
            }
            for update in review.updates.iter().filter(|u| u.escalate) {
                escalations.push(Escalation {
                    quarter: review.label.clone(),
                    reference: update.reference.clone(),
                    reviews: reviews_of
                        .get(&update.action_id)
                        .cloned()
                        .unwrap_or_default(),
                    lead_agency: update.lead_agency.clone(),
                    rag: update.rag,
                    reason: update.escalation_reason.clone(),
                });
            }
        }
        Ok(escalations)
    }
}

/// Adds the case's steps in `period` to the headline figures and the decisions.
fn count_steps(
    case: &CaseHistory,
    period: &Period,
    headline: &mut BoardHeadline,
    decisions: &mut Vec<CaseDecision>,
) {
    let types = case
        .review()
        .map(|r| review_types_label(&r.types))
        .unwrap_or_else(|| "Review".to_owned());
    for (step, on) in case.steps_in(period) {
        let (category, decision) = match step {
            Step::Screen(outcome) => {
                let text = match outcome {
                    ScreenOutcome::NotMet => {
                        headline.not_meeting_criteria += 1;
                        "Did not meet the criteria for a Rapid Review"
                    }
                    ScreenOutcome::LearningReview => {
                        headline.decisions_to_review += 1;
                        "Outside the criteria; a local learning review"
                    }
                    ScreenOutcome::RapidReview => "Met the criteria for a Rapid Review",
                };
                (DecisionKind::Screening, text.to_owned())
            }
            Step::RrMeeting => {
                headline.rapid_reviews_held += 1;
                continue;
            }
            Step::PanelResponse(view) => (
                DecisionKind::RapidReviewOutcome,
                match view {
                    PanelView::Agrees => "The National Panel agreed with the Rapid Review",
                    PanelView::Disagrees => "The National Panel disagreed with the Rapid Review",
                }
                .to_owned(),
            ),
            Step::Decide(chosen) if chosen.contains(&ReviewType::NoReview) => {
                headline.decisions_no_review += 1;
                (
                    DecisionKind::RapidReviewOutcome,
                    "No further review: the learning was captured at the Rapid Review".to_owned(),
                )
            }
            Step::Decide(chosen) => {
                headline.decisions_to_review += 1;
                (
                    DecisionKind::RapidReviewOutcome,
                    format!("{} to be undertaken", review_types_label(chosen)),
                )
            }
            Step::ReviewCommissioned => {
                headline.reviews_commissioned += 1;
                (
                    DecisionKind::ReviewCommissioned,
                    format!("{types} commissioned"),
                )
            }
            Step::FinalReport => {
                headline.reviews_completed += 1;
                (
                    DecisionKind::Publication,
                    "Final report received".to_owned(),
                )
            }
            Step::Published => {
                headline.reviews_published += 1;
                (DecisionKind::Publication, "Report published".to_owned())
            }
            Step::NotPublished => (
                DecisionKind::Publication,
                "Decided not to publish; the learning is shared".to_owned(),
            ),
            _ => continue,
        };
        decisions.push(CaseDecision {
            date: on,
            case_code: case.code.clone(),
            kind: case.kind,
            category,
            decision,
        });
    }
}

fn exception(row: &TrackerRow) -> ExceptionAction {
    ExceptionAction {
        reviews: row.reviews.clone(),
        reference: row.action_reference.clone(),
        text: row.action.clone(),
        lead_agency: row.lead_agency.clone(),
        lead_officer: row.lead_officer.clone(),
        target_date: row.revised_target_date.unwrap_or(row.target_date),
        target_revised: row.revised_target_date.is_some(),
        status_label: row.status_label.clone(),
        rag: row.rag,
        overdue: row.overdue,
        latest_update: row
            .latest_update
            .as_ref()
            .map(|u| format!("{}: {}", u.quarter, u.note)),
    }
}

impl BoardReport {
    /// The report's title, as the document and its properties give it.
    pub fn title(&self) -> String {
        format!(
            "Case reviews: report to the Executive Board, {}",
            self.period_label
        )
    }
}
