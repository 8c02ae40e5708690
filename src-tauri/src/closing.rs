//! The backup on closing, made sure of by the shell (issue 6). The window's
//! close normally asks for it first (`ui/src/lib/closing.ts`), but an app can
//! also end with its last window destroyed, a quit shortcut, `app.exit`, or a
//! web view that no longer answers. Whatever the way, Tauri reports
//! [`RunEvent::Exit`] before the process ends, and the backup is taken then,
//! unless the register is locked or the window's flow has just taken one (the
//! core skips a repeat: `Register::closing_backup`).

use std::sync::{mpsc, Mutex};
use std::time::Duration;

use casereview_core::{Error, Session};
use tauri::{AppHandle, Manager, RunEvent};

/// How long exiting waits for the backup. A copy cut short by the exit is a
/// temporary file, never a backup, and is removed at a later start.
const LIMIT: Duration = Duration::from_secs(20);

/// Handles the app's run events; only the exit is of interest.
pub fn on_event(app: &AppHandle, event: RunEvent) {
    if let RunEvent::Exit = event {
        backup_before_exit(app);
    }
}

/// Takes the backup on another thread and waits for it at most [`LIMIT`].
/// Logs the outcome by its code only: never a path or any case content.
fn backup_before_exit(app: &AppHandle) {
    let app = app.clone();
    let (send, outcome) = mpsc::channel();
    std::thread::spawn(move || {
        let state = app.state::<Mutex<Session>>();
        // Waits for any command still running, such as the window's own
        // backup on closing, which this then finds and does not repeat.
        let result = Session::locked(&state).and_then(|mut s| s.closing_backup());
        let _ = send.send(result);
    });
    match outcome.recv_timeout(LIMIT) {
        Ok(Ok(Some(_))) => tracing::info!("backup on closing taken as the app exits"),
        Ok(Ok(None)) => tracing::info!("backup on closing already taken"),
        Ok(Err(Error::Locked)) => tracing::info!("register locked at exit: no backup on closing"),
        Ok(Err(error)) => {
            tracing::warn!(code = ?error.code(), "the backup on closing failed at exit")
        }
        Err(_) => tracing::warn!(
            limit_s = LIMIT.as_secs(),
            "the backup on closing did not finish in time; the app exits without it"
        ),
    }
}
