//! Commands about the register itself: status, creation, locking (with the
//! unsaved forms kept as drafts), unlocking (with "remember on this device"),
//! demo data, and the partnership's clock and auto-lock settings.

use casereview_core::auto_lock::LockSettings;
use casereview_core::clocks::ClockSettings;
use casereview_core::drafts::Draft;
use casereview_core::passphrase::{self, PassphraseStrength};
use casereview_core::session::UnlockOutcome;
use casereview_core::{dates, demo, AppStatus, CreateRegisterInput};
use zeroize::{Zeroize, Zeroizing};

use super::{with_register, with_session, Reply, SessionState};

#[tauri::command(async)]
pub fn app_status(state: SessionState<'_>) -> Reply<AppStatus> {
    with_session(&state, |s| s.status())
}

#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> PassphraseStrength {
    // Rated as it is typed: each keystroke's copy is wiped too.
    let passphrase = Zeroizing::new(passphrase);
    passphrase::strength(&passphrase, &[])
}

#[tauri::command(async)]
pub fn create_register(
    state: SessionState<'_>,
    mut input: CreateRegisterInput,
) -> Reply<AppStatus> {
    let created = with_session(&state, |s| s.create_register(&input));
    // The register keeps its own zeroized copy; wipe the form's.
    input.passphrase.zeroize();
    input.confirm.zeroize();
    created
}

// The passphrase arrives as a String; wrapping it wipes that buffer when the
// command returns (the register keeps its own zeroized copy while unlocked).

#[tauri::command(async)]
pub fn unlock(state: SessionState<'_>, passphrase: String) -> Reply<AppStatus> {
    let passphrase = Zeroizing::new(passphrase);
    with_session(&state, |s| s.unlock(&passphrase))
}

#[tauri::command(async)]
pub fn unlock_remembering(
    state: SessionState<'_>,
    passphrase: String,
    remember: bool,
) -> Reply<UnlockOutcome> {
    let passphrase = Zeroizing::new(passphrase);
    with_session(&state, |s| s.unlock_remembering(&passphrase, remember))
}

#[tauri::command(async)]
pub fn unlock_remembered(state: SessionState<'_>) -> Reply<UnlockOutcome> {
    with_session(&state, |s| s.unlock_remembered())
}

#[tauri::command(async)]
pub fn lock_keeping(state: SessionState<'_>, drafts: Vec<Draft>) -> Reply<AppStatus> {
    with_session(&state, |s| s.lock_keeping(&drafts))
}

#[tauri::command(async)]
pub fn take_drafts(state: SessionState<'_>) -> Reply<Vec<Draft>> {
    with_session(&state, |s| s.take_drafts())
}

#[tauri::command(async)]
pub fn lock_settings(state: SessionState<'_>) -> Reply<LockSettings> {
    with_register(&state, |r| r.lock_settings())
}

#[tauri::command(async)]
pub fn set_lock_settings(state: SessionState<'_>, settings: LockSettings) -> Reply<LockSettings> {
    with_register(&state, |r| {
        r.set_lock_settings(&settings)?;
        r.lock_settings()
    })
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
