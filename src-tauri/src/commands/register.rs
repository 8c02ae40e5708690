//! Commands about the register itself: status, creation, locking, demo data
//! and the partnership's clock settings.

use casereview_core::clocks::ClockSettings;
use casereview_core::passphrase::{self, PassphraseStrength};
use casereview_core::{dates, demo, AppStatus, CreateRegisterInput};

use super::{with_register, with_session, Reply, SessionState};

#[tauri::command(async)]
pub fn app_status(state: SessionState<'_>) -> Reply<AppStatus> {
    with_session(&state, |s| s.status())
}

#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> PassphraseStrength {
    passphrase::strength(&passphrase, &[])
}

#[tauri::command(async)]
pub fn create_register(state: SessionState<'_>, input: CreateRegisterInput) -> Reply<AppStatus> {
    with_session(&state, |s| s.create_register(&input))
}

#[tauri::command(async)]
pub fn unlock(state: SessionState<'_>, passphrase: String) -> Reply<AppStatus> {
    with_session(&state, |s| s.unlock(&passphrase))
}

#[tauri::command(async)]
pub fn lock(state: SessionState<'_>) -> Reply<AppStatus> {
    with_session(&state, |s| s.lock())
}

#[tauri::command(async)]
pub fn load_demo(state: SessionState<'_>) -> Reply<AppStatus> {
    with_session(&state, |s| {
        demo::load(s.register()?, dates::today())?;
        s.status()
    })
}

#[tauri::command(async)]
pub fn clock_settings(state: SessionState<'_>) -> Reply<ClockSettings> {
    with_register(&state, |r| r.clock_settings())
}

#[tauri::command(async)]
pub fn set_clock_settings(
    state: SessionState<'_>,
    settings: ClockSettings,
) -> Reply<ClockSettings> {
    with_register(&state, |r| {
        r.set_clock_settings(&settings)?;
        r.clock_settings()
    })
}
