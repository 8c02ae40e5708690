//! Tauri's build step, with a permission generated for each of the app's own
//! commands so the window's capability can grant exactly those and nothing else.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "passphrase_strength",
        "create_register",
        "unlock",
        "lock",
        "load_demo",
        "clock_settings",
        "set_clock_settings",
        "list_cases",
        "get_case",
        "create_case",
        "update_case",
        "case_detail",
        "record_step",
        "amend_step",
        "dashboard",
        "rapid_review",
        "save_rapid_review",
        "save_agency_request",
        "review",
        "save_review",
        "add_review_log",
        "add_proceeding",
        "national_panel_themes",
        "list_panel_meetings",
        "create_panel_meeting",
        "update_panel_meeting",
        "add_panel_decision",
        "list_themes",
        "add_theme",
        "add_source",
        "list_recommendations",
        "add_recommendation",
        "set_recommendation_outcome",
        "list_actions",
        "action",
        "similar_actions",
        "add_action",
        "link_action",
        "set_progress",
        "revise_target",
        "reopen_action",
        "rag_definitions",
        "thematic_tracker",
        "reminders",
        "quarter_choices",
        "quarter_review",
        "open_quarter",
        "update_quarter",
        "save_quarter_note",
        "close_quarter",
        "action_quarters",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri build step failed: {error:#}");
    }
}
