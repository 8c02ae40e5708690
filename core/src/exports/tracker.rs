//! The action-plan tracker's rows: one per action, as it stands now or as one
//! quarter's review recorded it, with the recommendations it answers, its
//! original and revised targets, status, RAG, latest update, movement since
//! the previous quarter, and whether it went to the Executive Board.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::history::{self, Decision, History, Position};
use super::summary::TrackerSummary;
use super::MARKING;

use crate::actions::{ActionRecord, ActionStatus, Rag};
use crate::change_log::corrupt;
use crate::clocks::Quarter;
use crate::dates::format_long;
use crate::error::{Error, FieldError, Result};
use crate::quarter_reviews::QuarterHead;
use crate::register::Register;
use crate::sensitive;

/// What to put in the tracker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TrackerOptions {
    /// A quarter's code ("2024/25-Q3"): that quarter's review as recorded,
    /// instead of the actions as they stand now.
    pub quarter: Option<String>,
    /// A case or source code: only actions answering its recommendations.
    pub review: Option<String>,
    /// Only actions rated Red or Amber, or overdue: what the board must discuss.
    pub exceptions: bool,
    /// Include progress notes and escalation reasons, which can describe the
    /// family (sensitive.rs); ticked by the user for this export only.
    #[serde(default)]
    pub include_sensitive: bool,
}

/// A recommendation an action answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackedRecommendation {
    /// The case or source code.
    pub review: String,
    pub reference: String,
    pub text: String,
}

/// A quarter's progress note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerUpdate {
    /// "2024/25-Q3".
    pub quarter: String,
    pub note: String,
}

/// One action on the tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerRow {
    /// The case or source codes whose recommendations it answers.
    pub reviews: Vec<String>,
    pub recommendations: Vec<TrackedRecommendation>,
    pub action_reference: String,
    pub action: String,
    pub lead_agency: String,
    pub lead_officer: String,
    /// The target first agreed.
    pub target_date: NaiveDate,
    /// The target now (or in the chosen quarter), when it has moved.
    pub revised_target_date: Option<NaiveDate>,
    pub status: ActionStatus,
    pub status_label: String,
    pub rag: Option<Rag>,
    /// Open and past its target at the tracker's `as_at` date.
    pub overdue: bool,
    /// The latest progress note recorded in a quarter's review.
    pub latest_update: Option<TrackerUpdate>,
    /// Movement since `change_since`: "Green → Amber; target slipped 30 days".
    pub change: String,
    /// The quarter `change` compares with.
    pub change_since: Option<String>,
    pub escalated: bool,
    pub escalation_reason: String,
}

/// The tracker: its rows, what they show, and their counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tracker {
    /// Always "OFFICIAL-SENSITIVE".
    pub marking: String,
    /// "Current position on 4 June 2025", or the quarter and whether it is signed off.
    pub basis: String,
    /// The chosen quarter's code, if a snapshot.
    pub quarter: Option<String>,
    /// Whether the chosen quarter's review is signed off (and so fixed).
    pub quarter_closed: Option<bool>,
    /// The date "overdue" is judged at: today, or the chosen quarter's last day.
    pub as_at: NaiveDate,
    /// The chosen review's code, as the register spells it.
    pub review: Option<String>,
    pub exceptions: bool,
    pub produced_on: NaiveDate,
    /// The register's user, who made the export.
    pub produced_by: String,
    /// The register holds fictional demo data, and the export says so.
    pub demo: bool,
    /// Whether progress notes and escalation reasons are in it; without
    /// them, each left-out text reads "[left out: sensitive]".
    pub sensitive_included: bool,
    /// What was left out, in words; empty when everything is included.
    pub sensitive_note: String,
    pub rows: Vec<TrackerRow>,
    pub summary: TrackerSummary,
}

