//! Actions: what will be done to answer one or more recommendations, possibly
//! from several reviews (the thematic tracker exists so the same action is not
//! repeated review after review). An action has a lead agency and a lead
//! officer (a role), a target date whose revisions are kept with their reasons,
//! a status and a RAG rating under rules that live here, evidence of completion
//! and of impact, and sign-off. It closes on evidence and can be reopened.

mod adding;
mod page;
mod rules;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::change_log::{corrupt, Action as Logged};
use crate::dates::DateInput;
use crate::error::{Error, Result};
use crate::register::Register;
use crate::similarity;
use crate::stamp;
use crate::text::{self, LONG};
use crate::themes;

pub(crate) use adding::{check_fields, check_new, insert};
pub(crate) use page::TrackerOrder;
pub use page::{
    SortDirection, TrackerChoices, TrackerLine, TrackerPage, TrackerQuery, TrackerSortKey, MAX_PAGE,
};
pub(crate) use rules::check as check_progress;
pub use rules::{ActionStatus, Rag, RAG_DEFINITIONS};

/// A new action, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ActionInput {
    /// Unique in the register, e.g. "24/25-03".
    pub reference: String,
    pub text: String,
    pub lead_agency: String,
    /// A role ("Head of Safeguarding, ICB"), never "the team".
    pub lead_officer: String,
    pub target: DateInput,
    /// When the action was agreed; blank means today.
    pub agreed: DateInput,
    /// Ids of the recommendations it answers.
    pub answers: Vec<String>,
    pub themes: Vec<String>,
}

/// Progress on an action, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ProgressInput {
    /// See [`ActionStatus`], kebab-case.
    pub status: String,
    /// Why it is paused.
    pub status_reason: String,
    /// The reference of the action that supersedes this one.
    pub superseded_by: String,
    /// `red`, `amber`, `green`, `blue`, or empty.
    pub rag: String,
    pub evidence_completion: String,
    pub evidence_impact: String,
    pub signed_off_by: String,
    pub signed_off_on: DateInput,
}

/// A recommendation an action answers, as the tracker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Answer {
    #[ts(type = "string")]
    pub recommendation_id: Uuid,
    pub source_code: String,
    pub reference: String,
}

/// A target-date revision or a reopening, kept for the action's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// `target-revised` or `reopened`.
    pub kind: String,
    #[ts(type = "string")]
    pub occurred_at: DateTime<Utc>,
    pub who: String,
    pub reason: String,
    pub previous: Option<String>,
    pub current: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ActionRecord {
    #[ts(type = "string")]
    pub id: Uuid,
    pub reference: String,
    pub text: String,
    pub lead_agency: String,
    pub lead_officer: String,
    #[ts(type = "string")]
    pub target_date: NaiveDate,
    #[ts(type = "string")]
    pub agreed_on: NaiveDate,
    pub status: ActionStatus,
    pub status_reason: String,
    pub superseded_by: Option<String>,
    pub rag: Option<Rag>,
    pub evidence_completion: String,
    pub evidence_impact: String,
    pub signed_off_by: String,
    #[ts(type = "string | null")]
    pub signed_off_on: Option<NaiveDate>,
    pub answers: Vec<Answer>,
    pub themes: Vec<String>,
    pub history: Vec<HistoryEntry>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// An open action that a new one may repeat.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SimilarAction {
    #[ts(type = "string")]
    pub id: Uuid,
    pub reference: String,
    pub text: String,
    /// The case or source codes of the recommendations it answers.
    pub sources: Vec<String>,
    /// 0 to 1; see [`crate::similarity`].
    pub score: f64,
    /// "similar wording" or "same theme and lead agency".
    pub why: String,
}

/// Filters for the tracker and `casereview actions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ActionFilter {
    /// Only open actions past their target date.
    pub overdue: bool,
    pub theme: Option<String>,
    pub agency: Option<String>,
}

const ROLE_NOT_A_TEAM: &[&str] = &[
    "team",
    "the team",
    "all",
    "all agencies",
    "everyone",
    "tbc",
    "n/a",
];

impl Register {
    /// Adds an action after checking it; nothing is written when a check fails.
    pub fn add_action(&mut self, input: &ActionInput, today: NaiveDate) -> Result<ActionRecord> {
        let checked = check_new(self.conn(), input, today)?;
        let id = self.write(|w| insert(w, &checked))?;
        self.action(&id)
    }

