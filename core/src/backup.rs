//! Encrypted backups and restoring one. A backup is a copy made with SQLite's
//! online backup API into a file keyed with the register's own passphrase, so
//! it is as encrypted as the register and opens with the same passphrase.
//!
//! Both directions write to a temporary file in the destination folder (a
//! restore copies the backup's bytes there), verify it (passphrase, integrity,
//! audit chain), and only then give it its name, never replacing an existing
//! file. The register and the backup are only ever read.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use tempfile::TempPath;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};
use crate::register::{self, Register};
use crate::store;

pub mod automatic;
pub mod restore_in_place;
pub mod rotation;
pub mod running;
pub mod snapshot;
pub mod stale;

/// What a backup holds, once verified: shown after backing up and before and
/// after restoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupSummary {
    pub path: String,
    // Counts and sizes cross to the web view as plain numbers (well within
    // 2^53), not the BigInt ts-rs would otherwise declare.
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub cases: i64,
    /// Change-log entries, every one verified against the hash chain.
    #[ts(type = "number")]
    pub changes: i64,
    /// When the latest change in it was made (RFC 3339, UTC): how recent it is.
    pub last_change_at: Option<String>,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Pages copied per step of the online backup; small steps keep the register
/// responsive while a large one is copied.
const PAGES_PER_STEP: std::os::raw::c_int = 256;

impl Register {
    /// Writes a verified, encrypted copy of the register to `dest`, which must
    /// not exist yet.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        write_backup(self.conn(), self.passphrase()?, dest, &Watch::none())
    }
}

/// Writes a verified copy of the open database `source`, keyed with
/// `passphrase`, to `dest`, which must not exist yet; `watch` hears each
/// step of the copy. Also used before a migration, when there is a connection
/// but not yet a [`Register`], and by the daily backup on a connection of its
/// own (`snapshot.rs`).
pub(crate) fn write_backup(
    source: &Connection,
    passphrase: &str,
    dest: &Path,
    watch: &Watch<'_>,
) -> Result<BackupSummary> {
    let folder = usable_destination(dest, "out")?;
    stale::remove_stale(&folder);
    let temp = temp_in(&folder, ".casereview-backup-")?;
    {
        let mut target = store::open_backup_target(&temp, passphrase)?;
        copy(source, &mut target, watch)?;
        // A backup is one self-contained file: no WAL beside it to lose
        // when it is copied to a stick.
        target.pragma_update(None, "journal_mode", "DELETE")?;
    }
    let summary = verify_file(&temp, passphrase, "The backup just written")?;
    publish(temp, dest, "out")?;
    tracing::info!(
        cases = summary.cases,
        changes = summary.changes,
        "backup written"
    );
    Ok(BackupSummary {
        path: dest.display().to_string(),
        ..summary
    })
}

/// Opens a backup with `passphrase` without changing it, and checks its
/// integrity and audit chain. Meant for backups, which are single files; a
/// register in WAL mode gets SQLite's `-shm` and `-wal` files beside it.
pub fn verify(backup: &Path, passphrase: &str) -> Result<BackupSummary> {
    verify_file(backup, passphrase, "The backup")
}

/// Restores `backup` into a new register file at `to`, after verifying it; `to`
/// must not exist, so the current register is never overwritten. A backup from
/// an older version is brought up to date in the new file.
///
/// SQLite never opens the backup itself: its bytes are copied to a temporary
/// file first and everything happens there, so the backup is left exactly as
/// it was, without even the `-shm` file a read-only open can leave behind.
pub fn restore(backup: &Path, passphrase: &str, to: &Path) -> Result<BackupSummary> {
    let folder = usable_destination(to, "to")?;
    check_source(backup)?;
    stale::remove_stale(&folder);
    let temp = temp_in(&folder, ".casereview-restore-")?;
    copy_bytes(backup, &temp)?;
    // First the backup as it is: passphrase, integrity, audit chain.
    inspect(
        &store::open_read_only(&temp, passphrase)?,
        &temp,
        "The backup",
    )?;
    let summary = {
        // Then as the app will open it: migrated if it is from an older
        // version, and checked again, so what gets the name is what was
        // verified.
        let conn = store::open(&temp, passphrase)?;
        let summary = inspect(&conn, &temp, "The restored copy")?;
        // Folds the WAL into the file and removes it, so the one file renamed
        // below is the whole register; the next open returns it to WAL.
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        summary
    };
    publish(temp, to, "to")?;
    tracing::info!(
        cases = summary.cases,
        changes = summary.changes,
        "backup restored into a new register file"
    );
    Ok(BackupSummary {
        path: to.display().to_string(),
        bytes: std::fs::metadata(to).map_or(summary.bytes, |m| m.len()),
        ..summary
    })
}

