//! What a form or the command line sends to record or correct a step, and the
//! checks that turn it into a [`Step`] with its date and note.

use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

use crate::dates::DateInput;
use crate::error::{Error, FieldError, Result};
use crate::journey::{PanelView, ReviewType, ScreenOutcome, Step, StepName};

const MAX_NOTE: usize = 4000;

/// A step as a form or the command line sends it, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct StepInput {
    /// A step name such as `sin-sent` (see [`StepName`]).
    pub step: String,
    /// The outcome(s) the step needs: `screen` one of `not-met`, `learning-review`,
    /// `rapid-review`; `panel-response` `agrees` or `disagrees`; `decide` one or
    /// more review types. Empty for other steps.
    pub outcome: Vec<String>,
    pub date: DateInput,
    /// A note; the rationale for `screen` and `decide`, the reason for `not-published`.
    pub note: String,
}

/// A correction to a recorded step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct AmendInput {
    pub date: DateInput,
    pub note: String,
    /// Why the step is being corrected (required; it is kept with the step).
    pub reason: String,
}

impl StepInput {
    /// Checks the input and builds the step and its date.
    pub(super) fn parse(&self, today: NaiveDate) -> Result<(Step, NaiveDate, String)> {
        let mut errors = Vec::new();
        let name = StepName::parse(&self.step);
        if name.is_none() {
            let known: Vec<&str> = StepName::ALL.iter().map(|s| s.as_str()).collect();
            errors.push(FieldError::new(
                "step",
                format!(
                    "Step must be one of: {} (not \"{}\")",
                    known.join(", "),
                    self.step.trim()
                ),
            ));
        }
        let date = check_date(&self.date, today, &mut errors);
        let note = self.note.trim().to_owned();
        check_note(&note, &mut errors);
        let step = name.and_then(|name| match self.outcome_step(name, &note) {
            Ok(step) => Some(step),
            Err(e) => {
                errors.push(e);
                None
            }
        });
        match (step, date) {
            (Some(step), Some(date)) if errors.is_empty() => Ok((step, date, note)),
            _ => Err(Error::Validation(errors)),
        }
    }

    fn outcome_step(&self, name: StepName, note: &str) -> std::result::Result<Step, FieldError> {
        let outcomes: Vec<&str> = self
            .outcome
            .iter()
            .map(|o| o.trim())
            .filter(|o| !o.is_empty())
            .collect();
        let one = |choices: &str| match outcomes.as_slice() {
            [single] => Ok(*single),
            _ => Err(FieldError::new(
                "outcome",
                format!("Choose one outcome: {choices}"),
            )),
        };
        let needs_note = |what: &str| {
            if note.is_empty() {
                Err(FieldError::new("note", format!("Enter the {what}")))
            } else {
                Ok(())
            }
        };
        let step = match name {
            StepName::Screen => {
                needs_note("rationale for the screening decision")?;
                Step::Screen(match one("not-met, learning-review or rapid-review")? {
                    "not-met" => ScreenOutcome::NotMet,
                    "learning-review" => ScreenOutcome::LearningReview,
                    "rapid-review" => ScreenOutcome::RapidReview,
                    other => {
                        return Err(unknown_outcome(
                            other,
                            "not-met, learning-review or rapid-review",
                        ))
                    }
                })
            }
            StepName::PanelResponse => Step::PanelResponse(match one("agrees or disagrees")? {
                "agrees" => PanelView::Agrees,
                "disagrees" => PanelView::Disagrees,
                other => return Err(unknown_outcome(other, "agrees or disagrees")),
            }),
            StepName::Decide => {
                needs_note("rationale for the decision")?;
                if outcomes.is_empty() {
                    return Err(FieldError::new(
                        "outcome",
                        "Choose the decision: the review type or no review",
                    ));
                }
                let names =
                    "lcspr, sar-mandatory, sar-discretionary, learning-review, dhr or no-review";
                let types = outcomes
                    .iter()
                    .map(|o| ReviewType::parse(o).ok_or_else(|| unknown_outcome(o, names)))
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                Step::Decide(types)
            }
            StepName::NotPublished => {
                needs_note("reason for not publishing")?;
                Step::NotPublished
            }
            other if !outcomes.is_empty() => {
                return Err(FieldError::new(
                    "outcome",
                    format!("\"{}\" takes no outcome", other.as_str()),
                ))
            }
            StepName::LaAware => Step::LaAware,
            StepName::SinSent => Step::SinSent,
            StepName::RrMeeting => Step::RrMeeting,
            StepName::RrSentToPanel => Step::RrSentToPanel,
            StepName::ReviewCommissioned => Step::ReviewCommissioned,
            StepName::DraftReport => Step::DraftReport,
            StepName::FinalReport => Step::FinalReport,
            StepName::Published => Step::Published,
            StepName::ActionPlan => Step::ActionPlan,
            StepName::Closed => Step::Closed,
        };
        Ok(step)
    }
}

fn unknown_outcome(given: &str, choices: &str) -> FieldError {
    FieldError::new(
        "outcome",
        format!("Outcome must be {choices} (not \"{given}\")"),
    )
}

pub(super) fn check_date(
    input: &DateInput,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    match input.parse("date", "Date") {
        Ok(date) if date > today => {
            errors.push(FieldError::new("date", "Date must be today or in the past"));
            None
        }
        Ok(date) => Some(date),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

pub(super) fn check_note(note: &str, errors: &mut Vec<FieldError>) {
    if note.chars().count() > MAX_NOTE {
        errors.push(FieldError::new(
            "note",
            format!("Note must be {MAX_NOTE} characters or fewer"),
        ));
    }
}