    /// Links an existing action to one more recommendation, instead of writing it again.
    pub fn link_action(
        &mut self,
        action_id: &str,
        recommendation_id: &str,
    ) -> Result<ActionRecord> {
        let action = self.action(action_id)?;
        let recommendation = self.recommendation(recommendation_id)?;
        self.write(|w| {
            w.tx.execute(
                "INSERT OR IGNORE INTO action_answers (action_id, recommendation_id) VALUES (?1, ?2)",
                params![action.id.to_string(), recommendation.id.to_string()],
            )?;
            let after = serde_json::json!({ "answers": recommendation.id });
            w.log("action", &action.id.to_string(), Logged::Update, None, Some(&after))
        })?;
        self.action(action_id)
    }

    /// Open actions a new action with this text, themes and agency may repeat, best match first.
    pub fn similar_actions(
        &self,
        text: &str,
        theme_names: &[String],
        agency: &str,
    ) -> Result<Vec<SimilarAction>> {
        // The same limits as the action form's fields: an over-long text is
        // refused rather than compared with every action.
        use crate::text::{field, LONG, SHORT};
        let mut errors = Vec::new();
        field(text, "text", "Action", LONG, false, &mut errors);
        field(
            agency,
            "lead_agency",
            "Lead agency",
            SHORT,
            false,
            &mut errors,
        );
        for name in theme_names {
            field(name, "themes", "Theme", SHORT, false, &mut errors);
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let mut found = Vec::new();
        for action in read(self.conn(), None)? {
            if action.status.is_closed() {
                continue;
            }
            let score = similarity::score(text, &action.text);
            let same_theme = action
                .themes
                .iter()
                .any(|t| theme_names.iter().any(|n| n.trim().eq_ignore_ascii_case(t)));
            let same_agency =
                !agency.trim().is_empty() && action.lead_agency.eq_ignore_ascii_case(agency.trim());
            let why = if score >= similarity::WARN_AT {
                "similar wording"
            } else if same_theme && same_agency {
                "same theme and lead agency"
            } else {
                continue;
            };
            let mut sources: Vec<String> = action
                .answers
                .iter()
                .map(|a| a.source_code.clone())
                .collect();
            sources.dedup();
            found.push(SimilarAction {
                id: action.id,
                reference: action.reference,
                text: action.text,
                sources,
                score,
                why: why.into(),
            });
        }
        found.sort_by(|a, b| b.score.total_cmp(&a.score));
        Ok(found)
    }

    /// Records progress: status, RAG, evidence and sign-off, under the rules in [`rules`].
    pub fn set_progress(
        &mut self,
        action_id: &str,
        input: &ProgressInput,
        today: NaiveDate,
    ) -> Result<ActionRecord> {
        let before = self.action(action_id)?;
        let superseded = match input.superseded_by.trim() {
            "" => None,
            reference => Some(self.action(reference).map_err(|_| {
                Error::field("superseded_by", format!("There is no action {reference}"))
            })?),
        };
        let superseded_by = superseded.as_ref().map(|a| a.id.to_string());
        let next = rules::check(&before, input, superseded.as_ref(), today)?;
        self.write(|w| apply(w, &before, &next, superseded_by.as_deref(), today))?;
        self.action(action_id)
    }

    /// Moves the target date, keeping the old one and the reason.
    pub fn revise_target(
        &mut self,
        action_id: &str,
        target: &DateInput,
        reason: &str,
    ) -> Result<ActionRecord> {
        let before = self.action(action_id)?;
        let id = before.id.to_string();
        let mut errors = Vec::new();
        let target = target
            .parse("target", "Revised target date")
            .map_err(|e| errors.push(e))
            .ok();
        let reason = text::field(
            reason,
            "reason",
            "Reason for the revision",
            LONG,
            true,
            &mut errors,
        );
        let (Some(target), true) = (target, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        self.write(|w| revise(w, &id, before.target_date, target, &reason))?;
        self.action(action_id)
    }

    /// Reopens a closed action with a reason; it goes back to "in progress".
    pub fn reopen_action(&mut self, action_id: &str, reason: &str) -> Result<ActionRecord> {
        let before = self.action(action_id)?;
        let id = before.id.to_string();
        if !before.status.is_closed() {
            return Err(Error::InvalidTransition(format!(
                "Action {} is not closed (it is \"{}\"), so it cannot be reopened.",
                before.reference,
                before.status.label()
            )));
        }
        let mut errors = Vec::new();
        let reason = text::field(
            reason,
            "reason",
            "Reason for reopening",
            LONG,
            true,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.write(|w| {
            w.tx.execute(
                "UPDATE actions SET status = 'in-progress', rag = NULL, superseded_by = NULL, closed_on = NULL,
                 updated_at = ?2 WHERE id = ?1",
                params![id, stamp::to_text(w.at)],
            )?;
            history(w, &id, "reopened", &reason, Some(before.status.as_str().into()), Some("in-progress".into()))?;
            let before = serde_json::json!({ "status": before.status });
            let after = serde_json::json!({ "status": ActionStatus::InProgress, "reason": reason });
            w.log("action", &id, Logged::Update, Some(&before), Some(&after))
        })?;
        self.action(action_id)
    }

    /// One action by id, or by its reference.
    pub fn action(&self, id_or_reference: &str) -> Result<ActionRecord> {
        let id = match self.action_id(id_or_reference)? {
            Some(id) => id,
            None => id_or_reference.to_owned(),
        };
        read(self.conn(), Some(&id))?
            .pop()
            .ok_or_else(|| Error::NotFound(format!("Action \"{id_or_reference}\"")))
    }

    /// Actions matching `filter` ("overdue" as of `today`), by reference.
    pub fn list_actions(
        &self,
        filter: &ActionFilter,
        today: NaiveDate,
    ) -> Result<Vec<ActionRecord>> {
        // The filter is SQL, so only the matching actions (and their answers,
        // themes and history) are read: reading all 30,000 of a ten-year
        // register to show a few hundred made the filtered tracker slow.
        let mut conditions = Vec::new();
        let mut params: Vec<String> = Vec::new();
        if filter.overdue {
            params.push(today.to_string());
            conditions.push(format!(
                "{} AND a.target_date < ?{}",
                open_condition(),
                params.len()
            ));
        }
        if let Some(theme) = &filter.theme {
            // NOCASE folds ASCII letters only, as eq_ignore_ascii_case does.
            params.push(theme.trim().to_owned());
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM action_themes x JOIN themes t ON t.id = x.theme_id
                 WHERE x.action_id = a.id AND t.name = ?{} COLLATE NOCASE)",
                params.len()
            ));
        }
        if let Some(agency) = &filter.agency {
            params.push(agency.trim().to_owned());
            conditions.push(format!("a.lead_agency = ?{} COLLATE NOCASE", params.len()));
        }
        let condition = (!conditions.is_empty()).then(|| conditions.join(" AND "));
        read_where(self.conn(), condition.as_deref(), &params, Themes::Read)
    }

