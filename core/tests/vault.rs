//! The vault on real encrypted files: changing the passphrase, the hash-chained
//! audit trail found broken when rows are altered or removed outside the app,
//! and backups that are encrypted, verified and never overwrite anything.

use std::path::{Path, PathBuf};

use casereview_core::audit_chain::AuditBreakKind;
use casereview_core::{backup, migrations, Error, ErrorCode, Register};

mod common;
use common::*;

const NEXT: &str = "copper meadow violin harbour";

/// A register holding `codes` as cases: one change-log entry for the register,
/// then at least one per case.
fn with_cases(dir: &Path, codes: &[&str]) -> PathBuf {
    let path = create(dir);
    for code in codes {
        add_case(&path, code);
    }
    path
}

/// A raw SQLCipher connection, as someone holding the passphrase but not
/// using the app would have.
fn raw(path: &Path, passphrase: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.pragma_update(None, "key", passphrase).expect("key");
    conn
}

/// The names of the files in `dir`, sorted: proof that nothing was left behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn seq_of_case(path: &Path, code: &str) -> i64 {
    raw(path, PASSPHRASE)
        .query_row(
            "SELECT min(seq) FROM change_log WHERE entity = 'case' AND after LIKE ?1",
            [format!("%{code}%")],
            |r| r.get(0),
        )
        .expect("the case's first entry")
}

// ---- Changing the passphrase ----

#[test]
fn after_a_change_only_the_new_passphrase_opens_the_register() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let mut register = Register::open(&path, PASSPHRASE).expect("opens");
    register
        .change_passphrase(PASSPHRASE, NEXT, NEXT)
        .expect("changed");
    drop(register);

    let err = Register::open(&path, PASSPHRASE)
        .err()
        .expect("old refused");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase, "got {err}");
    let register = Register::open(&path, NEXT).expect("the new one opens it");
    assert_eq!(register.list_cases().map(|c| c.len()).ok(), Some(1));
    let report = register.check().expect("check");
    assert!(report.ok, "rekeyed register verifies: {report:?}");
    let last = register.changes(None).expect("log");
    let last = last.last().expect("an entry");
    assert_eq!(
        (last.entity.as_str(), last.entity_id.as_str()),
        ("register", "passphrase"),
        "the change is attributable"
    );
    let logged = serde_json::to_string(&last).expect("json");
    assert!(!logged.contains(PASSPHRASE) && !logged.contains(NEXT));
}

#[test]
fn a_weak_new_passphrase_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let mut register = Register::open(&path, PASSPHRASE).expect("opens");
    let before = all_bytes(&path);
    for (new, confirm, field) in [
        ("password1234", "password1234", "new_passphrase"),
        ("short", "short", "new_passphrase"),
        (NEXT, "copper meadow violin", "confirm"),
        (PASSPHRASE, PASSPHRASE, "new_passphrase"),
    ] {
        let Err(Error::Validation(fields)) = register.change_passphrase(PASSPHRASE, new, confirm)
        else {
            panic!("{new:?} must be refused as a validation error");
        };
        assert_eq!(fields[0].field, field, "{fields:?}");
    }
    assert_eq!(all_bytes(&path), before, "a refused change writes nothing");
    drop(register);
    Register::open(&path, PASSPHRASE).expect("the current passphrase still opens it");
}

#[test]
fn a_wrong_current_passphrase_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let mut register = Register::open(&path, PASSPHRASE).expect("opens");
    let before = all_bytes(&path);
    let err = register
        .change_passphrase("not the passphrase at all", NEXT, NEXT)
        .expect_err("refused");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase, "got {err}");
    assert_eq!(all_bytes(&path), before);
    drop(register);
    assert!(Register::open(&path, NEXT).is_err(), "not rekeyed");
    Register::open(&path, PASSPHRASE).expect("still the old passphrase");
}

// ---- The hash-chained audit trail ----

#[test]
fn a_fresh_register_has_a_verified_chain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK", "Case AL"]);
    let register = Register::open(&path, PASSPHRASE).expect("opens");
    let report = register.check().expect("check");
    assert!(report.ok && report.audit_break.is_none(), "{report:?}");
    let unhashed: i64 = raw(&path, PASSPHRASE)
        .query_row(
            "SELECT count(*) FROM change_log WHERE hash IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(unhashed, 0, "every entry is written with its hash");
}

