//! Automatic backups: on closing the app, daily while it is open, and before a
//! migration changes the register's schema. Each is a verified, encrypted copy
//! made with the online backup API (see `backup.rs`), named with the date and
//! time it was taken, written into the backup folder (by default a `backups`
//! folder beside the register; one can be chosen, such as an encrypted USB
//! stick) and never over an existing file. Older automatic backups are then
//! thinned by the rotation in `rotation.rs`.
//!
//! The daily one is copied from a snapshot on a connection of its own, without
//! the register or the session (`snapshot.rs`): deciding it is due and where
//! it goes ([`Plan`]) is quick and needs the register; the copy is long and
//! does not (issue 7).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rotation::{self, Rotation};
use super::snapshot::SnapshotBackup;
use super::BackupSummary;
use crate::change_log::Action;
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;

/// The meta key the settings are stored under.
const META_KEY: &str = "backup_settings";
/// The ending of every automatic backup's name.
const EXTENSION: &str = "casereview-backup";
/// How a backup's time is written into its name: UTC, no colons (not allowed
/// in Windows file names), and sorting as text in time order.
const NAME_TIME: &str = "%Y%m%dT%H%M%SZ";
/// How old the newest backup may be before a daily one is due.
const DAILY: Duration = Duration::hours(24);
/// A backup on closing is skipped when another was taken this recently and
/// nothing has changed since: the window's close asks for one, then the
/// shell asks again as the app exits (see `src-tauri/src/closing.rs`), and
/// one copy of the same register is enough.
pub const CLOSING_REPEAT: Duration = Duration::seconds(60);
/// Bounds on the rotation a user may choose.
const MAX_DAILY: u32 = 90;
const MAX_WEEKLY: u32 = 104;

/// Where automatic backups go and how many are kept; stored in the register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupSettings {
    /// A chosen folder; `None` means a `backups` folder beside the register.
    pub folder: Option<String>,
    pub rotation: Rotation,
}

/// Why an automatic backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupKind {
    /// On closing, or the daily one: thinned by the rotation.
    Automatic,
    /// Taken before a migration: kept until deleted by hand, because it is
    /// the only copy in the schema the previous version understands.
    BeforeMigration,
}

impl BackupKind {
    fn tag(self) -> &'static str {
        match self {
            BackupKind::Automatic => "auto",
            BackupKind::BeforeMigration => "before-migration",
        }
    }
}

/// One backup found in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    /// When it was taken (RFC 3339, UTC), from its name.
    pub taken_at: String,
    pub kind: BackupKind,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What the Settings screen shows about automatic backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupStatus {
    pub settings: BackupSettings,
    /// The folder in use (the chosen one, or the default beside the register).
    pub folder: String,
    /// When the newest backup in the folder was taken.
    pub last_backup_at: Option<String>,
    /// Newest first.
    pub backups: Vec<BackupFile>,
}

/// The outcome of one automatic backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AutomaticBackup {
    pub summary: BackupSummary,
    /// Older automatic backups the rotation deleted.
    pub deleted: Vec<String>,
}

impl Register {
    /// The backup settings (defaults until changed).
    pub fn backup_settings(&self) -> Result<BackupSettings> {
        read_settings(self.conn())
    }

