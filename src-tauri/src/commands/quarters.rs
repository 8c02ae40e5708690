//! Commands about quarterly action reviews: choosing a quarter, its updates
//! (the progress note saved as it is typed in panel mode), closing it, and one
//! action's quarters for its history.

use casereview_core::dates;
use casereview_core::quarter_reviews::{
    ActionQuarter, QuarterChoice, QuarterReview, QuarterUpdate, QuarterUpdateInput,
};

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn quarter_choices(state: SessionState<'_>) -> Reply<Vec<QuarterChoice>> {
    with_register(&state, |r| r.quarter_choices(dates::today()))
}

#[tauri::command(async)]
pub fn quarter_review(state: SessionState<'_>, code: String) -> Reply<QuarterReview> {
    with_register(&state, |r| r.quarter_review(&code))
}

#[tauri::command(async)]
pub fn open_quarter(state: SessionState<'_>, code: String) -> Reply<QuarterReview> {
    with_register(&state, |r| r.open_quarter(&code, dates::today()))
}

#[tauri::command(async)]
pub fn update_quarter(
    state: SessionState<'_>,
    code: String,
    action: String,
    input: QuarterUpdateInput,
) -> Reply<QuarterReview> {
    with_register(&state, |r| {
        r.update_quarter(&code, &action, &input, dates::today())
    })
}

#[tauri::command(async)]
pub fn save_quarter_note(
    state: SessionState<'_>,
    code: String,
    action: String,
    note: String,
) -> Reply<QuarterUpdate> {
    with_register(&state, |r| r.save_quarter_note(&code, &action, &note))
}

#[tauri::command(async)]
pub fn close_quarter(state: SessionState<'_>, code: String, by: String) -> Reply<QuarterReview> {
    with_register(&state, |r| r.close_quarter(&code, &by))
}

#[tauri::command(async)]
pub fn action_quarters(state: SessionState<'_>, id: String) -> Reply<Vec<ActionQuarter>> {
    with_register(&state, |r| r.action_quarters(&id))
}
