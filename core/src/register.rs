//! A register: one encrypted file holding a partnership's case reviews, opened
//! with its passphrase. It knows who is working in it, so every change it
//! writes is attributable.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::audit_chain::{self, AuditBreak};
use crate::change_log::{self, Action, Change, Writer};
use crate::error::{Error, FieldError, Result};
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
        let mut register = Self {
            conn,
            path,
            who: user_name.clone(),
            passphrase: Some(Zeroizing::new(input.passphrase.clone())),
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
    pub fn open(path: &Path, passphrase: &str) -> Result<Self> {
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
        })
    }

    /// An unencrypted in-memory register, for tests.
    pub fn in_memory(who: &str) -> Result<Self> {
        Ok(Self {
            conn: store::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            who: who.to_owned(),
            passphrase: None,
        })
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
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let Self { conn, who, .. } = self;
        store::with_tx(conn, |tx| {
            f(&Writer {
                tx,
                who,
                at: stamp::now(),
            })
        })
    }

    /// The change log, oldest first: for one record, or all of it.
    pub fn changes(&self, entity_id: Option<&str>) -> Result<Vec<Change>> {
        change_log::list(&self.conn, entity_id)
    }

    /// Runs SQLite's and SQLCipher's integrity checks and verifies the change
    /// log's hash chain.
    pub fn check(&self) -> Result<IntegrityReport> {
        integrity(&self.conn)
    }
}

/// The integrity report for any open register or backup.
pub(crate) fn integrity(conn: &Connection) -> Result<IntegrityReport> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    // SQLCipher's page-by-page HMAC check finds tampering and torn pages;
    // it returns no rows when every page verifies (and none in-memory).
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        problems.push(row?);
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        problems.push(format!("broken reference from table {}", row?));
    }
    let chain = audit_chain::verify(conn)?;
    if let Some(found) = &chain.first_break {
        problems.push(format!("audit trail: {}", found.detail));
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    Ok(IntegrityReport {
        ok: problems.is_empty(),
        problems,
        schema_version: crate::migrations::version(conn)?,
        cases: count("SELECT count(*) FROM cases")?,
        changes: count("SELECT count(*) FROM change_log")?,
        audit_break: chain.first_break,
    })
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
