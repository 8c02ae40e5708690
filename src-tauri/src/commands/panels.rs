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

// No command edits a meeting: the UI does not offer it yet, and the window
// may call only what the UI uses. The core's `update_panel_meeting` is ready
// for when it does (add the command in all three places then).
#[tauri::command(async)]
pub fn add_panel_decision(
    state: SessionState<'_>,
    meeting_id: String,
    input: PanelDecisionInput,
) -> Reply<PanelMeeting> {
    with_register(&state, |r| r.add_panel_decision(&meeting_id, &input))
}