    /// Changes where automatic backups go and how many are kept; logged like
    /// any other change. A chosen folder must exist now.
    pub fn set_backup_settings(&mut self, settings: &BackupSettings) -> Result<BackupStatus> {
        let settings = validate(settings)?;
        let before = self.backup_settings()?;
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (META_KEY, serde_json::to_string(&settings)?),
            )?;
            w.log(
                "settings",
                META_KEY,
                Action::Update,
                Some(&before),
                Some(&settings),
            )
        })?;
        self.backup_status()
    }

    /// The settings, the folder in use and the backups in it.
    pub fn backup_status(&self) -> Result<BackupStatus> {
        let settings = self.backup_settings()?;
        let folder = folder_for(self.path(), &settings);
        let backups = list(&folder, self.path())?;
        Ok(BackupStatus {
            last_backup_at: backups.first().map(|b| b.taken_at.clone()),
            folder: folder.display().to_string(),
            settings,
            backups,
        })
    }

    /// Takes an automatic backup now, then applies the rotation.
    pub fn automatic_backup(&self, now: DateTime<Utc>) -> Result<AutomaticBackup> {
        let plan = self.plan_backup(now)?;
        let summary = self.backup_to(&plan.dest)?;
        Ok(plan.finish(summary))
    }

    /// Where an automatic backup taken `now` goes and what the rotation
    /// keeps afterwards; the folder is made ready.
    pub(crate) fn plan_backup(&self, now: DateTime<Utc>) -> Result<Plan> {
        let settings = self.backup_settings()?;
        let folder = ready_folder(self.path(), &settings)?;
        let dest = free_name(&folder, self.path(), BackupKind::Automatic, now)?;
        Ok(Plan {
            register: self.path().to_owned(),
            folder,
            dest,
            rotation: settings.rotation,
        })
    }

    /// The app's automatic backup now: the daily one (`daily`, only when
    /// due) or the one on closing. `None` when none was due.
    pub fn scheduled_backup(&self, daily: bool) -> Result<Option<AutomaticBackup>> {
        let now = stamp::now();
        if daily {
            self.backup_if_due(now)
        } else {
            self.closing_backup(now)
        }
    }

    /// The backup on closing, unless one was taken in the last
    /// [`CLOSING_REPEAT`] with no change since; `None` when skipped.
    pub fn closing_backup(&self, now: DateTime<Utc>) -> Result<Option<AutomaticBackup>> {
        let settings = self.backup_settings()?;
        let folder = folder_for(self.path(), &settings);
        let newest = list(&folder, self.path())?
            .first()
            .and_then(|b| stamp::from_text(&b.taken_at).ok());
        if just_taken(newest, self.last_change_at()?, now) {
            tracing::info!("backup on closing skipped: one was just taken");
            return Ok(None);
        }
        let done = self.automatic_backup(now)?;
        tracing::info!(deleted = done.deleted.len(), "backup on closing taken");
        Ok(Some(done))
    }

    /// When the latest change was made, if any was.
    fn last_change_at(&self) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> = self
            .conn()
            .query_row(
                "SELECT at FROM change_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(at.and_then(|at| stamp::from_text(&at).ok()))
    }

    /// Takes the daily backup if the newest one is more than a day old (or
    /// there is none); `None` when none was due. Copied as the app copies it,
    /// from a snapshot on a connection of its own, here while waiting for it.
    pub fn backup_if_due(&self, now: DateTime<Utc>) -> Result<Option<AutomaticBackup>> {
        self.daily_backup_due(now)?
            .map(SnapshotBackup::run)
            .transpose()
    }

    /// The daily backup, if the newest one is more than a day old (or there
    /// is none), ready to be copied by [`SnapshotBackup::run`] without this
    /// register; `None` when none is due. Only looks at the folder: quick.
    pub fn daily_backup_due(&self, now: DateTime<Utc>) -> Result<Option<SnapshotBackup>> {
        let settings = self.backup_settings()?;
        let folder = folder_for(self.path(), &settings);
        if !is_due(&list(&folder, self.path())?, now) {
            return Ok(None);
        }
        SnapshotBackup::new(self, self.plan_backup(now)?).map(Some)
    }
}

/// Where one automatic backup goes and what happens after it is written;
/// owns all it needs, so it can travel to another thread with the copy.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) register: PathBuf,
    folder: PathBuf,
    pub(crate) dest: PathBuf,
    rotation: Rotation,
}

impl Plan {
    /// After the backup was written and verified: the rotation thins the
    /// older automatic backups. Only the folder is touched, never the
    /// register, so a backup copied apart from the register needs nothing
    /// of it here.
    pub(crate) fn finish(self, summary: BackupSummary) -> AutomaticBackup {
        let deleted = rotate(&self.folder, &self.register, self.rotation);
        AutomaticBackup { summary, deleted }
    }
}

