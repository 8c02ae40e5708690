//! Commands for importing an existing tracker: choose the file, list its
//! sheets, preview the import (nothing written), then write it all in one
//! transaction once the user confirms. Both long steps report progress and
//! can be cancelled (see `jobs`).

use std::path::PathBuf;

use casereview_core::dates;
use casereview_core::import::{self, ImportOptions, ImportReport};
use casereview_core::jobs::JobProgress;
use tauri::ipc::Channel;
use tauri_plugin_dialog::DialogExt;

use super::jobs::JobsState;
use super::{with_register, Reply, SessionState};

/// Asks for the tracker in the native "Open" dialog; `None` when the user
/// cancels.
#[tauri::command(async)]
pub fn choose_tracker_file(window: tauri::WebviewWindow) -> Reply<Option<String>> {
    pick_file(
        &window,
        "Choose the tracker to import",
        "Spreadsheets",
        &["xlsx", "xlsm", "xls", "ods", "csv"],
    )
}

/// The native "Open" dialog, answering with the chosen file; `None` when the
/// user cancels. The dialog is opened here rather than by the web view, so
/// the window needs no dialog permission of its own, and so that a debug
/// build can be told the file instead (`CASEREVIEW_TEST_OPEN_FILE`):
/// WebDriver cannot drive the native dialog in the end-to-end tests.
pub(super) fn pick_file(
    window: &tauri::WebviewWindow,
    title: &str,
    kind: &str,
    extensions: &[&str],
) -> Reply<Option<String>> {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("CASEREVIEW_TEST_OPEN_FILE") {
        return Ok(Some(PathBuf::from(path).display().to_string()));
    }
    let picked = window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(title)
        .add_filter(kind, extensions)
        .blocking_pick_file();
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// The sheets in the tracker, for the user to choose one.
#[tauri::command(async)]
pub fn tracker_sheets(state: SessionState<'_>, path: PathBuf) -> Reply<Vec<String>> {
    with_register(&state, |_| import::sheet_names(&path))
}

/// What importing the tracker would do; writes nothing.
#[tauri::command(async)]
pub fn plan_import(
    state: SessionState<'_>,
    jobs: JobsState<'_>,
    path: PathBuf,
    options: ImportOptions,
    job: String,
    on_progress: Channel<JobProgress>,
) -> Reply<ImportReport> {
    with_register(&state, |r| {
        jobs.run(&job, &on_progress, |watch| {
            r.plan_import_watched(&path, &options, dates::today(), watch)
        })
    })
}

/// Writes the previewed import, all or nothing.
#[tauri::command(async)]
pub fn apply_import(
    state: SessionState<'_>,
    jobs: JobsState<'_>,
    report: ImportReport,
    job: String,
    on_progress: Channel<JobProgress>,
) -> Reply<ImportReport> {
    with_register(&state, |r| {
        jobs.run(&job, &on_progress, |watch| {
            r.apply_import_watched(&report, dates::today(), watch)
        })
    })
}
