//! Restoring a backup as the app's register: the backup is verified and
//! restored into a NEW file beside the register (`backup::restore`), and only
//! then is the current register moved aside under a name with the time (with
//! its `-wal` and `-shm` files) and the restored file given the register's
//! name. Nothing is ever overwritten: the old register stays on disk.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::automatic::{self, BackupFile};
use super::BackupSummary;
use crate::error::{Error, Result};
use crate::session::Session;

/// How the time goes into the names of the files kept aside.
const NAME_TIME: &str = "%Y%m%dT%H%M%SZ";

/// A backup verified and restored into its own new file, not yet in place.
#[derive(Debug)]
pub struct Prepared {
    path: PathBuf,
    summary: BackupSummary,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreOutcome {
    /// What the register now holds (its path is the register's).
    pub restored: BackupSummary,
    /// Where the register that was replaced now is; `None` when there was
    /// none (it was missing).
    pub kept_aside: Option<String>,
    /// When the passphrase remembered on this device could not follow the
    /// restored register's, what happened and what to do (the restore
    /// itself still counts), as an unlock's `keyring_problem` says.
    pub keyring_problem: Option<String>,
}

/// Verifies `backup` with `passphrase` (passphrase, integrity, audit chain)
/// and restores it into a new file in the register's folder. The register is
/// not touched, so a wrong passphrase or a damaged backup changes nothing.
pub fn prepare(
    register: &Path,
    backup: &Path,
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<Prepared> {
    let target = beside(register, "restored", now)?;
    let summary = super::restore(backup, passphrase, &target)?;
    Ok(Prepared {
        path: target,
        summary,
    })
}

/// Moves the register (which must be closed) aside and puts the prepared
/// file in its place. If the second step fails the first is undone, so the
/// register's name always holds a whole register or nothing new.
pub fn swap_in(prepared: Prepared, register: &Path, now: DateTime<Utc>) -> Result<RestoreOutcome> {
    let kept_aside = if register.exists() {
        let aside = beside(register, "kept-aside", now)?;
        move_with_sidecars(register, &aside)?;
        Some(aside)
    } else {
        None
    };
    if let Err(error) = rename_new(&prepared.path, register) {
        if let Some(aside) = &kept_aside {
            // Best effort: put the old register back under its name.
            if let Err(undo) = move_with_sidecars(aside, register) {
                tracing::error!(%undo, "the register could not be put back after a failed restore");
            }
        }
        return Err(error);
    }
    tracing::info!(
        kept_aside = kept_aside.is_some(),
        "backup restored as the register"
    );
    Ok(RestoreOutcome {
        restored: BackupSummary {
            path: register.display().to_string(),
            ..prepared.summary
        },
        kept_aside: kept_aside.map(|p| p.display().to_string()),
        // The session fills this in once it has tried the keyring.
        keyring_problem: None,
    })
}

/// The backups the restore screen offers: those in the register's backup
/// folder when it is unlocked (its settings say where), else those in the
/// default folder beside it. Newest first.
pub fn offered(session: &mut Session) -> Result<Vec<BackupFile>> {
    if let Ok(register) = session.register() {
        return Ok(register.backup_status()?.backups);
    }
    let path = PathBuf::from(session.status()?.register_path);
    automatic::list(&automatic::default_folder(&path), &path)
}

/// `<folder>/<stem>-<what>-<time>.<ext>`, which must not exist yet.
fn beside(register: &Path, what: &str, now: DateTime<Utc>) -> Result<PathBuf> {
    let stem = register.file_stem().map_or_else(
        || "register".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let ext = register
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let folder = match register.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let base = format!("{stem}-{what}-{}", now.format(NAME_TIME));
    for n in 1..100 {
        let name = match n {
            1 => format!("{base}{ext}"),
            n => format!("{base}-{n}{ext}"),
        };
        let path = folder.join(name);
        if !path.exists() {
            return Ok(path);
        }
    }
    Err(Error::field(
        "backup",
        format!("{} already holds 99 files named {base}", folder.display()),
    ))
}

/// Renames `from` to `to`, with the `-wal` and `-shm` files SQLite may keep
/// beside it (a register closed by a crash still has changes in its WAL).
fn move_with_sidecars(from: &Path, to: &Path) -> Result<()> {
    rename_new(from, to)?;
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(from, suffix);
        if side.exists() {
            rename_new(&side, &with_suffix(to, suffix))?;
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A rename that refuses to replace an existing file.
fn rename_new(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        return Err(Error::field(
            "backup",
            format!("{} already exists and was left as it is", to.display()),
        ));
    }
    std::fs::rename(from, to).map_err(|e| Error::io(from, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    // The register file set-up shared with the snapshot, automatic backup
    // and chain status tests.
    use crate::backup::snapshot::tests::{add_case, register_file_in as register_in, PASS};
    use crate::register::Register;

    /// A closed register holding "Case AK", and a backup of it beside it:
    /// (the register's path, the backup's path).
    fn closed_register_with_backup(dir: &Path) -> (PathBuf, PathBuf) {
        let mut register = register_in(dir);
        add_case(&mut register, "Case AK");
        let backup = dir.join("b.casereview-backup");
        register.backup_to(&backup).expect("backup");
        (register.path().to_owned(), backup)
    }

    fn codes(path: &Path) -> Vec<String> {
        Register::open(path, PASS)
            .expect("open")
            .list_cases()
            .expect("list")
            .into_iter()
            .map(|c| c.code)
            .collect()
    }

    #[test]
    fn restoring_puts_the_old_state_back_and_keeps_the_current_register_aside() {
        let dir = tempfile::tempdir().expect("dir");
        let mut register = register_in(dir.path());
        add_case(&mut register, "Case AK");
        let backup = dir.path().join("before.casereview-backup");
        register.backup_to(&backup).expect("backup");
        add_case(&mut register, "Case AL");
        let path = register.path().to_owned();
        let now = Utc::now();
        let prepared = prepare(&path, &backup, PASS, now).expect("prepared");
        drop(register);
        let outcome = swap_in(prepared, &path, now).expect("swapped");

        assert_eq!(
            codes(&path),
            ["Case AK"],
            "the register holds the backup's state"
        );
        let aside = PathBuf::from(outcome.kept_aside.expect("kept aside"));
        assert!(aside
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("register-kept-aside-")));
        assert_eq!(
            codes(&aside),
            ["Case AK", "Case AL"],
            "the replaced register is whole, aside"
        );
        assert!(backup.exists(), "the backup is left as it was");
    }

    #[test]
    fn a_wrong_passphrase_changes_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let (path, backup) = closed_register_with_backup(dir.path());
        let before = std::fs::read_dir(dir.path()).expect("ls").count();
        let err =
            prepare(&path, &backup, "not the passphrase at all", Utc::now()).expect_err("refused");
        assert!(matches!(err, Error::WrongPassphrase), "{err}");
        let after = std::fs::read_dir(dir.path()).expect("ls").count();
        assert_eq!(before, after, "no file left behind");
        assert_eq!(codes(&path), ["Case AK"]);
    }

    #[test]
    fn a_damaged_backup_is_refused_and_the_register_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let (path, backup) = closed_register_with_backup(dir.path());
        let mut bytes = std::fs::read(&backup).expect("read");
        let len = bytes.len();
        bytes.truncate(len / 2);
        std::fs::write(&backup, &bytes).expect("damage");
        assert!(prepare(&path, &backup, PASS, Utc::now()).is_err());
        assert_eq!(codes(&path), ["Case AK"]);
    }

    #[test]
    fn a_missing_register_is_replaced_by_the_backup() {
        let dir = tempfile::tempdir().expect("dir");
        let (path, backup) = closed_register_with_backup(dir.path());
        std::fs::remove_file(&path).expect("lose the register");
        let now = Utc::now();
        let prepared = prepare(&path, &backup, PASS, now).expect("prepared");
        let outcome = swap_in(prepared, &path, now).expect("swapped");
        assert_eq!(outcome.kept_aside, None);
        assert_eq!(codes(&path), ["Case AK"]);
    }
}
