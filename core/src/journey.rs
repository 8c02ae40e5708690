//! The case journey as a state machine: which steps may follow which, for each
//! kind of case. Every rule about order lives here (DOMAIN.md, "The journey of
//! a case"); the store replays a case's recorded steps through [`Journey::apply`]
//! and refuses a step this machine refuses.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cases::{CaseKind, Stage};
use crate::clocks::{Calendar, ClockSettings, Deadline, Rule};

/// The screening outcome: does the referral meet the criteria for a Rapid Review?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ScreenOutcome {
    NotMet,
    /// Outside the criteria, but reviewed locally for learning.
    LearningReview,
    RapidReview,
}

/// A kind of review a decision commissions (or "no review").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ReviewType {
    /// Local Child Safeguarding Practice Review.
    Lcspr,
    /// Safeguarding Adults Review under Care Act s44(1)–(3).
    SarMandatory,
    /// Safeguarding Adults Review under Care Act s44(4).
    SarDiscretionary,
    /// Another learning review.
    LearningReview,
    /// Domestic Homicide Review, alongside another review.
    Dhr,
    /// No review: all learning was captured at the Rapid Review.
    NoReview,
}

impl ReviewType {
    pub const ALL: [ReviewType; 6] = [
        ReviewType::Lcspr,
        ReviewType::SarMandatory,
        ReviewType::SarDiscretionary,
        ReviewType::LearningReview,
        ReviewType::Dhr,
        ReviewType::NoReview,
    ];

    /// The command-line name (`lcspr`, `sar-mandatory`, …).
    pub fn cli_name(self) -> &'static str {
        match self {
            ReviewType::Lcspr => "lcspr",
            ReviewType::SarMandatory => "sar-mandatory",
            ReviewType::SarDiscretionary => "sar-discretionary",
            ReviewType::LearningReview => "learning-review",
            ReviewType::Dhr => "dhr",
            ReviewType::NoReview => "no-review",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().replace('_', "-");
        Self::ALL.into_iter().find(|t| t.cli_name() == text)
    }

    pub fn is_sar(self) -> bool {
        matches!(
            self,
            ReviewType::SarMandatory | ReviewType::SarDiscretionary
        )
    }

    /// Which kinds of case may have this review.
    fn fits(self, kind: CaseKind) -> bool {
        match self {
            ReviewType::Lcspr => kind != CaseKind::Adult,
            ReviewType::SarMandatory | ReviewType::SarDiscretionary => kind != CaseKind::Child,
            _ => true,
        }
    }
}

/// What the National Panel said about the Rapid Review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PanelView {
    Agrees,
    Disagrees,
}

/// One step in a case's journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "step", content = "outcome", rename_all = "kebab-case")]
#[ts(export)]
pub enum Step {
    /// The partnership decided whether the referral meets the Rapid Review criteria.
    Screen(ScreenOutcome),
    /// The local authority became aware of the serious incident (starts the SIN clock).
    LaAware,
    /// The Serious Incident Notification was sent (starts the Rapid Review clock).
    SinSent,
    RrMeeting,
    RrSentToPanel,
    PanelResponse(PanelView),
    /// The decision on a full review, with the review type(s).
    Decide(Vec<ReviewType>),
    ReviewCommissioned,
    DraftReport,
    FinalReport,
    Published,
    NotPublished,
    ActionPlan,
    Closed,
}

/// The name of a step without its outcome, as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum StepName {
    Screen,
    LaAware,
    SinSent,
    RrMeeting,
    RrSentToPanel,
    PanelResponse,
    Decide,
    ReviewCommissioned,
    DraftReport,
    FinalReport,
    Published,
    NotPublished,
    ActionPlan,
    Closed,
}

impl StepName {
    pub const ALL: [StepName; 14] = [
        StepName::Screen,
        StepName::LaAware,
        StepName::SinSent,
        StepName::RrMeeting,
        StepName::RrSentToPanel,
        StepName::PanelResponse,
        StepName::Decide,
        StepName::ReviewCommissioned,
        StepName::DraftReport,
        StepName::FinalReport,
        StepName::Published,
        StepName::NotPublished,
        StepName::ActionPlan,
        StepName::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepName::Screen => "screen",
            StepName::LaAware => "la-aware",
            StepName::SinSent => "sin-sent",
            StepName::RrMeeting => "rr-meeting",
            StepName::RrSentToPanel => "rr-sent-to-panel",
            StepName::PanelResponse => "panel-response",
            StepName::Decide => "decide",
            StepName::ReviewCommissioned => "review-commissioned",
            StepName::DraftReport => "draft-report",
            StepName::FinalReport => "final-report",
            StepName::Published => "published",
            StepName::NotPublished => "not-published",
            StepName::ActionPlan => "action-plan",
            StepName::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }

    /// How the timeline names the step.
    pub fn label(self) -> &'static str {
        match self {
            StepName::Screen => "Referral screened",
            StepName::LaAware => "Local authority became aware",
            StepName::SinSent => "Serious Incident Notification sent",
            StepName::RrMeeting => "Rapid Review meeting held",
            StepName::RrSentToPanel => "Rapid Review sent to the National Panel",
            StepName::PanelResponse => "National Panel responded",
            StepName::Decide => "Decision on a review",
            StepName::ReviewCommissioned => "Review commissioned",
            StepName::DraftReport => "Draft report received",
            StepName::FinalReport => "Final report received",
            StepName::Published => "Report published",
            StepName::NotPublished => "Decided not to publish",
            StepName::ActionPlan => "Action plan agreed",
            StepName::Closed => "Case closed",
        }
    }
}

impl Step {
    pub fn name(&self) -> StepName {
        match self {
            Step::Screen(_) => StepName::Screen,
            Step::LaAware => StepName::LaAware,
            Step::SinSent => StepName::SinSent,
            Step::RrMeeting => StepName::RrMeeting,
            Step::RrSentToPanel => StepName::RrSentToPanel,
            Step::PanelResponse(_) => StepName::PanelResponse,
            Step::Decide(_) => StepName::Decide,
            Step::ReviewCommissioned => StepName::ReviewCommissioned,
            Step::DraftReport => StepName::DraftReport,
            Step::FinalReport => StepName::FinalReport,
            Step::Published => StepName::Published,
            Step::NotPublished => StepName::NotPublished,
            Step::ActionPlan => StepName::ActionPlan,
            Step::Closed => StepName::Closed,
        }
    }
}

/// Why a step was refused: the state it met and what could have come next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
    pub stage: Stage,
    pub allowed: Vec<StepName>,
}

/// A case's journey so far: its stage and the dates of the steps that later
/// steps and the clocks depend on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Journey {
    pub stage: Stage,
    pub la_aware: Option<NaiveDate>,
    pub sin_sent: Option<NaiveDate>,
    pub rr_meeting: Option<NaiveDate>,
    pub rr_sent: Option<NaiveDate>,
    pub panel_response: Option<NaiveDate>,
    pub decided: Option<(NaiveDate, Vec<ReviewType>)>,
    pub commissioned: Option<NaiveDate>,
    pub final_report: Option<NaiveDate>,
    /// Published, or decided not to publish.
    pub publication: Option<NaiveDate>,
}

impl Journey {
    /// The steps that may come next for a case of `kind`.
    pub fn allowed(&self, kind: CaseKind) -> Vec<StepName> {
        StepName::ALL
            .into_iter()
            .filter(|name| self.check(kind, *name).is_ok())
            .collect()
    }

    /// Applies `step`, taken on `on`, or says why it cannot follow.
    pub fn apply(&self, kind: CaseKind, step: &Step, on: NaiveDate) -> Result<Journey, Refusal> {
        let refuse = |reason: String| Refusal {
            reason,
            stage: self.stage,
            allowed: self.allowed(kind),
        };
        self.check(kind, step.name()).map_err(refuse)?;
        let mut next = self.clone();
        let not_before = |earlier: Option<NaiveDate>, what: &str| match earlier {
            Some(date) if on < date => Err(refuse(format!(
                "{} cannot be dated before {what} ({date})",
                step.name().label()
            ))),
            _ => Ok(()),
        };
        match step {
            Step::Screen(outcome) => {
                if self.sin_sent.is_some() && *outcome != ScreenOutcome::RapidReview {
                    return Err(refuse(
                        "A case notified to the National Panel must have a Rapid Review".into(),
                    ));
                }
                next.stage = match outcome {
                    ScreenOutcome::NotMet => Stage::NotMeetingCriteria,
                    ScreenOutcome::LearningReview => Stage::LearningReview,
                    ScreenOutcome::RapidReview => Stage::RapidReview,
                };
            }
            Step::LaAware => next.la_aware = Some(on),
            Step::SinSent => {
                not_before(self.la_aware, "the date the local authority became aware")?;
                next.sin_sent = Some(on);
            }
            Step::RrMeeting => next.rr_meeting = Some(on),
            Step::RrSentToPanel => {
                not_before(self.rr_meeting, "the Rapid Review meeting")?;
                next.rr_sent = Some(on);
            }
            Step::PanelResponse(_) => {
                not_before(self.rr_sent, "the date the Rapid Review was sent")?;
                next.panel_response = Some(on);
            }
            Step::Decide(types) => {
                check_review_types(kind, types).map_err(refuse)?;
                not_before(self.rr_meeting, "the Rapid Review meeting")?;
                let mut types = types.clone();
                types.sort();
                types.dedup();
                next.decided = Some((on, types));
                next.stage = Stage::Decision;
            }
            Step::ReviewCommissioned => {
                not_before(self.decided.as_ref().map(|d| d.0), "the decision")?;
                next.commissioned = Some(on);
                next.stage = Stage::ReviewInProgress;
            }
            Step::DraftReport => not_before(self.commissioned, "the review was commissioned")?,
            Step::FinalReport => {
                not_before(self.commissioned, "the review was commissioned")?;
                next.final_report = Some(on);
                next.stage = Stage::Report;
            }
            Step::Published | Step::NotPublished => {
                not_before(self.final_report, "the final report")?;
                next.publication = Some(on);
                next.stage = if matches!(step, Step::Published) {
                    Stage::Published
                } else {
                    Stage::NotPublished
                };
            }
            Step::ActionPlan => next.stage = Stage::ActionPlanMonitoring,
            Step::Closed => next.stage = Stage::Closed,
        }
        Ok(next)
    }

