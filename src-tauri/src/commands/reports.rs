//! Commands for the Reports screen: the choices it offers, and the board
//! report or annual report section written to the file the save dialog chose.

use std::path::PathBuf;

use casereview_core::dates;
use casereview_core::reports::{ReportChoices, ReportFormat, ReportWritten};
use casereview_core::DateInput;

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn report_choices(state: SessionState<'_>) -> Reply<ReportChoices> {
    with_register(&state, |r| r.report_choices(dates::today()))
}

#[tauri::command(async)]
pub fn write_board_report(
    state: SessionState<'_>,
    path: PathBuf,
    from: DateInput,
    to: DateInput,
    format: ReportFormat,
) -> Reply<ReportWritten> {
    with_register(&state, |r| {
        r.write_board_report(&from, &to, format, &path, dates::today())
    })
}

#[tauri::command(async)]
pub fn write_annual_report(
    state: SessionState<'_>,
    path: PathBuf,
    year: String,
    format: ReportFormat,
) -> Reply<ReportWritten> {
    with_register(&state, |r| {
        r.write_annual_report(&year, format, &path, dates::today())
    })
}
