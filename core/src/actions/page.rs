//! The whole-partnership tracker one window at a time: the filters and the
//! column sort the tracker screen offers, applied to the register, and only
//! the rows in view read in full, with the number of rows the filters keep.
//!
//! Why: a ten-year register holds 30,000 actions. Reading every one in full
//! (with answers, themes and history) and sending them all to the window took
//! a third of a second before the first row showed; the screen shows a dozen.
//! Here the filters are SQL, the sort works on the few columns it needs, and
//! only the page asked for is read in full.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{answers, open_condition, ActionStatus, Answer, Rag};
use crate::change_log::corrupt;
use crate::clocks::Quarter;
use crate::error::{Error, Result};
use crate::index_walk::distinct_values;
use crate::kept::DataVersion;
use crate::natural::Natural;
use crate::plan_views::due_soon_horizon;
use crate::register::Register;

/// The most rows one page may ask for: a screenful many times over.
pub const MAX_PAGE: u32 = 1000;

/// The column the tracker is sorted by (the tracker screen's column buttons).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum TrackerSortKey {
    #[default]
    Reference,
    Text,
    Answers,
    Agency,
    Target,
    Status,
    Rag,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

/// What the tracker screen asks for: its filters ("" means any), its sort and
/// the window of rows in view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct TrackerQuery {
    /// A review or source code one of the action's answers comes from.
    pub source: String,
    pub agency: String,
    /// A RAG rating, `none` for actions not yet rated, or "".
    pub rag: String,
    pub theme: String,
    /// A status (kebab-case), `open` or `closed` for the two groups, or "".
    pub status: String,
    /// Only open actions past their target date.
    pub overdue_only: bool,
    /// Only open actions due within the next 28 days (the dashboard's reminder).
    pub due_soon: bool,
    /// Only open actions with no update recorded in this quarter's review
    /// (the dashboard's reminder).
    pub no_update_this_quarter: bool,
    pub sort: TrackerSortKey,
    pub direction: SortDirection,
    /// The first row wanted, counted from 0 in the sorted, filtered rows.
    pub offset: u32,
    /// How many rows, 1 to [`MAX_PAGE`].
    pub limit: u32,
}

/// One row of the tracker, as the table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrackerLine {
    #[ts(type = "string")]
    pub id: Uuid,
    pub reference: String,
    pub text: String,
    pub answers: Vec<Answer>,
    pub lead_agency: String,
    #[ts(type = "string")]
    pub target_date: NaiveDate,
    pub status: ActionStatus,
    pub rag: Option<Rag>,
}

/// A window of the sorted, filtered tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrackerPage {
    /// Every action in the register.
    pub all: u32,
    /// The actions the filters keep.
    pub matching: u32,
    pub offset: u32,
    /// The rows from `offset`, at most the limit asked for.
    pub rows: Vec<TrackerLine>,
}

/// The choices each of the tracker's filters offers, from the actions there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrackerChoices {
    pub sources: Vec<String>,
    pub agencies: Vec<String>,
    pub themes: Vec<String>,
}

/// The tracker as a filter and sort order it (`Register::tracker_page`),
/// kept until something is written.
#[derive(Debug)]
pub(crate) struct TrackerOrder {
    /// Every action, filtered or not.
    all: u32,
    /// The rows kept, in order.
    rowids: Vec<i64>,
}

/// The SQL expression for a source's code from `recommendations r`.
const SOURCE_CODE: &str = "coalesce((SELECT code FROM cases WHERE id = r.case_id), \
                           (SELECT code FROM sources WHERE id = r.source_id))";

// The tracker's filter choices. Why not `SELECT DISTINCT` over the actions,
// their answers and their themes: that reads every one (30,000 actions,
// 31,000 answers and 40,000 theme links on a ten-year register, 50 to 70 ms
// in all) for a few dozen choices. Each query here searches an index once
// per choice (or per case and source) instead; the tests compare them with
// what every action read in full offers.

