//! Case referrals: the record every review starts from, with its checks and
//! the get / list / create / update verbs. Cases carry a pseudonymous code,
//! never a real name.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::change_log::{corrupt, Action, Writer};
use crate::dates::DateInput;
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;

const MAX_CODE: usize = 40;
const MAX_REFERRER: usize = 120;
const MAX_SUMMARY: usize = 2000;

/// Who the case is about; decides between the CSPR and SAR paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CaseKind {
    Child,
    Adult,
    /// Child and adult together (e.g. a joint CSPR and SAR).
    Joint,
}

impl CaseKind {
    pub const ALL: [CaseKind; 3] = [CaseKind::Child, CaseKind::Adult, CaseKind::Joint];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Child => "child",
            CaseKind::Adult => "adult",
            CaseKind::Joint => "joint",
        }
    }

    /// Parses the stored or typed name (`child`, `adult`, `joint`).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// Where a case is on its journey (DOMAIN.md, "The journey of a case").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stage {
    #[default]
    ReferralReceived,
    NotMeetingCriteria,
    LearningReview,
    RapidReview,
    Decision,
    ReviewInProgress,
    Report,
    Published,
    /// Not published (for the family's sake, say), with the reason recorded.
    NotPublished,
    ActionPlanMonitoring,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 11] = [
        Stage::ReferralReceived,
        Stage::NotMeetingCriteria,
        Stage::LearningReview,
        Stage::RapidReview,
        Stage::Decision,
        Stage::ReviewInProgress,
        Stage::Report,
        Stage::Published,
        Stage::NotPublished,
        Stage::ActionPlanMonitoring,
        Stage::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::ReferralReceived => "referral_received",
            Stage::NotMeetingCriteria => "not_meeting_criteria",
            Stage::LearningReview => "learning_review",
            Stage::RapidReview => "rapid_review",
            Stage::Decision => "decision",
            Stage::ReviewInProgress => "review_in_progress",
            Stage::Report => "report",
            Stage::Published => "published",
            Stage::NotPublished => "not_published",
            Stage::ActionPlanMonitoring => "action_plan_monitoring",
            Stage::Closed => "closed",
        }
    }

    /// How people name the stage.
    pub fn label(self) -> &'static str {
        match self {
            Stage::ReferralReceived => "Referral received",
            Stage::NotMeetingCriteria => "Did not meet criteria",
            Stage::LearningReview => "Learning review (outside criteria)",
            Stage::RapidReview => "Rapid Review",
            Stage::Decision => "Decision",
            Stage::ReviewInProgress => "Review in progress",
            Stage::Report => "Report",
            Stage::Published => "Published",
            Stage::NotPublished => "Not published",
            Stage::ActionPlanMonitoring => "Action plan monitoring",
            Stage::Closed => "Closed",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A case referral as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Case {
    #[ts(type = "string")]
    pub id: Uuid,
    pub code: String,
    pub kind: CaseKind,
    /// ISO date, `YYYY-MM-DD`.
    #[ts(type = "string")]
    pub referred_on: NaiveDate,
    pub referrer: String,
    pub summary: String,
    pub stage: Stage,
    pub is_demo: bool,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// What the case form (or `casereview case new`) sends, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct CaseInput {
    pub code: String,
    /// `child`, `adult` or `joint`; anything else is a field error.
    pub kind: String,
    pub referred_on: DateInput,
    pub referrer: String,
    pub summary: String,
}

/// A [`CaseInput`] that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidCase {
    pub code: String,
    pub kind: CaseKind,
    pub referred_on: NaiveDate,
    pub referrer: String,
    pub summary: String,
}

impl CaseInput {
    /// Checks every field, reporting all problems at once. `today` bounds the
    /// referral date: a referral cannot arrive in the future.
    pub(crate) fn validate(&self, today: NaiveDate) -> Result<ValidCase> {
        let mut errors = Vec::new();
        let code = self.code.trim();
        if code.is_empty() {
            errors.push(FieldError::new(
                "code",
                "Enter a case code, such as Case AK",
            ));
        } else if code.chars().count() > MAX_CODE {
            errors.push(FieldError::new(
                "code",
                format!("Case code must be {MAX_CODE} characters or fewer"),
            ));
        }
        let kind = CaseKind::parse(&self.kind);
        if kind.is_none() {
            let message = if self.kind.trim().is_empty() {
                "Select whether the case is about a child, an adult, or both".to_owned()
            } else {
                format!(
                    "Kind must be child, adult or joint (not \"{}\")",
                    self.kind.trim()
                )
            };
            errors.push(FieldError::new("kind", message));
        }
        let referred_on = match self.referred_on.parse("referred_on", "Date referred") {
            Ok(date) if date > today => {
                errors.push(FieldError::new(
                    "referred_on",
                    "Date referred must be today or in the past",
                ));
                None
            }
            Ok(date) => Some(date),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let referrer = self.referrer.trim();
        if referrer.chars().count() > MAX_REFERRER {
            errors.push(FieldError::new(
                "referrer",
                format!("Referring agency must be {MAX_REFERRER} characters or fewer"),
            ));
        }
        let summary = self.summary.trim();
        if summary.chars().count() > MAX_SUMMARY {
            errors.push(FieldError::new(
                "summary",
                format!("Summary must be {MAX_SUMMARY} characters or fewer"),
            ));
        }
        match (kind, referred_on) {
            (Some(kind), Some(referred_on)) if errors.is_empty() => Ok(ValidCase {
                code: code.to_owned(),
                kind,
                referred_on,
                referrer: referrer.to_owned(),
                summary: summary.to_owned(),
            }),
            _ => Err(Error::Validation(errors)),
        }
    }
}

const COLUMNS: &str =
    "id, code, kind, referred_on, referrer, summary, stage, is_demo, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<Case>> {
    let id: String = row.get(0)?;
    let kind: String = row.get(2)?;
    let referred_on: String = row.get(3)?;
    let stage: String = row.get(6)?;
    let created_at: String = row.get(8)?;
    let updated_at: String = row.get(9)?;
    let (code, referrer, summary, is_demo) = (row.get(1)?, row.get(4)?, row.get(5)?, row.get(7)?);
    // Decoding stored text can fail only if the file was altered outside the
    // app; report that as an error rather than a panic.
    Ok((|| {
        Ok(Case {
            id: Uuid::parse_str(&id).map_err(|e| corrupt("case id", e))?,
            code,
            kind: CaseKind::parse(&kind).ok_or_else(|| corrupt("case kind", &kind))?,
            referred_on: referred_on
                .parse()
                .map_err(|e| corrupt("referral date", e))?,
            referrer,
            summary,
            stage: Stage::parse(&stage).ok_or_else(|| corrupt("case stage", &stage))?,
            is_demo,
            created_at: stamp::from_text(&created_at).map_err(|e| corrupt("created time", e))?,
            updated_at: stamp::from_text(&updated_at).map_err(|e| corrupt("updated time", e))?,
        })
    })())
}

