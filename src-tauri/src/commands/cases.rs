//! Commands about case referrals.

use casereview_core::{dates, Case, CaseInput};

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn list_cases(state: SessionState<'_>) -> Reply<Vec<Case>> {
    with_register(&state, |r| r.list_cases())
}

#[tauri::command(async)]
pub fn get_case(state: SessionState<'_>, id: String) -> Reply<Case> {
    with_register(&state, |r| r.get_case(&id))
}

#[tauri::command(async)]
pub fn create_case(state: SessionState<'_>, input: CaseInput) -> Reply<Case> {
    with_register(&state, |r| r.create_case(&input, dates::today()))
}

#[tauri::command(async)]
pub fn update_case(state: SessionState<'_>, id: String, input: CaseInput) -> Reply<Case> {
    with_register(&state, |r| r.update_case(&id, &input, dates::today()))
}
