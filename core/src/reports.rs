//! Reports for the partnership's boards: the board report for a period (six
//! months by default) and the case review section of the annual report for a
//! reporting year. Their figures are built from the dated journey steps in
//! the register as plain structs (JSON for scripts, and for the app to show),
//! then laid out as Word documents.
//!
//! Like the exports, reports carry case codes only, never summaries or names,
//! say OFFICIAL-SENSITIVE on every page and in the file's properties, say so
//! when the register is demo data, and are written whole or not at all.

mod annual;
mod annual_docx;
mod board;
mod board_docx;
mod counts;
mod docx;
mod files;
mod history;
mod period;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::exports::write_whole;

pub use annual::{
    ActionInYear, AnnualFigures, AnnualReport, ConcludedReview, ImpactSummary, NotAccepted,
    RecommendationRecord, ReviewAtYearEnd, SourceRecord,
};
pub use board::{
    BoardHeadline, BoardReport, CaseDecision, DecisionKind, Escalation, ExceptionAction, LateReview,
};
pub use counts::{ActionCounts, KindCounts};
pub use files::{ReportChoices, ReportWritten, YearChoice};
pub use period::{Period, ReportingYear};

/// The file formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ReportFormat {
    /// A Word document for the board papers.
    Docx,
    /// The figures as JSON, for scripts and checks.
    Json,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 2] = [ReportFormat::Docx, ReportFormat::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Docx => "docx",
            ReportFormat::Json => "json",
        }
    }

    /// Reads `docx` or `json` (any case); a validation error on `format` otherwise.
    pub fn parse(text: &str) -> Result<Self> {
        let wanted = text.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == wanted)
            .ok_or_else(|| {
                Error::field(
                    "format",
                    format!("Format must be docx or json (not \"{}\")", text.trim()),
                )
            })
    }
}

/// The board report as the bytes of a file in `format`.
pub fn board_bytes(report: &BoardReport, format: ReportFormat) -> Result<Vec<u8>> {
    match format {
        ReportFormat::Docx => board_docx::document(report),
        ReportFormat::Json => Ok(serde_json::to_vec_pretty(report)?),
    }
}

/// The annual report section as the bytes of a file in `format`.
pub fn annual_bytes(report: &AnnualReport, format: ReportFormat) -> Result<Vec<u8>> {
    match format {
        ReportFormat::Docx => annual_docx::document(report),
        ReportFormat::Json => Ok(serde_json::to_vec_pretty(report)?),
    }
}

/// Writes the board report to `path`. An existing file is replaced only
/// when `replace` is set; otherwise the report is refused and the file kept.
pub fn write_board(
    report: &BoardReport,
    format: ReportFormat,
    path: &Path,
    replace: bool,
) -> Result<()> {
    let bytes = board_bytes(report, format)?;
    write_whole(path, &bytes, replace)?;
    // The format and size only: the file name may carry a case code.
    tracing::info!(
        format = format.as_str(),
        bytes = bytes.len(),
        "board report written"
    );
    Ok(())
}

/// Writes the annual report section to `path`, as [`write_board`] does.
pub fn write_annual(
    report: &AnnualReport,
    format: ReportFormat,
    path: &Path,
    replace: bool,
) -> Result<()> {
    let bytes = annual_bytes(report, format)?;
    write_whole(path, &bytes, replace)?;
    tracing::info!(
        format = format.as_str(),
        bytes = bytes.len(),
        "annual report section written"
    );
    Ok(())
}

#[cfg(test)]
mod tests;
