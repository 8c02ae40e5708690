//! Commands for the whole register as one file: exporting every record to
//! the file the save dialog chose, and importing such an export into an
//! empty register, in two steps as the tracker import does: a preview of
//! what the file holds (nothing written), then, once the user confirms, the
//! import, all or nothing. Each long step reports progress and can be
//! cancelled (see `jobs`).

use std::path::PathBuf;

use casereview_core::jobs::JobProgress;
use casereview_core::transfer::{
    ImportRegisterReport, RegisterExportOptions, RegisterExportReport, RegisterFormat,
};
use tauri::ipc::Channel;

use super::imports::pick_file;
use super::jobs::JobsState;
use super::{with_register, Reply, SessionState};

/// The whole register (every record) to the file the save dialog chose; the
/// dialog has asked before replacing a file.
#[tauri::command(async)]
pub fn export_register(
    state: SessionState<'_>,
    jobs: JobsState<'_>,
    path: PathBuf,
    format: RegisterFormat,
    options: RegisterExportOptions,
    job: String,
    on_progress: Channel<JobProgress>,
) -> Reply<RegisterExportReport> {
    with_register(&state, |r| {
        jobs.run(&job, &on_progress, |watch| {
            r.export_register_watched(format, &options, &path, true, watch)
        })
    })
}

/// Asks for a whole-register export in the native "Open" dialog.
#[tauri::command(async)]
pub fn choose_register_export(window: tauri::WebviewWindow) -> Reply<Option<String>> {
    pick_file(
        &window,
        "Choose the register export to import",
        "Register export",
        &["json", "zip"],
    )
}

/// What the export holds, checked as the import checks it; writes nothing.
#[tauri::command(async)]
pub fn preview_register_import(
    state: SessionState<'_>,
    jobs: JobsState<'_>,
    path: PathBuf,
    job: String,
    on_progress: Channel<JobProgress>,
) -> Reply<ImportRegisterReport> {
    with_register(&state, |r| {
        jobs.run(&job, &on_progress, |watch| {
            r.preview_register_import(&path, watch)
        })
    })
}

/// Imports the export into this empty register, all or nothing.
#[tauri::command(async)]
pub fn import_register(
    state: SessionState<'_>,
    jobs: JobsState<'_>,
    path: PathBuf,
    job: String,
    on_progress: Channel<JobProgress>,
) -> Reply<ImportRegisterReport> {
    with_register(&state, |r| {
        jobs.run(&job, &on_progress, |watch| {
            r.import_register_watched(&path, watch)
        })
    })
}