#[test]
fn an_altered_entry_is_named_as_the_first_broken_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK", "Case AL", "Case AM"]);
    let target = seq_of_case(&path, "Case AL");
    {
        let conn = raw(&path, PASSPHRASE);
        // The guard must be dropped first: it is what stops the app itself.
        conn.execute_batch("DROP TRIGGER change_log_no_update;")
            .expect("drop guard");
        conn.execute(
            "UPDATE change_log SET after = replace(after, 'Police', 'Nobody') WHERE seq = ?1",
            [target],
        )
        .expect("tamper");
    }
    let register = Register::open(&path, PASSPHRASE).expect("still opens");
    let report = register.check().expect("check runs");
    assert!(!report.ok);
    let found = report.audit_break.clone().expect("the chain is broken");
    assert_eq!(found.seq, target, "the altered entry, not a later one");
    assert_eq!(found.kind, AuditBreakKind::Altered);
    assert_eq!(found.entity.as_deref(), Some("case"));
    assert!(found.at.is_some() && found.id.is_some());
    let err = report.ensure_ok("The register").expect_err("not ok");
    assert_eq!(err.code(), ErrorCode::AuditBroken);
    let message = err.to_string();
    assert!(
        message.contains(&format!("change-log entry {target} (case create")),
        "{message}"
    );
    assert!(
        message.contains("4 June 2025") || message.contains("UTC"),
        "{message}"
    );
}

#[test]
fn a_deleted_entry_is_found_in_the_middle_and_at_the_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK", "Case AL"]);
    let middle = seq_of_case(&path, "Case AK");
    let last: i64 = {
        let conn = raw(&path, PASSPHRASE);
        conn.execute_batch("DROP TRIGGER change_log_no_delete;")
            .expect("drop guard");
        conn.execute("DELETE FROM change_log WHERE seq = ?1", [middle])
            .expect("delete");
        conn.query_row("SELECT max(seq) FROM change_log", [], |r| r.get(0))
            .expect("max")
    };
    let found = Register::open(&path, PASSPHRASE)
        .and_then(|r| r.check())
        .expect("check")
        .audit_break
        .expect("the removal is found");
    assert_eq!((found.seq, found.kind), (middle, AuditBreakKind::Removed));
    assert!(
        found.detail.contains(&format!("entry {middle}")),
        "{found:?}"
    );

    // Cutting the log short leaves no gap; SQLite's own counter still tells.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK", "Case AL"]);
    {
        let conn = raw(&path, PASSPHRASE);
        conn.execute_batch(
            "DROP TRIGGER change_log_no_delete;
             DELETE FROM change_log WHERE seq = (SELECT max(seq) FROM change_log);",
        )
        .expect("delete the last entry");
    }
    let found = Register::open(&path, PASSPHRASE)
        .and_then(|r| r.check())
        .expect("check")
        .audit_break
        .expect("the cut is found");
    assert_eq!((found.seq, found.kind), (last, AuditBreakKind::Removed));
    assert!(found.detail.contains("at the end"), "{found:?}");
}

#[test]
fn an_entry_added_outside_the_app_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    raw(&path, PASSPHRASE)
        .execute(
            "INSERT INTO change_log (id, at, who, entity, entity_id, action)
             VALUES ('forged', '2025-06-05T09:00:00.000Z', 'Someone', 'case', 'x', 'delete')",
            [],
        )
        .expect("forged entry");
    let found = Register::open(&path, PASSPHRASE)
        .and_then(|r| r.check())
        .expect("check")
        .audit_break
        .expect("found");
    assert_eq!(found.kind, AuditBreakKind::Unhashed);
    assert_eq!(found.id.as_deref(), Some("forged"));
}

