//! Commands that write files for the Executive Board. The web view first
//! checks the export fits (Excel's row limit), then asks the user for a
//! file through the save dialog and passes its path; the core builds the
//! file and writes it whole, telling its progress, and a cancelled export
//! leaves no file (see `jobs`).

use std::path::PathBuf;

use casereview_core::dates;
use casereview_core::exports::{ExportCheck, ExportFormat, ExportReport, TrackerOptions};
use casereview_core::jobs::JobProgress;
use tauri::ipc::Channel;

use super::jobs::JobsState;
use super::{with_register, Reply, SessionState};

/// The tracker's row count, refused (`too_many_rows`) when an Excel
/// workbook could not hold it; asked before the save dialog opens.
#[tauri::command(async)]
pub fn check_tracker_export(
    state: SessionState<'_>,
    format: ExportFormat,
    options: TrackerOptions,
) -> Reply<ExportCheck> {
    with_register(&state, |r| {
        r.check_tracker_export(&options, format, dates::today())
    })
}

#[tauri::command(async)]
pub fn export_tracker(
    state: SessionState<'_>,
    jobs: JobsState<'_>,
    path: PathBuf,
    format: ExportFormat,
    options: TrackerOptions,
    job: String,
    on_progress: Channel<JobProgress>,
) -> Reply<ExportReport> {
    with_register(&state, |r| {
        jobs.run(&job, &on_progress, |watch| {
            r.export_tracker_watched(&options, format, &path, dates::today(), watch)
        })
    })
}
