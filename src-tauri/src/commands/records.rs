//! Commands about the Rapid Review record and the review record of a case.

use casereview_core::dates;
use casereview_core::rapid_review::{AgencyRequestInput, RapidReviewInput, RapidReviewRecord};
use casereview_core::reviews::{
    ProceedingInput, ReviewInput, ReviewLogInput, ReviewRecord, NATIONAL_PANEL_THEMES,
};

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn rapid_review(state: SessionState<'_>, id: String) -> Reply<RapidReviewRecord> {
    with_register(&state, |r| r.rapid_review(&id))
}

#[tauri::command(async)]
pub fn save_rapid_review(
    state: SessionState<'_>,
    id: String,
    input: RapidReviewInput,
) -> Reply<RapidReviewRecord> {
    with_register(&state, |r| r.save_rapid_review(&id, &input, dates::today()))
}

#[tauri::command(async)]
pub fn save_agency_request(
    state: SessionState<'_>,
    id: String,
    request_id: Option<String>,
    input: AgencyRequestInput,
) -> Reply<RapidReviewRecord> {
    with_register(&state, |r| {
        r.save_agency_request(&id, request_id.as_deref(), &input, dates::today())
    })
}

#[tauri::command(async)]
pub fn review(state: SessionState<'_>, id: String) -> Reply<ReviewRecord> {
    with_register(&state, |r| r.review(&id))
}

#[tauri::command(async)]
pub fn save_review(state: SessionState<'_>, id: String, input: ReviewInput) -> Reply<ReviewRecord> {
    with_register(&state, |r| r.save_review(&id, &input))
}

#[tauri::command(async)]
pub fn add_review_log(
    state: SessionState<'_>,
    id: String,
    input: ReviewLogInput,
) -> Reply<ReviewRecord> {
    with_register(&state, |r| r.add_review_log(&id, &input, dates::today()))
}

#[tauri::command(async)]
pub fn add_proceeding(
    state: SessionState<'_>,
    id: String,
    input: ProceedingInput,
) -> Reply<ReviewRecord> {
    with_register(&state, |r| r.add_proceeding(&id, &input, dates::today()))
}

/// The National Panel's six themes, offered as key lines of enquiry.
#[tauri::command(async)]
pub fn national_panel_themes() -> Vec<&'static str> {
    NATIONAL_PANEL_THEMES.to_vec()
}
