//! Writing a planned import: new sources, then row by row the new
//! recommendations, the action answering them, its revised target and its
//! progress, through the same checks as adding each by hand, then the
//! confirmed mappings. All inside the caller's one transaction: the first
//! failure returns an error naming the row, and the transaction is rolled
//! back, so the register is as it was.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::plan::progress_input;
use super::{memory, ImportReport, PlannedAction, RowOutcome, RowReport};
use crate::actions::{self, ActionInput, ActionStatus};
use crate::change_log::Writer;
use crate::dates::DateInput;
use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};
use crate::recommendations::{self, RecommendationInput, SourceInput};

/// Why a revised target is recorded: the tracker, not a decision made here.
const REVISED_IN_TRACKER: &str = "Revised target date in the imported tracker";

pub fn apply(w: &Writer<'_>, report: &ImportReport, today: NaiveDate) -> Result<()> {
    apply_watched(w, report, today, &Watch::none())
}

/// [`apply`], telling `watch` of each row and stopping (so the caller's
/// transaction rolls back) when it is cancelled.
pub fn apply_watched(
    w: &Writer<'_>,
    report: &ImportReport,
    today: NaiveDate,
    watch: &Watch<'_>,
) -> Result<()> {
    for code in &report.new_sources {
        let input = SourceInput {
            code: code.clone(),
            kind: "thematic-review".to_owned(),
            title: format!("{code} (from an imported tracker)"),
            published_on: DateInput::default(),
        };
        let source = recommendations::check_source(w.tx, &input, today)
            .map_err(|e| failed(&format!("Registering the source \"{code}\""), e))?;
        recommendations::insert_source(w, &source)?;
    }
    let rows: Vec<&RowReport> = report
        .rows
        .iter()
        .filter(|r| r.outcome == RowOutcome::Imported)
        .collect();
    let total = rows.len() as u64;
    for (done, row) in rows.into_iter().enumerate() {
        watch.step(JobStage::Writing, done as u64, total)?;
        let place = format!("Row {} of sheet \"{}\"", row.row, row.sheet);
        write_row(w, row, today).map_err(|e| failed(&place, e))?;
    }
    for sheet in &report.sheets {
        if let Some(mapping) = &sheet.mapping {
            memory::remember(w, &sheet.signature, &mapping.columns)?;
        }
    }
    // The last word before the commit: a cancel now still undoes it all.
    watch.step(JobStage::Writing, total, total)
}

fn failed(place: &str, error: Error) -> Error {
    let why = error.to_string();
    Error::ImportFailed(format!(
        "{place} could not be imported: {}. Nothing was imported: the register is as it was.",
        why.trim_end_matches('.')
    ))
}

fn write_row(w: &Writer<'_>, row: &RowReport, today: NaiveDate) -> Result<()> {
    let mut answers = Vec::new();
    for rec in &row.recommendations {
        let id = if rec.new {
            let input = RecommendationInput {
                source: rec.source.clone(),
                reference: rec.reference.clone(),
                text: rec.text.clone(),
                addressed_to: Vec::new(),
                themes: Vec::new(),
            };
            let checked = recommendations::check_new(w.tx, &input)?;
            recommendations::insert(w, &checked)?
        } else {
            existing_recommendation(w, &rec.source, &rec.reference)?
        };
        if !answers.contains(&id) {
            answers.push(id);
        }
    }
    if let Some(action) = &row.action {
        write_action(w, action, answers, today)?;
    }
    Ok(())
}

fn existing_recommendation(w: &Writer<'_>, source: &str, reference: &str) -> Result<String> {
    w.tx.query_row(
        "SELECT r.id FROM recommendations r LEFT JOIN cases c ON c.id = r.case_id
         LEFT JOIN sources s ON s.id = r.source_id
         WHERE coalesce(c.code, s.code) = ?1 COLLATE NOCASE AND r.reference = ?2 COLLATE NOCASE",
        [source, reference],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Recommendation {reference} of {source}")))
}

fn write_action(
    w: &Writer<'_>,
    action: &PlannedAction,
    answers: Vec<String>,
    today: NaiveDate,
) -> Result<()> {
    let input = ActionInput {
        reference: action.reference.clone(),
        text: action.text.clone(),
        lead_agency: action.lead_agency.clone(),
        lead_officer: action.lead_officer.clone(),
        target: DateInput::from_date(action.target_date),
        agreed: DateInput::default(),
        answers,
        themes: Vec::new(),
    };
    let checked = actions::check_new(w.tx, &input, today)?;
    let id = actions::insert(w, &checked)?;
    if let Some(revised) = action.revised_target_date {
        actions::revise(w, &id, action.target_date, revised, REVISED_IN_TRACKER)?;
    }
    let untouched = action.status == ActionStatus::NotStarted
        && action.rag.is_none()
        && action.evidence_completion.is_empty()
        && action.evidence_impact.is_empty();
    if untouched {
        return Ok(());
    }
    let before = actions::read(w.tx, Some(&id))?
        .pop()
        .ok_or_else(|| Error::Internal("an action just written could not be read".to_owned()))?;
    let next = actions::check_progress(&before, &progress_input(action), None, today)?;
    actions::apply(w, &before, &next, None, today)
}
