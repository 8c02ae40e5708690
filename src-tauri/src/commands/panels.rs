//! Commands about panel meetings and the decisions taken in them.

use casereview_core::dates;
use casereview_core::panels::{PanelDecisionInput, PanelMeeting, PanelMeetingInput};

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn list_panel_meetings(state: SessionState<'_>) -> Reply<Vec<PanelMeeting>> {
    with_register(&state, |r| r.list_panel_meetings())
}

#[tauri::command(async)]
pub fn create_panel_meeting(
    state: SessionState<'_>,
    input: PanelMeetingInput,
) -> Reply<PanelMeeting> {
    with_register(&state, |r| r.create_panel_meeting(&input, dates::today()))
}

#[tauri::command(async)]
pub fn update_panel_meeting(
    state: SessionState<'_>,
    meeting_id: String,
    input: PanelMeetingInput,
) -> Reply<PanelMeeting> {
    with_register(&state, |r| {
        r.update_panel_meeting(&meeting_id, &input, dates::today())
    })
}

#[tauri::command(async)]
pub fn add_panel_decision(
    state: SessionState<'_>,
    meeting_id: String,
    input: PanelDecisionInput,
) -> Reply<PanelMeeting> {
    with_register(&state, |r| r.add_panel_decision(&meeting_id, &input))
}
