//! What the tracker shows of each action's quarter reviews, gathered in one
//! pass over the register's quarter updates: of all an action's updates
//! only the few a row shows are kept (the newest of each kind), so no
//! review is built whole and nothing is held twice.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::actions::{ActionRecord, ActionStatus, Rag};
use crate::error::Result;
use crate::quarter_reviews::{QuarterHead, UpdateFacts};
use crate::register::Register;

/// An action's position at one point: now, or in one quarter's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Position {
    pub status: ActionStatus,
    pub rag: Option<Rag>,
    pub target: NaiveDate,
}

/// Whether a quarter's review escalated the action to the Executive Board.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Decision {
    pub escalate: bool,
    /// Kept only when escalated: the row shows no reason otherwise.
    pub reason: String,
}

/// One action's quarter history as its tracker row uses it. Each `usize`
/// is the place of the review it came from in the quarter heads (0: the
/// most recent), so a smaller one is newer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct History {
    /// In a quarter's snapshot: the action as that quarter recorded it
    /// (`None`: not in that review, so not on the snapshot).
    pub at: Option<Position>,
    /// What the row's change compares with: for the current position, the
    /// latest signed-off quarter's record; in a snapshot, the latest
    /// quarter before the chosen one that reviewed the action.
    pub before: Option<(usize, Position)>,
    /// The escalation that stands: the chosen quarter's, or for the current
    /// position the latest quarter that recorded an update of the action.
    pub decision: Option<(usize, Decision)>,
    /// The latest non-empty progress note, from the chosen quarter back.
    pub note: Option<(usize, String)>,
}

/// Whether an update from the review at `review` is newer than what `kept` holds.
fn newer<T>(kept: &Option<(usize, T)>, review: usize) -> bool {
    kept.as_ref().is_none_or(|(at, _)| review < *at)
}

impl History {
    fn add(&mut self, update: &UpdateFacts<'_>, heads: &[QuarterHead], chosen: Option<usize>) {
        let review = update.review;
        let position = Position {
            status: update.status,
            rag: update.rag,
            target: update.target,
        };
        let decision = || Decision {
            escalate: update.escalate,
            reason: if update.escalate {
                update.reason.to_owned()
            } else {
                String::new()
            },
        };
        if !update.note.is_empty() && newer(&self.note, review) {
            // The note's buffer is reused as newer ones replace it.
            let (at, note) = self.note.get_or_insert_with(Default::default);
            *at = review;
            note.clear();
            note.push_str(update.note);
        }
        match chosen {
            Some(quarter) if review == quarter => {
                self.at = Some(position);
                self.decision = Some((review, decision()));
            }
            Some(_) => {
                if newer(&self.before, review) {
                    self.before = Some((review, position));
                }
            }
            None => {
                if heads[review].closed && newer(&self.before, review) {
                    self.before = Some((review, position));
                }
                if update.recorded && newer(&self.decision, review) {
                    self.decision = Some((review, decision()));
                }
            }
        }
    }
}

/// The history of each of `actions`, in their order: from the current
/// position (`chosen` is `None`) or as the review at `chosen` in `heads`
/// recorded it, from its updates and earlier ones only (later quarters are
/// no part of that quarter's record).
pub(super) fn gather(
    register: &Register,
    heads: &[QuarterHead],
    chosen: Option<usize>,
    actions: &[ActionRecord],
) -> Result<Vec<History>> {
    let place: HashMap<Uuid, usize> = actions
        .iter()
        .enumerate()
        .map(|(at, action)| (action.id, at))
        .collect();
    let mut histories = vec![History::default(); actions.len()];
    let from = chosen.unwrap_or(0);
    register.each_quarter_update(heads, |update| {
        if update.review < from {
            return;
        }
        // An update of an action not on the list is not shown, as before.
        if let Some(&at) = place.get(&update.action_id) {
            histories[at].add(&update, heads, chosen);
        }
    })?;
    Ok(histories)
}

#[cfg(test)]
mod tests;
