//! Reads into the app connection's page cache, on the blocking pool and a
//! step at a time, what the screens read first (see the core's `warm.rs`).
//! It gives way to the window: a step starts only while no command is
//! running or waiting, and stops part read when one comes, to be taken
//! again once that has been answered (a click right after unlocking had
//! waited up to 60 ms for the step in hand: issue 7). And walks the audit
//! chain once after unlocking, at the lowest priority, so the audit
//! trail's first visit need not.

use std::sync::Mutex;
use std::time::Duration;

use casereview_core::audit_view::ChainWalks;
use casereview_core::warm::{WarmStep, Warmed};
use casereview_core::{dates, Session};
use tauri::{AppHandle, Manager};

use crate::activity;
use crate::commands::with_register;

/// How often a waiting step looks again whether the commands are done.
const LOOK_AGAIN: Duration = Duration::from_millis(2);

/// Starts taking `steps` and returns at once. Stops at the first step that
/// fails: locked meanwhile (nothing to read), or anything else (logged by
/// its code only; the screen that reads it next reports it as ever).
pub fn in_background(app: &AppHandle, steps: &'static [WarmStep]) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<Mutex<Session>>();
        for &step in steps {
            loop {
                while activity::running() > 0 {
                    std::thread::sleep(LOOK_AGAIN);
                }
                // The step counts itself as running: another means a command.
                let taken = with_register(&state, |r| {
                    r.warm_giving_way(step, dates::today(), || activity::running() > 1)
                });
                match taken {
                    Ok(Warmed::Done) => break,
                    Ok(Warmed::GaveWay) => continue,
                    Err(e) => {
                        tracing::debug!(code = ?e.code, ?step, "warming stopped");
                        return;
                    }
                }
            }
        }
    });
}

/// Starts the audit chain's first walk since unlocking (the whole change
/// log: 1.8 s on the large register) on a thread of its own at the lowest
/// priority. It begins once the window has been quiet for a moment and
/// pauses whenever a command comes in (`activity.rs`), unless the audit
/// trail is waiting for it (the core's `ChainWalks`). Its connection has a
/// page cache of its own, so the screens' pages stay where they are. The
/// outcome is kept for the audit trail screen; only a failure is logged,
/// by its code.
pub fn walk_chain_in_background(app: &AppHandle) {
    let app = app.clone();
    let started = std::thread::Builder::new()
        .name("audit-chain".into())
        .spawn(move || {
            lowest_priority();
            let session = app.state::<Mutex<Session>>();
            let walked = app
                .state::<ChainWalks>()
                .check_giving_way(&session, &activity::busy);
            if let Err(e) = walked {
                tracing::debug!(code = ?e.code(), "the audit chain was not walked in the background");
            }
        });
    if let Err(e) = started {
        tracing::warn!(%e, "the audit chain's background walk could not start");
    }
}

/// Lowers the calling thread (on Linux, a thread's nice value is its own)
/// to the lowest priority. Elsewhere the walk runs at normal priority.
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19) {
        tracing::debug!(%e, "the background walk keeps its priority");
    }
}
