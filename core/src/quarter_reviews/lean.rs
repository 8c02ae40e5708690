//! The quarter reviews as the tracker export reads them: each review's own
//! row, and every update's few columns the tracker shows, streamed from one
//! query and borrowed from the row being read, so the caller copies only
//! what it keeps. The quarter screens' read (read.rs) builds every update
//! with its evidence, its action's columns and its movement since the
//! quarter before, and holds them twice: on a ten-year register (300,000
//! updates) that was 42% of the export's work and 255 MB of its memory, for
//! columns the tracker never shows.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Row;
use uuid::Uuid;

use super::read;
use crate::actions::{ActionStatus, Rag};
use crate::change_log::corrupt;
use crate::error::Result;
use crate::register::Register;

/// A quarter review without its updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuarterHead {
    id: String,
    /// "2024/25-Q3".
    pub code: String,
    /// "Q3 2024/25 (October to December 2024)".
    pub label: String,
    /// Signed off, so its updates can no longer change.
    pub closed: bool,
}

/// One quarter update as the tracker uses it, its text borrowed from the
/// row being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UpdateFacts<'a> {
    /// Its review's place in [`Register::quarter_heads`] (0: the most recent).
    pub review: usize,
    pub action_id: Uuid,
    pub status: ActionStatus,
    pub rag: Option<Rag>,
    pub target: NaiveDate,
    pub note: &'a str,
    pub escalate: bool,
    pub reason: &'a str,
    /// Someone has recorded it: a review just opened holds each action's
    /// position copied in, and has not yet decided anything about it.
    pub recorded: bool,
}

// The columns UpdateFacts needs and no more: the evidence, the row's own id
// and its time stamp stay unread. A scan of the table, in its own order:
// every row is wanted, and the caller groups them (no index would help).
const SELECT_FACTS: &str = "SELECT quarter_review_id, action_id, status, rag, target_date,
        progress_note, escalate, escalation_reason, updated_by IS NOT NULL
     FROM quarter_updates";

impl Register {
    /// Every quarter review without its updates, most recent first (the
    /// order of [`Register::list_quarter_reviews`]).
    pub(crate) fn quarter_heads(&self) -> Result<Vec<QuarterHead>> {
        Ok(read::heads(self.conn())?
            .into_iter()
            .map(|head| QuarterHead {
                code: head.quarter.code(),
                label: head.quarter.label(),
                closed: head.closed_at.is_some(),
                id: head.id,
            })
            .collect())
    }

    /// Calls `each` with every update of the reviews in `heads` (from
    /// [`Register::quarter_heads`]), in no particular order.
    pub(crate) fn each_quarter_update(
        &self,
        heads: &[QuarterHead],
        mut each: impl FnMut(UpdateFacts<'_>),
    ) -> Result<()> {
        let review_at: HashMap<&str, usize> = heads
            .iter()
            .enumerate()
            .map(|(at, head)| (head.id.as_str(), at))
            .collect();
        let mut stmt = self.conn().prepare_cached(SELECT_FACTS)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            // As the quarter screens do, an update of no review is not shown
            // (the schema's reference rules it out).
            let Some(&review) = review_at.get(text(row, 0)?) else {
                continue;
            };
            let status = text(row, 2)?;
            let target = text(row, 4)?;
            each(UpdateFacts {
                review,
                action_id: Uuid::parse_str(text(row, 1)?).map_err(|e| corrupt("action id", e))?,
                status: ActionStatus::parse(status).ok_or_else(|| corrupt("status", status))?,
                rag: rag(row.get_ref(3)?)?,
                target: target.parse().map_err(|e| corrupt("target date", e))?,
                note: text(row, 5)?,
                escalate: row.get::<_, bool>(6)?,
                reason: text(row, 7)?,
                recorded: row.get::<_, bool>(8)?,
            });
        }
        Ok(())
    }
}

/// Column `at`'s text, borrowed from the row.
fn text<'r>(row: &'r Row<'_>, at: usize) -> Result<&'r str> {
    row.get_ref(at)?
        .as_str()
        .map_err(|e| corrupt("quarter update", e))
}

/// The stored RAG, which the schema keeps in lower case: compared as it is,
/// where `Rag::parse` makes a lower-case copy for every rating it tries.
fn rag(value: ValueRef<'_>) -> Result<Option<Rag>> {
    let Some(stored) = value
        .as_str_or_null()
        .map_err(|e| corrupt("quarter update", e))?
    else {
        return Ok(None);
    };
    Rag::ALL
        .into_iter()
        .find(|r| r.as_str() == stored)
        .or_else(|| Rag::parse(stored))
        .map(Some)
        .ok_or_else(|| corrupt("RAG", stored))
}
