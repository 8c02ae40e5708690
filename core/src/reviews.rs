//! The review record: who is reviewing, the terms of reference and key lines
//! of enquiry, the methodology; the dated log of family engagement, written
//! requests to the reviewer and progress or quality checks (the partners must
//! monitor time and quality, SI 2018/789 reg 14); and parallel proceedings that
//! hold publication back, with their reasons.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::change_log::{corrupt, Action};
use crate::dates::DateInput;
use crate::error::{Error, Result};
use crate::register::Register;
use crate::stamp;
use crate::text::{self, LONG, SHORT};

/// The National Panel's six themes, offered as key lines of enquiry.
pub const NATIONAL_PANEL_THEMES: [&str; 6] = [
    "Understanding what the child's daily life is like",
    "Working with families where engagement is reluctant and sporadic",
    "Critical thinking and challenge",
    "Responding to changing risk and need",
    "Sharing information in a timely way",
    "Organisational leadership and culture",
];

/// The narrative of a review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewInput {
    pub reviewer: String,
    pub terms_of_reference: String,
    pub lines_of_enquiry: Vec<String>,
    pub methodology: String,
}

/// A dated entry in the review's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ReviewLogKind {
    /// A contact attempt with the family, and its outcome.
    FamilyContact,
    /// A written request to the reviewer.
    WrittenRequest,
    /// A check on the review's progress against its timescale.
    ProgressCheck,
    /// A check on the review's quality.
    QualityCheck,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ReviewLogInput {
    /// `family-contact`, `written-request`, `progress-check` or `quality-check`.
    pub kind: String,
    pub date: DateInput,
    pub detail: String,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewLogEntry {
    #[ts(type = "string")]
    pub id: Uuid,
    pub kind: ReviewLogKind,
    #[ts(type = "string")]
    pub occurred_on: NaiveDate,
    pub detail: String,
    pub outcome: String,
    pub recorded_by: String,
}

/// Proceedings running alongside the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ProceedingKind {
    Criminal,
    Inquest,
    Dhr,
    Other,
}