impl Register {
    /// The tracker as `options` ask, with "overdue" judged as of `today` (or
    /// the chosen quarter's last day, if earlier). Refuses, with a message per
    /// option, a quarter that is not a code or has no review, and a review
    /// code that is neither a case nor a source.
    pub fn tracker(&self, options: &TrackerOptions, today: NaiveDate) -> Result<Tracker> {
        let heads = self.quarter_heads()?;
        let mut errors = Vec::new();
        let snapshot = match given(&options.quarter) {
            None => None,
            Some(code) => self
                .snapshot_quarter(code, &heads)?
                .map_err(|e| errors.push(e))
                .ok(),
        };
        let review = match given(&options.review) {
            None => None,
            Some(code) => self.review_code(code)?.map_err(|e| errors.push(e)).ok(),
        };
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let texts = self.recommendation_texts()?;
        let actions = self.actions_without_themes()?;
        let histories = history::gather(self, &heads, snapshot.map(|(_, i)| i), &actions)?;
        let (mut rows, basis, as_at, quarter_closed) = match snapshot {
            None => {
                let rows = actions
                    .iter()
                    .zip(histories)
                    .map(|(a, h)| current_row(a, h, &heads, &texts, today))
                    .collect::<Vec<_>>();
                let basis = format!("Current position on {}", format_long(today));
                (rows, basis, today, None)
            }
            Some((quarter, index)) => {
                let chosen = &heads[index];
                let as_at = quarter.last_day().min(today);
                let mut reviewed = actions
                    .iter()
                    .zip(histories)
                    .filter_map(|(a, h)| h.at.map(|at| (a, at, h)))
                    .collect::<Vec<_>>();
                // In the review's order: by reference as Rust compares text
                // (the actions come ordered by reference ignoring case).
                reviewed.sort_by(|(a, ..), (b, ..)| a.reference.cmp(&b.reference));
                let rows = reviewed
                    .into_iter()
                    .map(|(a, at, h)| snapshot_row(a, at, h, &heads, &texts, as_at))
                    .collect::<Vec<_>>();
                let closed = chosen.closed;
                let basis = if closed {
                    format!("{} as reviewed and signed off", chosen.label)
                } else {
                    format!(
                        "{} as reviewed so far (not yet signed off, so it may change)",
                        chosen.label
                    )
                };
                (rows, basis, as_at, Some(closed))
            }
        };
        if let Some(code) = &review {
            rows.retain(|r| r.reviews.iter().any(|c| c.eq_ignore_ascii_case(code)));
        }
        if options.exceptions {
            rows.retain(|r| r.overdue || matches!(r.rag, Some(Rag::Red | Rag::Amber)));
        }
        if !options.include_sensitive {
            rows.iter_mut().for_each(leave_out_sensitive);
        }
        Ok(Tracker {
            marking: MARKING.to_owned(),
            basis,
            quarter: snapshot.map(|(q, _)| q.code()),
            quarter_closed,
            as_at,
            review,
            exceptions: options.exceptions,
            produced_on: today,
            produced_by: self.who().to_owned(),
            demo: self.is_demo()?,
            sensitive_included: options.include_sensitive,
            sensitive_note: if options.include_sensitive {
                String::new()
            } else {
                sensitive::TRACKER_LEFT_OUT.to_owned()
            },
            summary: TrackerSummary::of(&rows),
            rows,
        })
    }

    /// The quarter named by `code` and the index of its review in `heads`.
    fn snapshot_quarter(
        &self,
        code: &str,
        heads: &[QuarterHead],
    ) -> Result<Result<(Quarter, usize), FieldError>> {
        let start = self.clock_settings()?.year_start_month;
        let Some(quarter) = Quarter::parse_code(code, start) else {
            let example = Quarter::containing(crate::dates::today(), start).code();
            return Ok(Err(FieldError::new(
                "quarter",
                format!("Give the quarter as its code, such as {example} (not \"{code}\")"),
            )));
        };
        Ok(heads
            .iter()
            .position(|r| r.code == quarter.code())
            .map(|index| (quarter, index))
            .ok_or_else(|| {
                FieldError::new(
                    "quarter",
                    format!(
                        "{} has no quarter review, so there is no record of it to export: leave out the quarter for the current position",
                        quarter.label()
                    ),
                )
            }))
    }

    /// A case or source code as the register spells it.
    fn review_code(&self, code: &str) -> Result<Result<String, FieldError>> {
        let found: Option<String> = self
            .conn()
            .query_row(
                "SELECT code FROM cases WHERE code = ?1 COLLATE NOCASE
                 UNION ALL SELECT code FROM sources WHERE code = ?1 COLLATE NOCASE LIMIT 1",
                [code],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.ok_or_else(|| {
            FieldError::new(
                "review",
                format!("There is no case or source \"{code}\" in the register"),
            )
        }))
    }
}

/// Replaces the row's free text that can describe the family with a marker,
/// so a reader sees there was a note without reading it.
fn leave_out_sensitive(row: &mut TrackerRow) {
    if let Some(update) = row.latest_update.as_mut().filter(|u| !u.note.is_empty()) {
        update.note = sensitive::LEFT_OUT.to_owned();
    }
    if !row.escalation_reason.is_empty() {
        row.escalation_reason = sensitive::LEFT_OUT.to_owned();
    }
}

/// A non-blank option, trimmed.
fn given(option: &Option<String>) -> Option<&str> {
    option.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Register {
    /// Each recommendation's text by its id, for the rows' "Recommendation"
    /// column: only these two columns, where the full list of
    /// recommendations reads each one's source, outcome and themes too.
    fn recommendation_texts(&self) -> Result<HashMap<Uuid, String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, text FROM recommendations")?;
        let mut rows = stmt.query([])?;
        let mut texts = HashMap::new();
        while let Some(row) = rows.next()? {
            let id = row
                .get_ref(0)?
                .as_str()
                .map_err(|e| corrupt("recommendation id", e))?;
            let id = Uuid::parse_str(id).map_err(|e| corrupt("recommendation id", e))?;
            texts.insert(id, row.get(1)?);
        }
        Ok(texts)
    }
}

