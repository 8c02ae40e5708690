//! The Rapid Review record: the notification reference, the agencies asked for
//! information (requested and received), the facts, key practice episodes,
//! immediate action to keep children safe, learning, inequalities, whether the
//! criteria for a local review are met and why, the recommendation, partner
//! sign-off and the National Panel's comments. The dates the journey depends
//! on (LA aware, SIN sent, meeting, sent to the Panel, Panel response) are
//! journey steps, recorded through [`crate::events`].

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::change_log::{corrupt, Action};
use crate::dates::DateInput;
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;
use crate::text::{self, LONG, SHORT};

/// The Rapid Review form, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RapidReviewInput {
    pub sin_reference: String,
    pub facts: String,
    pub practice_episodes: String,
    pub immediate_actions: String,
    pub learning: String,
    pub inequalities: String,
    /// `yes`, `no`, or empty while undecided.
    pub criteria_met: String,
    pub criteria_rationale: String,
    pub recommendation: String,
    pub signed_off_by: String,
    /// Blank until the partners sign off.
    pub signed_off_on: DateInput,
    pub panel_comments: String,
}

/// The Rapid Review as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RapidReviewRecord {
    pub sin_reference: String,
    pub facts: String,
    pub practice_episodes: String,
    pub immediate_actions: String,
    pub learning: String,
    pub inequalities: String,
    pub criteria_met: Option<bool>,
    pub criteria_rationale: String,
    pub recommendation: String,
    pub signed_off_by: String,
    #[ts(type = "string | null")]
    pub signed_off_on: Option<NaiveDate>,
    pub panel_comments: String,
    pub agency_requests: Vec<AgencyRequest>,
    #[ts(type = "string | null")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// An agency asked for information, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct AgencyRequestInput {
    pub agency: String,
    pub requested: DateInput,
    /// Blank until the agency's summary arrives.
    pub received: DateInput,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgencyRequest {
    #[ts(type = "string")]
    pub id: Uuid,
    pub agency: String,
    #[ts(type = "string")]
    pub requested_on: NaiveDate,
    #[ts(type = "string | null")]
    pub received_on: Option<NaiveDate>,
    pub summary: String,
}

impl From<&RapidReviewRecord> for RapidReviewInput {
    /// The form filled with what is stored, to change a few fields of it.
    fn from(record: &RapidReviewRecord) -> Self {
        Self {
            sin_reference: record.sin_reference.clone(),
            facts: record.facts.clone(),
            practice_episodes: record.practice_episodes.clone(),
            immediate_actions: record.immediate_actions.clone(),
            learning: record.learning.clone(),
            inequalities: record.inequalities.clone(),
            criteria_met: match record.criteria_met {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            criteria_rationale: record.criteria_rationale.clone(),
            recommendation: record.recommendation.clone(),
            signed_off_by: record.signed_off_by.clone(),
            signed_off_on: record
                .signed_off_on
                .map(DateInput::from_date)
                .unwrap_or_default(),
            panel_comments: record.panel_comments.clone(),
        }
    }
}

const COLUMNS: &str = "sin_reference, facts, practice_episodes, immediate_actions, learning, inequalities,
     criteria_met, criteria_rationale, recommendation, signed_off_by, signed_off_on, panel_comments, updated_at";

impl Register {
    /// The Rapid Review record of a case (empty until something is saved).
    pub fn rapid_review(&self, case_id: &str) -> Result<RapidReviewRecord> {
        let case = self.get_case(case_id)?;
        let id = case.id.to_string();
        let sql = format!("SELECT {COLUMNS} FROM rapid_reviews WHERE case_id = ?1");
        let stored = self
            .conn()
            .query_row(&sql, [&id], |r| {
                let signed: Option<String> = r.get(10)?;
                let updated: String = r.get(12)?;
                Ok((
                    RapidReviewRecord {
                        sin_reference: r.get(0)?,
                        facts: r.get(1)?,
                        practice_episodes: r.get(2)?,
                        immediate_actions: r.get(3)?,
                        learning: r.get(4)?,
                        inequalities: r.get(5)?,
                        criteria_met: r.get(6)?,
                        criteria_rationale: r.get(7)?,
                        recommendation: r.get(8)?,
                        signed_off_by: r.get(9)?,
                        panel_comments: r.get(11)?,
                        ..RapidReviewRecord::default()
                    },
                    signed,
                    updated,
                ))
            })
            .optional()?;
        let mut record = match stored {
            Some((mut record, signed, updated)) => {
                record.signed_off_on = signed
                    .map(|s| s.parse())
                    .transpose()
                    .map_err(|e| corrupt("sign-off date", e))?;
                record.updated_at =
                    Some(stamp::from_text(&updated).map_err(|e| corrupt("rapid review time", e))?);
                record
            }
            None => RapidReviewRecord::default(),
        };
        record.agency_requests = self.agency_requests(&id)?;
        Ok(record)
    }

