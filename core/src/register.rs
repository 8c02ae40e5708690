//! A register: one encrypted file holding a partnership's case reviews, opened
//! with its passphrase. It knows who is working in it, so every change it
//! writes is attributable.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::audit_chain::{self, AuditBreak};
use crate::audit_view::AuditMemory;
use crate::change_log::{self, Action, Change, Writer};
use crate::error::{Error, FieldError, Result};
use crate::file_identity::FileIdentity;
use crate::instance_lock::InstanceLock;
use crate::kept::Memories;
use crate::passphrase;
use crate::stamp;
use crate::store;

/// Longest name or role a user may record against their changes.
const MAX_USER_NAME: usize = 80;

/// What the create-register form sends.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct CreateRegisterInput {
    pub path: String,
    pub user_name: String,
    pub passphrase: String,
    pub confirm: String,
}

/// The outcome of an integrity check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IntegrityReport {
    pub ok: bool,
    /// What SQLite, SQLCipher and the audit chain found wrong; empty when `ok`.
    pub problems: Vec<String>,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub cases: i64,
    #[ts(type = "number")]
    pub changes: i64,
    /// The first change-log entry at which the hash chain stops verifying.
    pub audit_break: Option<AuditBreak>,
}

impl IntegrityReport {
    /// `Ok` when nothing was found, else the error naming the first problem:
    /// `audit_broken` for the change log, `integrity_failed` for the file.
    /// `what` names the file in the message ("The register", "The backup").
    pub fn ensure_ok(&self, what: &str) -> Result<()> {
        if let Some(found) = &self.audit_break {
            return Err(found.to_error(&format!("{what}'s audit trail does not verify")));
        }
        match self.problems.as_slice() {
            [] => Ok(()),
            [first, rest @ ..] => Err(Error::IntegrityFailed(format!(
                "{what} is damaged: the integrity check found {} problem(s), the first: {first}. Keep the file aside and restore from a backup.",
                rest.len() + 1
            ))),
        }
    }
}

/// An open, unlocked register.
pub struct Register {
    conn: Connection,
    path: PathBuf,
    who: String,
    /// Kept while unlocked because SQLCipher never hands back the key it
    /// derived, and a backup must be keyed the same; wiped from memory when
    /// the register is dropped (locked). `None` for an in-memory register.
    passphrase: Option<Zeroizing<String>>,
    /// The file opened, to notice it being deleted, moved or left on a
    /// removed drive before a write is lost into it. `None` in memory.
    identity: Option<FileIdentity>,
    /// The last change-log entry verified since this register was opened,
    /// in memory only (`audit_view/chain_status.rs`).
    pub(crate) audit: AuditMemory,
    /// Answers kept with the version of the data they came from, until
    /// something is written (`kept.rs`).
    pub(crate) kept: Memories,
    /// Whether the screens' pages have been read in since unlocking
    /// (`warm.rs`).
    pub(crate) warmed: AtomicBool,
    /// Keeps other app windows and commands out while this one works in
    /// the register. Declared last so the connection closes before the lock
    /// goes. `None` in memory.
    _instance: Option<InstanceLock>,
}

/// The register's own settings row for the user's name.
const META_USER_NAME: &str = "user_name";
/// Set once demo data has been loaded: the register is then fictional for good.
const META_DEMO: &str = "demo";

impl Register {
    /// Creates a new register after checking the form; nothing is written when
    /// any field is wrong or a file already exists at the path.
    pub fn create(input: &CreateRegisterInput) -> Result<Self> {
        let path = validate_create(input)?;
        if path.exists() {
            return Err(Error::RegisterExists(path.display().to_string()));
        }
        let user_name = input.user_name.trim().to_owned();
        let conn = store::create(&path, &input.passphrase)?;
        let instance = InstanceLock::acquire(&path)?;
        let mut register = Self {
            conn,
            identity: Some(FileIdentity::of(&path)?),
            path,
            who: user_name.clone(),
            passphrase: Some(Zeroizing::new(input.passphrase.clone())),
            audit: AuditMemory::new(),
            kept: Memories::default(),
            warmed: AtomicBool::new(false),
            _instance: Some(instance),
        };
        register.write(|w| {
            let register_id = stamp::new_id().to_string();
            w.tx.execute(
                "INSERT INTO meta (key, value) VALUES ('register_id', ?1), (?2, ?3), ('created_at', ?4)",
                (&register_id, META_USER_NAME, &user_name, stamp::to_text(w.at)),
            )?;
            let created = serde_json::json!({ "user_name": user_name });
            w.log("register", &register_id, Action::Create, None, Some(&created))
        })?;
        tracing::info!("register created");
        Ok(register)
    }

