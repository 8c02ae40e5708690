//! What panel mode needs beyond a quarter's updates: the quarters a chair can
//! open or look back on, the progress note saved as it is typed, and one
//! action's quarters for its history.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::{closed_quarter, QuarterUpdate};
use crate::change_log::Action as Logged;
use crate::clocks::Quarter;
use crate::error::{Error, Result};
use crate::register::Register;
use crate::stamp;
use crate::text::{self, LONG};

/// How many past quarters are offered besides the current one: two years.
const PAST_QUARTERS: usize = 8;

/// A quarter the chair can open, or whose review exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuarterChoice {
    /// "2024/25-Q3".
    pub code: String,
    /// "Q3 2024/25 (October to December 2024)".
    pub label: String,
    pub opened: bool,
    pub closed: bool,
}

/// One quarter's update of one action, for the action's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ActionQuarter {
    pub code: String,
    pub label: String,
    pub closed: bool,
    pub update: QuarterUpdate,
}

impl Register {
    /// The current quarter and the two years before it, newest first, each
    /// saying whether its review has been opened or closed.
    pub fn quarter_choices(&self, today: NaiveDate) -> Result<Vec<QuarterChoice>> {
        let start = self.clock_settings()?.year_start_month;
        // The reviews without their updates: which quarters are opened or
        // signed off is all a choice says, and ten years of updates took
        // seconds to read for it.
        let reviews = self.quarter_heads()?;
        let mut quarter = Quarter::containing(today, start);
        let mut out = Vec::with_capacity(PAST_QUARTERS + 1);
        for _ in 0..=PAST_QUARTERS {
            let code = quarter.code();
            let review = reviews.iter().find(|r| r.code == code);
            out.push(QuarterChoice {
                label: quarter.label(),
                opened: review.is_some(),
                closed: review.is_some_and(|r| r.closed),
                code,
            });
            let Some(before) = quarter.first_day().pred_opt() else {
                break;
            };
            quarter = Quarter::containing(before, start);
        }
        Ok(out)
    }

    /// Saves the progress note of one action's update as the chair types it,
    /// leaving status, RAG and evidence as they are; saving the same note
    /// again changes nothing. Refused with `quarter_closed` once signed off.
    pub fn save_quarter_note(
        &mut self,
        code: &str,
        action: &str,
        note: &str,
    ) -> Result<QuarterUpdate> {
        let quarter = self.quarter(code)?;
        let review = self.quarter_review(code)?;
        if review.closed_at.is_some() {
            return Err(Error::QuarterClosed(quarter.label()));
        }
        let target = self.action(action)?;
        let Some(saved) = review
            .updates
            .into_iter()
            .find(|u| u.action_id == target.id)
        else {
            return Err(Error::NotFound(format!(
                "Action {} on {}",
                target.reference,
                quarter.label()
            )));
        };
        let mut errors = Vec::new();
        let note = text::field(
            note,
            "progress_note",
            "Progress note",
            LONG,
            false,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        if note == saved.progress_note {
            return Ok(saved);
        }
        let review_id = review.id.to_string();
        self.write(|w| {
            w.tx.execute(
                "UPDATE quarter_updates SET progress_note = ?3, updated_at = ?4, updated_by = ?5
                 WHERE quarter_review_id = ?1 AND action_id = ?2",
                params![
                    review_id,
                    target.id.to_string(),
                    note,
                    stamp::to_text(w.at),
                    w.who
                ],
            )
            .map_err(closed_quarter(&quarter))?;
            let before = serde_json::json!({ "quarter": quarter.code(), "action": target.reference,
                                             "progress_note": saved.progress_note });
            let after = serde_json::json!({ "quarter": quarter.code(), "action": target.reference,
                                            "progress_note": note });
            w.log(
                "quarter_update",
                &review_id,
                Logged::Update,
                Some(&before),
                Some(&after),
            )
        })?;
        Ok(QuarterUpdate {
            progress_note: note,
            updated_by: Some(self.who().to_owned()),
            ..saved
        })
    }

    /// Every quarter an action was reviewed in, oldest first.
    pub fn action_quarters(&self, action: &str) -> Result<Vec<ActionQuarter>> {
        let target = self.action(action)?;
        let mut out: Vec<ActionQuarter> = self
            .list_quarter_reviews()?
            .into_iter()
            .filter_map(|review| {
                let closed = review.closed_at.is_some();
                let (code, label) = (review.code, review.label);
                review
                    .updates
                    .into_iter()
                    .find(|u| u.action_id == target.id)
                    .map(|update| ActionQuarter {
                        code,
                        label,
                        closed,
                        update,
                    })
            })
            .collect();
        out.reverse();
        Ok(out)
    }
}
