//! Exports the board reads: the action-plan tracker as an Excel workbook, CSV
//! or JSON. Each is built whole in memory from the same rows, then written to
//! its file in one step, so a failure never leaves half a file behind.
//!
//! Exports carry case codes only and say OFFICIAL-SENSITIVE wherever a reader
//! looks (the pages, the file's properties, the JSON itself).

mod columns;
mod csv;
mod history;
mod summary;
mod tracker;
mod watched;
mod xlsx;

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::register::Register;

// The RAG word the board reads, shared with the reports.
pub(crate) use columns::rag_word;
pub use summary::{Tally, TrackerSummary};
pub use tracker::{TrackedRecommendation, Tracker, TrackerOptions, TrackerRow, TrackerUpdate};
pub(crate) use watched::CANCELLED as EXPORT_CANCELLED;
pub use watched::{check_rows, excel_rows, ExportCheck, EXCEL_ROWS};

/// The protective marking every export carries (Government Security
/// Classifications): case review records are special-category personal data.
pub const MARKING: &str = "OFFICIAL-SENSITIVE";

/// The file formats the tracker can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    /// Reads `xlsx`, `csv` or `json` (any case); a validation error on `format` otherwise.
    pub fn parse(text: &str) -> Result<Self> {
        let wanted = text.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == wanted)
            .ok_or_else(|| {
                Error::field(
                    "format",
                    format!("Format must be xlsx, csv or json (not \"{}\")", text.trim()),
                )
            })
    }
}

/// What an export wrote, for the app to confirm to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub path: String,
    pub format: ExportFormat,
    #[ts(type = "number")]
    pub rows: usize,
    /// The register holds fictional demo data, and so does the file.
    pub demo: bool,
}

impl Register {
    /// Builds the tracker with `options` and writes it to `path` (the app's
    /// save dialog has chosen it, and asked before replacing a file).
    pub fn export_tracker(
        &self,
        options: &TrackerOptions,
        format: ExportFormat,
        path: &Path,
        today: NaiveDate,
    ) -> Result<ExportReport> {
        let tracker = self.tracker(options, today)?;
        write_tracker(&tracker, format, path, true)?;
        Ok(ExportReport {
            path: path.display().to_string(),
            format,
            rows: tracker.rows.len(),
            demo: tracker.demo,
        })
    }
}

/// The tracker as the bytes of a file in `format`.
pub fn tracker_bytes(tracker: &Tracker, format: ExportFormat) -> Result<Vec<u8>> {
    tracker_bytes_watched(tracker, format, &crate::jobs::Watch::none())
}

/// [`tracker_bytes`], telling `watch` of each row and stopping when cancelled.
pub(crate) fn tracker_bytes_watched(
    tracker: &Tracker,
    format: ExportFormat,
    watch: &crate::jobs::Watch<'_>,
) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Xlsx => xlsx::workbook(tracker, watch),
        ExportFormat::Csv => self::csv::table(tracker, watch),
        ExportFormat::Json => {
            watch.check()?;
            Ok(serde_json::to_vec_pretty(tracker)?)
        }
    }
}

/// Writes the tracker to `path` in `format`. An existing file is replaced
/// only when `replace` is set (the app's save dialog has asked by then);
/// otherwise it is left as it is and the export is refused.
pub fn write_tracker(
    tracker: &Tracker,
    format: ExportFormat,
    path: &Path,
    replace: bool,
) -> Result<()> {
    // An Excel workbook too long for Excel is refused before anything is built.
    check_rows(tracker.rows.len(), format, excel_rows())?;
    let bytes = tracker_bytes(tracker, format)?;
    write_whole(path, &bytes, replace)?;
    // Counts and the format only: a file name may well carry a case code.
    tracing::info!(
        format = format.as_str(),
        rows = tracker.rows.len(),
        bytes = bytes.len(),
        "tracker exported"
    );
    Ok(())
}

/// Writes `bytes` to a new file in `path`'s folder and renames it over `path`,
/// so readers see the old file or the whole new one, never a partial one.
/// The file is created readable by this user only (tempfile makes it 0600 on
/// Unix), which suits special-category data; the user can share it on purpose.
pub(crate) fn write_whole(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    write_whole_checked(path, bytes, replace, || Ok(()))
}

/// [`write_whole`], asking `go_on` once the temporary file is written and
/// before it is renamed: an error there (a cancel) removes the temporary
/// file and leaves `path` as it was.
pub(crate) fn write_whole_checked(
    path: &Path,
    bytes: &[u8],
    replace: bool,
    go_on: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::field(
            "out",
            format!("The folder {} does not exist", folder.display()),
        ));
    }
    if path.is_dir() {
        return Err(Error::field(
            "out",
            format!("{} is a folder: give a file name", path.display()),
        ));
    }
    if !replace && path.exists() {
        return Err(exists(path));
    }
    // What an earlier export killed part-way left in this folder (issue 6).
    crate::backup::stale::remove_stale(folder);
    let mut file = tempfile::Builder::new()
        .prefix(".casereview-export-")
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(|e| Error::io(folder, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    go_on()?;
    // Dropping the temporary file on any error below deletes it.
    let persisted = if replace {
        file.persist(path)
    } else {
        // Checked above, but another program may have written the file since.
        file.persist_noclobber(path)
    };
    persisted.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => exists(path),
        _ => Error::io(path, e.error),
    })?;
    // Make the rename itself durable; a folder that cannot be synced (some
    // network shares) still holds the whole file, so this is best effort.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The names of the files in `dir`, temporary ones included, sorted: what an
/// export left behind (tests of a failed or cancelled export).
#[cfg(test)]
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn exists(path: &Path) -> Error {
    Error::field(
        "out",
        format!(
            "{} already exists and was left as it is: choose another file name, or replace it on purpose",
            path.display()
        ),
    )
}

#[cfg(test)]
mod tests;