/// The codes of the cases and sources with a recommendation some action
/// answers. `+c.id` drops the column's text affinity, without which SQLite
/// does not use the index on `coalesce(case_id, source_id)`. UNION ALL: the
/// choices are deduplicated byte for byte, as DISTINCT did, after sorting.
/// ORDER BY only hands the natural sort (the choices' order) codes nearly in
/// order already, which it sorts in far fewer comparisons: a register has
/// thousands of codes, and each natural comparison is slow.
const SOURCE_CHOICES: &str = "
    SELECT c.code FROM cases c WHERE EXISTS (
        SELECT 1 FROM recommendations r JOIN action_answers aa ON aa.recommendation_id = r.id
        WHERE coalesce(r.case_id, r.source_id) = +c.id)
    UNION ALL
    SELECT s.code FROM sources s WHERE EXISTS (
        SELECT 1 FROM recommendations r JOIN action_answers aa ON aa.recommendation_id = r.id
        WHERE coalesce(r.case_id, r.source_id) = +s.id)
    ORDER BY 1";

/// Every theme some action carries: one search of `action_themes_by_theme` per theme.
const THEME_CHOICES: &str = "SELECT t.name FROM themes t
    WHERE EXISTS (SELECT 1 FROM action_themes x WHERE x.theme_id = t.id)";

impl Register {
    /// One window of the tracker, filtered and sorted as `query` says ("overdue" as of `today`).
    pub fn tracker_page(&self, query: &TrackerQuery, today: NaiveDate) -> Result<TrackerPage> {
        // The quarter only matters to "no update this quarter".
        let quarter = if query.no_update_this_quarter {
            Some(Quarter::containing(
                today,
                self.clock_settings()?.year_start_month,
            ))
        } else {
            None
        };
        let (condition, params) = conditions(query, today, quarter.as_ref())?;
        let conn = self.conn();
        // Worked out once for each filter and sort, then kept until
        // something is written (kept.rs): the next page, scrolling down the
        // tracker, or coming back to it only reads its rows.
        let question = TrackerQuery {
            offset: 0,
            limit: 0,
            ..query.clone()
        };
        let order =
            self.kept
                .tracker_order
                .get_or(DataVersion::of(conn)?, (question, today), || {
                    order(conn, query, &condition, &params)
                })?;
        let page: Vec<i64> = order
            .rowids
            .iter()
            .skip(query.offset as usize)
            .take(query.limit as usize)
            .copied()
            .collect();
        Ok(TrackerPage {
            all: order.all,
            matching: order.rowids.len() as u32,
            offset: query.offset,
            rows: lines(conn, &page)?,
        })
    }

    /// What the tracker's filters offer: every source answered, agency and
    /// theme used (kept until something is written: `kept.rs`).
    pub fn tracker_choices(&self) -> Result<TrackerChoices> {
        let choices =
            self.kept
                .tracker_choices
                .get_or(DataVersion::of(self.conn())?, (), || {
                    self.work_out_tracker_choices()
                })?;
        Ok((*choices).clone())
    }

    fn work_out_tracker_choices(&self) -> Result<TrackerChoices> {
        let conn = self.conn();
        let column = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = conn.prepare(sql)?;
            let mut found = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<std::result::Result<Vec<_>, _>>()?;
            // Natural order ignoring case; byte order between names it
            // finds equal, so equal names sit together and go once.
            found.sort_by(|a, b| natord::compare_ignore_case(a, b).then_with(|| a.cmp(b)));
            found.dedup();
            Ok(found)
        };
        Ok(TrackerChoices {
            sources: column(SOURCE_CHOICES)?,
            // A jump from one to the next through `actions_by_lead_agency`.
            agencies: column(&distinct_values("actions", "lead_agency"))?,
            themes: column(THEME_CHOICES)?,
        })
    }
}

