//! Commands that write files for the Executive Board. The web view asks the
//! user for a file through the save dialog and passes its path; the core
//! builds the file and writes it whole.

use std::path::PathBuf;

use casereview_core::dates;
use casereview_core::exports::{ExportFormat, ExportReport, TrackerOptions};

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn export_tracker(
    state: SessionState<'_>,
    path: PathBuf,
    format: ExportFormat,
    options: TrackerOptions,
) -> Reply<ExportReport> {
    with_register(&state, |r| {
        r.export_tracker(&options, format, &path, dates::today())
    })
}
