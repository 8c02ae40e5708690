//! Commands about a case's journey: its page, recording and correcting steps,
//! and the dashboard of clocks.

use casereview_core::dashboard::Dashboard;
use casereview_core::dates;
use casereview_core::events::{AmendInput, CaseDetail, StepInput};

use super::{with_register, Reply, SessionState};

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
