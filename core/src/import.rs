//! Importing the action-plan trackers partnerships already keep (Excel or
//! CSV), in two steps so nothing is written until the user has seen it:
//!
//! 1. [`Register::plan_import`] reads the file, finds each sheet's header row
//!    and maps its columns (remembered, corrected by the user, or proposed by
//!    name similarity), reads every row and checks it as the register would,
//!    and returns an [`ImportReport`]: per sheet, the mapping; per row, what
//!    it becomes, or why it is skipped, and any warnings. Nothing is written.
//! 2. [`Register::apply_import`] writes what the report says in one
//!    transaction, through the same checks as adding each record by hand. If
//!    anything fails part-way (the register changed since the preview, say),
//!    the transaction is rolled back and the register is exactly as it was.

mod apply;
pub mod dates;
pub mod header;
mod memory;
mod overrides;
mod plan;
mod progress;
pub mod rag;
mod rows;
pub mod status;
mod watched;
mod workbook;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::actions::{ActionStatus, Rag};
use crate::error::{Error, Result};
use crate::register::Register;

pub use dates::TrackerDate;
pub use header::ImportField;
pub use overrides::{apply_overrides, MapOverride, NOT_IMPORTED};
pub use watched::sheet_names;

/// What to import, and corrections the user made in the preview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// Only this sheet (any case); every sheet when not given.
    pub sheet: Option<String>,
    /// The case or source code every row goes under, whatever the sheet or
    /// its Review column says. It must already be in the register.
    pub review: Option<String>,
    /// Mappings the user corrected, by sheet; other sheets are mapped as
    /// remembered or proposed.
    pub mappings: Vec<SheetMapping>,
}

/// How one sheet is read: its header row and each column's field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetMapping {
    pub sheet: String,
    /// The header row's number as the spreadsheet shows it (from 1).
    pub header_row: u32,
    pub columns: Vec<ColumnMapping>,
}

/// One column of a mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnMapping {
    /// From 0 (column A).
    pub column: u32,
    /// "A", "B", … as the spreadsheet shows it.
    pub letter: String,
    /// The column's heading in the tracker.
    pub header: String,
    /// What the column holds; `None`: not imported.
    pub field: Option<ImportField>,
    /// How alike the heading is to the field's usual names, 0 to 1 (1 when
    /// remembered or chosen by the user).
    pub score: f64,
}

/// Where a sheet's mapping came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum MappingSource {
    /// Proposed from the headings' similarity to each field's names.
    Proposed,
    /// Confirmed in an earlier import of a tracker with the same headings.
    Remembered,
    /// Given by the user for this import.
    Corrected,
    /// No header row was found: the sheet is left out.
    None,
}

/// A sheet as the import will read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetPlan {
    pub sheet: String,
    /// `None` when no header row was found; the sheet is then left out.
    pub mapping: Option<SheetMapping>,
    pub mapping_from: MappingSource,
    /// The headings' signature, under which a confirmed mapping is remembered.
    pub signature: String,
    /// The case or source code for rows that do not name one.
    pub review: Option<String>,
    /// `review` is not in the register: the import registers it as a source.
    pub new_review: bool,
    /// Blank rows passed over.
    pub blank_rows: u32,
    /// Warnings about the whole sheet.
    pub notes: Vec<String>,
    /// The first rows' text, when no header row was found, so the user can
    /// point at it.
    pub first_rows: Vec<Vec<String>>,
    /// The first rows under the header row as the sheet shows them, so the
    /// preview can show what each column holds beside its mapping.
    pub sample_rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum RowOutcome {
    Imported,
    Skipped,
}

/// A recommendation a row answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedRecommendation {
    /// The case or source code.
    pub source: String,
    pub reference: String,
    pub text: String,
    /// This row adds it; otherwise it is in the register or added by a row above.
    pub new: bool,
}