/// Whether the newest of `backups` (newest first) is more than a day old.
fn is_due(backups: &[BackupFile], now: DateTime<Utc>) -> bool {
    match backups
        .first()
        .and_then(|b| stamp::from_text(&b.taken_at).ok())
    {
        Some(newest) => now - newest >= DAILY,
        None => true,
    }
}

/// Whether the newest backup (taken at `newest`, to the second its name
/// holds) is recent enough and has every change in it, so the one on closing
/// would be a repeat. A change in the same second as the backup counts as
/// after it: when unsure, back up again.
fn just_taken(
    newest: Option<DateTime<Utc>>,
    last_change: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let Some(newest) = newest else {
        return false;
    };
    let recent = newest <= now && now - newest < CLOSING_REPEAT;
    let complete = last_change.is_none_or(|changed| changed < newest);
    recent && complete
}

/// Called when a register is opened, before its migrations run: a register
/// older than this version is copied into its backup folder first, so the
/// migration can always be undone by restoring. A register that needs no
/// migration, or a brand-new one, is left alone.
pub(crate) fn before_migration(conn: &Connection, path: &Path, passphrase: &str) -> Result<()> {
    let version = crate::migrations::version(conn)?;
    if version == 0 || version >= crate::migrations::LATEST {
        return Ok(());
    }
    // A restore's working copy (`*.partial`) is a copy of a backup that is
    // itself left untouched: there is nothing more to keep.
    if path.extension().is_some_and(|e| e == "partial") {
        return Ok(());
    }
    let settings = read_settings(conn).unwrap_or_default();
    // A chosen folder on a drive that is not plugged in must not stop the
    // upgrade from being backed up: fall back to the folder beside it.
    let folder = ready_folder(path, &settings).or_else(|_| {
        let default = default_folder(path);
        ensure_default(&default).map(|()| default)
    })?;
    let dest = free_name(&folder, path, BackupKind::BeforeMigration, stamp::now())?;
    super::write_backup(conn, passphrase, &dest, &crate::jobs::Watch::none()).map_err(|e| {
        Error::field(
            "backup",
            format!("The register was not upgraded, because the backup taken first failed: {e}"),
        )
    })?;
    tracing::info!(from_version = version, "backed up before migrating");
    Ok(())
}

/// The backups of the register at `register` found in `folder`, newest
/// first; other files are ignored, and a missing folder has none.
pub fn list(folder: &Path, register: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(folder, e)),
    };
    let stem = stem(register);
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(folder, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, taken)) = parse_name(&name, &stem) else {
            continue;
        };
        let bytes = entry.metadata().map_or(0, |m| m.len());
        found.push(BackupFile {
            path: entry.path().display().to_string(),
            name,
            taken_at: stamp::to_text(taken),
            kind,
            bytes,
        });
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
    Ok(found)
}

/// The default backup folder: `backups` beside the register.
pub fn default_folder(register: &Path) -> PathBuf {
    match register.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

/// The folder the settings point at.
fn folder_for(register: &Path, settings: &BackupSettings) -> PathBuf {
    match &settings.folder {
        Some(folder) => PathBuf::from(folder),
        None => default_folder(register),
    }
}

/// The folder, ready to write into. The default is created; a chosen one must
/// already exist, because creating the mount point of an unplugged USB stick
/// would put the backup on the laptop's own disk instead.
fn ready_folder(register: &Path, settings: &BackupSettings) -> Result<PathBuf> {
    let folder = folder_for(register, settings);
    if settings.folder.is_none() {
        ensure_default(&folder)?;
    } else if !folder.is_dir() {
        return Err(Error::field(
            "folder",
            format!(
                "The backup folder {} is not available. If it is on a USB stick or network drive, connect it, or choose another folder in Settings.",
                folder.display()
            ),
        ));
    }
    Ok(folder)
}

fn ensure_default(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))
}

