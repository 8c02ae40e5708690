//! Commands that keep the register safe: changing its passphrase and taking a
//! backup to a file the user chose in the save dialog.

use std::path::PathBuf;

use casereview_core::backup::BackupSummary;

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn change_passphrase(
    state: SessionState<'_>,
    current: String,
    new: String,
    confirm: String,
) -> Reply<()> {
    with_register(&state, |r| r.change_passphrase(&current, &new, &confirm))
}

#[tauri::command(async)]
pub fn backup_register(state: SessionState<'_>, path: PathBuf) -> Reply<BackupSummary> {
    with_register(&state, |r| r.backup_to(&path))
}
