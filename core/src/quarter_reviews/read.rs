//! Reading quarter reviews' updates with how each action moved since the
//! quarter before it was reviewed. One review's updates take two queries; all
//! reviews' take one, the movement worked out by walking each action's
//! updates in quarter order. (It was one query per update: 300,000 on a
//! ten-year register, which made the tracker export take over a minute.)

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Params};
use uuid::Uuid;

use super::{QuarterChange, QuarterReview, QuarterUpdate};
use crate::actions::{ActionStatus, Rag};
use crate::change_log::corrupt;
use crate::clocks::Quarter;
use crate::error::Result;
use crate::stamp;

const SELECT_UPDATES: &str = "SELECT u.quarter_review_id, q.year, q.quarter, q.year_start_month, u.action_id,
        a.reference, a.text, a.lead_agency, u.status, u.rag, u.target_date, u.progress_note, u.evidence,
        u.escalate, u.escalation_reason, u.updated_by
     FROM quarter_updates u JOIN quarter_reviews q ON q.id = u.quarter_review_id
     JOIN actions a ON a.id = u.action_id";

/// An update as stored, with its quarter, before its movement is known.
struct Row {
    review_id: String,
    quarter: Quarter,
    action_id: String,
    reference: String,
    text: String,
    lead_agency: String,
    status: ActionStatus,
    rag: Option<Rag>,
    target: NaiveDate,
    note: String,
    evidence: String,
    escalate: bool,
    reason: String,
    updated_by: Option<String>,
}

impl Row {
    /// Quarters compare by year and number, as the schema orders them.
    fn when(&self) -> (i32, u32) {
        (self.quarter.year, self.quarter.number)
    }

    fn into_update(self, change: QuarterChange) -> Result<QuarterUpdate> {
        Ok(QuarterUpdate {
            action_id: Uuid::parse_str(&self.action_id).map_err(|e| corrupt("action id", e))?,
            reference: self.reference,
            text: self.text,
            lead_agency: self.lead_agency,
            status: self.status,
            rag: self.rag,
            target_date: self.target,
            progress_note: self.note,
            evidence: self.evidence,
            escalate: self.escalate,
            escalation_reason: self.reason,
            updated_by: self.updated_by,
            change,
        })
    }
}

fn rag(text: Option<String>) -> Result<Option<Rag>> {
    text.map(|r| Rag::parse(&r).ok_or_else(|| corrupt("RAG", &r)))
        .transpose()
}

fn read_rows(conn: &Connection, sql: &str, params: impl Params) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, String>(4)?,
            ),
            (
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, String>(10)?,
            ),
            (
                r.get::<_, String>(11)?,
                r.get::<_, String>(12)?,
                r.get::<_, bool>(13)?,
                r.get::<_, String>(14)?,
                r.get::<_, Option<String>>(15)?,
            ),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            (review_id, year, number, year_start_month, action_id),
            (reference, text, lead_agency, status, rag_text, target),
            (note, evidence, escalate, reason, updated_by),
        ) = row?;
        out.push(Row {
            review_id,
            quarter: Quarter {
                year,
                number,
                year_start_month,
            },
            action_id,
            reference,
            text,
            lead_agency,
            status: ActionStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            rag: rag(rag_text)?,
            target: target.parse().map_err(|e| corrupt("target date", e))?,
            note,
            evidence,
            escalate,
            reason,
            updated_by,
        });
    }
    Ok(out)
}

/// How an update moved from `previous`, the action's update in the latest
/// earlier quarter it was reviewed in (if any).
fn change(
    previous: Option<(Quarter, Option<Rag>, NaiveDate)>,
    rag: Option<Rag>,
    target: NaiveDate,
) -> QuarterChange {
    match previous {
        None => QuarterChange {
            previous_quarter: None,
            previous_rag: None,
            rag_changed: false,
            target_slip_days: None,
        },
        Some((quarter, previous_rag, previous_target)) => QuarterChange {
            previous_quarter: Some(quarter.code()),
            previous_rag,
            rag_changed: previous_rag != rag,
            target_slip_days: Some((target - previous_target).num_days()),
        },
    }
}

