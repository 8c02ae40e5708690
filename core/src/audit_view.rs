//! Reading the audit trail: the change log a page at a time, filtered by who
//! made the change, the dates and the record, with each entry's changes set
//! out field by field ("from what to what"). Paged in SQL, because a large
//! register's log has hundreds of thousands of entries: nothing here reads
//! it all, except the separate chain check (`audit_view/chain_status.rs`)
//! and the first count of each filter, remembered after (`audit_view/totals.rs`);
//! a page's entries are found in an index (`audit_view/paging.rs`).

use chrono::{Days, NaiveDate};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit_chain::AuditBreak;
use crate::error::{Error, FieldError, Result};
use crate::index_walk::distinct_values;
use crate::register::Register;

/// The most entries one page may hold.
pub const MAX_PAGE_SIZE: u32 = 200;
/// Entries shown on a record's own page, newest first.
const RECORD_HISTORY_LIMIT: u32 = 200;
/// Longest filter text accepted (a name or a record code).
const MAX_FILTER: usize = 200;
/// Fields that say nothing to a reader: the time of every edit, and the
/// record's own id (the entry already says which record it is).
const NOISE: &[&str] = &["updated_at", "id"];

/// Which entries to show; every filter is optional.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AuditQuery {
    /// Exactly as recorded (pick one from [`Register::audit_users`]).
    pub user: Option<String>,
    /// First day included, `YYYY-MM-DD` (days are UTC).
    pub from: Option<String>,
    /// Last day included, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// A case code, action reference, source code, or a record's id.
    pub record: Option<String>,
    /// 1 is the newest page.
    #[ts(type = "number")]
    pub page: u32,
    #[ts(type = "number")]
    pub page_size: u32,
}

/// One field of a record, before and after a change, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One change-log entry, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: String,
    pub who: String,
    /// The kind of record ("case", "action", "settings"...).
    pub entity: String,
    pub entity_id: String,
    /// The record's code or reference when it has one ("Case AK").
    pub label: Option<String>,
    /// "create", "update" or "delete".
    pub action: String,
    pub changes: Vec<FieldChange>,
}

/// One page of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Entries matching the filters, on every page.
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub page: u32,
    #[ts(type = "number")]
    pub pages: u32,
    #[ts(type = "number")]
    pub page_size: u32,
}

/// Whether the hash chain verifies, for the audit trail screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditChainStatus {
    pub ok: bool,
    #[ts(type = "number")]
    pub verified: i64,
    pub first_break: Option<AuditBreak>,
    /// Whether every entry was read this time. Otherwise the check carried on
    /// from the last entry verified since the register was unlocked, and
    /// read only those added since (`chain_status.rs`).
    pub whole: bool,
}

impl Register {
    /// One page of the change log, newest first, filtered.
    pub fn audit_page(&self, query: &AuditQuery) -> Result<AuditPage> {
        let filter = self.filter(query)?;
        let page_size = query.page_size.clamp(1, MAX_PAGE_SIZE);
        let (clause, mut params) = filter.sql();
        let total = self.audit.totals.count(self.conn(), &clause, &params)?;
        let pages = u32::try_from((total + i64::from(page_size) - 1) / i64::from(page_size))
            .unwrap_or(u32::MAX)
            .max(1);
        let page = query.page.clamp(1, pages);
        let rows = page_sql(&clause, &mut params, total, page, page_size);
        let entries = self.entries(&rows, &params)?;
        Ok(AuditPage {
            entries,
            total,
            page,
            pages,
            page_size,
        })
    }

    /// A record's history on its own page, newest first: who changed what,
    /// when, from what to what. `of` says which kind of record `entity_id`
    /// is, so the entries of its parts logged under their own ids (a
    /// meeting's decisions, a Rapid Review's agency requests) are included
    /// (see [`HistoryOf`]).
    pub fn record_history(&self, of: HistoryOf, entity_id: &str) -> Result<Vec<AuditEntry>> {
        let (clause, uses) = of.sql();
        let mut params = vec![Value::Text(entity_id.to_owned()); uses];
        params.push(Value::Integer(i64::from(RECORD_HISTORY_LIMIT)));
        self.entries(&format!("{clause} ORDER BY seq DESC LIMIT ?"), &params)
    }

