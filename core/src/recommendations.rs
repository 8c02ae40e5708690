//! Recommendations and where they come from: a local review in the register
//! (by its case), or a source registered here — a national review such as a
//! National Panel thematic report, a multi-agency audit or a thematic review.
//! Each is accepted or not; not accepting one needs a reason (a Safeguarding
//! Adults Board must report it).

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::change_log::{corrupt, Action};
use crate::dates::DateInput;
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;
use crate::text::{self, LONG};
use crate::themes;

mod adding;

pub(crate) use adding::{check_fields, check_new, check_source, insert, insert_source};

/// What kind of work a recommendation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SourceKind {
    /// A review of a case in this register.
    LocalReview,
    NationalReview,
    Audit,
    ThematicReview,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct SourceInput {
    /// A short code to refer to it by, such as "NP-SUDI-2020".
    pub code: String,
    /// `national-review`, `audit` or `thematic-review`.
    pub kind: String,
    pub title: String,
    pub published_on: DateInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Source {
    #[ts(type = "string")]
    pub id: Uuid,
    pub code: String,
    pub kind: SourceKind,
    pub title: String,
    #[ts(type = "string | null")]
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum RecommendationOutcome {
    Pending,
    Accepted,
    NotAccepted,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct RecommendationInput {
    /// A case code (its review) or a registered source's code.
    pub source: String,
    pub reference: String,
    pub text: String,
    pub addressed_to: Vec<String>,
    pub themes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Recommendation {
    #[ts(type = "string")]
    pub id: Uuid,
    pub source_kind: SourceKind,
    /// The case code or the source's code.
    pub source_code: String,
    pub source_title: String,
    pub reference: String,
    pub text: String,
    pub addressed_to: Vec<String>,
    pub themes: Vec<String>,
    pub outcome: RecommendationOutcome,
    pub outcome_reason: String,
}

/// A review or report that recommendations come from, without them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecommendationSource {
    /// The case code or the source's code.
    pub code: String,
    pub title: String,
    pub kind: SourceKind,
}

const SELECT: &str = "SELECT r.id, r.reference, r.text, r.addressed_to, r.outcome, r.outcome_reason,
        coalesce(c.code, s.code), coalesce(s.title, 'Review of ' || c.code), coalesce(s.kind, 'local-review')
     FROM recommendations r LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN sources s ON s.id = r.source_id";

/// Recommendations matching `filter` (a condition with one `?1` and its value), or all.
fn read(conn: &Connection, filter: Option<(&str, &str)>) -> Result<Vec<Recommendation>> {
    let (condition, values) = match filter {
        Some((condition, value)) => (condition, vec![value]),
        None => ("1 = 1", vec![]),
    };
    // Every recommendation's themes in one query when reading them all (the
    // thematic tracker does), rather than one query per recommendation.
    let mut all_themes = match filter {
        None => Some(themes::names_by_owner(
            conn,
            "recommendation_themes",
            "recommendation_id",
            "",
            &[],
        )?),
        Some(_) => None,
    };
    let sql = format!("{SELECT} WHERE {condition} ORDER BY 7, r.reference");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, reference, text, addressed, outcome, reason, code, title, source_kind) = row?;
        out.push(Recommendation {
            themes: match all_themes.as_mut() {
                Some(by_id) => by_id.remove(&id).unwrap_or_default(),
                None => themes::names_for(conn, "recommendation_themes", "recommendation_id", &id)?,
            },
            id: Uuid::parse_str(&id).map_err(|e| corrupt("recommendation id", e))?,
            source_kind: text::parse_name(&source_kind)
                .ok_or_else(|| corrupt("source kind", &source_kind))?,
            source_code: code,
            source_title: title,
            reference,
            text,
            addressed_to: serde_json::from_str(&addressed)?,
            outcome: text::parse_name(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?,
            outcome_reason: reason,
        });
    }
    Ok(out)
}

/// Each owner of recommendations (a case or a source, never both) with
/// its code, title and kind. The owners come from the index on
/// `coalesce(case_id, source_id)`, one entry each, and only they are looked
/// up: joining every recommendation to its case first looked a case up for
/// each of 30,000 (7 ms of the action tracker's first screen on a ten-year
/// register).
const SOURCES: &str = "
    SELECT DISTINCT coalesce(c.code, s.code), coalesce(s.title, 'Review of ' || c.code),
           coalesce(s.kind, 'local-review')
    FROM (SELECT DISTINCT coalesce(case_id, source_id) AS owner FROM recommendations) o
    LEFT JOIN cases c ON c.id = o.owner
    LEFT JOIN sources s ON s.id = o.owner
    ORDER BY 1";

impl Register {
    /// Registers a national review, audit or thematic review as a source.
    pub fn add_source(&mut self, input: &SourceInput, today: NaiveDate) -> Result<Source> {
        let source = check_source(self.conn(), input, today)?;
        self.write(|w| insert_source(w, &source))?;
        Ok(source)
    }

    /// Adds a recommendation from a case's review or a registered source.
    pub fn add_recommendation(&mut self, input: &RecommendationInput) -> Result<Recommendation> {
        let checked = check_new(self.conn(), input)?;
        let id = self.write(|w| insert(w, &checked))?;
        self.recommendation(&id)
    }

    pub fn recommendation(&self, id: &str) -> Result<Recommendation> {
        read(self.conn(), Some(("r.id = ?1", id)))?
            .pop()
            .ok_or_else(|| Error::NotFound("That recommendation".into()))
    }

    /// A recommendation by its source's code and its reference ("Case AK", "R3").
    pub fn find_recommendation(&self, source: &str, reference: &str) -> Result<Recommendation> {
        read(
            self.conn(),
            Some((
                "coalesce(c.code, s.code) = ?1 COLLATE NOCASE",
                source.trim(),
            )),
        )?
        .into_iter()
        .find(|r| r.reference.eq_ignore_ascii_case(reference.trim()))
        .ok_or_else(|| {
            Error::NotFound(format!(
                "Recommendation {} of {}",
                reference.trim(),
                source.trim()
            ))
        })
    }

    /// Every recommendation, by source and reference.
    pub fn list_recommendations(&self) -> Result<Vec<Recommendation>> {
        read(self.conn(), None)
    }

    /// Each review or report that has recommendations, once, in the order
    /// [`Self::list_recommendations`] gives them: what a list of reviews to
    /// choose from needs, without reading ten years of recommendations.
    ///
    /// See [`SOURCES`].
    pub fn recommendation_sources(&self) -> Result<Vec<RecommendationSource>> {
        let mut stmt = self.conn().prepare_cached(SOURCES)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (code, title, kind) = row?;
            out.push(RecommendationSource {
                kind: text::parse_name(&kind).ok_or_else(|| corrupt("source kind", &kind))?,
                code,
                title,
            });
        }
        Ok(out)
    }

    /// Records whether a recommendation is accepted; not accepting needs a reason.
    pub fn set_recommendation_outcome(
        &mut self,
        id: &str,
        outcome: &str,
        reason: &str,
    ) -> Result<Recommendation> {
        let before = self.recommendation(id)?;
        let mut errors = Vec::new();
        let outcome: Option<RecommendationOutcome> = text::parse_name(outcome);
        let reason = text::field(reason, "outcome_reason", "Reason", LONG, false, &mut errors);
        match outcome {
            None => errors.push(FieldError::new(
                "outcome",
                "Choose accepted, not accepted or pending",
            )),
            Some(RecommendationOutcome::NotAccepted) if reason.is_empty() => {
                errors.push(FieldError::new(
                    "outcome_reason",
                    "Enter the reason the recommendation is not accepted: the board must report it",
                ))
            }
            _ => {}
        }
        let (Some(outcome), true) = (outcome, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        self.write(|w| {
            w.tx.execute(
                "UPDATE recommendations SET outcome = ?2, outcome_reason = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, serde_json::to_value(outcome)?.as_str().unwrap_or("pending"), reason, stamp::to_text(w.at)],
            )?;
            let after = Recommendation { outcome, outcome_reason: reason.clone(), ..before.clone() };
            w.log("recommendation", id, Action::Update, Some(&before), Some(&after))
        })?;
        self.recommendation(id)
    }
}

#[cfg(test)]
pub(crate) mod tests;
