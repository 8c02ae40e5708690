//! Quarterly action reviews. A review is opened for a reporting-year quarter
//! and lists every action open during it; each update records progress,
//! status, RAG, evidence added and any escalation to the Executive Board, and
//! changes the action itself under the same rules as any other change.
//! Closing the quarter (sign-off, who and when) freezes its updates: later
//! edits change the action, never that quarter's record, and the schema's
//! triggers refuse any change to a closed quarter whatever the caller.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::actions::{self, ActionStatus, ProgressInput, Rag};
use crate::change_log::{corrupt, Action as Logged};
use crate::clocks::Quarter;
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;
use crate::text::{self, LONG, SHORT};

mod lean;
mod panel;
mod read;
pub(crate) use lean::{QuarterHead, UpdateFacts};
pub use panel::{ActionQuarter, QuarterChoice};
pub(crate) use read::{latest_escalations, reviewed_actions};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct QuarterUpdateInput {
    pub status: String,
    pub rag: String,
    pub progress_note: String,
    /// Evidence added this quarter; it is also added to the action's evidence of completion.
    pub evidence: String,
    pub escalate: bool,
    pub escalation_reason: String,
}

/// How an action moved since the previous quarter it was reviewed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuarterChange {
    /// The previous quarter's code, if the action was reviewed before.
    pub previous_quarter: Option<String>,
    pub previous_rag: Option<Rag>,
    pub rag_changed: bool,
    /// Days the target date moved later (negative: earlier) since then.
    #[ts(type = "number | null")]
    pub target_slip_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuarterUpdate {
    #[ts(type = "string")]
    pub action_id: Uuid,
    pub reference: String,
    pub text: String,
    pub lead_agency: String,
    pub status: ActionStatus,
    pub rag: Option<Rag>,
    #[ts(type = "string")]
    pub target_date: NaiveDate,
    pub progress_note: String,
    pub evidence: String,
    pub escalate: bool,
    pub escalation_reason: String,
    pub updated_by: Option<String>,
    pub change: QuarterChange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuarterReview {
    #[ts(type = "string")]
    pub id: Uuid,
    /// "2024/25-Q3".
    pub code: String,
    /// "Q3 2024/25 (October to December 2024)".
    pub label: String,
    pub opened_by: String,
    #[ts(type = "string")]
    pub opened_at: DateTime<Utc>,
    pub closed_by: Option<String>,
    #[ts(type = "string | null")]
    pub closed_at: Option<DateTime<Utc>>,
    pub updates: Vec<QuarterUpdate>,
}

impl Register {
    /// The quarter named by `code` under this register's reporting year.
    fn quarter(&self, code: &str) -> Result<Quarter> {
        let start = self.clock_settings()?.year_start_month;
        Quarter::parse_code(code, start).ok_or_else(|| {
            let example = Quarter::containing(crate::dates::today(), start).code();
            Error::field(
                "quarter",
                format!(
                    "Give the quarter as its code, such as {example} (not \"{}\")",
                    code.trim()
                ),
            )
        })
    }

    /// Opens the review of a quarter with every action open during it.
    pub fn open_quarter(&mut self, code: &str, today: NaiveDate) -> Result<QuarterReview> {
        let quarter = self.quarter(code)?;
        if quarter.first_day() > today {
            return Err(Error::field(
                "quarter",
                format!("{} has not started yet", quarter.label()),
            ));
        }
        if self.quarter_id(&quarter)?.is_some() {
            return Err(Error::field(
                "quarter",
                format!("{} is already open or closed", quarter.label()),
            ));
        }
        let until = quarter.last_day().min(today);
        let id = stamp::new_id().to_string();
        let count = self.write(|w| {
            w.tx.execute(
                "INSERT INTO quarter_reviews (id, year, quarter, year_start_month, opened_at, opened_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, quarter.year, quarter.number, quarter.year_start_month, stamp::to_text(w.at), w.who],
            )?;
            // Every action agreed by the quarter's end (or today) and not
            // closed before the quarter began: the subgroup reviews every
            // action open during the quarter, including those agreed in it.
            let mut stmt = w.tx.prepare(
                "SELECT id FROM actions WHERE coalesce(agreed_on, substr(created_at, 1, 10)) <= ?1
                 AND (closed_on IS NULL OR closed_on >= ?2)",
            )?;
            let action_ids = stmt
                .query_map(params![until.to_string(), quarter.first_day().to_string()], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for action_id in &action_ids {
                w.tx.execute(
                    "INSERT INTO quarter_updates (id, quarter_review_id, action_id, status, rag, target_date)
                     SELECT ?1, ?2, id, status, rag, target_date FROM actions WHERE id = ?3",
                    params![stamp::new_id().to_string(), id, action_id],
                )?;
            }
            let count = action_ids.len();
            let after = serde_json::json!({ "quarter": quarter.code(), "actions": count });
            w.log("quarter_review", &id, Logged::Create, None, Some(&after))?;
            Ok(count)
        })?;
        tracing::info!(actions = count, "quarter review opened");
        self.quarter_review(code)
    }

    /// Records one action's update in an open quarter, and applies it to the action.
    pub fn update_quarter(
        &mut self,
        code: &str,
        action: &str,
        input: &QuarterUpdateInput,
        today: NaiveDate,
    ) -> Result<QuarterReview> {
        let quarter = self.quarter(code)?;
        let review = self.quarter_review(code)?;
        if review.closed_at.is_some() {
            return Err(Error::QuarterClosed(quarter.label()));
        }
        let before = self.action(action)?;
        let Some(saved) = review.updates.iter().find(|u| u.action_id == before.id) else {
            return Err(Error::NotFound(format!(
                "Action {} on {}",
                before.reference,
                quarter.label()
            )));
        };
        let mut errors = Vec::new();
        let note = text::field(
            &input.progress_note,
            "progress_note",
            "Progress note",
            LONG,
            false,
            &mut errors,
        );
        let evidence = text::field(
            &input.evidence,
            "evidence",
            "Evidence added",
            LONG,
            false,
            &mut errors,
        );
        let reason = text::field(
            &input.escalation_reason,
            "escalation_reason",
            "Reason for escalation",
            LONG,
            false,
            &mut errors,
        );
        if input.escalate && reason.is_empty() {
            errors.push(FieldError::new(
                "escalation_reason",
                "Enter why the action is escalated to the Executive Board",
            ));
        }
        let completion = with_quarter_evidence(
            &before.evidence_completion,
            &quarter.code(),
            &saved.evidence,
            &evidence,
        );
        let progress = ProgressInput {
            status: input.status.clone(),
            rag: input.rag.clone(),
            status_reason: before.status_reason.clone(),
            superseded_by: before.superseded_by.clone().unwrap_or_default(),
            evidence_completion: completion,
            evidence_impact: before.evidence_impact.clone(),
            signed_off_by: before.signed_off_by.clone(),
            signed_off_on: before
                .signed_off_on
                .map(crate::dates::DateInput::from_date)
                .unwrap_or_default(),
        };
        let superseding = before
            .superseded_by
            .as_deref()
            .map(|r| self.action(r))
            .transpose()?;
        let next = match actions::check_progress(&before, &progress, superseding.as_ref(), today) {
            Ok(next) if errors.is_empty() => next,
            Ok(_) => return Err(Error::Validation(errors)),
            Err(Error::Validation(more)) => {
                errors.extend(more);
                return Err(Error::Validation(errors));
            }
            Err(other) => return Err(other),
        };
        let superseded_id = superseding.map(|a| a.id.to_string());
        let review_id = review.id.to_string();
        self.write(|w| {
            w.tx.execute(
                "UPDATE quarter_updates SET status = ?3, rag = ?4, target_date = ?5, progress_note = ?6, evidence = ?7,
                 escalate = ?8, escalation_reason = ?9, updated_at = ?10, updated_by = ?11
                 WHERE quarter_review_id = ?1 AND action_id = ?2",
                params![review_id, before.id.to_string(), next.status.as_str(), next.rag.map(Rag::as_str),
                        next.target_date.to_string(), note, evidence, input.escalate, reason, stamp::to_text(w.at), w.who],
            )
            .map_err(closed_quarter(&quarter))?;
            let after = serde_json::json!({ "quarter": quarter.code(), "action": before.reference, "status": next.status,
                                            "rag": next.rag, "progress_note": note, "evidence": evidence,
                                            "escalate": input.escalate, "escalation_reason": reason });
            w.log("quarter_update", &review_id, Logged::Update, None, Some(&after))?;
            actions::apply(w, &before, &next, superseded_id.as_deref(), today)
        })?;
        self.quarter_review(code)
    }

    /// Signs off a quarter; its updates can no longer change.
    pub fn close_quarter(&mut self, code: &str, by: &str) -> Result<QuarterReview> {
        let quarter = self.quarter(code)?;
        let review = self.quarter_review(code)?;
        if review.closed_at.is_some() {
            return Err(Error::QuarterClosed(quarter.label()));
        }
        let mut errors = Vec::new();
        let by = text::field(by, "closed_by", "Signed off by", SHORT, true, &mut errors);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.write(|w| {
            w.tx.execute(
                "UPDATE quarter_reviews SET closed_at = ?2, closed_by = ?3 WHERE id = ?1",
                params![review.id.to_string(), stamp::to_text(w.at), by],
            )
            .map_err(closed_quarter(&quarter))?;
            let after = serde_json::json!({ "quarter": quarter.code(), "closed_by": by });
            w.log(
                "quarter_review",
                &review.id.to_string(),
                Logged::Update,
                None,
                Some(&after),
            )
        })?;
        tracing::info!("quarter review closed");
        self.quarter_review(code)
    }

    /// A quarter's review with its updates and quarter-on-quarter changes.
    pub fn quarter_review(&self, code: &str) -> Result<QuarterReview> {
        let quarter = self.quarter(code)?;
        let id = self
            .quarter_id(&quarter)?
            .ok_or_else(|| Error::NotFound(format!("A review of {}", quarter.label())))?;
        self.review_by_id(&id, &quarter)
    }

    /// The review with this id, of this quarter.
    fn review_by_id(&self, id: &str, quarter: &Quarter) -> Result<QuarterReview> {
        let (opened_at, opened_by, closed_at, closed_by): (
            String,
            String,
            Option<String>,
            Option<String>,
        ) = self.conn().query_row(
            "SELECT opened_at, opened_by, closed_at, closed_by FROM quarter_reviews WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        Ok(QuarterReview {
            id: Uuid::parse_str(id).map_err(|e| corrupt("quarter id", e))?,
            code: quarter.code(),
            label: quarter.label(),
            opened_by,
            opened_at: stamp::from_text(&opened_at).map_err(|e| corrupt("quarter time", e))?,
            closed_by,
            closed_at: closed_at
                .map(|t| stamp::from_text(&t))
                .transpose()
                .map_err(|e| corrupt("quarter time", e))?,
            updates: read::updates(self.conn(), id, quarter)?,
        })
    }

    /// Every quarter review, most recent first.
    pub fn list_quarter_reviews(&self) -> Result<Vec<QuarterReview>> {
        read::all_reviews(self.conn())
    }

    fn quarter_id(&self, quarter: &Quarter) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM quarter_reviews WHERE year = ?1 AND quarter = ?2 AND year_start_month = ?3",
                params![quarter.year, quarter.number, quarter.year_start_month],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// The action's evidence of completion with this quarter's evidence as its
/// last line, "2024/25-Q3: …". Saving a quarter's update again (panel mode
/// saves often) replaces the line it added before rather than repeating it.
pub(crate) fn with_quarter_evidence(
    completion: &str,
    code: &str,
    saved: &str,
    evidence: &str,
) -> String {
    let previous = format!("{code}: {saved}");
    let base = if saved.is_empty() {
        completion
    } else {
        completion
            .strip_suffix(previous.as_str())
            .map(|rest| rest.strip_suffix('\n').unwrap_or(rest))
            .unwrap_or(completion)
    };
    match (base.is_empty(), evidence.is_empty()) {
        (_, true) => base.to_owned(),
        (true, false) => format!("{code}: {evidence}"),
        (false, false) => format!("{base}\n{code}: {evidence}"),
    }
}

/// The schema's triggers answer a change to a closed quarter with "quarter_closed".
fn closed_quarter(quarter: &Quarter) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| {
        if e.to_string().contains("quarter_closed") {
            Error::QuarterClosed(quarter.label())
        } else {
            Error::Database(e)
        }
    }
}

#[cfg(test)]
mod tests;
