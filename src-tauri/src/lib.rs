//! The desktop shell: a Tauri window over the UI-free core. It holds the app's
//! one [`Session`] and exposes the core through thin commands; it has no SQL,
//! no business rules and no date arithmetic of its own.

mod activity;
mod closing;
mod commands;
pub mod compositing;
mod warm;

use std::sync::Mutex;

use casereview_core::audit_view::ChainWalks;
use casereview_core::{logging, paths, Session};

/// Starts the app and blocks until it exits.
pub fn run() {
    // Keep the guard for the life of the app so buffered log lines are flushed.
    let _log = paths::log_dir()
        .and_then(|dir| logging::init(&dir, "app"))
        .map_err(|e| eprintln!("Logging is off: {e}"))
        .ok();
    let session = match Session::start() {
        Ok(session) => session,
        Err(error) => {
            eprintln!("Case Review Manager cannot start: {error}");
            std::process::exit(1);
        }
    };
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        compositing = !compositing::turned_off(),
        "app starting"
    );
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Mutex::new(session))
        .manage(commands::jobs::Jobs::default())
        .manage(ChainWalks::default())
        .invoke_handler(tauri::generate_handler![
            commands::register::app_status,
            commands::register::passphrase_strength,
            commands::register::create_register,
            commands::register::unlock,
            commands::register::lock,
            commands::register::unlock_remembering,
            commands::register::unlock_remembered,
            commands::register::lock_keeping,
            commands::register::take_drafts,
            commands::register::lock_settings,
            commands::register::set_lock_settings,
            commands::register::load_demo,
            commands::register::clock_settings,
            commands::register::set_clock_settings,
            commands::cases::list_cases,
            commands::cases::get_case,
            commands::cases::create_case,
            commands::cases::update_case,
            commands::journey::case_detail,
            commands::journey::record_step,
            commands::journey::amend_step,
            commands::journey::dashboard,
            commands::journey::warm_caches,
            commands::records::rapid_review,
            commands::records::save_rapid_review,
            commands::records::save_agency_request,
            commands::records::review,
            commands::records::save_review,
            commands::records::add_review_log,
            commands::records::add_proceeding,
            commands::records::national_panel_themes,
            commands::panels::list_panel_meetings,
            commands::panels::create_panel_meeting,
            commands::panels::add_panel_decision,
            commands::plans::list_themes,
            commands::plans::add_theme,
            commands::plans::add_source,
            commands::plans::list_recommendations,
            commands::plans::recommendation_sources,
            commands::plans::add_recommendation,
            commands::plans::set_recommendation_outcome,
            commands::plans::list_actions,
            commands::plans::action,
            commands::plans::similar_actions,
            commands::plans::add_action,
            commands::plans::link_action,
            commands::plans::set_progress,
            commands::plans::revise_target,
            commands::plans::reopen_action,
            commands::plans::rag_definitions,
            commands::plans::thematic_tracker,
            commands::plans::reminders,
            commands::plans::tracker_page,
            commands::plans::tracker_choices,
            commands::quarters::quarter_choices,
            commands::quarters::quarter_review,
            commands::quarters::open_quarter,
            commands::quarters::update_quarter,
            commands::quarters::save_quarter_note,
            commands::quarters::close_quarter,
            commands::quarters::action_quarters,
            commands::exports::export_tracker,
            commands::transfer::export_register,
            commands::transfer::choose_register_export,
            commands::transfer::preview_register_import,
            commands::transfer::import_register,
            commands::exports::check_tracker_export,
            commands::jobs::cancel_job,
            commands::imports::choose_tracker_file,
            commands::imports::tracker_sheets,
            commands::imports::plan_import,
            commands::imports::apply_import,
            commands::reports::report_choices,
            commands::reports::write_board_report,
            commands::reports::write_annual_report,
            commands::vault::change_passphrase,
            commands::vault::backup_register,
            commands::vault::backup_status,
            commands::vault::set_backup_settings,
            commands::vault::automatic_backup,
            commands::vault::list_backups,
            commands::vault::restore_backup,
            commands::audit::audit_page,
            commands::audit::record_history,
            commands::audit::audit_users,
            commands::audit::audit_chain_status,
        ])
        .build(tauri::generate_context!());
    match result {
        // The run loop's events take the backup on closing however the app
        // exits (see closing.rs).
        Ok(app) => {
            let code = app.run_return(closing::on_event);
            // `run` would exit the process itself, losing the log lines
            // still buffered (the backup on closing's among them).
            drop(_log);
            std::process::exit(code);
        }
        Err(error) => {
            tracing::error!(%error, "app stopped with an error");
            eprintln!("Case Review Manager stopped: {error}");
            std::process::exit(1);
        }
    }
}