fn stem(register: &Path) -> String {
    register.file_stem().map_or_else(
        || "register".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// `register-auto-20250604T140512Z.casereview-backup`, or with `-2`, `-3`...
/// before the ending when a backup of that second already exists: an existing
/// file is never replaced.
fn free_name(
    folder: &Path,
    register: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let base = format!(
        "{}-{}-{}",
        stem(register),
        kind.tag(),
        now.format(NAME_TIME)
    );
    for n in 1..100 {
        let name = match n {
            1 => format!("{base}.{EXTENSION}"),
            n => format!("{base}-{n}.{EXTENSION}"),
        };
        let path = folder.join(name);
        if !path.exists() {
            return Ok(path);
        }
    }
    Err(Error::field(
        "folder",
        format!(
            "{} already holds 99 backups taken in the same second",
            folder.display()
        ),
    ))
}

/// The kind and time in a backup's name, if it is one of this register's.
fn parse_name(name: &str, stem: &str) -> Option<(BackupKind, DateTime<Utc>)> {
    let rest = name
        .strip_suffix(&format!(".{EXTENSION}"))?
        .strip_prefix(stem)?
        .strip_prefix('-')?;
    for kind in [BackupKind::Automatic, BackupKind::BeforeMigration] {
        if let Some(time) = rest
            .strip_prefix(kind.tag())
            .and_then(|r| r.strip_prefix('-'))
        {
            // Drop a `-2` uniqueness suffix.
            let time = time.get(..16)?;
            let taken = NaiveDateTime::parse_from_str(time, NAME_TIME).ok()?;
            return Some((kind, taken.and_utc()));
        }
    }
    None
}

/// Deletes the automatic backups the rotation does not keep; returns their
/// names. A file that cannot be deleted is left and logged: it is only space.
fn rotate(folder: &Path, register: &Path, rotation: Rotation) -> Vec<String> {
    let Ok(all) = list(folder, register) else {
        return Vec::new();
    };
    let automatic: Vec<&BackupFile> = all
        .iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .collect();
    let taken: Vec<DateTime<Utc>> = automatic
        .iter()
        .filter_map(|b| stamp::from_text(&b.taken_at).ok())
        .collect();
    if taken.len() != automatic.len() {
        return Vec::new();
    }
    let keep = rotation::keep(&taken, rotation);
    let mut deleted = Vec::new();
    for (i, backup) in automatic.iter().enumerate() {
        if keep.contains(&i) {
            continue;
        }
        match std::fs::remove_file(&backup.path) {
            Ok(()) => deleted.push(backup.name.clone()),
            Err(error) => tracing::warn!(%error, "an old backup could not be deleted"),
        }
    }
    deleted
}

fn read_settings(conn: &Connection) -> Result<BackupSettings> {
    let stored: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [META_KEY], |r| {
            r.get(0)
        })
        .optional()?;
    match stored {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(BackupSettings::default()),
    }
}

fn validate(settings: &BackupSettings) -> Result<BackupSettings> {
    let mut errors = Vec::new();
    let folder = settings
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    if let Some(folder) = folder {
        let path = Path::new(folder);
        if !path.is_absolute() {
            errors.push(FieldError::new(
                "folder",
                "Enter the full path of the backup folder, starting from the top folder",
            ));
        } else if !path.is_dir() {
            errors.push(FieldError::new(
                "folder",
                format!("The folder {folder} does not exist or is not connected"),
            ));
        }
    }
    let Rotation {
        keep_daily,
        keep_weekly,
    } = settings.rotation;
    if !(1..=MAX_DAILY).contains(&keep_daily) {
        errors.push(FieldError::new(
            "keep_daily",
            format!("Keep between 1 and {MAX_DAILY} daily backups"),
        ));
    }
    if keep_weekly > MAX_WEEKLY {
        errors.push(FieldError::new(
            "keep_weekly",
            format!("Keep between 0 and {MAX_WEEKLY} weekly backups"),
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(BackupSettings {
        folder: folder.map(str::to_owned),
        rotation: settings.rotation,
    })
}

#[cfg(test)]
mod tests;