/// The latest progress note in `history`, with its quarter's code.
fn latest_note(history: &mut History, heads: &[QuarterHead]) -> Option<TrackerUpdate> {
    history.note.take().map(|(at, note)| TrackerUpdate {
        quarter: heads[at].code.clone(),
        note,
    })
}

/// An action as it stands, compared with the latest signed-off quarter: the
/// last record the board saw, which the current position has moved on from.
/// Its escalation is the decision of the latest quarter that actually
/// reviewed it: a quarter just opened has not yet decided anything about it.
fn current_row(
    action: &ActionRecord,
    mut history: History,
    heads: &[QuarterHead],
    texts: &HashMap<Uuid, String>,
    today: NaiveDate,
) -> TrackerRow {
    let now = Position {
        status: action.status,
        rag: action.rag,
        target: action.target_date,
    };
    let note = latest_note(&mut history, heads);
    row(
        action,
        now,
        texts,
        today,
        note,
        (
            history.before.map(|(at, p)| (heads[at].code.clone(), p)),
            "Not yet in a signed-off quarter",
        ),
        history.decision.map(|(_, d)| d),
    )
}

/// An action as the chosen quarter's review recorded it (`at`), compared
/// with the quarter before in which it was reviewed.
fn snapshot_row(
    action: &ActionRecord,
    at: Position,
    mut history: History,
    heads: &[QuarterHead],
    texts: &HashMap<Uuid, String>,
    as_at: NaiveDate,
) -> TrackerRow {
    let note = latest_note(&mut history, heads);
    row(
        action,
        at,
        texts,
        as_at,
        note,
        (
            history.before.map(|(at, p)| (heads[at].code.clone(), p)),
            "First quarter reviewed",
        ),
        history.decision.map(|(_, d)| d),
    )
}

fn row(
    action: &ActionRecord,
    at: Position,
    texts: &HashMap<Uuid, String>,
    as_at: NaiveDate,
    latest_update: Option<TrackerUpdate>,
    (before, first): (Option<(String, Position)>, &str),
    escalation: Option<Decision>,
) -> TrackerRow {
    // The first revision's "previous" is the target as agreed; the action
    // itself keeps only the current one.
    let agreed = action
        .history
        .iter()
        .find(|h| h.kind == "target-revised")
        .and_then(|h| h.previous.as_deref())
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .unwrap_or(at.target);
    let mut reviews: Vec<String> = Vec::new();
    for answer in &action.answers {
        if !reviews.contains(&answer.source_code) {
            reviews.push(answer.source_code.clone());
        }
    }
    let escalated = escalation.as_ref().is_some_and(|d| d.escalate);
    TrackerRow {
        reviews,
        recommendations: action
            .answers
            .iter()
            .map(|a| TrackedRecommendation {
                review: a.source_code.clone(),
                reference: a.reference.clone(),
                text: texts.get(&a.recommendation_id).cloned().unwrap_or_default(),
            })
            .collect(),
        action_reference: action.reference.clone(),
        action: action.text.clone(),
        lead_agency: action.lead_agency.clone(),
        lead_officer: action.lead_officer.clone(),
        target_date: agreed,
        revised_target_date: (at.target != agreed).then_some(at.target),
        status: at.status,
        status_label: at.status.label().to_owned(),
        rag: at.rag,
        overdue: !at.status.is_closed() && at.target < as_at,
        latest_update,
        change: describe_change(before.as_ref().map(|(_, p)| p), &at, first),
        change_since: before.map(|(code, _)| code),
        escalated,
        escalation_reason: escalation
            .filter(|_| escalated)
            .map(|d| d.reason)
            .unwrap_or_default(),
    }
}

/// "Green → Amber; now Paused; target slipped 30 days", or "No change".
fn describe_change(before: Option<&Position>, now: &Position, first: &str) -> String {
    let Some(before) = before else {
        return first.to_owned();
    };
    let mut parts = Vec::new();
    if before.rag != now.rag {
        parts.push(format!(
            "{} → {}",
            super::columns::rag_word(before.rag),
            super::columns::rag_word(now.rag)
        ));
    }
    if before.status != now.status {
        parts.push(format!("now {}", now.status.label()));
    }
    let days = (now.target - before.target).num_days();
    let plural = |n: i64| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    if days > 0 {
        parts.push(format!("target slipped {}", plural(days)));
    } else if days < 0 {
        parts.push(format!("target brought forward {}", plural(-days)));
    }
    if parts.is_empty() {
        "No change".to_owned()
    } else {
        parts.join("; ")
    }
}