    /// Opens an existing register with its passphrase.
    /// Refuses, before anything is written, a register open elsewhere
    /// (`register_in_use`), one in a place that cannot be written to
    /// (`read_only`) and any file `store::open` refuses.
    pub fn open(path: &Path, passphrase: &str) -> Result<Self> {
        if on_missing_drive(path) {
            return Err(Error::RegisterMissing(path.display().to_string()));
        }
        store::check_header(path)?;
        let instance = InstanceLock::acquire(path)?;
        let identity = FileIdentity::of(path)?;
        // A passphrase change killed part-way leaves its unfinished copy;
        // the register itself is whole (see rekey.rs), so the copy goes.
        crate::rekey::remove_unfinished(path);
        // And a restore killed part-way, its temporary copy beside the register.
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::backup::stale::remove_stale(folder);
        }
        let conn = store::open(path, passphrase)?;
        let who: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [META_USER_NAME],
                |r| r.get(0),
            )
            .optional()?;
        tracing::info!("register unlocked");
        Ok(Self {
            conn,
            path: path.to_owned(),
            who: who.unwrap_or_else(|| "unknown user".to_owned()),
            passphrase: Some(Zeroizing::new(passphrase.to_owned())),
            identity: Some(identity),
            audit: AuditMemory::new(),
            kept: Memories::default(),
            warmed: AtomicBool::new(false),
            _instance: Some(instance),
        })
    }

    /// An unencrypted in-memory register, for tests.
    pub fn in_memory(who: &str) -> Result<Self> {
        Ok(Self {
            conn: store::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            who: who.to_owned(),
            passphrase: None,
            identity: None,
            audit: AuditMemory::new(),
            kept: Memories::default(),
            warmed: AtomicBool::new(false),
            _instance: None,
        })
    }

    /// Forgets every answer kept (`kept.rs`), so the next read of each works
    /// it out afresh, as after a write: for benchmarks that time the work
    /// itself rather than a kept answer being copied.
    pub fn forget_kept(&self) {
        self.kept.forget();
    }

    /// The file this register lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who changes are recorded against.
    pub fn who(&self) -> &str {
        &self.who
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The passphrase the register was unlocked with; an in-memory register
    /// has none and cannot be backed up or rekeyed.
    pub(crate) fn passphrase(&self) -> Result<&str> {
        self.passphrase
            .as_deref()
            .map(String::as_str)
            .ok_or_else(|| Error::Internal("an in-memory register has no passphrase".to_owned()))
    }

    pub(crate) fn set_passphrase(&mut self, passphrase: &str) {
        self.passphrase = Some(Zeroizing::new(passphrase.to_owned()));
    }

    /// Whether this register holds fictional demo data.
    pub fn is_demo(&self) -> Result<bool> {
        let value: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [META_DEMO], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(value.as_deref() == Some("true"))
    }

    pub(crate) fn mark_demo(w: &Writer<'_>) -> Result<()> {
        w.tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, 'true')
             ON CONFLICT (key) DO UPDATE SET value = 'true'",
            [META_DEMO],
        )?;
        let after = serde_json::json!({ "demo": true });
        w.log("register", META_DEMO, Action::Update, None, Some(&after))
    }

    /// Runs `f` as one transaction that knows who is writing; everything it
    /// changes is committed together with its change-log entries, or not at all.
    ///
    /// Checked before and after against the file at the register's path: a
    /// write into a file that was deleted, moved or left on a removed drive
    /// would be lost, so it is refused (before) or reported as not saved
    /// (after) with `register_missing`.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.still_there()?;
        let Self { conn, who, .. } = self;
        let value = store::with_tx(conn, |tx| {
            f(&Writer {
                tx,
                who,
                at: stamp::now(),
            })
        })?;
        self.still_there()?;
        Ok(value)
    }

    /// `register_missing` once the file at the path is not the one opened.
    fn still_there(&self) -> Result<()> {
        match &self.identity {
            Some(identity) => identity.still_at(&self.path),
            None => Ok(()),
        }
    }

    /// Closes the connection, lets `replace` put a new file at the register's
    /// path, and opens that with `passphrase`. The instance lock is kept
    /// throughout, so no other window gets in between. If `replace` fails,
    /// the register is opened again as it was, with its own passphrase.
    pub(crate) fn reopen_replaced(
        &mut self,
        passphrase: &str,
        replace: impl FnOnce() -> Result<()>,
    ) -> Result<()> {
        let current = Zeroizing::new(self.passphrase()?.to_owned());
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        // Closing folds the WAL into the file and removes it, so nothing
        // written under the old file is left to be replayed onto the new one.
        let replaced = match closed.close() {
            Ok(()) => replace(),
            Err((_, e)) => Err(Error::from(e)),
        };
        let key = if replaced.is_ok() {
            passphrase
        } else {
            current.as_str()
        };
        self.conn = store::open(&self.path, key)?;
        self.identity = Some(FileIdentity::of(&self.path)?);
        // Another file, or the same one written again: what was verified
        // in the old one says nothing of it.
        self.audit = AuditMemory::new();
        replaced?;
        self.set_passphrase(passphrase);
        Ok(())
    }

    /// The change log, oldest first: for one record, or all of it.
    pub fn changes(&self, entity_id: Option<&str>) -> Result<Vec<Change>> {
        change_log::list(&self.conn, entity_id)
    }

    /// Runs SQLite's and SQLCipher's integrity checks and verifies the change
    /// log's hash chain, always all of it: never carried on from the point
    /// the audit trail screen remembers, so `casereview check` finds what
    /// that shorter check cannot (`audit_view/chain_status.rs`).
    pub fn check(&self) -> Result<IntegrityReport> {
        integrity(&self.conn)
    }
}

