//! Changing a register's passphrase: the current one is required and checked
//! against the file, the new one must clear the same bar as at creation, and
//! afterwards only the new one opens the register.
//!
//! Crash safety: the register is never re-encrypted in place. SQLCipher's
//! in-place rekey rewrites every page under a rollback journal whose pages are
//! under the old key, so a crash part-way leaves a file that needs one
//! passphrase for its journal and the other for its pages. Instead a whole
//! copy is written under the new passphrase beside the register (with the
//! change logged in it), verified, made durable, and renamed over the
//! register in one atomic step. A crash before the rename leaves the register
//! as it was under the old passphrase, and the unfinished copy is removed at
//! the next open; a crash after it leaves the whole register under the new
//! one. Either way exactly one passphrase opens it and nothing is lost.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::Connection;

use crate::change_log::{Action, Writer};
use crate::error::{Error, FieldError, Result};
use crate::passphrase;
use crate::register::{self, Register};
use crate::stamp;
use crate::store;

/// Pages copied per step; the copy runs to completion in one call.
const PAGES_PER_STEP: std::os::raw::c_int = 1024;

impl Register {
    /// Re-encrypts the register under `new`. Nothing changes unless every field
    /// is right and `current` opens the file. Backups made before keep the
    /// passphrase they were made with.
    pub fn change_passphrase(&mut self, current: &str, new: &str, confirm: &str) -> Result<()> {
        let errors = validate(current, new, confirm, self.who());
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        // An in-memory register has nothing to rekey.
        self.passphrase()?;
        // Checked against the file itself, not only the copy held in memory:
        // the file is what the new passphrase must replace.
        drop(store::open_read_only(self.path(), current)?);
        let path = self.path().to_owned();
        let copy = unfinished_path(&path);
        remove_unfinished(&path);
        if let Err(e) = write_copy(self.conn(), self.who(), &copy, new) {
            remove_unfinished(&path);
            return Err(e);
        }
        let swapped = self.reopen_replaced(new, || swap_in(&copy, &path));
        if swapped.is_err() {
            remove_unfinished(&path);
        }
        swapped?;
        tracing::info!("register passphrase changed");
        Ok(())
    }
}

/// Where the copy under the new passphrase is written: beside the register,
/// so the rename stays on one drive and is atomic.
pub(crate) fn unfinished_path(register: &Path) -> PathBuf {
    let mut name = register.as_os_str().to_owned();
    name.push(".rekey.partial");
    PathBuf::from(name)
}

/// Removes what an interrupted passphrase change left beside `register`. The
/// register itself never depends on it. Called with the instance lock held,
/// so no other window can be in the middle of writing it.
pub(crate) fn remove_unfinished(register: &Path) {
    let copy = unfinished_path(register);
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = copy.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(PathBuf::from(name)) {
            Ok(()) => tracing::info!("removed an unfinished passphrase change"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(error = %e, "could not remove an unfinished passphrase change")
            }
        }
    }
}

/// Writes the whole register to `copy` under `new`, logs the change there,
/// verifies the copy and makes it durable.
fn write_copy(source: &Connection, who: &str, copy: &Path, new: &str) -> Result<()> {
    create_private(copy)?;
    {
        let mut target = store::open_backup_target(copy, new)?;
        Backup::new(source, &mut target)?.run_to_completion(
            PAGES_PER_STEP,
            std::time::Duration::ZERO,
            None,
        )?;
        // Logged in the copy, so the change and its entry arrive together:
        // attributable like any other change, and the passphrases themselves
        // are never written anywhere.
        let after = serde_json::json!({ "passphrase_changed": true });
        store::with_tx(&mut target, |tx| {
            Writer {
                tx,
                who,
                at: stamp::now(),
            }
            .log("register", "passphrase", Action::Update, None, Some(&after))
        })?;
        // One self-contained file: nothing in a WAL to go astray in the rename.
        target.pragma_update(None, "journal_mode", "DELETE")?;
    }
    register::integrity(&store::open_read_only(copy, new)?)?
        .ensure_ok("The re-encrypted copy of the register")?;
    std::fs::File::open(copy)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(copy, e))
}

/// Creates the empty file for the copy, readable by its owner only from the
/// start: it becomes the register.
fn create_private(copy: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(copy).map_err(|e| Error::io(copy, e))?;
    Ok(())
}

/// Renames the verified copy over the register once the register's
/// connection is closed, then makes the rename durable.
fn swap_in(copy: &Path, register: &Path) -> Result<()> {
    // Frames left in a WAL would be replayed onto the new file at the next
    // open; closing the last connection removes it, and this makes sure.
    let mut wal = register.as_os_str().to_owned();
    wal.push("-wal");
    let pending = std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len());
    if pending > 0 {
        return Err(Error::Internal(
            "the register still had changes in its -wal file when its passphrase was to change; nothing was changed".to_owned(),
        ));
    }
    std::fs::rename(copy, register).map_err(|e| Error::io(register, e))?;
    // A folder that cannot be synced (some network shares) still holds the
    // renamed file; this only hurries it to the disk.
    if let Some(folder) = register.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn validate(current: &str, new: &str, confirm: &str, who: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if current.is_empty() {
        errors.push(FieldError::new(
            "current_passphrase",
            "Enter the current passphrase",
        ));
    }
    if new.is_empty() {
        errors.push(FieldError::new("new_passphrase", "Enter a new passphrase"));
    } else if !passphrase::strength(new, &[who]).acceptable {
        errors.push(FieldError::new(
            "new_passphrase",
            format!(
                "Choose a stronger passphrase: at least {} characters, for example several unrelated words",
                passphrase::MIN_LENGTH
            ),
        ));
    } else if new == current {
        errors.push(FieldError::new(
            "new_passphrase",
            "Choose a new passphrase that is different from the current one",
        ));
    }
    if confirm != new {
        errors.push(FieldError::new(
            "confirm",
            "The new passphrases do not match",
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "amber kettle ferry lantern";
    const NEXT: &str = "copper meadow violin harbour";

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_good_change_passes() {
        assert!(validate(GOOD, NEXT, NEXT, "Chair").is_empty());
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let errors = validate("", "short", "other", "Chair");
        assert_eq!(
            fields(&errors),
            ["current_passphrase", "new_passphrase", "confirm"]
        );
    }

    #[test]
    fn the_same_passphrase_again_is_not_a_change() {
        assert_eq!(
            fields(&validate(GOOD, GOOD, GOOD, "Chair")),
            ["new_passphrase"]
        );
    }

    #[test]
    fn an_in_memory_register_cannot_be_rekeyed() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        let err = register
            .change_passphrase(GOOD, NEXT, NEXT)
            .expect_err("nothing to rekey");
        assert_eq!(err.code(), crate::ErrorCode::Internal);
    }
}
