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

use super::summary::TrackerSummary;
use super::MARKING;

use crate::actions::{ActionFilter, ActionRecord, ActionStatus, Rag};
use crate::clocks::Quarter;
use crate::dates::format_long;
use crate::error::{Error, FieldError, Result};
use crate::quarter_reviews::{QuarterReview, QuarterUpdate};
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

/// An action's position at one point: now, or in one quarter's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    status: ActionStatus,
    rag: Option<Rag>,
    target: NaiveDate,
}

impl From<&QuarterUpdate> for Position {
    fn from(u: &QuarterUpdate) -> Self {
        Position {
            status: u.status,
            rag: u.rag,
            target: u.target_date,
        }
    }
}

impl Register {
    /// The tracker as `options` ask, with "overdue" judged as of `today` (or
    /// the chosen quarter's last day, if earlier). Refuses, with a message per
    /// option, a quarter that is not a code or has no review, and a review
    /// code that is neither a case nor a source.
    pub fn tracker(&self, options: &TrackerOptions, today: NaiveDate) -> Result<Tracker> {
        let reviews = self.list_quarter_reviews()?;
        let mut errors = Vec::new();
        let snapshot = match given(&options.quarter) {
            None => None,
            Some(code) => self
                .snapshot_quarter(code, &reviews)?
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
        let texts: HashMap<Uuid, String> = self
            .list_recommendations()?
            .into_iter()
            .map(|r| (r.id, r.text))
            .collect();
        let actions = self.list_actions(&ActionFilter::default(), today)?;
        let reviewed = Reviewed::index(&reviews);
        let (mut rows, basis, as_at, quarter_closed) = match snapshot {
            None => {
                let rows = actions
                    .iter()
                    .map(|a| current_row(a, &reviewed, &texts, today))
                    .collect::<Vec<_>>();
                let basis = format!("Current position on {}", format_long(today));
                (rows, basis, today, None)
            }
            Some((quarter, index)) => {
                let chosen = &reviews[index];
                let as_at = quarter.last_day().min(today);
                let by_id: HashMap<Uuid, &ActionRecord> =
                    actions.iter().map(|a| (a.id, a)).collect();
                let rows = chosen
                    .updates
                    .iter()
                    .filter_map(|u| by_id.get(&u.action_id).map(|a| (*a, u)))
                    .map(|(a, u)| snapshot_row(a, u, &reviewed, index, &texts, as_at))
                    .collect::<Vec<_>>();
                let closed = chosen.closed_at.is_some();
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

    /// The quarter named by `code` and the index of its review in `reviews`.
    fn snapshot_quarter(
        &self,
        code: &str,
        reviews: &[QuarterReview],
    ) -> Result<Result<(Quarter, usize), FieldError>> {
        let start = self.clock_settings()?.year_start_month;
        let Some(quarter) = Quarter::parse_code(code, start) else {
            let example = Quarter::containing(crate::dates::today(), start).code();
            return Ok(Err(FieldError::new(
                "quarter",
                format!("Give the quarter as its code, such as {example} (not \"{code}\")"),
            )));
        };
        Ok(reviews
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

/// Each action's updates across the quarter reviews, newest review first,
/// found by the action's id. Searching every review's updates for each action
/// instead took 30,000 × 40 × 7,500 steps on a ten-year register.
struct Reviewed<'a> {
    reviews: &'a [QuarterReview],
    /// (index of the review in `reviews`, the action's update in it).
    by_action: HashMap<Uuid, Vec<(usize, &'a QuarterUpdate)>>,
}

impl<'a> Reviewed<'a> {
    fn index(reviews: &'a [QuarterReview]) -> Self {
        let mut by_action: HashMap<Uuid, Vec<(usize, &'a QuarterUpdate)>> = HashMap::new();
        for (i, review) in reviews.iter().enumerate() {
            for update in &review.updates {
                by_action
                    .entry(update.action_id)
                    .or_default()
                    .push((i, update));
            }
        }
        Self { reviews, by_action }
    }

    /// The reviews (newest first) that include `action`, with its update in
    /// each, from the review at index `from` back.
    fn of(
        &self,
        action: Uuid,
        from: usize,
    ) -> impl Iterator<Item = (&'a QuarterReview, &'a QuarterUpdate)> + '_ {
        let reviews = self.reviews;
        self.by_action
            .get(&action)
            .into_iter()
            .flatten()
            .filter(move |(i, _)| *i >= from)
            .map(move |&(i, u)| (&reviews[i], u))
    }

    /// The latest non-empty progress note, from the review at `from` back.
    fn latest_note(&self, action: Uuid, from: usize) -> Option<TrackerUpdate> {
        self.of(action, from)
            .find(|(_, u)| !u.progress_note.is_empty())
            .map(|(r, u)| TrackerUpdate {
                quarter: r.code.clone(),
                note: u.progress_note.clone(),
            })
    }
}

/// An action as it stands, compared with the latest signed-off quarter: the
/// last record the board saw, which the current position has moved on from.
fn current_row(
    action: &ActionRecord,
    reviewed: &Reviewed<'_>,
    texts: &HashMap<Uuid, String>,
    today: NaiveDate,
) -> TrackerRow {
    let now = Position {
        status: action.status,
        rag: action.rag,
        target: action.target_date,
    };
    let baseline = reviewed
        .of(action.id, 0)
        .find(|(r, _)| r.closed_at.is_some());
    // Escalation is a decision of the latest quarter that actually reviewed the
    // action: a quarter just opened has not yet decided anything about it.
    let escalation = reviewed
        .of(action.id, 0)
        .find(|(_, u)| u.updated_by.is_some())
        .map(|(_, u)| u);
    row(
        action,
        now,
        texts,
        today,
        reviewed.latest_note(action.id, 0),
        (
            baseline.map(|(r, u)| (r.code.clone(), Position::from(u))),
            "Not yet in a signed-off quarter",
        ),
        escalation,
    )
}

/// An action as the chosen quarter's review (at index `chosen`) recorded it,
/// compared with the quarter before in which it was reviewed.
fn snapshot_row(
    action: &ActionRecord,
    update: &QuarterUpdate,
    reviewed: &Reviewed<'_>,
    chosen: usize,
    texts: &HashMap<Uuid, String>,
    as_at: NaiveDate,
) -> TrackerRow {
    let previous = reviewed.of(action.id, chosen + 1).next();
    row(
        action,
        Position::from(update),
        texts,
        as_at,
        reviewed.latest_note(action.id, chosen),
        (
            previous.map(|(r, u)| (r.code.clone(), Position::from(u))),
            "First quarter reviewed",
        ),
        Some(update),
    )
}

fn row(
    action: &ActionRecord,
    at: Position,
    texts: &HashMap<Uuid, String>,
    as_at: NaiveDate,
    latest_update: Option<TrackerUpdate>,
    (before, first): (Option<(String, Position)>, &str),
    escalation: Option<&QuarterUpdate>,
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
    let escalated = escalation.is_some_and(|u| u.escalate);
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
            .map(|u| u.escalation_reason.clone())
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