#[test]
fn a_register_from_before_the_chain_is_hashed_on_upgrade_and_stays_append_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.casereview");
    {
        let mut conn = raw(&path, PASSPHRASE);
        migrations::migrate_to(&mut conn, 5).expect("schema 5");
        conn.execute_batch(
            "INSERT INTO meta (key, value) VALUES ('user_name', 'Business officer');
             INSERT INTO change_log (id, at, who, entity, entity_id, action, after) VALUES
               ('e1', '2024-05-01T09:00:00.000Z', 'Business officer', 'register', 'r', 'create', '{}'),
               ('e2', '2024-05-02T09:00:00.000Z', 'Business officer', 'case', 'c', 'create', '{\"code\":\"Case OLD\"}');",
        )
        .expect("version-5 log");
    }
    let mut register = Register::open(&path, PASSPHRASE).expect("upgrades on open");
    let report = register.check().expect("check");
    assert!(report.ok, "the backfilled chain verifies: {report:?}");
    assert_eq!(report.schema_version, migrations::LATEST);
    register
        .change_passphrase(PASSPHRASE, NEXT, NEXT)
        .expect("a new entry chains on the backfilled ones");
    assert!(register.check().expect("check").ok);
    drop(register);
    let conn = raw(&path, NEXT);
    assert!(
        conn.execute("UPDATE change_log SET who = 'x' WHERE seq = 1", [])
            .is_err(),
        "the migration put the update guard back"
    );
    assert!(conn.execute("DELETE FROM change_log", []).is_err());
}

// ---- Backups and restore ----

#[test]
fn a_backup_is_encrypted_and_opens_only_with_the_passphrase() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let out = dir.path().join("backup.casereview");
    let register = Register::open(&path, PASSPHRASE).expect("opens");
    let summary = register.backup_to(&out).expect("backed up");
    drop(register);
    assert_eq!(
        (summary.cases, summary.schema_version),
        (1, migrations::LATEST)
    );
    assert!(summary.changes >= 2 && summary.bytes > 0, "{summary:?}");

    let bytes = std::fs::read(&out).expect("backup file");
    assert!(!bytes.starts_with(b"SQLite format 3\0"), "not plain SQLite");
    let needle = SUMMARY.as_bytes();
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "no case content in clear"
    );
    let plain = rusqlite::Connection::open(&out).expect("sqlite opens lazily");
    assert!(
        plain
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err(),
        "unreadable without the key"
    );
    let err = Register::open(&out, "not the passphrase at all")
        .err()
        .expect("refused");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    let copy = Register::open(&out, PASSPHRASE).expect("opens with the passphrase");
    assert_eq!(
        copy.list_cases().expect("list")[0].summary,
        SUMMARY,
        "the case came across"
    );
    assert!(copy.check().expect("check").ok);
    drop(copy);
    assert!(
        !names(dir.path()).iter().any(|n| n.contains("partial")),
        "no temporary file is left behind: {:?}",
        names(dir.path())
    );
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let out = dir.path().join("keep.bin");
    std::fs::write(&out, b"keep me").expect("write");
    let register = Register::open(&path, PASSPHRASE).expect("opens");
    let Err(Error::Validation(fields)) = register.backup_to(&out) else {
        panic!("an existing file must be refused");
    };
    assert_eq!(fields[0].field, "out");
    assert!(fields[0].message.contains("already exists"), "{fields:?}");
    assert_eq!(std::fs::read(&out).expect("read"), b"keep me");
    let missing = dir.path().join("no such folder/backup.casereview");
    assert_eq!(
        register.backup_to(&missing).err().map(|e| e.code()),
        Some(ErrorCode::Validation)
    );
}

#[test]
fn a_backup_made_after_a_rekey_needs_the_new_passphrase() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let mut register = Register::open(&path, PASSPHRASE).expect("opens");
    register
        .change_passphrase(PASSPHRASE, NEXT, NEXT)
        .expect("changed");
    let out = dir.path().join("backup.casereview");
    register.backup_to(&out).expect("backed up");
    assert_eq!(
        backup::verify(&out, PASSPHRASE).err().map(|e| e.code()),
        Some(ErrorCode::WrongPassphrase)
    );
    assert_eq!(backup::verify(&out, NEXT).expect("verifies").cases, 1);
}

