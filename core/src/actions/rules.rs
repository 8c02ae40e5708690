//! The rules for an action's status and RAG rating, in one place:
//! - closing ("complete and embedded") needs evidence of completion, evidence
//!   of impact and sign-off; "complete, awaiting evidence of impact" needs
//!   evidence of completion;
//! - "paused" needs a reason; "superseded" names the action that replaces it;
//! - Blue means complete and embedded, and only then;
//! - a closed action changes only by being reopened, with a reason.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ActionRecord, ProgressInput};
use crate::error::{Error, FieldError, Result};
use crate::text::{self, LONG, SHORT};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ActionStatus {
    NotStarted,
    InProgress,
    CompleteAwaitingImpact,
    CompleteEmbedded,
    Paused,
    Superseded,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 6] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::CompleteAwaitingImpact,
        ActionStatus::CompleteEmbedded,
        ActionStatus::Paused,
        ActionStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not-started",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::CompleteAwaitingImpact => "complete-awaiting-impact",
            ActionStatus::CompleteEmbedded => "complete-embedded",
            ActionStatus::Paused => "paused",
            ActionStatus::Superseded => "superseded",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "Not started",
            ActionStatus::InProgress => "In progress",
            ActionStatus::CompleteAwaitingImpact => "Complete – awaiting evidence of impact",
            ActionStatus::CompleteEmbedded => "Complete and embedded",
            ActionStatus::Paused => "Paused",
            ActionStatus::Superseded => "Superseded",
        }
    }

    /// Closed actions are off the open tracker and change only by reopening.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            ActionStatus::CompleteEmbedded | ActionStatus::Superseded
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Rag {
    Red,
    Amber,
    Green,
    Blue,
}

impl Rag {
    pub const ALL: [Rag; 4] = [Rag::Red, Rag::Amber, Rag::Green, Rag::Blue];

    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Blue => "blue",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim().to_lowercase())
    }
}

/// The written definitions shown wherever a RAG rating is chosen.
pub const RAG_DEFINITIONS: [(Rag, &str); 4] = [
    (Rag::Red, "Unacceptable progress: needs action now"),
    (Rag::Amber, "Acceptable progress: continue monitoring"),
    (Rag::Green, "On track or achieved"),
    (Rag::Blue, "Complete and embedded"),
];

/// The action as it would be after `input`, or the reasons it cannot be.
pub(crate) fn check(
    before: &ActionRecord,
    input: &ProgressInput,
    superseded_by: Option<&ActionRecord>,
    today: NaiveDate,
) -> Result<ActionRecord> {
    if before.status.is_closed() {
        return Err(Error::InvalidTransition(format!(
            "Action {} is closed (\"{}\"): reopen it, with a reason, before changing it.",
            before.reference,
            before.status.label()
        )));
    }
    let mut errors = Vec::new();
    let status = ActionStatus::parse(&input.status);
    if status.is_none() {
        errors.push(FieldError::new("status", "Choose the action's status"));
    }
    let rag = match input.rag.trim() {
        "" => None,
        text => Rag::parse(text).or_else(|| {
            errors.push(FieldError::new(
                "rag",
                "RAG rating must be red, amber, green or blue",
            ));
            None
        }),
    };
    let reason = text::field(
        &input.status_reason,
        "status_reason",
        "Reason",
        LONG,
        false,
        &mut errors,
    );
    let completion = text::field(
        &input.evidence_completion,
        "evidence_completion",
        "Evidence of completion",
        LONG,
        false,
        &mut errors,
    );
    let impact = text::field(
        &input.evidence_impact,
        "evidence_impact",
        "Evidence of impact",
        LONG,
        false,
        &mut errors,
    );
    let signed_by = text::field(
        &input.signed_off_by,
        "signed_off_by",
        "Signed off by",
        SHORT,
        false,
        &mut errors,
    );
    let signed_on = input
        .signed_off_on
        .parse_optional("signed_off_on", "Date signed off", today)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let mut need = |ok: bool, field: &str, message: &str| {
        if !ok {
            errors.push(FieldError::new(field, message));
        }
    };
    match status {
        Some(ActionStatus::CompleteAwaitingImpact) => {
            need(
                !completion.is_empty(),
                "evidence_completion",
                "Enter the evidence that the action is complete",
            );
        }
        Some(ActionStatus::CompleteEmbedded) => {
            need(
                !completion.is_empty(),
                "evidence_completion",
                "Enter the evidence that the action is complete",
            );
            need(
                !impact.is_empty(),
                "evidence_impact",
                "Enter the evidence of impact: an action is closed on evidence",
            );
            need(
                !signed_by.is_empty() && signed_on.is_some(),
                "signed_off_by",
                "Enter who signed the action off and when",
            );
        }
        Some(ActionStatus::Paused) => need(
            !reason.is_empty(),
            "status_reason",
            "Enter why the action is paused",
        ),
        Some(ActionStatus::Superseded) => {
            need(
                superseded_by.is_some(),
                "superseded_by",
                "Enter the reference of the action that supersedes it",
            );
            need(
                superseded_by.is_none_or(|a| a.id != before.id),
                "superseded_by",
                "An action cannot supersede itself",
            );
        }
        _ => {}
    }
    let blue = rag == Some(Rag::Blue);
    let embedded = status == Some(ActionStatus::CompleteEmbedded);
    need(
        blue == embedded || (embedded && rag.is_none()),
        "rag",
        "Blue means complete and embedded: choose both or neither",
    );
    let Some(status) = status.filter(|_| errors.is_empty()) else {
        return Err(Error::Validation(errors));
    };
    Ok(ActionRecord {
        status,
        status_reason: reason,
        superseded_by: superseded_by.map(|a| a.reference.clone()),
        rag: if embedded { Some(Rag::Blue) } else { rag },
        evidence_completion: completion,
        evidence_impact: impact,
        signed_off_by: signed_by,
        signed_off_on: signed_on,
        ..before.clone()
    })
}
