//! Adding a source or a recommendation: the checks on a recommendation's
//! own fields (which an import runs on every row before writing anything),
//! every check against the register as a connection sees it (the register,
//! or an import's transaction with the rows written so far), and the writes.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{RecommendationInput, Source, SourceInput, SourceKind};
use crate::change_log::Action;
use crate::error::{Error, FieldError, Result};
use crate::stamp;
use crate::text::{self, LONG, SHORT};
use crate::themes;

/// Every check on a new source, against the register as `conn` sees it.
pub(crate) fn check_source(
    conn: &Connection,
    input: &SourceInput,
    today: NaiveDate,
) -> Result<Source> {
    let mut errors = Vec::new();
    let code = text::field(&input.code, "code", "Code", 40, true, &mut errors);
    let title = text::field(&input.title, "title", "Title", SHORT, true, &mut errors);
    let source_kind: Option<SourceKind> =
        text::parse_name(&input.kind).filter(|k| *k != SourceKind::LocalReview);
    if source_kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            "Choose national review, audit or thematic review",
        ));
    }
    let published_on = input
        .published_on
        .parse_optional("published_on", "Date published", today)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    if !code.is_empty() && code_taken(conn, &code)? {
        errors.push(FieldError::new(
            "code",
            format!("\"{code}\" is already a case or source code"),
        ));
    }
    let (Some(source_kind), true) = (source_kind, errors.is_empty()) else {
        return Err(Error::Validation(errors));
    };
    Ok(Source {
        id: stamp::new_id(),
        code,
        kind: source_kind,
        title,
        published_on,
    })
}

/// Writes a checked source and logs it.
pub(crate) fn insert_source(w: &crate::change_log::Writer<'_>, source: &Source) -> Result<()> {
    let kind = serde_json::to_value(source.kind)?;
    w.tx.execute(
        "INSERT INTO sources (id, code, kind, title, published_on, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![source.id.to_string(), source.code, kind.as_str().unwrap_or_default(), source.title,
                source.published_on.map(|d| d.to_string()), stamp::to_text(w.at)],
    )?;
    w.log(
        "source",
        &source.id.to_string(),
        Action::Create,
        None,
        Some(source),
    )
}

/// Whether `code` is already a case's or a source's code.
pub(crate) fn code_taken(conn: &Connection, code: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sources WHERE code = ?1 UNION SELECT 1 FROM cases WHERE code = ?1",
            [code],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// A new recommendation that passed every check, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedRecommendation {
    /// The source's code as given.
    pub source: String,
    case_id: Option<String>,
    source_id: Option<String>,
    pub reference: String,
    pub text: String,
    pub addressed_to: Vec<String>,
    pub themes: Vec<String>,
    theme_ids: Vec<String>,
}

/// A recommendation's own fields, checked without the register: problems go to `errors`.
pub(crate) fn check_fields(
    input: &RecommendationInput,
    errors: &mut Vec<FieldError>,
) -> (String, String, Vec<String>) {
    let reference = text::field(&input.reference, "reference", "Reference", 40, true, errors);
    let body = text::field(&input.text, "text", "Recommendation", LONG, true, errors);
    let addressed: Vec<String> = input
        .addressed_to
        .iter()
        .map(|a| text::field(a, "addressed_to", "Each agency", SHORT, false, errors))
        .filter(|a| !a.is_empty())
        .collect();
    (reference, body, addressed)
}

/// Every check on a new recommendation, against the register as `conn` sees
/// it: the register itself, or an import's transaction.
pub(crate) fn check_new(
    conn: &Connection,
    input: &RecommendationInput,
) -> Result<CheckedRecommendation> {
    let mut errors = Vec::new();
    let (reference, body, addressed) = check_fields(input, &mut errors);
    let theme_ids = themes::resolve(conn, &input.themes, "themes")
        .map_err(|e| errors.push(e))
        .ok();
    let source = resolve_source(conn, &input.source)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some((case_id, source_id)), Some(theme_ids), true) =
        (source, theme_ids, errors.is_empty())
    else {
        return Err(Error::Validation(errors));
    };
    let owner = case_id
        .clone()
        .or_else(|| source_id.clone())
        .unwrap_or_default();
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM recommendations WHERE coalesce(case_id, source_id) = ?1 AND reference = ?2 COLLATE NOCASE",
            params![owner, reference],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::field(
            "reference",
            format!(
                "{} already has a recommendation {reference}",
                input.source.trim()
            ),
        ));
    }
    Ok(CheckedRecommendation {
        source: input.source.trim().to_owned(),
        case_id,
        source_id,
        reference,
        text: body,
        addressed_to: addressed,
        themes: input.themes.clone(),
        theme_ids,
    })
}

/// Writes a checked recommendation with its themes, logs it, and returns its id.
pub(crate) fn insert(
    w: &crate::change_log::Writer<'_>,
    rec: &CheckedRecommendation,
) -> Result<String> {
    let id = stamp::new_id().to_string();
    w.tx.execute(
        "INSERT INTO recommendations (id, case_id, source_id, reference, text, addressed_to, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, rec.case_id, rec.source_id, rec.reference, rec.text,
                serde_json::to_string(&rec.addressed_to)?, stamp::to_text(w.at)],
    )?;
    for theme in &rec.theme_ids {
        w.tx.execute(
            "INSERT INTO recommendation_themes (recommendation_id, theme_id) VALUES (?1, ?2)",
            params![id, theme],
        )?;
    }
    let after = serde_json::json!({ "source": rec.source, "reference": rec.reference, "text": rec.text,
                                    "addressed_to": rec.addressed_to, "themes": rec.themes });
    w.log("recommendation", &id, Action::Create, None, Some(&after))?;
    Ok(id)
}

/// (case id, source id) for a case or source code.
pub(crate) fn resolve_source(
    conn: &Connection,
    code: &str,
) -> Result<(Option<String>, Option<String>), FieldError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(FieldError::new(
            "source",
            "Enter the case code or source the recommendation comes from",
        ));
    }
    let lookup = |sql: &str| -> Result<Option<String>, FieldError> {
        conn.query_row(sql, [code], |r| r.get(0))
            .optional()
            .map_err(|e| FieldError::new("source", e.to_string()))
    };
    if let Some(case_id) = lookup("SELECT id FROM cases WHERE code = ?1")? {
        return Ok((Some(case_id), None));
    }
    if let Some(source_id) = lookup("SELECT id FROM sources WHERE code = ?1")? {
        return Ok((None, Some(source_id)));
    }
    Err(FieldError::new(
        "source",
        format!("There is no case or registered source \"{code}\": add the source first"),
    ))
}