#[test]
fn restore_writes_a_new_file_and_never_replaces_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK", "Case AL"]);
    let out = dir.path().join("backup.casereview");
    Register::open(&path, PASSPHRASE)
        .and_then(|r| r.backup_to(&out))
        .expect("backed up");

    let register_before = all_bytes(&path);
    let Err(Error::Validation(fields)) = backup::restore(&out, PASSPHRASE, &path) else {
        panic!("restoring over the register must be refused");
    };
    assert_eq!(fields[0].field, "to");
    assert_eq!(
        all_bytes(&path),
        register_before,
        "the register is untouched"
    );

    let to = dir.path().join("restored.casereview");
    let summary = backup::restore(&out, PASSPHRASE, &to).expect("restored");
    assert_eq!(summary.cases, 2);
    assert_eq!(summary.path, to.display().to_string());
    let restored = Register::open(&to, PASSPHRASE).expect("opens");
    assert_eq!(restored.list_cases().map(|c| c.len()).ok(), Some(2));
    assert!(restored.check().expect("check").ok);
    assert_eq!(all_bytes(&path), register_before);

    // A plain copy of a register file (in WAL mode, unlike a backup) restores too.
    let copied = dir.path().join("copied.casereview");
    std::fs::copy(&path, &copied).expect("copy");
    let copied_before = all_bytes(&copied);
    let to = dir.path().join("from-copy.casereview");
    assert_eq!(
        backup::restore(&copied, PASSPHRASE, &to)
            .expect("restored from a copy")
            .cases,
        2
    );
    assert!(
        all_bytes(&copied) == copied_before,
        "the copy was only read"
    );
    for side in ["copied.casereview-wal", "copied.casereview-shm"] {
        assert!(
            !dir.path().join(side).exists(),
            "SQLite never opened the copy"
        );
    }
    let mut wal = copied.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::write(PathBuf::from(&wal), b"pending frames").expect("write");
    let Err(Error::Validation(fields)) =
        backup::restore(&copied, PASSPHRASE, &dir.path().join("in-use.casereview"))
    else {
        panic!("a register with a -wal beside it is in use, and refused");
    };
    assert_eq!(fields[0].field, "backup");
    std::fs::remove_file(PathBuf::from(wal)).expect("tidy");
    assert!(
        !names(dir.path()).iter().any(|n| n.contains("partial")),
        "no temporary file is left behind: {:?}",
        names(dir.path())
    );
}

#[test]
fn a_bad_backup_is_not_restored_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK", "Case AL"]);
    let out = dir.path().join("backup.casereview");
    Register::open(&path, PASSPHRASE)
        .and_then(|r| r.backup_to(&out))
        .expect("backed up");
    let to = dir.path().join("restored.casereview");

    let err = backup::restore(&out, "not the passphrase at all", &to).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    assert!(!to.exists());

    let target = seq_of_case(&out, "Case AK");
    {
        let conn = raw(&out, PASSPHRASE);
        conn.execute_batch("DROP TRIGGER change_log_no_update;")
            .expect("drop guard");
        conn.execute(
            "UPDATE change_log SET who = 'Someone else' WHERE seq = ?1",
            [target],
        )
        .expect("tamper");
    }
    let tampered = std::fs::read(&out).expect("read");
    let err = backup::restore(&out, PASSPHRASE, &to).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::AuditBroken, "got {err}");
    assert!(
        err.to_string().contains(&format!("entry {target}")),
        "{err}"
    );
    assert!(!to.exists(), "nothing restored");
    assert_eq!(
        std::fs::read(&out).expect("read"),
        tampered,
        "backup only read"
    );

    let plain = dir.path().join("plain.db");
    std::fs::write(&plain, b"not a register at all, just some bytes").expect("write");
    let err = backup::restore(&dir.path().join("nowhere"), PASSPHRASE, &to).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
    let err = backup::restore(&plain, PASSPHRASE, &to).expect_err("refused");
    assert!(
        matches!(err, Error::NotARegister(_) | Error::WrongPassphrase),
        "{err}"
    );
    assert!(!to.exists());
    assert!(
        !names(dir.path()).iter().any(|n| n.contains("partial")),
        "no temporary file is left behind: {:?}",
        names(dir.path())
    );
}

#[test]
fn a_backup_from_an_older_version_is_restored_and_brought_up_to_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("old-backup.casereview");
    {
        let mut conn = raw(&old, PASSPHRASE);
        migrations::migrate_to(&mut conn, 5).expect("schema 5");
        conn.execute_batch(
            "INSERT INTO change_log (id, at, who, entity, entity_id, action) VALUES
               ('e1', '2024-05-01T09:00:00.000Z', 'Chair', 'register', 'r', 'create');",
        )
        .expect("old log");
    }
    let before = std::fs::read(&old).expect("read");
    let to = dir.path().join("restored.casereview");
    let summary = backup::restore(&old, PASSPHRASE, &to).expect("restored");
    assert_eq!(summary.schema_version, migrations::LATEST);
    assert_eq!(
        std::fs::read(&old).expect("read"),
        before,
        "the backup is only read"
    );
    assert!(
        Register::open(&to, PASSPHRASE)
            .and_then(|r| r.check())
            .expect("check")
            .ok
    );
}
