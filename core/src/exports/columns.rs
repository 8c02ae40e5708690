//! The tracker's columns, shared by the spreadsheet and the CSV so both show
//! the same thing under the same headings: each row becomes cells here, and
//! each writer only decides how a date or a RAG rating looks in its format.

use chrono::NaiveDate;

use super::tracker::TrackerRow;
use crate::actions::Rag;

/// One tracker cell before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Cell {
    Text(String),
    Date(Option<NaiveDate>),
    Rag(Option<Rag>),
}

/// A column's heading and the widest it may be, in characters; longer text wraps.
pub(super) struct Column {
    pub heading: &'static str,
    pub max_width: f64,
}

const fn column(heading: &'static str, max_width: f64) -> Column {
    Column { heading, max_width }
}

// The caps keep all fifteen columns on A4 landscape at a scale that can
// still be read once printed; long text wraps within them instead.
pub(super) const COLUMNS: [Column; 15] = [
    column("Review(s)", 12.0),
    column("Recommendation ref(s)", 13.0),
    column("Recommendation", 32.0),
    column("Action ref", 9.0),
    column("Action", 32.0),
    column("Lead agency", 16.0),
    column("Lead officer", 16.0),
    column("Target date", 10.0),
    column("Revised target date", 10.0),
    column("Status", 14.0),
    column("RAG", 7.0),
    column("Overdue", 8.0),
    column("Latest update", 32.0),
    column("Change since previous quarter", 18.0),
    column("Escalated to the Executive Board", 20.0),
];

/// The RAG rating as the word the board reads; colour alone is not enough.
pub(crate) fn rag_word(rag: Option<Rag>) -> &'static str {
    match rag {
        Some(Rag::Red) => "Red",
        Some(Rag::Amber) => "Amber",
        Some(Rag::Green) => "Green",
        Some(Rag::Blue) => "Blue",
        None => "No RAG",
    }
}

fn yes_no(flag: bool) -> &'static str {
    if flag {
        "Yes"
    } else {
        "No"
    }
}

/// The row's cells, in the order of [`COLUMNS`].
pub(super) fn cells(row: &TrackerRow) -> [Cell; 15] {
    let refs = row
        .recommendations
        .iter()
        .map(|r| format!("{} {}", r.review, r.reference))
        .collect::<Vec<_>>();
    // With one recommendation its text says enough; with several, each
    // carries its reference so the reader can tell which is which.
    let recommendation = match row.recommendations.as_slice() {
        [one] => one.text.clone(),
        many => many
            .iter()
            .map(|r| format!("{} {}: {}", r.review, r.reference, r.text))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let update = row
        .latest_update
        .as_ref()
        .map(|u| format!("{}: {}", u.quarter, u.note))
        .unwrap_or_default();
    let escalated = if row.escalated {
        format!("Yes: {}", row.escalation_reason)
    } else {
        "No".to_owned()
    };
    [
        Cell::Text(row.reviews.join("; ")),
        Cell::Text(refs.join("; ")),
        Cell::Text(recommendation),
        Cell::Text(row.action_reference.clone()),
        Cell::Text(row.action.clone()),
        Cell::Text(row.lead_agency.clone()),
        Cell::Text(row.lead_officer.clone()),
        Cell::Date(Some(row.target_date)),
        Cell::Date(row.revised_target_date),
        Cell::Text(row.status_label.clone()),
        Cell::Rag(row.rag),
        Cell::Text(yes_no(row.overdue).to_owned()),
        Cell::Text(update),
        Cell::Text(row.change.clone()),
        Cell::Text(escalated),
    ]
}
