//! Commands about a case's journey: its page, recording and correcting steps,
//! and the dashboard of clocks (with what it asks for once it is shown).

use casereview_core::dashboard::Dashboard;
use casereview_core::dates;
use casereview_core::events::{AmendInput, CaseDetail, StepInput};
use casereview_core::warm::WarmStep;
use tauri::AppHandle;

use super::{with_register, Reply, SessionState};
use crate::warm;

#[tauri::command(async)]
pub fn case_detail(state: SessionState<'_>, id: String) -> Reply<CaseDetail> {
    with_register(&state, |r| r.case_detail(&id, dates::today()))
}

#[tauri::command(async)]
pub fn record_step(state: SessionState<'_>, id: String, input: StepInput) -> Reply<CaseDetail> {
    with_register(&state, |r| r.record_step(&id, &input, dates::today()))
}

#[tauri::command(async)]
pub fn amend_step(
    state: SessionState<'_>,
    event_id: String,
    input: AmendInput,
) -> Reply<CaseDetail> {
    with_register(&state, |r| r.amend_step(&event_id, &input, dates::today()))
}

#[tauri::command(async)]
pub fn dashboard(state: SessionState<'_>) -> Reply<Dashboard> {
    with_register(&state, |r| r.dashboard(dates::today()))
}

/// Asked for by the dashboard once it is shown: the first time after
/// unlocking, reads in the background what the screens after it read first,
/// and walks the audit chain (`warm.rs`); later times, nothing. Answers at
/// once either way.
#[tauri::command(async)]
pub fn warm_caches(app: AppHandle, state: SessionState<'_>) -> Reply<()> {
    if with_register(&state, |r| Ok(r.first_warm()))? {
        warm::in_background(&app, &WarmStep::AFTER_DASHBOARD);
        warm::walk_chain_in_background(&app);
    }
    Ok(())
}
