//! The desktop shell: a Tauri window over the UI-free core. It holds the app's
//! one [`Session`] and exposes the core through thin commands; it has no SQL,
//! no business rules and no date arithmetic of its own.

mod commands;

use std::sync::Mutex;

use casereview_core::{logging, paths, Session};

/// Starts the app and blocks until its window closes.
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
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "app starting");
    let result = tauri::Builder::default()
        .manage(Mutex::new(session))
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::passphrase_strength,
            commands::create_register,
            commands::unlock,
            commands::lock,
            commands::list_cases,
            commands::get_case,
            commands::create_case,
            commands::update_case,
            commands::load_demo,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "app stopped with an error");
        eprintln!("Case Review Manager stopped: {error}");
        std::process::exit(1);
    }
}