    /// Everyone who has made a change, for the filter.
    pub fn audit_users(&self) -> Result<Vec<String>> {
        // Not `SELECT DISTINCT who`: that reads the whole `change_log_by_who`
        // index (423,118 entries on a ten-year register, about 50 ms) for a
        // handful of people. This jumps through it, a search per person,
        // in the same byte order.
        let mut stmt = self.conn().prepare(&distinct_values("change_log", "who"))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The entries `rows` picks (the SQL after `FROM change_log`, ordering
    /// them), set out to show.
    fn entries(&self, rows: &str, params: &[Value]) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT seq, at, who, entity, entity_id, action, before, after FROM change_log{rows}"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?;
        let mut entries = Vec::new();
        let mut names = Names::default();
        for row in rows {
            let (seq, at, who, entity, entity_id, action, before, after) = row?;
            let before = parse(before.as_deref())?;
            let after = parse(after.as_deref())?;
            // Only the fields that changed have their ids named: a large
            // register's actions each carry lists of ids that rarely change.
            let mut changes = Vec::new();
            for (field, mut was, mut now) in changed(before.as_ref(), after.as_ref()) {
                for value in was.iter_mut().chain(now.iter_mut()) {
                    names.apply(self.conn(), value)?;
                }
                changes.push(FieldChange {
                    field,
                    before: was.as_ref().and_then(as_text),
                    after: now.as_ref().and_then(as_text),
                });
            }
            entries.push(AuditEntry {
                seq,
                at,
                who,
                entity,
                entity_id,
                label: label(after.as_ref()).or_else(|| label(before.as_ref())),
                action,
                changes,
            });
        }
        Ok(entries)
    }

    /// Checks the query and turns it into SQL conditions; every bad field is
    /// reported at once.
    fn filter(&self, query: &AuditQuery) -> Result<Filter> {
        let mut errors = Vec::new();
        let text = |value: &Option<String>, field: &str, errors: &mut Vec<FieldError>| {
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            if value.chars().count() > MAX_FILTER {
                errors.push(FieldError::new(
                    field,
                    format!("Enter {MAX_FILTER} characters or fewer"),
                ));
                return None;
            }
            Some(value.to_owned())
        };
        let user = text(&query.user, "user", &mut errors);
        let record = text(&query.record, "record", &mut errors);
        let from = day(&query.from, "from", &mut errors);
        let to = day(&query.to, "to", &mut errors);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(FieldError::new(
                    "to",
                    "The end date must be the same as or after the start date",
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let entity_id = record.map(|r| self.resolve_record(&r)).transpose()?;
        Ok(Filter {
            user,
            from: from.map(|d| format!("{d}")),
            // Stored times are RFC 3339 text: before the next day's midnight.
            until: to
                .and_then(|d| d.checked_add_days(Days::new(1)))
                .map(|d| format!("{d}")),
            entity_id,
        })
    }

    /// The record id behind a code, reference or id the user typed.
    fn resolve_record(&self, record: &str) -> Result<String> {
        for sql in [
            "SELECT id FROM cases WHERE code = ?1",
            "SELECT id FROM actions WHERE reference = ?1",
            "SELECT id FROM sources WHERE code = ?1",
            "SELECT entity_id FROM change_log WHERE entity_id = ?1 LIMIT 1",
        ] {
            let id: Option<String> = self
                .conn()
                .query_row(sql, [record], |r| r.get(0))
                .optional()?;
            if let Some(id) = id {
                return Ok(id);
            }
        }
        Err(Error::Validation(vec![FieldError::new(
            "record",
            format!("No case, action or source has the code {record}, and no record has that id"),
        )]))
    }
}

/// The kinds of record whose page shows its history. Most are logged under
/// their own id; some are logged under their case's id beside other records
/// (a Rapid Review, a review), and some have parts logged under the parts'
/// own ids, found through the tables that hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HistoryOf {
    /// Everything logged under the case's id: the case, its Rapid Review
    /// and review records and its stage.
    Case,
    Action,
    /// A journey step, with its amendments.
    CaseEvent,
    /// A panel meeting and the decisions made at it.
    PanelMeeting,
    /// A quarter's review and the updates recorded in it.
    QuarterReview,
    Recommendation,
    /// A registered national review, audit or thematic review, by its id
    /// or its code (the plan screens know sources by code).
    Source,
    /// A case's Rapid Review record (by the case's id) and its agency requests.
    RapidReview,
    /// A case's review record (by the case's id), its log and the
    /// proceedings alongside it.
    Review,
}

impl HistoryOf {
    /// The WHERE clause and how many times it binds the record's id. Each
    /// part is an `entity_id` match, so SQLite answers from the index on it.
    fn sql(self) -> (&'static str, usize) {
        match self {
            HistoryOf::Case
            | HistoryOf::Action
            | HistoryOf::CaseEvent
            | HistoryOf::QuarterReview
            | HistoryOf::Recommendation => (" WHERE entity_id = ?", 1),
            HistoryOf::Source => (
                " WHERE entity_id IN (SELECT id FROM sources WHERE id = ? OR code = ?)",
                2,
            ),
            HistoryOf::PanelMeeting => (
                " WHERE entity_id = ?
                   OR entity_id IN (SELECT id FROM panel_decisions WHERE meeting_id = ?)",
                2,
            ),
            HistoryOf::RapidReview => (
                " WHERE (entity_id = ? AND entity = 'rapid_review')
                   OR entity_id IN (SELECT id FROM agency_requests WHERE case_id = ?)",
                2,
            ),
            HistoryOf::Review => (
                " WHERE (entity_id = ? AND entity = 'review')
                   OR entity_id IN (SELECT id FROM review_log WHERE case_id = ?)
                   OR entity_id IN (SELECT id FROM parallel_proceedings WHERE case_id = ?)",
                3,
            ),
        }
    }
}

/// The conditions of a query, as SQL with positional parameters.
#[derive(Debug, Default)]
struct Filter {
    user: Option<String>,
    from: Option<String>,
    until: Option<String>,
    entity_id: Option<String>,
}

impl Filter {
    /// Only the conditions present, so SQLite can use the matching index
    /// (by who, by time, by record) rather than scanning the log.
    fn sql(&self) -> (String, Vec<Value>) {
        let mut conditions = Vec::new();
        let mut params = Vec::new();
        let mut add = |sql: &str, value: &Option<String>| {
            if let Some(value) = value {
                conditions.push(sql.to_owned());
                params.push(Value::Text(value.clone()));
            }
        };
        add("who = ?", &self.user);
        add("at >= ?", &self.from);
        add("at < ?", &self.until);
        add("entity_id = ?", &self.entity_id);
        let clause = if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        };
        (clause, params)
    }
}

fn day(value: &Option<String>, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            errors.push(FieldError::new(
                field,
                "Enter a real date, for example 2025-06-04",
            ));
            None
        }
    }
}

