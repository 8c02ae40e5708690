//! The tracker as CSV: the spreadsheet's columns and headings, one row per
//! action, dates as `YYYY-MM-DD` and RAG as its word, for scripts and for
//! partnerships whose own tools take CSV.

use super::columns::{cells, rag_word, Cell, COLUMNS};
use super::tracker::Tracker;
use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};

/// Excel reads a CSV without a byte-order mark as the local code page and
/// garbles "→" and "–"; with it, Excel and other readers agree on UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The tracker as CSV bytes.
pub(super) fn table(tracker: &Tracker, watch: &Watch<'_>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer
        .write_record(COLUMNS.iter().map(|c| c.heading))
        .map_err(failed)?;
    let total = tracker.rows.len() as u64;
    for (done, row) in tracker.rows.iter().enumerate() {
        watch.step(JobStage::Writing, done as u64, total)?;
        let record = cells(row).map(|cell| match cell {
            Cell::Text(text) => defused(text),
            Cell::Date(date) => date.map(|d| d.to_string()).unwrap_or_default(),
            Cell::Rag(rag) => rag.map(|r| rag_word(Some(r))).unwrap_or("").to_owned(),
        });
        writer.write_record(&record).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Internal(format!("could not finish the CSV: {e}")))
}

/// Text a spreadsheet would run as a formula ("=…", "+…", "-…", "@…") gets a
/// leading apostrophe, so opening the CSV never runs what someone typed into
/// an action (OWASP's advice on CSV injection).
fn defused(text: String) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

fn failed(error: csv::Error) -> Error {
    Error::Internal(format!("could not write the CSV: {error}"))
}
