//! The commands the web view may call, grouped by what they work on. Each
//! unpacks the session, calls one core function and turns a core error into
//! the `{code, message, fields}` body. They are `async` so that key derivation
//! and disk work run off the UI thread.
//!
//! A new command is listed in three places: `generate_handler!` in `lib.rs`,
//! the permissions in `build.rs`, and the window's capability in `tauri.conf.json`.

pub mod audit;
pub mod cases;
pub mod exports;
pub mod imports;
pub mod jobs;
pub mod journey;
pub mod panels;
pub mod plans;
pub mod quarters;
pub mod records;
pub mod register;
pub mod reports;
pub mod transfer;
pub mod vault;

use std::sync::Mutex;

use casereview_core::{ErrorBody, Register, Result, Session};

pub type Reply<T> = std::result::Result<T, ErrorBody>;

/// The app's session as Tauri hands it to a command.
pub type SessionState<'a> = tauri::State<'a, Mutex<Session>>;

/// Runs `f` on the locked session and maps its error for the web view.
pub fn with_session<T>(
    state: &Mutex<Session>,
    f: impl FnOnce(&mut Session) -> Result<T>,
) -> Reply<T> {
    // The background walk of the audit chain gives way meanwhile (activity.rs).
    let _busy = crate::activity::Busy::start();
    let mut session = Session::locked(state)?;
    Ok(f(&mut session)?)
}

/// Runs `f` on the unlocked register (`locked` otherwise).
pub fn with_register<T>(
    state: &Mutex<Session>,
    f: impl FnOnce(&mut Register) -> Result<T>,
) -> Reply<T> {
    with_session(state, |s| f(s.register()?))
}