fn parse(json: Option<&str>) -> Result<Option<serde_json::Value>> {
    Ok(json.map(serde_json::from_str).transpose()?)
}

/// A record's code or reference, when its JSON carries one.
fn label(json: Option<&serde_json::Value>) -> Option<String> {
    let object = json?.as_object()?;
    ["code", "reference"]
        .iter()
        .find_map(|k| object.get(*k)?.as_str().map(str::to_owned))
}

/// The fields that differ between `before` and `after`, in name order. A
/// created record lists the fields it was given; a deleted one what it held.
pub fn diff(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Vec<FieldChange> {
    changed(before, after)
        .into_iter()
        .map(|(field, before, after)| FieldChange {
            field,
            before: before.as_ref().and_then(as_text),
            after: after.as_ref().and_then(as_text),
        })
        .collect()
}

/// A changed field: its name, and its values before and after.
type Changed = (String, Option<serde_json::Value>, Option<serde_json::Value>);

/// The fields that differ as people read them (see [`as_text`]), with their
/// values as logged, in name order; [`diff`] as text.
fn changed(before: Option<&serde_json::Value>, after: Option<&serde_json::Value>) -> Vec<Changed> {
    let empty = serde_json::Map::new();
    let as_object = |v: Option<&serde_json::Value>| match v {
        Some(serde_json::Value::Object(map)) => Some(map.clone()),
        Some(other) => Some(serde_json::Map::from_iter([(
            "value".to_owned(),
            other.clone(),
        )])),
        None => None,
    };
    let (b, a) = (as_object(before), as_object(after));
    let (b_map, a_map) = (b.as_ref().unwrap_or(&empty), a.as_ref().unwrap_or(&empty));
    let mut fields: Vec<&String> = b_map.keys().chain(a_map.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| !NOISE.contains(&f.as_str()))
        .filter_map(|field| {
            let (was, now) = (b_map.get(field), a_map.get(field));
            (was.and_then(as_text) != now.and_then(as_text))
                .then(|| (field.clone(), was.cloned(), now.cloned()))
        })
        .collect()
}

/// A JSON value as a person reads it; empty values are `None`.
fn as_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(a) if a.is_empty() => None,
        other => Some(other.to_string()),
    }
}

mod chain_status;
mod chain_walks;
mod names;
mod paging;
mod totals;
pub use chain_status::{AuditChainStep, AuditCheck, AuditChecked, AuditMemory};
pub use chain_walks::ChainWalks;
use names::Names;
use paging::page_sql;

#[cfg(test)]
mod tests;