/// The action a row becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedAction {
    pub reference: String,
    /// The tracker had no reference for it, so the import made one.
    pub reference_made: bool,
    pub text: String,
    pub lead_agency: String,
    pub lead_officer: String,
    #[ts(type = "string")]
    pub target_date: NaiveDate,
    /// The target date cell's words when they are not a date ("TBC"); the
    /// target is then the day of the import, for the user to revise.
    pub target_text: Option<String>,
    #[ts(type = "string | null")]
    pub revised_target_date: Option<NaiveDate>,
    pub status: ActionStatus,
    pub status_reason: String,
    pub rag: Option<Rag>,
    /// The tracker's evidence, updates and comments, each under its heading.
    pub evidence_completion: String,
    pub evidence_impact: String,
}

/// One row of the tracker and what becomes of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowReport {
    pub sheet: String,
    /// As the spreadsheet numbers it (from 1).
    pub row: u32,
    pub outcome: RowOutcome,
    /// Why it is skipped.
    pub reason: Option<String>,
    pub warnings: Vec<String>,
    pub recommendations: Vec<PlannedRecommendation>,
    /// `None` for a row that adds only a recommendation.
    pub action: Option<PlannedAction>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportCounts {
    /// Rows with anything in them (blank rows are not counted).
    pub rows: u32,
    pub imported: u32,
    pub skipped: u32,
    /// Warnings on rows and sheets.
    pub warnings: u32,
    pub sources: u32,
    pub recommendations: u32,
    pub actions: u32,
}

/// The preview of an import, and (once written) its record. It can go to
/// the preview screen and come back with the user's confirmation: writing it
/// checks every record again, as entering it by hand would.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// The file's name (not its folder).
    pub file: String,
    pub sheets: Vec<SheetPlan>,
    pub rows: Vec<RowReport>,
    /// Codes the import registers as new sources (thematic reviews).
    pub new_sources: Vec<String>,
    pub counts: ImportCounts,
    /// Whether it has been written to the register.
    pub written: bool,
}

impl Register {
    /// Reads the tracker at `path` and reports what importing it would do;
    /// writes nothing.
    pub fn plan_import(
        &self,
        path: &Path,
        options: &ImportOptions,
        today: NaiveDate,
    ) -> Result<ImportReport> {
        let sheets = workbook::read(path)?;
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.plan_sheets(&file, sheets, options, today)
    }

    /// Like [`Register::plan_import`], for a tracker's bytes already in
    /// memory; `file` names it in messages and (its stem) a CSV's one sheet.
    /// The fuzz targets drive the importer through here.
    pub fn plan_import_bytes(
        &self,
        file: &str,
        bytes: &[u8],
        options: &ImportOptions,
        today: NaiveDate,
    ) -> Result<ImportReport> {
        let stem = Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Tracker".to_owned());
        let sheets = workbook::from_bytes(file, &stem, bytes)?;
        self.plan_sheets(file, sheets, options, today)
    }

    fn plan_sheets(
        &self,
        file: &str,
        sheets: Vec<workbook::Sheet>,
        options: &ImportOptions,
        today: NaiveDate,
    ) -> Result<ImportReport> {
        let start = self.clock_settings()?.year_start_month;
        let report = plan::plan(self.conn(), file, sheets, options, today, start)?;
        // Counts only: a file or sheet name may well carry a case code.
        tracing::info!(
            sheets = report.sheets.len(),
            rows = report.counts.rows,
            imported = report.counts.imported,
            skipped = report.counts.skipped,
            "tracker import planned"
        );
        Ok(report)
    }

    /// Writes what `report` (from [`Register::plan_import`]) says, all in one
    /// transaction, and remembers each sheet's mapping for next time. On any
    /// failure nothing is written and the error names the row.
    pub fn apply_import(
        &mut self,
        report: &ImportReport,
        today: NaiveDate,
    ) -> Result<ImportReport> {
        if report.written {
            return Err(Error::InvalidTransition(
                "This import has already been written to the register.".to_owned(),
            ));
        }
        self.write(|w| apply::apply(w, report, today))?;
        tracing::info!(
            actions = report.counts.actions,
            recommendations = report.counts.recommendations,
            sources = report.counts.sources,
            "tracker imported"
        );
        Ok(ImportReport {
            written: true,
            ..report.clone()
        })
    }
}

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod jobs_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod workbook_tests;
