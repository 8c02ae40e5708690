//! Each case's journey as the reports read it: the dated steps recorded for
//! it (as corrected, where a step was amended), and from them the review it
//! led to and that review's clocks as they stood on any date. Both reports
//! count from here, so a figure means the same in each.

use chrono::NaiveDate;

use super::period::Period;
use crate::cases::CaseKind;
use crate::clocks::{Calendar, ClockSettings, Deadline, DeadlineState, Rule};
use crate::error::Result;
use crate::journey::{ReviewType, ScreenOutcome, Step, StepName};
use crate::register::Register;
use crate::reviews::Proceeding;

/// One case's recorded steps, with their dates.
#[derive(Debug, Clone)]
pub(super) struct CaseHistory {
    pub code: String,
    pub kind: CaseKind,
    pub referred_on: NaiveDate,
    pub steps: Vec<(Step, NaiveDate)>,
    pub proceedings: Vec<Proceeding>,
}

/// A review a case led to: decided after a Rapid Review, or a local learning
/// review of a referral outside the criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ReviewTrack {
    /// The date of the decision (or of the screening, for a learning review).
    pub started: NaiveDate,
    pub types: Vec<ReviewType>,
    pub commissioned: Option<NaiveDate>,
    pub final_report: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
    pub not_published: Option<NaiveDate>,
}

impl ReviewTrack {
    /// Published, or decided not to publish: the review's end.
    pub fn concluded(&self) -> Option<NaiveDate> {
        self.published.or(self.not_published)
    }

    /// Under way on `date`: started by then and not concluded by then.
    pub fn open_on(&self, date: NaiveDate) -> bool {
        self.started <= date && self.concluded().is_none_or(|d| d > date)
    }

    /// Where the review stood on `date`, in words.
    pub fn stage_on(&self, date: NaiveDate) -> &'static str {
        let by = |d: Option<NaiveDate>| d.is_some_and(|d| d <= date);
        if by(self.published) {
            "Published"
        } else if by(self.not_published) {
            "Not published; learning shared"
        } else if by(self.final_report) {
            "Final report received; awaiting publication"
        } else if by(self.commissioned) {
            "Review under way"
        } else {
            "Decided; not yet commissioned"
        }
    }

    /// The review's publication or completion clocks as they stood on
    /// `date`, ignoring anything recorded as happening after it.
    pub fn clocks_on(
        &self,
        date: NaiveDate,
        settings: &ClockSettings,
        calendar: &Calendar,
    ) -> Vec<Deadline> {
        let by = |d: Option<NaiveDate>| d.filter(|d| *d <= date);
        let mut clocks = Vec::new();
        // The same clocks the journey keeps (journey.rs, `deadlines`).
        if self.types.contains(&ReviewType::Lcspr) {
            clocks.push(Deadline::evaluate(
                Rule::CsprPublication,
                self.started,
                by(self.concluded()),
                date,
                settings,
                calendar,
            ));
        }
        if self.types.iter().any(|t| t.is_sar()) {
            clocks.push(Deadline::evaluate(
                Rule::Sar,
                self.started,
                by(self.final_report),
                date,
                settings,
                calendar,
            ));
        }
        clocks
    }

    /// The first clock still running past its target on `date`.
    pub fn overdue_on(
        &self,
        date: NaiveDate,
        settings: &ClockSettings,
        calendar: &Calendar,
    ) -> Option<Deadline> {
        self.clocks_on(date, settings, calendar)
            .into_iter()
            .find(|d| d.state == DeadlineState::Overdue)
    }
}

impl CaseHistory {
    /// The steps dated within `period`, in the order recorded.
    pub fn steps_in<'a>(
        &'a self,
        period: &'a Period,
    ) -> impl Iterator<Item = (&'a Step, NaiveDate)> + 'a {
        self.steps
            .iter()
            .filter(move |(_, on)| period.contains(*on))
            .map(|(step, on)| (step, *on))
    }

    /// The date of the first step named `name`.
    pub fn first(&self, name: StepName) -> Option<NaiveDate> {
        self.steps
            .iter()
            .find(|(step, _)| step.name() == name)
            .map(|(_, on)| *on)
    }

    /// The review this case led to, if any.
    pub fn review(&self) -> Option<ReviewTrack> {
        let decided = self.steps.iter().find_map(|(step, on)| match step {
            Step::Decide(types) if !types.contains(&ReviewType::NoReview) => {
                Some((*on, types.clone()))
            }
            Step::Screen(ScreenOutcome::LearningReview) => {
                Some((*on, vec![ReviewType::LearningReview]))
            }
            _ => None,
        });
        let (started, types) = decided?;
        Some(ReviewTrack {
            started,
            types,
            commissioned: self.first(StepName::ReviewCommissioned),
            final_report: self.first(StepName::FinalReport),
            published: self.first(StepName::Published),
            not_published: self.first(StepName::NotPublished),
        })
    }

    /// Why publication was held back on `date`: the proceedings running then
    /// that hold it, with their recorded reasons.
    pub fn delay_reason_on(&self, date: NaiveDate) -> Option<String> {
        let reasons: Vec<String> = self
            .proceedings
            .iter()
            .filter(|p| p.holds_publication && p.started_on <= date)
            .filter(|p| p.ended_on.is_none_or(|end| end > date))
            .map(|p| format!("{}: {}", p.kind.label(), p.reason))
            .collect();
        (!reasons.is_empty()).then(|| reasons.join("; "))
    }
}

/// "LCSPR", "LCSPR and SAR (mandatory) with a DHR alongside".
pub(super) fn review_types_label(types: &[ReviewType]) -> String {
    let main: Vec<&str> = types
        .iter()
        .filter(|t| **t != ReviewType::Dhr)
        .map(|t| review_type_label(*t))
        .collect();
    let mut label = match main.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    if types.contains(&ReviewType::Dhr) {
        label.push_str(" with a DHR alongside");
    }
    label
}

/// A review type as a board paper names it (never "statutory" for a SAR).
pub(super) fn review_type_label(t: ReviewType) -> &'static str {
    match t {
        ReviewType::Lcspr => "LCSPR",
        ReviewType::SarMandatory => "SAR (mandatory)",
        ReviewType::SarDiscretionary => "SAR (discretionary)",
        ReviewType::LearningReview => "Learning review",
        ReviewType::Dhr => "DHR",
        ReviewType::NoReview => "No review",
    }
}

/// "Child", "Adult", "Joint (child and adult)".
pub(super) fn kind_label(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Child => "Child",
        CaseKind::Adult => "Adult",
        CaseKind::Joint => "Joint (child and adult)",
    }
}

impl Register {
    /// Every case's history, by code.
    pub(super) fn case_histories(&self) -> Result<Vec<CaseHistory>> {
        // `today` only moves the clocks in the case view, which reports
        // recompute for their own dates.
        let today = crate::dates::today();
        let mut histories = Vec::new();
        for case in self.list_cases()? {
            let id = case.id.to_string();
            let detail = self.case_detail(&id, today)?;
            histories.push(CaseHistory {
                code: case.code,
                kind: case.kind,
                referred_on: case.referred_on,
                steps: detail
                    .events
                    .into_iter()
                    .map(|e| (e.step, e.occurred_on))
                    .collect(),
                proceedings: self.review(&id)?.proceedings,
            });
        }
        histories.sort_by_key(|a| a.code.to_lowercase());
        Ok(histories)
    }
}