/// One review's updates, by action reference, each compared with the action's
/// update in the latest earlier quarter.
pub(super) fn updates(
    conn: &Connection,
    review_id: &str,
    quarter: &Quarter,
) -> Result<Vec<QuarterUpdate>> {
    let rows = read_rows(
        conn,
        &format!("{SELECT_UPDATES} WHERE u.quarter_review_id = ?1 ORDER BY a.reference"),
        [review_id],
    )?;
    // Every earlier update of this review's actions, latest first per action:
    // the first seen for an action is the one to compare with.
    let mut stmt = conn.prepare(
        "SELECT u.action_id, q.year, q.quarter, q.year_start_month, u.rag, u.target_date
         FROM quarter_updates mine JOIN quarter_updates u ON u.action_id = mine.action_id
         JOIN quarter_reviews q ON q.id = u.quarter_review_id
         WHERE mine.quarter_review_id = ?1 AND (q.year < ?2 OR (q.year = ?2 AND q.quarter < ?3))
         ORDER BY u.action_id, q.year DESC, q.quarter DESC",
    )?;
    let earlier = stmt.query_map(
        rusqlite::params![review_id, quarter.year, quarter.number],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                Quarter {
                    year: r.get(1)?,
                    number: r.get(2)?,
                    year_start_month: r.get(3)?,
                },
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        },
    )?;
    let mut previous: HashMap<String, (Quarter, Option<String>, String)> = HashMap::new();
    for row in earlier {
        let (action_id, quarter, rag, target) = row?;
        previous.entry(action_id).or_insert((quarter, rag, target));
    }
    rows.into_iter()
        .map(|row| {
            let before = match previous.remove(&row.action_id) {
                Some((quarter, rag_text, target)) => Some((
                    quarter,
                    rag(rag_text)?,
                    target.parse().map_err(|e| corrupt("target date", e))?,
                )),
                None => None,
            };
            let change = change(before, row.rag, row.target);
            row.into_update(change)
        })
        .collect()
}

/// A quarter review's own row, before its updates are read.
pub(super) struct Head {
    pub id: String,
    pub quarter: Quarter,
    pub opened_at: String,
    pub opened_by: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
}