/// The query's filters as SQL on `actions a`, with their parameters; a
/// filter value the screen never offers is refused, naming the filter.
/// `quarter` is this quarter, when "no update this quarter" is asked for.
fn conditions(
    query: &TrackerQuery,
    today: NaiveDate,
    quarter: Option<&Quarter>,
) -> Result<(String, Vec<String>)> {
    if query.limit == 0 || query.limit > MAX_PAGE {
        return Err(Error::field(
            "limit",
            format!(
                "Ask for between 1 and {MAX_PAGE} rows (asked for {}).",
                query.limit
            ),
        ));
    }
    let mut conditions = vec!["1".to_owned()];
    let mut params: Vec<String> = Vec::new();
    let bind = |value: &str, params: &mut Vec<String>| {
        params.push(value.to_owned());
        format!("?{}", params.len())
    };
    if !query.source.is_empty() {
        let p = bind(&query.source, &mut params);
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM action_answers aa JOIN recommendations r ON r.id = aa.recommendation_id
             WHERE aa.action_id = a.id AND {SOURCE_CODE} = {p})"
        ));
    }
    if !query.agency.is_empty() {
        let p = bind(&query.agency, &mut params);
        conditions.push(format!("a.lead_agency = {p}"));
    }
    match query.rag.as_str() {
        "" => {}
        "none" => conditions.push("a.rag IS NULL".into()),
        rag => {
            let rag = Rag::parse(rag)
                .ok_or_else(|| Error::field("rag", format!("There is no RAG rating \"{rag}\".")))?;
            let p = bind(rag.as_str(), &mut params);
            conditions.push(format!("a.rag = {p}"));
        }
    }
    if !query.theme.is_empty() {
        let p = bind(&query.theme, &mut params);
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM action_themes x JOIN themes t ON t.id = x.theme_id
             WHERE x.action_id = a.id AND t.name = {p})"
        ));
    }
    match query.status.as_str() {
        "" => {}
        "open" => conditions.push(open_condition()),
        "closed" => conditions.push(format!("NOT ({})", open_condition())),
        status => {
            let status = ActionStatus::parse(status).ok_or_else(|| {
                Error::field("status", format!("There is no action status \"{status}\"."))
            })?;
            let p = bind(status.as_str(), &mut params);
            conditions.push(format!("a.status = {p}"));
        }
    }
    if query.overdue_only {
        let p = bind(&today.to_string(), &mut params);
        conditions.push(format!("{} AND a.target_date < {p}", open_condition()));
    }
    if query.due_soon {
        let from = bind(&today.to_string(), &mut params);
        let to = bind(&due_soon_horizon(today).to_string(), &mut params);
        conditions.push(format!(
            "{} AND a.target_date >= {from} AND a.target_date <= {to}",
            open_condition()
        ));
    }
    if let Some(q) = quarter.filter(|_| query.no_update_this_quarter) {
        // As the reminder reads it: updated means an update saved by
        // someone in this quarter's review (one list, read once).
        let (year, number, start) = (
            bind(&q.year.to_string(), &mut params),
            bind(&q.number.to_string(), &mut params),
            bind(&q.year_start_month.to_string(), &mut params),
        );
        conditions.push(format!(
            "{} AND a.id NOT IN (SELECT u.action_id FROM quarter_updates u
                 JOIN quarter_reviews q ON q.id = u.quarter_review_id
                 WHERE q.year = {year} AND q.quarter = {number} AND q.year_start_month = {start}
                   AND u.updated_by IS NOT NULL)",
            open_condition()
        ));
    }
    Ok((conditions.join(" AND "), params))
}

/// What one row is sorted on: the chosen column, then its reference (the tie-break).
struct Key {
    rowid: i64,
    value: SortValue,
    reference: Natural,
}

/// A row's value in the column sorted on. Every row of one sort has the same kind.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    /// Sorted by reference: the reference is the column too.
    Nothing,
    /// Words in natural order (what will be done, what it answers, the agency).
    Words(Natural),
    /// An ISO date, which orders as text.
    Date(String),
    /// A place in a fixed order (status, RAG).
    Rank(usize),
}

/// The rows `query`'s filters keep, in its order, and how many actions
/// there are in all.
fn order(
    conn: &Connection,
    query: &TrackerQuery,
    condition: &str,
    params: &[String],
) -> Result<TrackerOrder> {
    let mut keys = sort_keys(conn, query.sort, condition, params)?;
    let sign = |o: Ordering| match query.direction {
        SortDirection::Ascending => o,
        SortDirection::Descending => o.reverse(),
    };
    // Ties keep reference order whichever way the column runs, as the
    // screen always did.
    keys.sort_by(|a, b| {
        let column = match query.sort {
            TrackerSortKey::Reference => a.reference.cmp(&b.reference),
            _ => a.value.cmp(&b.value),
        };
        sign(column).then_with(|| a.reference.cmp(&b.reference))
    });
    let all: u32 = conn.query_row("SELECT count(*) FROM actions", [], |r| r.get(0))?;
    Ok(TrackerOrder {
        all,
        rowids: keys.into_iter().map(|k| k.rowid).collect(),
    })
}