    /// Every action, by reference, as [`Register::list_actions`] reads them
    /// but with `themes` left empty: for the tracker export and the reports,
    /// which never show an action's themes. Why: reading the theme links of
    /// every action (40,000 on a ten-year register) was about half a billion
    /// instructions of each export, for nothing.
    pub(crate) fn actions_without_themes(&self) -> Result<Vec<ActionRecord>> {
        read_where(self.conn(), None, &[], Themes::LeftOut)
    }

    /// The actions not closed, by reference, in full (the reminders read
    /// only what they show; the synthetic register's tests compare the two).
    #[cfg(test)]
    pub(crate) fn list_open_actions(&self) -> Result<Vec<ActionRecord>> {
        read_where(self.conn(), Some(&open_condition()), &[], Themes::Read)
    }

    fn action_id(&self, reference: &str) -> Result<Option<String>> {
        action_id(self.conn(), reference)
    }
}

/// SQL on `actions a` for an action that is not closed, under the one
/// definition of closed ([`ActionStatus::is_closed`]).
pub(crate) fn open_condition() -> String {
    let closed: Vec<String> = ActionStatus::ALL
        .into_iter()
        .filter(|s| s.is_closed())
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("a.status NOT IN ({})", closed.join(", "))
}

/// The id of the action with this reference (or id), if there is one.
pub(crate) fn action_id(conn: &Connection, reference: &str) -> Result<Option<String>> {
    // Cached: an import asks once per row, and preparing costs more than the lookup.
    Ok(conn
        .prepare_cached("SELECT id FROM actions WHERE reference = ?1 OR id = ?1")?
        .query_row([reference.trim()], |r| r.get(0))
        .optional()?)
}