    /// Whether a step of this name may follow, ignoring its date and outcome.
    fn check(&self, kind: CaseKind, name: StepName) -> Result<(), String> {
        use Stage as S;
        use StepName as N;
        let stage = self.stage;
        let children = kind != CaseKind::Adult;
        let ok = match name {
            N::Screen => stage == S::ReferralReceived,
            N::LaAware => {
                children
                    && self.la_aware.is_none()
                    && matches!(stage, S::ReferralReceived | S::RapidReview)
            }
            N::SinSent => {
                children
                    && self.la_aware.is_some()
                    && self.sin_sent.is_none()
                    && matches!(stage, S::ReferralReceived | S::RapidReview)
            }
            N::RrMeeting => stage == S::RapidReview && self.rr_meeting.is_none(),
            N::RrSentToPanel => {
                children
                    && stage == S::RapidReview
                    && self.rr_meeting.is_some()
                    && self.rr_sent.is_none()
            }
            N::PanelResponse => {
                stage == S::RapidReview && self.rr_sent.is_some() && self.panel_response.is_none()
            }
            N::Decide => stage == S::RapidReview && self.rr_meeting.is_some(),
            N::ReviewCommissioned => {
                stage == S::LearningReview || (stage == S::Decision && self.has_review())
            }
            N::DraftReport => stage == S::ReviewInProgress,
            N::FinalReport => stage == S::ReviewInProgress,
            N::Published | N::NotPublished => stage == S::Report,
            N::ActionPlan => {
                matches!(stage, S::Published | S::NotPublished)
                    || (stage == S::Decision && !self.has_review())
            }
            N::Closed => {
                stage != S::Closed && stage != S::ReferralReceived && stage != S::RapidReview
            }
        };
        if ok {
            Ok(())
        } else if !children && matches!(name, N::LaAware | N::SinSent | N::RrSentToPanel) {
            Err(format!(
                "\"{}\" applies to children only: adult cases are not notified to the National Panel",
                name.as_str()
            ))
        } else {
            Err(format!("\"{}\" cannot follow at this stage", name.as_str()))
        }
    }

    /// The clocks this journey has started, as of `today`.
    pub fn deadlines(
        &self,
        today: NaiveDate,
        settings: &ClockSettings,
        calendar: &Calendar,
    ) -> Vec<Deadline> {
        let clock =
            |rule, from, done| Deadline::evaluate(rule, from, done, today, settings, calendar);
        let mut deadlines = Vec::new();
        if let Some(aware) = self.la_aware {
            deadlines.push(clock(Rule::Sin, aware, self.sin_sent));
        }
        if let Some(sent) = self.sin_sent {
            deadlines.push(clock(Rule::RapidReview, sent, self.rr_sent));
        }
        if let Some((decided, types)) = &self.decided {
            if types.contains(&ReviewType::Lcspr) {
                deadlines.push(clock(Rule::CsprPublication, *decided, self.publication));
            }
            if types.iter().any(|t| t.is_sar()) {
                deadlines.push(clock(Rule::Sar, *decided, self.final_report));
            }
        }
        deadlines
    }

    fn has_review(&self) -> bool {
        self.decided
            .as_ref()
            .is_some_and(|(_, types)| !types.contains(&ReviewType::NoReview))
    }
}

fn check_review_types(kind: CaseKind, types: &[ReviewType]) -> Result<(), String> {
    if types.is_empty() {
        return Err("A decision needs an outcome".into());
    }
    if let Some(bad) = types.iter().find(|t| !t.fits(kind)) {
        return Err(format!(
            "\"{}\" does not apply to a {} case",
            bad.cli_name(),
            kind.as_str()
        ));
    }
    if types.contains(&ReviewType::NoReview) && types.len() > 1 {
        return Err("\"no-review\" cannot be combined with a review".into());
    }
    let main: Vec<_> = types.iter().filter(|t| **t != ReviewType::Dhr).collect();
    if main.is_empty() {
        return Err(
            "A Domestic Homicide Review runs alongside another review; choose that review too"
                .into(),
        );
    }
    if main.len() > 1 && kind != CaseKind::Joint {
        return Err(
            "Only a joint case can carry more than one review type (with a DHR alongside)".into(),
        );
    }
    if types.iter().filter(|t| t.is_sar()).count() > 1 {
        return Err("A SAR is either mandatory or discretionary, not both".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