impl Register {
    /// Every case, most recently referred first.
    pub fn list_cases(&self) -> Result<Vec<Case>> {
        let sql = format!("SELECT {COLUMNS} FROM cases ORDER BY referred_on DESC, code");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], from_row)?;
        rows.map(|r| r?).collect()
    }

    /// One case by its id.
    pub fn get_case(&self, id: &str) -> Result<Case> {
        self.find_case("id = ?1", id)?
            .ok_or_else(|| Error::NotFound("That case".to_owned()))
    }

    /// One case by its code, ignoring case ("case ak" finds "Case AK").
    pub fn get_case_by_code(&self, code: &str) -> Result<Case> {
        self.find_case("code = ?1", code.trim())?
            .ok_or_else(|| Error::NotFound(format!("Case code \"{}\"", code.trim())))
    }

    fn find_case(&self, condition: &str, value: &str) -> Result<Option<Case>> {
        let sql = format!("SELECT {COLUMNS} FROM cases WHERE {condition}");
        let found = self.conn().query_row(&sql, [value], from_row).optional()?;
        found.transpose()
    }

    /// Adds a case referral after checking it; nothing is written when a check fails.
    pub fn create_case(&mut self, input: &CaseInput, today: NaiveDate) -> Result<Case> {
        let valid = input.validate(today)?;
        let case = self.write(|w| insert(w, valid, Stage::ReferralReceived, false))?;
        tracing::info!(case_id = %case.id, "case created");
        Ok(case)
    }

    /// Changes a case's referral details; the stage is moved by the journey, not here.
    pub fn update_case(&mut self, id: &str, input: &CaseInput, today: NaiveDate) -> Result<Case> {
        let before = self.get_case(id)?;
        let valid = input.validate(today)?;
        let case = self.write(|w| {
            ensure_code_free(w, &valid.code, Some(before.id))?;
            let after = Case {
                code: valid.code,
                kind: valid.kind,
                referred_on: valid.referred_on,
                referrer: valid.referrer,
                summary: valid.summary,
                updated_at: w.at,
                ..before.clone()
            };
            w.tx.execute(
                "UPDATE cases SET code = ?2, kind = ?3, referred_on = ?4, referrer = ?5,
                 summary = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    after.id.to_string(),
                    after.code,
                    after.kind.as_str(),
                    after.referred_on.to_string(),
                    after.referrer,
                    after.summary,
                    stamp::to_text(after.updated_at)
                ],
            )?;
            w.log(
                "case",
                &after.id.to_string(),
                Action::Update,
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })?;
        tracing::info!(case_id = %case.id, "case updated");
        Ok(case)
    }
}

/// Writes a checked case at a given stage. Shared by the form and the demo
/// loader, so both go through the same uniqueness check and change log.
pub(crate) fn insert(
    w: &Writer<'_>,
    valid: ValidCase,
    stage: Stage,
    is_demo: bool,
) -> Result<Case> {
    ensure_code_free(w, &valid.code, None)?;
    let case = Case {
        id: stamp::new_id(),
        code: valid.code,
        kind: valid.kind,
        referred_on: valid.referred_on,
        referrer: valid.referrer,
        summary: valid.summary,
        stage,
        is_demo,
        created_at: w.at,
        updated_at: w.at,
    };
    w.tx.execute(
        &format!("INSERT INTO cases ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        params![
            case.id.to_string(),
            case.code,
            case.kind.as_str(),
            case.referred_on.to_string(),
            case.referrer,
            case.summary,
            case.stage.as_str(),
            case.is_demo,
            stamp::to_text(case.created_at),
            stamp::to_text(case.updated_at)
        ],
    )?;
    w.log(
        "case",
        &case.id.to_string(),
        Action::Create,
        None,
        Some(&case),
    )?;
    Ok(case)
}

/// Codes are unique regardless of letter case, so "case ak" cannot sit beside "Case AK".
fn ensure_code_free(w: &Writer<'_>, code: &str, except: Option<Uuid>) -> Result<()> {
    let taken: Option<String> =
        w.tx.query_row(
            "SELECT id FROM cases WHERE code = ?1 AND id IS NOT ?2",
            params![code, except.map(|id| id.to_string())],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(Error::field(
            "code",
            format!("A case with the code \"{code}\" already exists: choose another code"),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
