//! The commands the web view may call. Each unpacks the session, calls one core
//! function and turns a core error into the `{code, message, fields}` body.
//! They are `async` so that key derivation and disk work run off the UI thread.

use std::sync::Mutex;

use casereview_core::passphrase::{self, PassphraseStrength};
use casereview_core::{
    dates, demo, AppStatus, Case, CaseInput, CreateRegisterInput, Error, ErrorBody, Result, Session,
};
use tauri::State;

type Reply<T> = std::result::Result<T, ErrorBody>;

/// Runs `f` on the locked session and maps its error for the web view.
fn with_session<T>(state: &Mutex<Session>, f: impl FnOnce(&mut Session) -> Result<T>) -> Reply<T> {
    let mut session = state.lock().map_err(|_| {
        Error::Internal(
            "the session was left inconsistent by an earlier failure; restart the app".into(),
        )
    })?;
    Ok(f(&mut session)?)
}

#[tauri::command(async)]
pub fn app_status(state: State<'_, Mutex<Session>>) -> Reply<AppStatus> {
    with_session(&state, |s| s.status())
}

#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> PassphraseStrength {
    passphrase::strength(&passphrase, &[])
}

#[tauri::command(async)]
pub fn create_register(
    state: State<'_, Mutex<Session>>,
    input: CreateRegisterInput,
) -> Reply<AppStatus> {
    with_session(&state, |s| s.create_register(&input))
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, Mutex<Session>>, passphrase: String) -> Reply<AppStatus> {
    with_session(&state, |s| s.unlock(&passphrase))
}

#[tauri::command(async)]
pub fn lock(state: State<'_, Mutex<Session>>) -> Reply<AppStatus> {
    with_session(&state, |s| s.lock())
}

#[tauri::command(async)]
pub fn list_cases(state: State<'_, Mutex<Session>>) -> Reply<Vec<Case>> {
    with_session(&state, |s| s.register()?.list_cases())
}

#[tauri::command(async)]
pub fn get_case(state: State<'_, Mutex<Session>>, id: String) -> Reply<Case> {
    with_session(&state, |s| s.register()?.get_case(&id))
}

#[tauri::command(async)]
pub fn create_case(state: State<'_, Mutex<Session>>, input: CaseInput) -> Reply<Case> {
    with_session(&state, |s| {
        s.register()?.create_case(&input, dates::today())
    })
}

#[tauri::command(async)]
pub fn update_case(state: State<'_, Mutex<Session>>, id: String, input: CaseInput) -> Reply<Case> {
    with_session(&state, |s| {
        s.register()?.update_case(&id, &input, dates::today())
    })
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, Mutex<Session>>) -> Reply<AppStatus> {
    with_session(&state, |s| {
        demo::load(s.register()?, dates::today())?;
        s.status()
    })
}
