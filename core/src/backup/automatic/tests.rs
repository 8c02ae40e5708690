//! Automatic backups on real encrypted registers: naming, never overwriting,
//! rotation on disk, the daily check, the settings and the backup before a
//! migration.

use std::path::Path;

use chrono::TimeZone;

use super::*;
use crate::backup::snapshot::tests::{register_file_in as register_in, PASS};

fn june(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, day, hour, 5, 0)
        .single()
        .expect("time")
}

#[test]
fn a_backup_goes_into_the_default_folder_named_with_its_time_and_opens() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    let done = register.automatic_backup(june(4, 14)).expect("backed up");
    let expected = dir
        .path()
        .join("backups/register-auto-20250604T140500Z.casereview-backup");
    assert_eq!(done.summary.path, expected.display().to_string());
    assert!(
        super::super::verify(&expected, PASS).is_ok(),
        "it opens with the passphrase"
    );
    let status = register.backup_status().expect("status");
    assert_eq!(
        status.last_backup_at.as_deref(),
        Some("2025-06-04T14:05:00.000Z")
    );
    assert_eq!(status.backups.len(), 1);
    assert_eq!(status.backups[0].kind, BackupKind::Automatic);
}

#[test]
fn two_backups_in_the_same_second_never_overwrite_each_other() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    let first = register.automatic_backup(june(4, 14)).expect("first");
    let first_bytes = std::fs::read(&first.summary.path).expect("read");
    let second = register.automatic_backup(june(4, 14)).expect("second");
    assert_ne!(first.summary.path, second.summary.path);
    assert!(second.summary.path.ends_with("-2.casereview-backup"));
    assert_eq!(
        std::fs::read(&first.summary.path).expect("read"),
        first_bytes
    );
}

#[test]
fn rotation_thins_old_backups_on_disk_but_keeps_the_newest_of_each_day() {
    let dir = tempfile::tempdir().expect("dir");
    let mut register = register_in(dir.path());
    register
        .set_backup_settings(&BackupSettings {
            folder: None,
            rotation: Rotation {
                keep_daily: 2,
                keep_weekly: 0,
            },
        })
        .expect("settings");
    for (day, hour) in [(2, 9), (2, 17), (3, 9), (4, 9), (4, 17)] {
        register.automatic_backup(june(day, hour)).expect("backup");
    }
    let left: Vec<String> = register
        .backup_status()
        .expect("status")
        .backups
        .into_iter()
        .map(|b| b.taken_at)
        .collect();
    assert_eq!(
        left,
        ["2025-06-04T17:05:00.000Z", "2025-06-03T09:05:00.000Z"]
    );
}

#[test]
fn the_daily_backup_is_due_only_after_a_day() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    assert!(
        register.backup_if_due(june(4, 9)).expect("first").is_some(),
        "none yet: due"
    );
    assert!(register
        .backup_if_due(june(4, 20))
        .expect("same day")
        .is_none());
    assert!(register
        .backup_if_due(june(5, 9))
        .expect("next day")
        .is_some());
}

#[test]
fn a_chosen_folder_is_used_and_an_unplugged_one_is_reported_without_writing_elsewhere() {
    let dir = tempfile::tempdir().expect("dir");
    let stick = tempfile::tempdir().expect("stick");
    let mut register = register_in(dir.path());
    let status = register
        .set_backup_settings(&BackupSettings {
            folder: Some(stick.path().display().to_string()),
            rotation: Rotation::default(),
        })
        .expect("settings");
    assert_eq!(status.folder, stick.path().display().to_string());
    register.automatic_backup(june(4, 9)).expect("backup");
    assert_eq!(std::fs::read_dir(stick.path()).expect("ls").count(), 1);
    let gone = stick.path().to_owned();
    drop(stick);
    let err = register
        .automatic_backup(june(5, 9))
        .expect_err("unplugged");
    assert!(err.to_string().contains("is not available"), "{err}");
    assert!(
        !gone.exists(),
        "the mount point was not recreated on the laptop's disk"
    );
    assert!(
        !dir.path().join("backups").exists(),
        "nor was the backup put elsewhere"
    );
}

#[test]
fn bad_settings_are_refused_field_by_field_and_the_old_ones_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let mut register = register_in(dir.path());
    let err = register
        .set_backup_settings(&BackupSettings {
            folder: Some("relative/folder".into()),
            rotation: Rotation {
                keep_daily: 0,
                keep_weekly: 500,
            },
        })
        .expect_err("refused");
    let Error::Validation(fields) = err else {
        panic!("expected a validation error");
    };
    let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(named, ["folder", "keep_daily", "keep_weekly"]);
    assert_eq!(
        register.backup_settings().expect("read"),
        BackupSettings::default()
    );
}