/// The integrity report for any open register or backup. Damage that stops
/// a check from running is itself reported as a problem, so a damaged file
/// gets a report naming the damage rather than a bare database error.
pub(crate) fn integrity(conn: &Connection) -> Result<IntegrityReport> {
    let mut problems = Vec::new();
    // SQLCipher's page-by-page HMAC check finds tampering and torn pages;
    // it returns no rows when every page verifies (and none in-memory).
    // It reads pages raw, so it runs first and still answers when changed
    // bytes stop SQLite's own checks.
    match text_rows(conn, "PRAGMA cipher_integrity_check") {
        Ok(rows) => problems.extend(rows),
        Err(e) => problems.push(format!("the encryption check could not finish: {e}")),
    }
    match text_rows(conn, "PRAGMA integrity_check") {
        Ok(rows) => problems.extend(rows.into_iter().filter(|row| row != "ok")),
        Err(e) => problems.push(format!("the integrity check could not finish: {e}")),
    }
    match text_rows(conn, "PRAGMA foreign_key_check") {
        Ok(rows) => problems.extend(
            rows.into_iter()
                .map(|table| format!("broken reference from table {table}")),
        ),
        Err(e) => problems.push(format!("the reference check could not finish: {e}")),
    }
    let damaged = !problems.is_empty();
    // On a damaged file the chain and the counts may not be readable; the
    // problems above already say why, so what cannot be read counts as none.
    let first_break = match audit_chain::verify(conn) {
        Ok(chain) => chain.first_break,
        Err(e) if damaged => {
            problems.push(format!("the audit trail could not be read: {e}"));
            None
        }
        Err(e) => return Err(e),
    };
    if let Some(found) = &first_break {
        problems.push(format!("audit trail: {}", found.detail));
    }
    let count = |sql: &str| -> Result<i64> {
        match conn.query_row(sql, [], |r| r.get::<_, i64>(0)) {
            Ok(n) => Ok(n),
            Err(_) if damaged => Ok(0),
            Err(e) => Err(e.into()),
        }
    };
    Ok(IntegrityReport {
        ok: problems.is_empty(),
        schema_version: count("PRAGMA user_version")?,
        cases: count("SELECT count(*) FROM cases")?,
        changes: count("SELECT count(*) FROM change_log")?,
        problems,
        audit_break: first_break,
    })
}

