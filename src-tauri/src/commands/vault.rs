//! Commands that keep the register safe: changing its passphrase, taking a
//! backup to a file the user chose in the save dialog, automatic backups and
//! their settings, and restoring a backup as the register.

use std::path::PathBuf;

use casereview_core::backup::automatic::{
    AutomaticBackup, BackupFile, BackupSettings, BackupStatus,
};
use casereview_core::backup::restore_in_place::{self, RestoreOutcome};
use casereview_core::backup::BackupSummary;

use casereview_core::session::PassphraseChangeOutcome;
use casereview_core::warm::WarmStep;
use casereview_core::{Error, Session};
use tauri::AppHandle;
use zeroize::Zeroizing;

use super::{with_register, with_session, Reply, SessionState};
use crate::warm;

#[tauri::command(async)]
pub fn change_passphrase(
    state: SessionState<'_>,
    current: String,
    new: String,
    confirm: String,
) -> Reply<PassphraseChangeOutcome> {
    // Wiped when the command returns, like the unlock's (see register.rs).
    let (current, new, confirm) = (
        Zeroizing::new(current),
        Zeroizing::new(new),
        Zeroizing::new(confirm),
    );
    // Through the session, which updates a passphrase remembered on this
    // device and says when it could not.
    with_session(&state, |s| s.change_passphrase(&current, &new, &confirm))
}

/// The copy reads every page through the app's own connection, pushing the
/// screens' pages out of its cache: they are read back afterwards (`warm.rs`).
#[tauri::command(async)]
pub fn backup_register(
    app: AppHandle,
    state: SessionState<'_>,
    path: PathBuf,
) -> Reply<BackupSummary> {
    let summary = with_register(&state, |r| r.backup_to(&path));
    warm::in_background(&app, &WarmStep::ALL);
    summary
}

/// Where automatic backups go, how many are kept, and those in the folder.
#[tauri::command(async)]
pub fn backup_status(state: SessionState<'_>) -> Reply<BackupStatus> {
    with_register(&state, |r| r.backup_status())
}

#[tauri::command(async)]
pub fn set_backup_settings(
    state: SessionState<'_>,
    settings: BackupSettings,
) -> Reply<BackupStatus> {
    with_register(&state, |r| r.set_backup_settings(&settings))
}

/// An automatic backup: `daily` only when the newest is over a day old;
/// the one on closing unless one was just taken. `None` when none was due.
///
/// The daily one holds the session only to decide it is due; its copy runs
/// on the blocking pool with a connection of its own, so the dashboard's
/// commands do not wait for it (issue 7). The one on closing keeps the
/// session: the app is going, and it must not change underneath.
#[tauri::command]
pub async fn automatic_backup(
    state: SessionState<'_>,
    daily: bool,
) -> Reply<Option<AutomaticBackup>> {
    if !daily {
        return with_session(&state, Session::closing_backup);
    }
    let Some(backup) = with_session(&state, Session::daily_backup)? else {
        return Ok(None);
    };
    let copied = tauri::async_runtime::spawn_blocking(move || backup.run()).await;
    let done = copied.map_err(|e| Error::Internal(format!("the daily backup stopped: {e}")))?;
    match done {
        Ok(done) => Ok(Some(done)),
        // Stopped for a passphrase change or a restore the chair asked for:
        // none taken, and still due at the next hourly check.
        Err(Error::Cancelled(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The backups the restore screen offers, locked or unlocked.
#[tauri::command(async)]
pub fn list_backups(state: SessionState<'_>) -> Reply<Vec<BackupFile>> {
    with_session(&state, restore_in_place::offered)
}

/// Restores a backup as the register (the current one is kept aside) and
/// leaves the restored register unlocked.
#[tauri::command(async)]
pub fn restore_backup(
    state: SessionState<'_>,
    path: PathBuf,
    passphrase: String,
) -> Reply<RestoreOutcome> {
    let passphrase = Zeroizing::new(passphrase);
    with_session(&state, |s| s.restore_backup(&path, &passphrase))
}
