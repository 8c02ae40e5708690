//! A row's recommendations: the references in its Recommendation ref cell
//! ("1", "R2; R3", or the app's own "Case AN R1; Child W R2") with their
//! texts, each found in the register, added by a row above, or new; and
//! references made for recommendations a tracker does not number.

use rusqlite::OptionalExtension;

use super::{key, Planner, Skip};
use crate::error::{Error, FieldError, Result};
use crate::import::rows::Line;
use crate::import::PlannedRecommendation;
use crate::recommendations::{self, RecommendationInput};
use crate::similarity;

impl Planner<'_> {
    /// The row's recommendations: each reference in the Recommendation ref
    /// cell ("1", "R2; R3", or the app's own "Case AN R1; Child W R2"), with
    /// its text, found in the register or above, or new.
    pub(super) fn recommendations(
        &self,
        reviews: &[String],
        line: &Line,
        warnings: &mut Vec<String>,
    ) -> std::result::Result<Vec<PlannedRecommendation>, Skip> {
        let own = reviews.first().cloned().unwrap_or_default();
        let named: Vec<(String, String)> = line
            .rec_refs
            .split([';', '\n', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|part| with_code(part, reviews).unwrap_or_else(|| (own.clone(), part.to_owned())))
            .collect();
        let texts = texts_for(&named, &line.rec_text);
        let mut wanted: Vec<(String, String, String)> = named
            .into_iter()
            .zip(texts)
            .map(|((code, reference), text)| (code, reference, text))
            .collect();
        if wanted.is_empty() && !line.rec_text.trim().is_empty() {
            wanted.push((own, String::new(), line.rec_text.trim().to_owned()));
        }
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (code, reference, text) in wanted {
            match self.recommendation(&code, &reference, &text, warnings) {
                Ok(planned) => out.push(planned),
                Err(mut why) => problems.append(&mut why),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    fn recommendation(
        &self,
        code: &str,
        reference: &str,
        text: &str,
        warnings: &mut Vec<String>,
    ) -> std::result::Result<PlannedRecommendation, Skip> {
        let failed = |e: Error| vec![e.to_string()];
        let reference = if reference.is_empty() {
            if let Some(made) = self.made_refs.get(&(key(code), key(text))) {
                made.clone()
            } else {
                let made = self.made_reference(code).map_err(failed)?;
                warnings.push(format!("No recommendation reference: given {made}"));
                made
            }
        } else {
            reference.to_owned()
        };
        let planned = PlannedRecommendation {
            source: code.to_owned(),
            reference: reference.clone(),
            text: text.to_owned(),
            new: false,
        };
        if let Some(above) = self.recommendations.get(&(key(code), key(&reference))) {
            if !text.is_empty() && key(text) != key(&above.text) {
                warnings.push(format!(
                    "Recommendation {reference} of {code} is worded differently in row {} of sheet \"{}\": that wording is kept",
                    above.row, above.sheet
                ));
            }
            return Ok(PlannedRecommendation {
                text: above.text.clone(),
                ..planned
            });
        }
        if let Some(existing) = self.in_register(code, &reference).map_err(failed)? {
            if !text.is_empty()
                && key(text) != key(&existing)
                && similarity::score(text, &existing) < 0.9
            {
                warnings.push(format!(
                    "Recommendation {reference} of {code} is already in the register with other wording: the action is linked to it, and the register's wording is kept"
                ));
            }
            return Ok(PlannedRecommendation {
                text: existing,
                ..planned
            });
        }
        if text.is_empty() {
            return Err(vec![format!(
                "recommendation {reference} of {code} has no text here or above, and is not in the register"
            )]);
        }
        let mut errors: Vec<FieldError> = Vec::new();
        recommendations::check_fields(
            &RecommendationInput {
                source: code.to_owned(),
                reference: reference.clone(),
                text: text.to_owned(),
                addressed_to: Vec::new(),
                themes: Vec::new(),
            },
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors
                .into_iter()
                .map(|e| format!("recommendation {reference}: {}", e.message))
                .collect());
        }
        Ok(PlannedRecommendation {
            new: true,
            ..planned
        })
    }

    /// The text of the register's recommendation `reference` of `code`.
    fn in_register(&self, code: &str, reference: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT r.text FROM recommendations r LEFT JOIN cases c ON c.id = r.case_id
                 LEFT JOIN sources s ON s.id = r.source_id
                 WHERE coalesce(c.code, s.code) = ?1 COLLATE NOCASE AND r.reference = ?2 COLLATE NOCASE",
            )?
            .query_row([code, reference], |r| r.get(0))
            .optional()?)
    }

    /// A reference for a recommendation the tracker gave none: the first
    /// "R1", "R2", … that the source does not have.
    fn made_reference(&self, code: &str) -> Result<String> {
        for n in 1.. {
            let candidate = format!("R{n}");
            let planned = self
                .recommendations
                .contains_key(&(key(code), key(&candidate)));
            if !planned && self.in_register(code, &candidate)?.is_none() {
                return Ok(candidate);
            }
        }
        Err(Error::Internal(
            "no free recommendation reference".to_owned(),
        ))
    }
}

/// "Case AN R1" as (Case AN, R1) when the row names Case AN.
fn with_code(part: &str, reviews: &[String]) -> Option<(String, String)> {
    let mut codes: Vec<&String> = reviews.iter().collect();
    codes.sort_by_key(|c| std::cmp::Reverse(c.len()));
    codes.into_iter().find_map(|code| {
        let head = part.get(..code.len())?;
        let rest = part.get(code.len()..)?;
        (head.eq_ignore_ascii_case(code) && rest.starts_with(' '))
            .then(|| (code.clone(), rest.trim().to_owned()))
    })
}

/// Each named recommendation's text. One reference takes the whole cell
/// (less a "Case AN R1: " lead-in); several take the lines that name them,
/// as the app's export writes them ("Case AN R1: …" on each line).
fn texts_for(named: &[(String, String)], text: &str) -> Vec<String> {
    let lead_in = |line: &str, code: &str, reference: &str| -> Option<String> {
        let lower = line.to_lowercase();
        [format!("{code} {reference}:"), format!("{reference}:")]
            .iter()
            .find(|p| lower.starts_with(&p.to_lowercase()))
            .and_then(|p| line.get(p.len()..))
            .map(|rest| rest.trim().to_owned())
    };
    match named {
        [] => Vec::new(),
        [(code, reference)] => {
            let text = text.trim();
            vec![lead_in(text, code, reference).unwrap_or_else(|| text.to_owned())]
        }
        many => many
            .iter()
            .map(|(code, reference)| {
                text.lines()
                    .find_map(|line| lead_in(line.trim(), code, reference))
                    .unwrap_or_default()
            })
            .collect(),
    }
}
