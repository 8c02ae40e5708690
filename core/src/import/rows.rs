//! A sheet's data rows, read through its column mapping: one [`Line`] per
//! row below the header that has anything in it, with the review and the
//! recommendation carried down from the rows above when a row leaves them
//! blank (a merged "Recommendation" cell, or a tracker that writes the
//! recommendation once above its actions). Blank separator rows are counted
//! and passed over.

use super::header::{normalise, ImportField};
use super::workbook::{Cell, Sheet};
use super::ColumnMapping;

/// One data row, as the tracker has it (nothing checked yet).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// The sheet's row number, from 1 as the spreadsheet shows it.
    pub row: u32,
    /// The Review column's text, or the nearest one above it.
    pub review: String,
    /// The recommendation reference(s) and text, or the nearest above them.
    pub rec_refs: String,
    pub rec_text: String,
    /// The recommendation came from a row above, not this one.
    pub rec_carried: bool,
    pub action_ref: String,
    pub action: String,
    pub lead_agency: String,
    pub lead_officer: String,
    pub target: Cell,
    pub revised: Cell,
    pub status: Cell,
    pub rag: Cell,
    /// (header, text) of each non-blank update, evidence and comment column.
    pub updates: Vec<(String, String)>,
    pub evidence: Vec<(String, String)>,
    pub impact: Vec<(String, String)>,
    pub comments: Vec<(String, String)>,
    /// The row has the same headings as the header row (a table repeated
    /// further down the sheet).
    pub repeats_header: bool,
}

/// The data rows below `header_row` (0-based) and how many blank rows were passed over.
pub fn lines(sheet: &Sheet, header_row: usize, mapping: &[ColumnMapping]) -> (Vec<Line>, u32) {
    let headers = sheet.texts(header_row);
    let header_signature: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut out = Vec::new();
    let mut blank = 0;
    let mut review = String::new();
    let mut rec = (String::new(), String::new());
    let blank_cell = Cell::default();
    for index in header_row + 1..sheet.rows.len() {
        let row = sheet.rows.get(index).map(Vec::as_slice).unwrap_or_default();
        if row.iter().all(Cell::is_blank) {
            blank += 1;
            continue;
        }
        let mut line = Line {
            row: index as u32 + 1,
            repeats_header: row
                .iter()
                .zip(&header_signature)
                .filter(|(cell, heading)| !heading.is_empty() && same_heading(&cell.text, heading))
                .count()
                >= 2,
            ..Line::default()
        };
        let (mut refs, mut text) = (String::new(), String::new());
        let mut review_cell = String::new();
        for column in mapping {
            let Some(field) = column.field else { continue };
            let cell = row.get(column.column as usize).unwrap_or(&blank_cell);
            let value = || cell.text.trim().to_owned();
            let keep = |list: &mut Vec<(String, String)>| {
                if !cell.text.trim().is_empty() {
                    list.push((column.header.clone(), value()));
                }
            };
            match field {
                ImportField::Review => review_cell = value(),
                ImportField::RecommendationRef => refs = value(),
                ImportField::Recommendation => text = value(),
                ImportField::ActionRef => line.action_ref = value(),
                ImportField::Action => line.action = value(),
                ImportField::LeadAgency => line.lead_agency = value(),
                ImportField::LeadOfficer => line.lead_officer = value(),
                ImportField::TargetDate => line.target = cell.clone(),
                ImportField::RevisedTargetDate => line.revised = cell.clone(),
                ImportField::Status => line.status = cell.clone(),
                ImportField::Rag => line.rag = cell.clone(),
                ImportField::Update => keep(&mut line.updates),
                ImportField::EvidenceCompletion => keep(&mut line.evidence),
                ImportField::EvidenceImpact => keep(&mut line.impact),
                ImportField::Comments => keep(&mut line.comments),
            }
        }
        if !line.repeats_header {
            if !review_cell.is_empty() {
                review = review_cell;
            }
            line.review = review.clone();
            if refs.is_empty() && text.is_empty() {
                line.rec_carried = !(rec.0.is_empty() && rec.1.is_empty());
                (refs, text) = rec.clone();
            } else if text.is_empty() && refs == rec.0 {
                // The same reference again, its text written only once above.
                text = rec.1.clone();
            } else if refs.is_empty() && text == rec.1 {
                // A merged recommendation cell: its reference was written
                // only in the first row.
                refs = rec.0.clone();
                line.rec_carried = true;
            }
            rec = (refs.clone(), text.clone());
        }
        line.rec_refs = refs;
        line.rec_text = text;
        out.push(line);
    }
    (out, blank)
}

/// Whether `text` normalised is `heading` (normalised, not empty). Every
/// cell of every row is compared with the header row, and a cell's first
/// character rules nearly all of them out without normalising the cell:
/// normalising keeps the first character of the first word (lower-cased),
/// or leaves nothing.
fn same_heading(text: &str, heading: &str) -> bool {
    match text.trim_start().bytes().next() {
        None => false,
        Some(first) if first.is_ascii() && heading.as_bytes()[0] != first.to_ascii_lowercase() => {
            false
        }
        Some(_) => normalise(text) == heading,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::propose;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "Case AK".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| Cell::text(t)).collect())
                .collect(),
        }
    }

    #[test]
    fn the_recommendation_is_carried_down_over_blank_cells_and_separators() {
        let sheet = sheet(&[
            &["Rec No.", "Recommendation", "Action", "Lead"],
            &[
                "1",
                "Improve escalation",
                "Relaunch the policy",
                "Business manager",
            ],
            &["", "", "Brief every agency", "Business manager"],
            &[],
            &[
                "2",
                "Share information",
                "Agree a protocol",
                "Head of housing",
            ],
            &["2", "", "Audit the protocol", "Head of housing"],
        ]);
        let mapping = propose(&sheet.texts(0));
        let (lines, blank) = lines(&sheet, 0, &mapping);
        assert_eq!(blank, 1);
        let got: Vec<(u32, &str, &str, bool)> = lines
            .iter()
            .map(|l| {
                (
                    l.row,
                    l.rec_refs.as_str(),
                    l.rec_text.as_str(),
                    l.rec_carried,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (2, "1", "Improve escalation", false),
                (3, "1", "Improve escalation", true),
                (5, "2", "Share information", false),
                (6, "2", "Share information", false),
            ]
        );
    }

    #[test]
    fn a_heading_is_recognised_as_normalising_would() {
        for (text, heading) in [
            ("Rec No.", "rec no"),
            ("  rec   NO:", "rec no"),
            ("Ärger", "ärger"),
            ("Rec", "rec no"),
            ("Red", "rec"),
            ("", "rec"),
            ("...", "."),
            ("", "x"),
            (" \u{a0}Action", "action"),
        ] {
            assert_eq!(
                same_heading(text, heading),
                normalise(text) == heading,
                "{text:?} against {heading:?}"
            );
        }
    }

    #[test]
    fn a_repeated_header_row_is_marked_and_not_carried() {
        let sheet = sheet(&[
            &["Rec No.", "Recommendation", "Action"],
            &["1", "Improve escalation", "Relaunch the policy"],
            &["Rec No.", "Recommendation", "Action"],
            &["", "", "Brief every agency"],
        ]);
        let mapping = propose(&sheet.texts(0));
        let (lines, _) = lines(&sheet, 0, &mapping);
        assert!(lines[1].repeats_header);
        assert_eq!(lines[2].rec_text, "Improve escalation");
    }
}