    /// Saves the Rapid Review form.
    pub fn save_rapid_review(
        &mut self,
        case_id: &str,
        input: &RapidReviewInput,
        today: NaiveDate,
    ) -> Result<RapidReviewRecord> {
        let case = self.get_case(case_id)?;
        let mut errors = Vec::new();
        let long = |value: &str, name: &str, label: &str, errors: &mut Vec<FieldError>| {
            text::field(value, name, label, LONG, false, errors)
        };
        let sin_reference = text::field(
            &input.sin_reference,
            "sin_reference",
            "SIN reference",
            SHORT,
            false,
            &mut errors,
        );
        let facts = long(&input.facts, "facts", "Facts", &mut errors);
        let episodes = long(
            &input.practice_episodes,
            "practice_episodes",
            "Key practice episodes",
            &mut errors,
        );
        let immediate = long(
            &input.immediate_actions,
            "immediate_actions",
            "Immediate actions",
            &mut errors,
        );
        let learning = long(
            &input.learning,
            "learning",
            "Learning identified",
            &mut errors,
        );
        let inequalities = long(
            &input.inequalities,
            "inequalities",
            "Consideration of inequalities",
            &mut errors,
        );
        let rationale = long(
            &input.criteria_rationale,
            "criteria_rationale",
            "Rationale",
            &mut errors,
        );
        let recommendation = long(
            &input.recommendation,
            "recommendation",
            "Recommendation",
            &mut errors,
        );
        let comments = long(
            &input.panel_comments,
            "panel_comments",
            "National Panel comments",
            &mut errors,
        );
        let signed_by = text::field(
            &input.signed_off_by,
            "signed_off_by",
            "Signed off by",
            SHORT,
            false,
            &mut errors,
        );
        let criteria_met = match input.criteria_met.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            "" => None,
            other => {
                errors.push(FieldError::new(
                    "criteria_met",
                    format!("Criteria met must be yes or no (not \"{other}\")"),
                ));
                None
            }
        };
        if criteria_met.is_some() && rationale.is_empty() {
            errors.push(FieldError::new(
                "criteria_rationale",
                "Enter the rationale for whether the criteria are met",
            ));
        }
        let signed_on = input
            .signed_off_on
            .parse_optional("signed_off_on", "Date signed off", today)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        if signed_on.is_some() == signed_by.is_empty() {
            errors.push(FieldError::new(
                "signed_off_by",
                "Enter both who signed off and the date, or neither",
            ));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let before = self.rapid_review(case_id)?;
        self.write(|w| {
            w.tx.execute(
                &format!(
                    "INSERT INTO rapid_reviews (case_id, {COLUMNS}, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)
                     ON CONFLICT (case_id) DO UPDATE SET sin_reference = ?2, facts = ?3, practice_episodes = ?4,
                     immediate_actions = ?5, learning = ?6, inequalities = ?7, criteria_met = ?8,
                     criteria_rationale = ?9, recommendation = ?10, signed_off_by = ?11, signed_off_on = ?12,
                     panel_comments = ?13, updated_at = ?14"
                ),
                params![
                    case.id.to_string(), sin_reference, facts, episodes, immediate, learning, inequalities, criteria_met,
                    rationale, recommendation, signed_by, signed_on.map(|d| d.to_string()), comments, stamp::to_text(w.at)
                ],
            )?;
            let mut after = input.clone();
            after.criteria_met = input.criteria_met.trim().to_owned();
            let before = serde_json::to_value(&before)?;
            w.log("rapid_review", &case.id.to_string(), Action::Update, Some(&before), Some(&serde_json::to_value(&after)?))
        })?;
        self.rapid_review(case_id)
    }

    /// Adds an agency asked for information, or (with `request_id`) updates one,
    /// typically to record when its summary arrived.
    pub fn save_agency_request(
        &mut self,
        case_id: &str,
        request_id: Option<&str>,
        input: &AgencyRequestInput,
        today: NaiveDate,
    ) -> Result<RapidReviewRecord> {
        let case = self.get_case(case_id)?;
        let mut errors = Vec::new();
        let agency = text::field(&input.agency, "agency", "Agency", SHORT, true, &mut errors);
        let summary = text::field(
            &input.summary,
            "summary",
            "Summary",
            LONG,
            false,
            &mut errors,
        );
        let requested = input
            .requested
            .parse_past("requested", "Date requested", today)
            .map_err(|e| errors.push(e))
            .ok();
        let received = input
            .received
            .parse_optional("received", "Date received", today)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        if let (Some(asked), Some(got)) = (requested, received) {
            if got < asked {
                errors.push(FieldError::new(
                    "received",
                    "Date received must be on or after the date requested",
                ));
            }
        }
        let (Some(requested), true) = (requested, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        let existing = match request_id {
            Some(id) => Some(
                self.agency_requests(&case.id.to_string())?
                    .into_iter()
                    .find(|r| r.id.to_string() == id)
                    .ok_or_else(|| Error::NotFound("That agency request".into()))?,
            ),
            None => None,
        };
        self.write(|w| {
            let id = existing.as_ref().map(|e| e.id).unwrap_or_else(stamp::new_id).to_string();
            w.tx.execute(
                "INSERT INTO agency_requests (id, case_id, agency, requested_on, received_on, summary, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (id) DO UPDATE SET agency = ?3, requested_on = ?4, received_on = ?5, summary = ?6, updated_at = ?7",
                params![id, case.id.to_string(), agency, requested.to_string(), received.map(|d| d.to_string()), summary, stamp::to_text(w.at)],
            )?;
            let after = serde_json::json!({ "case_id": case.id, "agency": agency, "requested_on": requested,
                                            "received_on": received, "summary": summary });
            let action = if existing.is_some() { Action::Update } else { Action::Create };
            let before = existing.as_ref().map(serde_json::to_value).transpose()?;
            w.log("agency_request", &id, action, before.as_ref(), Some(&after))
        })?;
        self.rapid_review(case_id)
    }

    fn agency_requests(&self, case_id: &str) -> Result<Vec<AgencyRequest>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, agency, requested_on, received_on, summary FROM agency_requests
             WHERE case_id = ?1 ORDER BY requested_on, agency",
        )?;
        let rows = stmt.query_map([case_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, agency, requested, received, summary) = row?;
            out.push(AgencyRequest {
                id: Uuid::parse_str(&id).map_err(|e| corrupt("request id", e))?,
                agency,
                requested_on: requested.parse().map_err(|e| corrupt("request date", e))?,
                received_on: received
                    .map(|r| r.parse())
                    .transpose()
                    .map_err(|e| corrupt("request date", e))?,
                summary,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
