//! Reads into the app connection's page cache, on the blocking pool and a
//! step at a time, what the screens read first (see the core's `warm.rs`).
//! The session is taken for each step only, so a click meanwhile waits for
//! one step at most.

use std::sync::Mutex;

use casereview_core::warm::WarmStep;
use casereview_core::{dates, Session};
use tauri::{AppHandle, Manager};

use crate::commands::with_register;

/// Starts taking `steps` and returns at once. Stops at the first step that
/// fails: locked meanwhile (nothing to read), or anything else (logged by
/// its code only; the screen that reads it next reports it as ever).
pub fn in_background(app: &AppHandle, steps: &'static [WarmStep]) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<Mutex<Session>>();
        for &step in steps {
            if let Err(e) = with_register(&state, |r| r.warm(step, dates::today())) {
                tracing::debug!(code = ?e.code, ?step, "warming stopped");
                break;
            }
        }
    });
}