/// Writes the action as `next` (already checked by [`rules::check`]) and logs it.
pub(crate) fn apply(
    w: &crate::change_log::Writer<'_>,
    before: &ActionRecord,
    next: &ActionRecord,
    superseded_by: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    let action_id = before.id.to_string();
    w.tx.execute(
        "UPDATE actions SET status = ?2, status_reason = ?3, superseded_by = ?4, rag = ?5, evidence_completion = ?6,
         evidence_impact = ?7, signed_off_by = ?8, signed_off_on = ?9, updated_at = ?10,
         closed_on = CASE WHEN ?11 THEN coalesce(closed_on, ?12) END WHERE id = ?1",
        params![
            action_id,
            next.status.as_str(),
            next.status_reason,
            superseded_by,
            next.rag.map(Rag::as_str),
            next.evidence_completion,
            next.evidence_impact,
            next.signed_off_by,
            next.signed_off_on.map(|d| d.to_string()),
            stamp::to_text(w.at),
            next.status.is_closed(),
            today.to_string()
        ],
    )?;
    w.log(
        "action",
        &action_id,
        Logged::Update,
        Some(before),
        Some(next),
    )
}

/// Moves an action's target from `previous` to `target`, keeping the old
/// date and the reason in its history, and logs it.
pub(crate) fn revise(
    w: &crate::change_log::Writer<'_>,
    id: &str,
    previous: NaiveDate,
    target: NaiveDate,
    reason: &str,
) -> Result<()> {
    w.tx.execute(
        "UPDATE actions SET target_date = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, target.to_string(), stamp::to_text(w.at)],
    )?;
    history(
        w,
        id,
        "target-revised",
        reason,
        Some(previous.to_string()),
        Some(target.to_string()),
    )?;
    let after = serde_json::json!({ "target_date": target, "reason": reason });
    w.log(
        "action",
        id,
        Logged::Update,
        Some(&serde_json::json!({ "target_date": previous })),
        Some(&after),
    )
}

/// Appends a target revision or reopening to the action's history.
fn history(
    w: &crate::change_log::Writer<'_>,
    action_id: &str,
    kind: &str,
    reason: &str,
    previous: Option<String>,
    current: Option<String>,
) -> Result<()> {
    w.tx.execute(
        "INSERT INTO action_history (id, action_id, kind, occurred_at, who, reason, previous, current)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![stamp::new_id().to_string(), action_id, kind, stamp::to_text(w.at), w.who, reason, previous, current],
    )?;
    Ok(())
}

/// Reads one action (`Some(id)`) or all of them, with answers, themes and history.
///
/// Answers, themes and history are read in one query each for all the
/// actions read, not three per action: the whole tracker is 30,000 actions on
/// a ten-year register. One action is read by its key alone (a condition such
/// as `?1 IS NULL OR a.id = ?1`, as before, scanned every action).
pub(crate) fn read(conn: &Connection, id: Option<&str>) -> Result<Vec<ActionRecord>> {
    match id {
        Some(id) => read_where(conn, Some("a.id = ?1"), &[id.to_owned()], Themes::Read),
        None => read_where(conn, None, &[], Themes::Read),
    }
}

/// Whether [`read_where`] reads the actions' themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Themes {
    Read,
    /// Left empty, for a caller that never shows them.
    LeftOut,
}