impl ProceedingKind {
    pub fn label(self) -> &'static str {
        match self {
            ProceedingKind::Criminal => "Criminal proceedings",
            ProceedingKind::Inquest => "Inquest",
            ProceedingKind::Dhr => "Domestic Homicide Review",
            ProceedingKind::Other => "Other proceedings",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ProceedingInput {
    /// `criminal`, `inquest`, `dhr` or `other`.
    pub kind: String,
    pub started: DateInput,
    /// Left blank while the proceedings continue.
    pub ended: DateInput,
    pub holds_publication: bool,
    /// Why they hold publication back (or what they are).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Proceeding {
    #[ts(type = "string")]
    pub id: Uuid,
    pub kind: ProceedingKind,
    #[ts(type = "string")]
    pub started_on: NaiveDate,
    #[ts(type = "string | null")]
    pub ended_on: Option<NaiveDate>,
    pub holds_publication: bool,
    pub reason: String,
}

/// Everything recorded about a case's review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewRecord {
    pub reviewer: String,
    pub terms_of_reference: String,
    pub lines_of_enquiry: Vec<String>,
    pub methodology: String,
    pub log: Vec<ReviewLogEntry>,
    pub proceedings: Vec<Proceeding>,
    #[ts(type = "string | null")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl Register {
    /// The review record of a case (empty until something is saved).
    pub fn review(&self, case_id: &str) -> Result<ReviewRecord> {
        let case = self.get_case(case_id)?;
        let id = case.id.to_string();
        let row = self
            .conn()
            .query_row(
                "SELECT reviewer, terms_of_reference, lines_of_enquiry, methodology, updated_at
                 FROM reviews WHERE case_id = ?1",
                [&id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        let mut record = ReviewRecord::default();
        if let Some((reviewer, terms, lines, methodology, updated)) = row {
            record.reviewer = reviewer;
            record.terms_of_reference = terms;
            record.lines_of_enquiry = serde_json::from_str(&lines)?;
            record.methodology = methodology;
            record.updated_at =
                Some(stamp::from_text(&updated).map_err(|e| corrupt("review time", e))?);
        }
        let mut stmt = self.conn().prepare(
            "SELECT id, kind, occurred_on, detail, outcome, recorded_by FROM review_log
             WHERE case_id = ?1 ORDER BY occurred_on, created_at",
        )?;
        let rows = stmt.query_map([&id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        for row in rows {
            let (id, kind, on, detail, outcome, recorded_by) = row?;
            record.log.push(ReviewLogEntry {
                id: Uuid::parse_str(&id).map_err(|e| corrupt("log id", e))?,
                kind: text::parse_name(&kind).ok_or_else(|| corrupt("log kind", &kind))?,
                occurred_on: on.parse().map_err(|e| corrupt("log date", e))?,
                detail,
                outcome,
                recorded_by,
            });
        }
        record.proceedings = self.proceedings(&id)?;
        Ok(record)
    }

    /// Saves the review's narrative fields.
    pub fn save_review(&mut self, case_id: &str, input: &ReviewInput) -> Result<ReviewRecord> {
        let case = self.get_case(case_id)?;
        let mut errors = Vec::new();
        let reviewer = text::field(
            &input.reviewer,
            "reviewer",
            "Independent reviewer",
            SHORT,
            false,
            &mut errors,
        );
        let terms = text::field(
            &input.terms_of_reference,
            "terms_of_reference",
            "Terms of reference",
            LONG,
            false,
            &mut errors,
        );
        let methodology = text::field(
            &input.methodology,
            "methodology",
            "Methodology",
            LONG,
            false,
            &mut errors,
        );
        let lines: Vec<String> = input
            .lines_of_enquiry
            .iter()
            .map(|l| {
                text::field(
                    l,
                    "lines_of_enquiry",
                    "Each line of enquiry",
                    1000,
                    false,
                    &mut errors,
                )
            })
            .filter(|l| !l.is_empty())
            .collect();
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let before = self.review(case_id)?;
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO reviews (case_id, reviewer, terms_of_reference, lines_of_enquiry, methodology, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (case_id) DO UPDATE SET reviewer = ?2, terms_of_reference = ?3,
                 lines_of_enquiry = ?4, methodology = ?5, updated_at = ?6",
                params![case.id.to_string(), reviewer, terms, serde_json::to_string(&lines)?, methodology, stamp::to_text(w.at)],
            )?;
            let after = ReviewInput { reviewer, terms_of_reference: terms, lines_of_enquiry: lines, methodology };
            let before = ReviewInput {
                reviewer: before.reviewer,
                terms_of_reference: before.terms_of_reference,
                lines_of_enquiry: before.lines_of_enquiry,
                methodology: before.methodology,
            };
            w.log("review", &case.id.to_string(), Action::Update, Some(&before), Some(&after))
        })?;
        self.review(case_id)
    }

    /// Adds a dated entry to the review's log.
    pub fn add_review_log(
        &mut self,
        case_id: &str,
        input: &ReviewLogInput,
        today: NaiveDate,
    ) -> Result<ReviewRecord> {
        let case = self.get_case(case_id)?;
        let mut errors = Vec::new();
        let kind: Option<ReviewLogKind> = text::parse_name(&input.kind);
        if kind.is_none() {
            errors.push(crate::error::FieldError::new(
                "kind",
                "Choose family contact, written request, progress check or quality check",
            ));
        }
        let date = input
            .date
            .parse_past("date", "Date", today)
            .map_err(|e| errors.push(e))
            .ok();
        let detail = text::field(&input.detail, "detail", "Detail", LONG, true, &mut errors);
        let outcome = text::field(
            &input.outcome,
            "outcome",
            "Outcome",
            LONG,
            false,
            &mut errors,
        );
        let (Some(kind), Some(date), true) = (kind, date, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        self.write(|w| {
            let id = stamp::new_id().to_string();
            w.tx.execute(
                "INSERT INTO review_log (id, case_id, kind, occurred_on, detail, outcome, recorded_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, case.id.to_string(), input.kind.trim(), date.to_string(), detail, outcome, w.who, stamp::to_text(w.at)],
            )?;
            let after = serde_json::json!({ "case_id": case.id, "kind": kind, "occurred_on": date, "detail": detail, "outcome": outcome });
            w.log("review_log", &id, Action::Create, None, Some(&after))
        })?;
        self.review(case_id)
    }

    /// Records proceedings running alongside the review.
    pub fn add_proceeding(
        &mut self,
        case_id: &str,
        input: &ProceedingInput,
        today: NaiveDate,
    ) -> Result<ReviewRecord> {
        let case = self.get_case(case_id)?;
        let mut errors = Vec::new();
        let kind: Option<ProceedingKind> = text::parse_name(&input.kind);
        if kind.is_none() {
            errors.push(crate::error::FieldError::new(
                "kind",
                "Choose criminal, inquest, DHR or other",
            ));
        }
        let started = input
            .started
            .parse_past("started", "Date started", today)
            .map_err(|e| errors.push(e))
            .ok();
        let ended = input
            .ended
            .parse_optional("ended", "Date ended", today)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        if let (Some(s), Some(e)) = (started, ended) {
            if e < s {
                errors.push(crate::error::FieldError::new(
                    "ended",
                    "Date ended must be on or after the date started",
                ));
            }
        }
        let reason = text::field(&input.reason, "reason", "Reason", LONG, true, &mut errors);
        let (Some(kind), Some(started), true) = (kind, started, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        self.write(|w| {
            let id = stamp::new_id().to_string();
            w.tx.execute(
                "INSERT INTO parallel_proceedings (id, case_id, kind, started_on, ended_on, holds_publication, reason, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![id, case.id.to_string(), input.kind.trim(), started.to_string(), ended.map(|d| d.to_string()),
                        input.holds_publication, reason, stamp::to_text(w.at)],
            )?;
            let after = serde_json::json!({ "case_id": case.id, "kind": kind, "started_on": started, "ended_on": ended,
                                            "holds_publication": input.holds_publication, "reason": reason });
            w.log("proceeding", &id, Action::Create, None, Some(&after))
        })?;
        self.review(case_id)
    }

    /// Why publication is held back: the unfinished proceedings that hold it.
    pub fn publication_delay_reason(&self, case_id: &str) -> Result<Option<String>> {
        Ok(delay_reason(&self.proceedings(case_id)?))
    }

    /// [`Register::publication_delay_reason`] of every case with proceedings
    /// that hold publication back, by case id: one query for the dashboard,
    /// where asking case by case took one for each review past its target.
    pub(crate) fn publication_delay_reasons(&self) -> Result<HashMap<String, String>> {
        let mut by_case: HashMap<String, Vec<Proceeding>> = HashMap::new();
        for (case_id, proceeding) in self.read_proceedings(None)? {
            by_case.entry(case_id).or_default().push(proceeding);
        }
        Ok(by_case
            .into_iter()
            .filter_map(|(case_id, proceedings)| Some((case_id, delay_reason(&proceedings)?)))
            .collect())
    }

    fn proceedings(&self, case_id: &str) -> Result<Vec<Proceeding>> {
        Ok(self
            .read_proceedings(Some(case_id))?
            .into_iter()
            .map(|(_, p)| p)
            .collect())
    }

    /// One case's proceedings (or every case's, with `None`), each with its
    /// case's id, each case's in the order they started.
    fn read_proceedings(&self, case_id: Option<&str>) -> Result<Vec<(String, Proceeding)>> {
        // Spelt out for one case, so that its index finds its rows.
        let which = match case_id {
            Some(_) => "case_id = ?1",
            None => "?1 IS NULL",
        };
        let mut stmt = self.conn().prepare(&format!(
            "SELECT id, kind, started_on, ended_on, holds_publication, reason, case_id
             FROM parallel_proceedings WHERE {which} ORDER BY case_id, started_on, created_at"
        ))?;
        let rows = stmt.query_map([case_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, started, ended, holds_publication, reason, case_id) = row?;
            out.push((
                case_id,
                Proceeding {
                    id: Uuid::parse_str(&id).map_err(|e| corrupt("proceeding id", e))?,
                    kind: text::parse_name(&kind)
                        .ok_or_else(|| corrupt("proceeding kind", &kind))?,
                    started_on: started.parse().map_err(|e| corrupt("proceeding date", e))?,
                    ended_on: ended
                        .map(|e| e.parse())
                        .transpose()
                        .map_err(|e| corrupt("proceeding date", e))?,
                    holds_publication,
                    reason,
                },
            ));
        }
        Ok(out)
    }
}

/// The unfinished proceedings among `proceedings` that hold publication
/// back, as the dashboard words them, if any.
fn delay_reason(proceedings: &[Proceeding]) -> Option<String> {
    let reasons: Vec<String> = proceedings
        .iter()
        .filter(|p| p.holds_publication && p.ended_on.is_none())
        .map(|p| format!("{}: {}", p.kind.label(), p.reason))
        .collect();
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

#[cfg(test)]
mod tests;