/// The sort keys of every row the filters keep: only the columns the sort
/// needs, so the whole tracker's keys are a small read.
fn sort_keys(
    conn: &Connection,
    by: TrackerSortKey,
    condition: &str,
    params: &[String],
) -> Result<Vec<Key>> {
    let column = match by {
        TrackerSortKey::Reference => "''".to_owned(),
        TrackerSortKey::Text => "a.text".to_owned(),
        TrackerSortKey::Agency => "a.lead_agency".to_owned(),
        TrackerSortKey::Target => "a.target_date".to_owned(),
        TrackerSortKey::Status => "a.status".to_owned(),
        TrackerSortKey::Rag => "coalesce(a.rag, '')".to_owned(),
        // As the table shows them: "Child W R1, Case AN R2", by code and reference.
        TrackerSortKey::Answers => format!(
            "coalesce((SELECT group_concat({SOURCE_CODE} || ' ' || r.reference, ', '
                        ORDER BY {SOURCE_CODE}, r.reference)
               FROM action_answers aa JOIN recommendations r ON r.id = aa.recommendation_id
               WHERE aa.action_id = a.id), '')"
        ),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT a.rowid, a.reference, {column} FROM actions a WHERE {condition}"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut keys = Vec::new();
    for row in rows {
        let (rowid, reference, text) = row?;
        let value = match by {
            TrackerSortKey::Reference => SortValue::Nothing,
            TrackerSortKey::Text | TrackerSortKey::Answers | TrackerSortKey::Agency => {
                SortValue::Words(Natural::new(&text))
            }
            TrackerSortKey::Target => SortValue::Date(text),
            TrackerSortKey::Status => SortValue::Rank(
                ActionStatus::ALL
                    .iter()
                    .position(|s| s.as_str() == text)
                    .ok_or_else(|| corrupt("action status", &text))?,
            ),
            // Not yet rated sorts after Blue: there is nothing to act on.
            TrackerSortKey::Rag => SortValue::Rank(
                Rag::ALL
                    .iter()
                    .position(|g| g.as_str() == text)
                    .unwrap_or(Rag::ALL.len()),
            ),
        };
        keys.push(Key {
            rowid,
            value,
            reference: Natural::new(&reference),
        });
    }
    Ok(keys)
}

/// The rows with these row ids, in this order, with what each answers.
fn lines(conn: &Connection, rowids: &[i64]) -> Result<Vec<TrackerLine>> {
    if rowids.is_empty() {
        return Ok(Vec::new());
    }
    // Row ids are integers the register gave us, so they go into the SQL as text safely.
    let list = rowids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let mut answers = answers(
        conn,
        &format!("WHERE aa.action_id IN (SELECT id FROM actions WHERE rowid IN ({list}))"),
        &[],
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT rowid, id, reference, text, lead_agency, target_date, status, rag
         FROM actions WHERE rowid IN ({list})"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut by_rowid: HashMap<i64, TrackerLine> = HashMap::new();
    for row in rows {
        let (rowid, id, reference, text, lead_agency, target, status, rag) = row?;
        by_rowid.insert(
            rowid,
            TrackerLine {
                answers: answers.remove(&id).unwrap_or_default(),
                id: Uuid::parse_str(&id).map_err(|e| corrupt("action id", e))?,
                reference,
                text,
                lead_agency,
                target_date: target.parse().map_err(|e| corrupt("target date", e))?,
                status: ActionStatus::parse(&status)
                    .ok_or_else(|| corrupt("action status", &status))?,
                rag: rag
                    .map(|g| Rag::parse(&g).ok_or_else(|| corrupt("RAG", &g)))
                    .transpose()?,
            },
        );
    }
    Ok(rowids
        .iter()
        .filter_map(|rowid| by_rowid.remove(rowid))
        .collect())
}

#[cfg(test)]
mod tests;
