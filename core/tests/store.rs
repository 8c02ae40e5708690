//! The register on disk: really encrypted, refuses what it must, and keeps data
//! across restarts. These use real files, not the in-memory test store.

use casereview_core::{migrations, Error, Register};
use chrono::NaiveDate;

mod common;
use common::*;

#[test]
fn the_file_is_not_readable_as_plain_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = create(dir.path());
    add_case(&path, "Case AK");
    let bytes = all_bytes(&path);
    assert!(
        !bytes.starts_with(b"SQLite format 3\0"),
        "header must be encrypted"
    );
    let needle = b"distinctive summary";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "case content must not appear in clear anywhere on disk"
    );
    let plain = rusqlite::Connection::open(&path).expect("sqlite opens lazily");
    let read = plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    assert!(read.is_err(), "without the key the file must be unreadable");
}

#[test]
fn cases_survive_closing_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = create(dir.path());
    add_case(&path, "Case AK");
    let register = Register::open(&path, PASSPHRASE).expect("reopens");
    let codes: Vec<String> = register
        .list_cases()
        .expect("list")
        .into_iter()
        .map(|c| c.code)
        .collect();
    assert_eq!(codes, ["Case AK"]);
    assert!(register.check().expect("check").ok);
}

#[test]
fn a_wrong_passphrase_is_named_as_such_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = create(dir.path());
    add_case(&path, "Case AK");
    let before = all_bytes(&path);
    let err = Register::open(&path, "not the passphrase")
        .err()
        .expect("refused");
    assert!(matches!(err, Error::WrongPassphrase), "got {err}");
    assert_eq!(
        casereview_core::ErrorBody::from(err).code,
        casereview_core::ErrorCode::WrongPassphrase
    );
    assert_eq!(
        all_bytes(&path),
        before,
        "a failed unlock must not touch the file"
    );
    let register = Register::open(&path, PASSPHRASE).expect("right passphrase still works");
    assert_eq!(register.list_cases().map(|c| c.len()).ok(), Some(1));
}

#[test]
fn a_register_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = create(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASSPHRASE).expect("key");
        conn.pragma_update(None, "user_version", migrations::LATEST + 1)
            .expect("bump");
    }
    let before = all_bytes(&path);
    let err = Register::open(&path, PASSPHRASE).err().expect("refused");
    assert!(matches!(err, Error::RegisterTooNew { .. }), "got {err}");
    assert!(err.to_string().contains("newer version"), "{err}");
    assert_eq!(
        all_bytes(&path),
        before,
        "the newer register must be left as it was"
    );
}

#[test]
fn a_plain_sqlite_file_or_an_empty_file_is_not_a_register() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("plain.db");
    rusqlite::Connection::open(&plain)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x INTEGER);"))
        .expect("plain db");
    let err = Register::open(&plain, PASSPHRASE).err().expect("refused");
    assert!(matches!(err, Error::NotARegister(_)), "got {err}");
    let empty = dir.path().join("empty.casereview");
    std::fs::write(&empty, b"").expect("empty file");
    assert!(matches!(
        Register::open(&empty, PASSPHRASE),
        Err(Error::NotARegister(_))
    ));
}

#[test]
fn a_missing_register_is_reported_not_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nowhere.casereview");
    assert!(matches!(
        Register::open(&path, PASSPHRASE),
        Err(Error::NoRegister(_))
    ));
    assert!(!path.exists(), "opening must never create a file");
}

#[cfg(unix)]
#[test]
fn only_the_owner_may_read_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = create(dir.path());
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o077, 0, "group and others must have no access");
}

#[test]
fn a_register_from_the_first_version_is_upgraded_with_its_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.casereview");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASSPHRASE).expect("key");
        migrations::migrate_to(&mut conn, 1).expect("schema 1");
        conn.execute_batch(
            "INSERT INTO meta (key, value) VALUES ('user_name', 'Business officer');
             INSERT INTO cases (id, code, kind, referred_on, created_at, updated_at)
             VALUES ('01900000-0000-7000-8000-000000000001', 'Case OLD', 'adult', '2024-05-01',
                     '2024-05-01T09:00:00.000Z', '2024-05-01T09:00:00.000Z');",
        )
        .expect("version-1 data");
    }
    let register = Register::open(&path, PASSPHRASE).expect("upgrades on open");
    assert_eq!(
        register.check().expect("check").schema_version,
        migrations::LATEST
    );
    let cases = register.list_cases().expect("list");
    assert_eq!(cases.len(), 1, "the old case survives the upgrade");
    let detail = register
        .case_detail(
            &cases[0].id.to_string(),
            NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        )
        .expect("the new journey tables work on the old case");
    assert!(detail.events.is_empty());
}