/// The actions meeting `condition` (SQL on `actions a`, with `params`), or
/// all of them, by reference, with their answers, themes (unless left out)
/// and history.
fn read_where(
    conn: &Connection,
    condition: Option<&str>,
    params: &[String],
    themes: Themes,
) -> Result<Vec<ActionRecord>> {
    let chosen = |column: &str| {
        condition.map_or(String::new(), |c| {
            format!("WHERE {column} IN (SELECT a.id FROM actions a WHERE {c})")
        })
    };
    let mut answers = answers(conn, &chosen("aa.action_id"), params)?;
    let mut themes = match themes {
        Themes::Read => themes::names_by_owner(
            conn,
            "action_themes",
            "action_id",
            &chosen("l.action_id"),
            params,
        )?,
        Themes::LeftOut => HashMap::new(),
    };
    let mut history = history_of(conn, &chosen("action_id"), params)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, a.reference, a.text, a.lead_agency, a.lead_officer, a.target_date, a.status, a.status_reason,
                s.reference, a.rag, a.evidence_completion, a.evidence_impact, a.signed_off_by, a.signed_off_on,
                a.created_at, a.updated_at, coalesce(a.agreed_on, substr(a.created_at, 1, 10))
         FROM actions a LEFT JOIN actions s ON s.id = a.superseded_by
         {} ORDER BY a.reference",
        condition.map_or(String::new(), |c| format!("WHERE {c}"))
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ),
            (
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
            ),
            (
                r.get::<_, String>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, String>(12)?,
                r.get::<_, Option<String>>(13)?,
            ),
            (
                r.get::<_, String>(14)?,
                r.get::<_, String>(15)?,
                r.get::<_, String>(16)?,
            ),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            (id, reference, text, lead_agency, lead_officer),
            (target, status, status_reason, superseded_by, rag),
            (completion, impact, signed_by, signed_on),
            (created, updated, agreed),
        ) = row?;
        out.push(ActionRecord {
            answers: answers.remove(&id).unwrap_or_default(),
            themes: themes.remove(&id).unwrap_or_default(),
            history: history.remove(&id).unwrap_or_default(),
            id: Uuid::parse_str(&id).map_err(|e| corrupt("action id", e))?,
            reference,
            text,
            lead_agency,
            lead_officer,
            target_date: target.parse().map_err(|e| corrupt("target date", e))?,
            agreed_on: agreed.parse().map_err(|e| corrupt("agreed date", e))?,
            status: ActionStatus::parse(&status)
                .ok_or_else(|| corrupt("action status", &status))?,
            status_reason,
            superseded_by,
            rag: rag
                .map(|r| Rag::parse(&r).ok_or_else(|| corrupt("RAG", &r)))
                .transpose()?,
            evidence_completion: completion,
            evidence_impact: impact,
            signed_off_by: signed_by,
            signed_off_on: signed_on
                .map(|d| d.parse())
                .transpose()
                .map_err(|e| corrupt("sign-off date", e))?,
            created_at: stamp::from_text(&created).map_err(|e| corrupt("action time", e))?,
            updated_at: stamp::from_text(&updated).map_err(|e| corrupt("action time", e))?,
        });
    }
    Ok(out)
}

/// What the actions chosen by `filter` answer, by action id.
fn answers(
    conn: &Connection,
    filter: &str,
    params: &[String],
) -> Result<HashMap<String, Vec<Answer>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT aa.action_id, r.id, coalesce(c.code, s.code), r.reference FROM action_answers aa
         JOIN recommendations r ON r.id = aa.recommendation_id
         LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN sources s ON s.id = r.source_id
         {filter} ORDER BY 3, 4"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    let mut by_action: HashMap<String, Vec<Answer>> = HashMap::new();
    for row in rows {
        let (action_id, id, source_code, reference) = row?;
        by_action.entry(action_id).or_default().push(Answer {
            recommendation_id: Uuid::parse_str(&id).map_err(|e| corrupt("recommendation id", e))?,
            source_code,
            reference,
        });
    }
    Ok(by_action)
}

/// The target revisions and reopenings of the actions chosen by `filter`, by action id.
fn history_of(
    conn: &Connection,
    filter: &str,
    params: &[String],
) -> Result<HashMap<String, Vec<HistoryEntry>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT action_id, kind, occurred_at, who, reason, previous, current FROM action_history
         {filter} ORDER BY occurred_at, id"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    let mut by_action: HashMap<String, Vec<HistoryEntry>> = HashMap::new();
    for row in rows {
        let (action_id, kind, at, who, reason, previous, current) = row?;
        by_action.entry(action_id).or_default().push(HistoryEntry {
            kind,
            occurred_at: stamp::from_text(&at).map_err(|e| corrupt("history time", e))?,
            who,
            reason,
            previous,
            current,
        });
    }
    Ok(by_action)
}

#[cfg(test)]
mod tests;
