//! Adding an action: the checks on its own fields (which an import runs on
//! every row before writing anything), every check against the register as
//! a connection sees it (the register, or an import's transaction with the
//! rows written so far), and the write itself.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{action_id, ActionInput, ROLE_NOT_A_TEAM};
use crate::change_log::Action as Logged;
use crate::error::{Error, FieldError, Result};
use crate::stamp;
use crate::text::{self, LONG, SHORT};
use crate::themes;

/// A new action that passed every check, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedAction {
    pub reference: String,
    pub text: String,
    pub lead_agency: String,
    pub lead_officer: String,
    pub target: NaiveDate,
    pub agreed: NaiveDate,
    pub answers: Vec<String>,
    pub themes: Vec<String>,
    theme_ids: Vec<String>,
}

/// What [`check_fields`] made of an action's own fields.
pub(crate) struct ActionFields {
    pub reference: String,
    pub text: String,
    pub lead_agency: String,
    pub lead_officer: String,
    pub target: Option<NaiveDate>,
    pub agreed: NaiveDate,
}

/// The checks on an action's own fields, which need no register: required
/// text and its length, a role rather than a team, real dates. Problems go
/// to `errors`. An import runs these on every row before it writes anything.
pub(crate) fn check_fields(
    input: &ActionInput,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> ActionFields {
    let reference = text::field(
        &input.reference,
        "reference",
        "Action reference",
        40,
        true,
        errors,
    );
    let body = text::field(&input.text, "text", "What will be done", LONG, true, errors);
    let agency = text::field(
        &input.lead_agency,
        "lead_agency",
        "Lead agency",
        SHORT,
        true,
        errors,
    );
    let officer = text::field(
        &input.lead_officer,
        "lead_officer",
        "Lead officer",
        SHORT,
        true,
        errors,
    );
    if ROLE_NOT_A_TEAM.contains(&officer.to_lowercase().as_str()) {
        errors.push(FieldError::new(
            "lead_officer",
            "Name the lead officer's role (such as Head of Safeguarding), not a team",
        ));
    }
    let target = input
        .target
        .parse("target", "Target date")
        .map_err(|e| errors.push(e))
        .ok();
    let agreed = input
        .agreed
        .parse_optional("agreed", "Date agreed", today)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten()
        .unwrap_or(today);
    ActionFields {
        reference,
        text: body,
        lead_agency: agency,
        lead_officer: officer,
        target,
        agreed,
    }
}

/// Every check on a new action, against the register as `conn` sees it: the
/// register itself, or an import's transaction with the rows it has written.
pub(crate) fn check_new(
    conn: &Connection,
    input: &ActionInput,
    today: NaiveDate,
) -> Result<CheckedAction> {
    let mut errors = Vec::new();
    let fields = check_fields(input, today, &mut errors);
    if input.answers.is_empty() {
        errors.push(FieldError::new(
            "answers",
            "Choose the recommendation(s) this action answers",
        ));
    }
    for id in &input.answers {
        let found: Option<i64> = conn
            .query_row("SELECT 1 FROM recommendations WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if found.is_none() {
            errors.push(FieldError::new(
                "answers",
                "One of the chosen recommendations does not exist",
            ));
        }
    }
    let theme_ids = themes::resolve(conn, &input.themes, "themes")
        .map_err(|e| errors.push(e))
        .ok();
    if !fields.reference.is_empty() && action_id(conn, &fields.reference)?.is_some() {
        errors.push(FieldError::new(
            "reference",
            format!("There is already an action {}", fields.reference),
        ));
    }
    let (Some(target), Some(theme_ids), true) = (fields.target, theme_ids, errors.is_empty())
    else {
        return Err(Error::Validation(errors));
    };
    Ok(CheckedAction {
        reference: fields.reference,
        text: fields.text,
        lead_agency: fields.lead_agency,
        lead_officer: fields.lead_officer,
        target,
        agreed: fields.agreed,
        answers: input.answers.clone(),
        themes: input.themes.clone(),
        theme_ids,
    })
}

/// Writes a checked action with its answers and themes, logs it, and returns its id.
pub(crate) fn insert(w: &crate::change_log::Writer<'_>, action: &CheckedAction) -> Result<String> {
    let id = stamp::new_id().to_string();
    w.tx.execute(
        "INSERT INTO actions (id, reference, text, lead_agency, lead_officer, target_date, agreed_on, status,
         created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'not-started', ?8, ?8)",
        params![id, action.reference, action.text, action.lead_agency, action.lead_officer,
                action.target.to_string(), action.agreed.to_string(), stamp::to_text(w.at)],
    )?;
    for answer in &action.answers {
        w.tx.execute(
            "INSERT OR IGNORE INTO action_answers (action_id, recommendation_id) VALUES (?1, ?2)",
            params![id, answer],
        )?;
    }
    for theme in &action.theme_ids {
        w.tx.execute(
            "INSERT INTO action_themes (action_id, theme_id) VALUES (?1, ?2)",
            params![id, theme],
        )?;
    }
    let after = serde_json::json!({ "reference": action.reference, "text": action.text,
                                    "lead_agency": action.lead_agency, "lead_officer": action.lead_officer,
                                    "target_date": action.target, "agreed_on": action.agreed,
                                    "answers": action.answers, "themes": action.themes });
    w.log("action", &id, Logged::Create, None, Some(&after))?;
    Ok(id)
}