/// Every quarter review's own row, most recent first: the order of
/// [`all_reviews`], which the tracker's lean read (lean.rs) follows too.
pub(super) fn heads(conn: &Connection) -> Result<Vec<Head>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, year, quarter, year_start_month, opened_at, opened_by, closed_at, closed_by
         FROM quarter_reviews ORDER BY year DESC, quarter DESC",
    )?;
    let heads = stmt
        .query_map([], |r| {
            Ok(Head {
                id: r.get(0)?,
                quarter: Quarter {
                    year: r.get(1)?,
                    number: r.get(2)?,
                    year_start_month: r.get(3)?,
                },
                opened_at: r.get(4)?,
                opened_by: r.get(5)?,
                closed_at: r.get(6)?,
                closed_by: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(heads)
}

/// Every quarter review, most recent first, with its updates by action
/// reference: the whole history in one query.
pub(super) fn all_reviews(conn: &Connection) -> Result<Vec<QuarterReview>> {
    let heads = heads(conn)?;
    // Every update without its action's columns, then each action once:
    // joining 300,000 updates to their actions read an action's page per
    // update, each page decrypted again as the small page cache turned over.
    let mut rows = read_rows(
        conn,
        "SELECT u.quarter_review_id, q.year, q.quarter, q.year_start_month, u.action_id,
                '', '', '', u.status, u.rag, u.target_date, u.progress_note, u.evidence,
                u.escalate, u.escalation_reason, u.updated_by
         FROM quarter_updates u JOIN quarter_reviews q ON q.id = u.quarter_review_id",
        [],
    )?;
    let mut stmt = conn.prepare("SELECT id, reference, text, lead_agency FROM actions")?;
    let mut number: HashMap<String, usize> = HashMap::new();
    let mut shown: Vec<(String, String, String)> = Vec::new();
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
    })? {
        let (id, columns) = row?;
        number.insert(id, shown.len());
        shown.push(columns);
    }
    // Each update's action by number: it sorts and groups by an integer,
    // where the id's text made 300,000 string comparisons per pass.
    let mut keys: Vec<(usize, (i32, u32))> = Vec::with_capacity(rows.len());
    rows.retain_mut(|row| match number.get(&row.action_id) {
        Some(&n) => {
            let (reference, text, agency) = &shown[n];
            row.reference.clone_from(reference);
            row.text.clone_from(text);
            row.lead_agency.clone_from(agency);
            keys.push((n, row.when()));
            true
        }
        // As the join did: an update of no action is not shown.
        None => false,
    });
    // Each action's updates in quarter order; an update is compared with the
    // last one of an earlier quarter.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by_key(|&i| (keys[i], i));
    let mut changes: Vec<Option<QuarterChange>> = vec![None; rows.len()];
    let mut start = 0;
    while start < order.len() {
        let action = keys[order[start]].0;
        let mut previous: Option<usize> = None;
        let mut at = start;
        while at < order.len() && keys[order[at]].0 == action {
            let when = keys[order[at]].1;
            let mut end = at;
            while end < order.len() && keys[order[end]] == (action, when) {
                let row = &rows[order[end]];
                let before = previous.map(|p| (rows[p].quarter, rows[p].rag, rows[p].target));
                changes[order[end]] = Some(change(before, row.rag, row.target));
                end += 1;
            }
            previous = Some(order[end - 1]);
            at = end;
        }
        start = at;
    }
    let mut by_review: HashMap<String, Vec<QuarterUpdate>> = HashMap::new();
    for (row, change_made) in rows.into_iter().zip(changes) {
        let change_made = change_made.unwrap_or_else(|| change(None, None, row.target));
        by_review
            .entry(row.review_id.clone())
            .or_default()
            .push(row.into_update(change_made)?);
    }
    heads
        .into_iter()
        .map(|head| {
            let mut updates = by_review.remove(&head.id).unwrap_or_default();
            updates.sort_by(|a, b| a.reference.cmp(&b.reference));
            Ok(QuarterReview {
                id: Uuid::parse_str(&head.id).map_err(|e| corrupt("quarter id", e))?,
                code: head.quarter.code(),
                label: head.quarter.label(),
                opened_by: head.opened_by,
                opened_at: stamp::from_text(&head.opened_at)
                    .map_err(|e| corrupt("quarter time", e))?,
                closed_by: head.closed_by,
                closed_at: head
                    .closed_at
                    .map(|t| stamp::from_text(&t))
                    .transpose()
                    .map_err(|e| corrupt("quarter time", e))?,
                updates,
            })
        })
        .collect()
}

/// The ids of the actions reviewed so far (updated) in `quarter`'s review,
/// or `None` when the quarter has no review: what the reminders need,
/// without building the review and every action's movement. Ids, not
/// references: the update holds the id, so no action is looked up.
pub(crate) fn reviewed_actions(
    conn: &Connection,
    quarter: &Quarter,
) -> Result<Option<HashSet<String>>> {
    let review: Option<String> = conn
        .query_row(
            "SELECT id FROM quarter_reviews WHERE year = ?1 AND quarter = ?2 AND year_start_month = ?3",
            rusqlite::params![quarter.year, quarter.number, quarter.year_start_month],
            |r| r.get(0),
        )
        .optional()?;
    let Some(review) = review else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT action_id FROM quarter_updates
         WHERE quarter_review_id = ?1 AND updated_by IS NOT NULL",
    )?;
    let ids = stmt
        .query_map([review], |r| r.get(0))?
        .collect::<rusqlite::Result<HashSet<String>>>()?;
    Ok(Some(ids))
}

/// "Reference: reason" for each action escalated in the most recent quarter
/// review, by reference.
pub(crate) fn latest_escalations(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT a.reference, u.escalation_reason FROM quarter_updates u JOIN actions a ON a.id = u.action_id
         WHERE u.escalate = 1 AND u.quarter_review_id =
             (SELECT id FROM quarter_reviews ORDER BY year DESC, quarter DESC LIMIT 1)
         ORDER BY a.reference",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{}: {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