#[test]
fn other_files_in_the_folder_are_ignored_and_never_deleted() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).expect("mkdir");
    for name in [
        "notes.txt",
        "other-auto-20200101T000000Z.casereview-backup",
        "register-auto-garbage.casereview-backup",
    ] {
        std::fs::write(folder.join(name), b"keep").expect("write");
    }
    for day in 1..=12 {
        register.automatic_backup(june(day, 9)).expect("backup");
    }
    for name in [
        "notes.txt",
        "other-auto-20200101T000000Z.casereview-backup",
        "register-auto-garbage.casereview-backup",
    ] {
        assert!(folder.join(name).exists(), "{name} is not ours and stays");
    }
    assert_eq!(
        register.backup_status().expect("status").backups.len(),
        7 + 1,
        "7 days + 1 older week (2–8 June)"
    );
}

#[test]
fn opening_an_older_register_backs_it_up_before_migrating() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.casereview");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASS).expect("key");
        let mut conn = conn;
        crate::migrations::migrate_to(&mut conn, 1).expect("version 1");
    }
    let register = Register::open(&path, PASS).expect("opens and migrates");
    let backups = list(&dir.path().join("backups"), &path).expect("list");
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].kind, BackupKind::BeforeMigration);
    let copy = crate::store::open_read_only(Path::new(&backups[0].path), PASS).expect("opens");
    assert_eq!(
        crate::migrations::version(&copy).expect("version"),
        1,
        "the copy is as it was"
    );
    drop(register);
    Register::open(&path, PASS).expect("opens again");
    assert_eq!(
        list(&dir.path().join("backups"), &path)
            .expect("list")
            .len(),
        1,
        "no migration, no backup"
    );
}

#[test]
fn a_new_register_takes_no_migration_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    let path = register.path().to_owned();
    drop(register);
    Register::open(&path, PASS).expect("open");
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn the_backup_on_closing_is_not_taken_twice_in_a_row() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    // Creating the register is a change, made just now.
    let created = stamp::now();
    let s = Duration::seconds;
    assert!(
        register
            .closing_backup(created - s(30))
            .expect("first")
            .is_some(),
        "none yet: taken"
    );
    assert!(
        register
            .closing_backup(created + s(1))
            .expect("second")
            .is_some(),
        "recent, but a change was made after it: taken again"
    );
    assert!(
        register
            .closing_backup(created + s(11))
            .expect("third")
            .is_none(),
        "just taken, nothing changed since: skipped"
    );
    assert!(
        register
            .closing_backup(created + s(1) + CLOSING_REPEAT + s(1))
            .expect("later")
            .is_some(),
        "older than the repeat window: taken"
    );
    // (The rotation then keeps only the newest of the day: not counted here.)
}

#[test]
fn a_repeat_is_judged_by_age_and_by_changes_since() {
    let at = june(4, 14);
    let s = Duration::seconds;
    assert!(!just_taken(None, None, at), "no backup yet");
    assert!(just_taken(Some(at), None, at + s(59)));
    assert!(!just_taken(Some(at), None, at + s(60)), "too old");
    assert!(!just_taken(Some(at), None, at - s(5)), "from the future");
    assert!(just_taken(Some(at), Some(at - s(1)), at + s(5)));
    assert!(
        !just_taken(Some(at), Some(at), at + s(5)),
        "same second: unsure, so again"
    );
    assert!(!just_taken(Some(at), Some(at + s(2)), at + s(5)));
}

#[test]
fn an_automatic_backup_clears_stale_leftovers_in_its_folder_only() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).expect("folder");
    let leftover = folder.join(".casereview-backup-k1ll3d.partial");
    let theirs = folder.join("notes.partial");
    for file in [&leftover, &theirs] {
        std::fs::write(file, b"half a copy").expect("write");
        std::fs::File::options()
            .write(true)
            .open(file)
            .and_then(|f| {
                f.set_modified(
                    std::time::SystemTime::now()
                        - super::super::stale::STALE_AFTER
                        - std::time::Duration::from_secs(1),
                )
            })
            .expect("age");
    }
    register.automatic_backup(june(4, 14)).expect("backed up");
    assert!(!leftover.exists(), "ours, stale: removed");
    assert!(theirs.exists(), "not ours: kept");
}