/// Refuses a backup that is missing, is not a register, or is a register in
/// use: a `-wal` beside it holds changes not yet in the file itself, and a
/// copy of the file alone would miss them.
fn check_source(backup: &Path) -> Result<()> {
    if !backup.is_file() {
        return Err(Error::NotFound(format!("The backup {}", backup.display())));
    }
    store::check_header(backup)?;
    let mut wal = backup.as_os_str().to_owned();
    wal.push("-wal");
    let pending = std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len());
    if pending > 0 {
        return Err(Error::field(
            "backup",
            format!(
                "{} is open in Case Review Manager or was not closed properly (it has changes in its -wal file). Close the app, or unlock and lock it once, then restore.",
                backup.display()
            ),
        ));
    }
    Ok(())
}

/// Copies the backup's bytes into the temporary file, which keeps its
/// owner-only permissions, and makes them durable.
fn copy_bytes(backup: &Path, temp: &Path) -> Result<()> {
    let mut from = std::fs::File::open(backup).map_err(|e| Error::io(backup, e))?;
    let mut into = std::fs::OpenOptions::new()
        .write(true)
        .open(temp)
        .map_err(|e| Error::io(temp, e))?;
    std::io::copy(&mut from, &mut into).map_err(|e| Error::io(backup, e))?;
    into.sync_all().map_err(|e| Error::io(temp, e))
}

/// Copies every page of `source` into `target`, telling `watch` after each
/// step (and stopping if it is cancelled; the caller's temporary file then
/// goes).
fn copy(source: &Connection, target: &mut Connection, watch: &Watch<'_>) -> Result<()> {
    use rusqlite::backup::StepResult;
    let backup = Backup::new(source, target)?;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let progress = backup.progress();
        let total = u64::try_from(progress.pagecount).unwrap_or(0);
        let left = u64::try_from(progress.remaining).unwrap_or(0);
        watch.step(JobStage::Writing, total.saturating_sub(left), total)?;
        // More, or busy or locked for a moment (the same connection was
        // writing): the next step carries on or tries again, as
        // `run_to_completion` did.
        if step == StepResult::Done {
            return Ok(());
        }
    }
}

/// Opens a file read-only and checks everything that makes it trustworthy.
fn verify_file(path: &Path, passphrase: &str, what: &str) -> Result<BackupSummary> {
    inspect(&store::open_read_only(path, passphrase)?, path, what)
}

/// Checks an open file's integrity and audit chain and says what it holds;
/// `what` names it in any error ("The backup").
fn inspect(conn: &Connection, path: &Path, what: &str) -> Result<BackupSummary> {
    let report = register::integrity(conn)?;
    report.ensure_ok(what)?;
    let last_change_at: Option<String> = conn
        .query_row(
            "SELECT at FROM change_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let bytes = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    Ok(BackupSummary {
        path: path.display().to_string(),
        schema_version: report.schema_version,
        cases: report.cases,
        changes: report.changes,
        last_change_at,
        bytes,
    })
}

/// The folder `dest` goes in, once it is clear that `dest` can be written
/// without replacing anything. `field` is the input that named it.
fn usable_destination(dest: &Path, field: &str) -> Result<PathBuf> {
    let folder = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(Error::field(
            field,
            format!("The folder {} does not exist", folder.display()),
        ));
    }
    if dest.is_dir() {
        return Err(Error::field(
            field,
            format!("{} is a folder: give a file name", dest.display()),
        ));
    }
    if dest.exists() {
        return Err(exists(dest, field));
    }
    Ok(folder)
}

/// An empty file for the copy, next to where it will end up, so the final
/// rename stays on one drive and is atomic. Deleted if anything fails.
fn temp_in(folder: &Path, prefix: &str) -> Result<TempPath> {
    let file = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(|e| Error::io(folder, e))?;
    // SQLite opens the file by name; only the path is needed from here on.
    Ok(file.into_temp_path())
}

/// Gives the verified copy its name, refusing if something appeared there since.
fn publish(temp: TempPath, dest: &Path, field: &str) -> Result<()> {
    temp.persist_noclobber(dest)
        .map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => exists(dest, field),
            _ => Error::io(dest, e.error),
        })?;
    // Make the rename itself durable; a folder that cannot be synced (some
    // network shares) still holds the whole file, so this is best effort.
    if let Some(folder) = dest.parent() {
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn exists(path: &Path, field: &str) -> Error {
    Error::field(
        field,
        format!(
            "{} already exists and was left as it is: choose a new file name",
            path.display()
        ),
    )
}