/// The first column of every row `sql` returns, as text.
fn text_rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// A register whose folder is gone too is most likely on a drive or share
/// that is not connected, not one that was never created: say so rather than
/// "create one first". The app's own default folder may simply not exist yet.
fn on_missing_drive(path: &Path) -> bool {
    let folder_gone = path
        .parent()
        .is_some_and(|folder| !folder.as_os_str().is_empty() && !folder.exists());
    folder_gone && crate::paths::default_register_path().ok().as_deref() != Some(path)
}

fn validate_create(input: &CreateRegisterInput) -> Result<PathBuf> {
    let mut errors = Vec::new();
    let name = input.user_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("user_name", "Enter your name or role"));
    } else if name.chars().count() > MAX_USER_NAME {
        errors.push(FieldError::new(
            "user_name",
            format!("Your name or role must be {MAX_USER_NAME} characters or fewer"),
        ));
    }
    let rated = passphrase::strength(&input.passphrase, &[name]);
    if input.passphrase.is_empty() {
        errors.push(FieldError::new("passphrase", "Enter a passphrase"));
    } else if !rated.acceptable {
        errors.push(FieldError::new(
            "passphrase",
            format!(
                "Choose a stronger passphrase: at least {} characters, for example several unrelated words",
                passphrase::MIN_LENGTH
            ),
        ));
    }
    if input.confirm != input.passphrase {
        errors.push(FieldError::new("confirm", "The passphrases do not match"));
    }
    let path = input.path.trim();
    if path.is_empty() {
        errors.push(FieldError::new("path", "Enter where to keep the register"));
    } else if !Path::new(path).is_absolute() {
        errors.push(FieldError::new(
            "path",
            "Enter the full path of the register file, starting from the top folder",
        ));
    }
    if errors.is_empty() {
        Ok(PathBuf::from(path))
    } else {
        Err(Error::Validation(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const GOOD: &str = "amber kettle ferry lantern";

    fn input(dir: &Path) -> CreateRegisterInput {
        CreateRegisterInput {
            path: dir.join("register.casereview").display().to_string(),
            user_name: "CSPR subgroup chair".into(),
            passphrase: GOOD.into(),
            confirm: GOOD.into(),
        }
    }

    #[test]
    fn create_then_open_knows_the_user() {
        let dir = tempfile::tempdir().expect("temp dir");
        let created = Register::create(&input(dir.path())).expect("creates");
        let path = created.path().to_owned();
        drop(created);
        let opened = Register::open(&path, GOOD).expect("opens");
        assert_eq!(opened.who(), "CSPR subgroup chair");
        assert_eq!(opened.changes(None).map(|c| c.len()).ok(), Some(1));
    }

    #[test]
    fn every_bad_field_is_reported_at_once_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bad = CreateRegisterInput {
            path: "relative/register".into(),
            user_name: " ".into(),
            passphrase: "short".into(),
            confirm: "different".into(),
        };
        let Err(Error::Validation(fields)) = Register::create(&bad) else {
            panic!("expected a validation error");
        };
        let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(named, ["user_name", "passphrase", "confirm", "path"]);
        assert_eq!(
            std::fs::read_dir(dir.path()).map(|d| d.count()).ok(),
            Some(0)
        );
    }

    /// A full disk without mounting one: SQLite's page cap gives the same
    /// SQLITE_FULL a full drive does.
    #[test]
    fn a_full_disk_is_disk_full_and_the_change_is_not_half_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut register = Register::create(&input(dir.path())).expect("creates");
        let pages: i64 = register
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .expect("page count");
        register
            .conn
            .pragma_update(None, "max_page_count", pages)
            .expect("cap");
        let before = register.changes(None).expect("log").len();
        let big = "x".repeat(64 * 1024);
        let err = register
            .write(|w| {
                w.tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('filler', ?1)",
                    [&big],
                )?;
                w.log("register", "filler", Action::Update, None, Some(&big))
            })
            .expect_err("no room");
        assert_eq!(err.code(), crate::ErrorCode::DiskFull, "got {err}");
        assert!(err.to_string().contains("Free some space"), "{err}");
        assert_eq!(register.changes(None).expect("log").len(), before);
        assert!(register.check().expect("check").ok, "nothing half-written");
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let form = input(dir.path());
        std::fs::write(&form.path, b"keep me").expect("write");
        let err = Register::create(&form).err().expect("refused");
        assert!(matches!(err, Error::RegisterExists(_)));
        assert_eq!(
            std::fs::read(&form.path).ok().as_deref(),
            Some(&b"keep me"[..])
        );
    }
}
