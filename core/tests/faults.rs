//! Faults outside the app's control, each refused with its own code and a
//! message saying what to do, and none of them writing over the register:
//! a full disk, a read-only location, a removed drive, a truncated, damaged
//! or foreign file, and a second app on the same register. (A register from
//! a newer version is covered in tests/store.rs.)
//!
//! The disk-full and read-only-drive tests mount small file systems, which
//! needs root (CI runs as root); elsewhere they say so and skip that part.
//! A full disk is also shown everywhere by a unit test in register.rs that
//! caps the database's size instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use casereview_core::{CaseInput, DateInput, Error, ErrorCode, Register};
use chrono::NaiveDate;

mod common;
use common::*;

fn case(code: &str, summary: &str) -> CaseInput {
    CaseInput {
        code: code.into(),
        kind: "child".into(),
        referred_on: DateInput::from_iso("2025-06-04").expect("iso"),
        referrer: "Police".into(),
        summary: summary.into(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("date")
}

fn codes(register: &Register) -> Vec<String> {
    let mut codes: Vec<String> = register
        .list_cases()
        .expect("cases")
        .into_iter()
        .map(|c| c.code)
        .collect();
    codes.sort();
    codes
}

fn with_cases(dir: &Path, codes: &[&str]) -> PathBuf {
    let path = create(dir);
    for code in codes {
        add_case(&path, code);
    }
    path
}

/// A file system mounted for one test, unmounted when the test ends (even
/// when it fails).
struct Mount(PathBuf);

impl Mount {
    /// `mount ARGS… TARGET`, or `None` where mounting is not allowed.
    fn new(args: &[&str], target: &Path) -> Option<Self> {
        std::fs::create_dir_all(target).expect("mount point");
        let ok = Command::new("mount")
            .args(args)
            .arg(target)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Self(target.to_owned()))
        } else {
            eprintln!("skipped: cannot mount here (needs root); CI runs this as root");
            None
        }
    }

    fn remount(&self, options: &str) -> bool {
        Command::new("mount")
            .args(["-o", options])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

// ---- A full disk ----

#[test]
fn a_full_disk_refuses_the_change_with_disk_full_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let small = dir.path().join("stick");
    let Some(_mount) = Mount::new(&["-t", "tmpfs", "-o", "size=1536k", "tmpfs"], &small) else {
        return;
    };
    let path = create(&small);
    // Room to free afterwards, as the message tells the user to.
    let filler = small.join("filler.bin");
    std::fs::write(&filler, vec![7u8; 256 * 1024]).expect("filler");
    let mut register = Register::open(&path, PASSPHRASE).expect("opens");
    let summary = "A long summary that fills the disk quickly. ".repeat(40);
    let mut saved = Vec::new();
    let err = loop {
        let code = format!("Case {}", saved.len());
        match register.create_case(&case(&code, &summary), today()) {
            Ok(_) => saved.push(code),
            Err(e) => break e,
        }
        assert!(saved.len() < 5_000, "the disk never filled");
    };
    assert_eq!(err.code(), ErrorCode::DiskFull, "got {err}");
    assert!(err.to_string().contains("Free some space"), "{err}");
    assert!(saved.len() > 3, "some cases fit first: {}", saved.len());
    // The refused change is not there; everything before it is.
    saved.sort();
    assert_eq!(codes(&register), saved);
    drop(register);
    std::fs::remove_file(&filler).expect("free space");
    let register = Register::open(&path, PASSPHRASE).expect("opens once there is room");
    assert!(register.check().expect("check").ok);
    assert_eq!(codes(&register), saved, "nothing acknowledged was lost");
}

// ---- A read-only location ----

#[test]
fn a_register_on_a_read_only_drive_is_refused_with_read_only_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let writable = dir.path().join("folder");
    std::fs::create_dir(&writable).expect("folder");
    let original = with_cases(&writable, &["Case AK"]);
    let before = all_bytes(&original);
    // Root ignores file permissions, so a read-only bind mount of the folder
    // stands in for a write-protected stick or a read-only share.
    let view = dir.path().join("read-only view");
    let Some(mount) = Mount::new(&["--bind", &writable.display().to_string()], &view) else {
        return;
    };
    assert!(mount.remount("remount,bind,ro"), "read-only remount");
    let path = view.join("register.casereview");
    let err = Register::open(&path, PASSPHRASE).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::ReadOnly, "got {err}");
    let message = err.to_string();
    assert!(
        message.contains("read-only view") && message.contains("cannot be written to"),
        "{message}"
    );
    drop(mount);
    assert_eq!(all_bytes(&original), before, "the register is untouched");
    let register = Register::open(&original, PASSPHRASE).expect("opens where it can be written");
    assert_eq!(codes(&register), ["Case AK"]);
}

#[cfg(unix)]
#[test]
fn a_write_protected_register_file_is_refused_with_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    let before = all_bytes(&path);
    let err = Register::open(&path, PASSPHRASE).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::ReadOnly, "got {err}");
    assert_eq!(all_bytes(&path), before);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert_eq!(
        codes(&Register::open(&path, PASSPHRASE).expect("opens")),
        ["Case AK"]
    );
}

// ---- A removed drive ----

#[test]
fn a_register_whose_drive_is_not_connected_is_named_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("USB stick/register.casereview");
    let err = Register::open(&path, PASSPHRASE).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::RegisterMissing, "got {err}");
    let message = err.to_string();
    assert!(
        message.contains("Reconnect the drive") && message.contains("restore it from a backup"),
        "{message}"
    );
    assert!(
        !dir.path().join("USB stick").exists(),
        "nothing was created"
    );
    // A missing file in a folder that is there is simply not created yet.
    let err = Register::open(&dir.path().join("none.casereview"), PASSPHRASE)
        .err()
        .expect("refused");
    assert_eq!(err.code(), ErrorCode::NoRegister);
}

#[test]
fn a_drive_removed_while_open_refuses_writes_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).expect("folder");
    let path = with_cases(&stick, &["Case AK"]);
    let mut register = Register::open(&path, PASSPHRASE).expect("opens");
    register
        .create_case(&case("Case AL", SUMMARY), today())
        .expect("saved");
    // The stick is pulled: its folder is no longer where the register was.
    let pulled = dir.path().join("pulled");
    std::fs::rename(&stick, &pulled).expect("pull");
    let err = register
        .create_case(&case("Case AM", SUMMARY), today())
        .expect_err("not saved into a file nobody can reach");
    assert_eq!(err.code(), ErrorCode::RegisterMissing, "got {err}");
    assert!(err.to_string().contains("Nothing more was saved"), "{err}");
    drop(register);
    std::fs::rename(&pulled, &stick).expect("plugged back in");
    let register = Register::open(&path, PASSPHRASE).expect("opens again");
    assert!(register.check().expect("check").ok);
    assert_eq!(codes(&register), ["Case AK", "Case AL"]);
}

#[test]
fn a_register_deleted_while_open_refuses_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let mut register = Register::open(&path, PASSPHRASE).expect("opens");
    std::fs::remove_file(&path).expect("deleted behind the app's back");
    let err = register
        .create_case(&case("Case AL", SUMMARY), today())
        .expect_err("refused");
    assert_eq!(err.code(), ErrorCode::RegisterMissing, "got {err}");
    assert!(!path.exists(), "the app did not recreate an empty register");
}

// ---- Damaged and foreign files ----

#[test]
fn a_truncated_register_is_named_damaged_and_not_written_to() {
    let dir = tempfile::tempdir().expect("temp dir");
    let codes_in: Vec<String> = (0..30).map(|i| format!("Case {i}")).collect();
    let refs: Vec<&str> = codes_in.iter().map(String::as_str).collect();
    let path = with_cases(dir.path(), &refs);
    let bytes = std::fs::read(&path).expect("file");
    assert!(bytes.len() > 8 * 4096, "big enough to cut: {}", bytes.len());
    for cut in [bytes.len() / 2 / 4096 * 4096, bytes.len() / 2 + 100] {
        std::fs::write(&path, &bytes[..cut]).expect("cut short");
        let err = Register::open(&path, PASSPHRASE).err().expect("refused");
        let message = err.to_string();
        assert!(
            matches!(
                err.code(),
                ErrorCode::RegisterDamaged | ErrorCode::NotARegister
            ),
            "cut at {cut}: {:?} {message}",
            err.code()
        );
        assert!(message.contains("backup"), "says a backup helps: {message}");
        assert_eq!(
            std::fs::read(&path).expect("file"),
            &bytes[..cut],
            "never written over"
        );
    }
}

#[test]
fn changed_bytes_in_the_middle_are_found_and_the_file_is_not_written_over() {
    let dir = tempfile::tempdir().expect("temp dir");
    let codes_in: Vec<String> = (0..30).map(|i| format!("Case {i}")).collect();
    let refs: Vec<&str> = codes_in.iter().map(String::as_str).collect();
    let path = with_cases(dir.path(), &refs);
    let mut bytes = std::fs::read(&path).expect("file");
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0xA5;
    }
    std::fs::write(&path, &bytes).expect("damage");
    // Depending on which page was hit the open itself may notice.
    match Register::open(&path, PASSPHRASE) {
        Ok(register) => {
            let report = register.check().expect("the check reports, not fails");
            assert!(!report.ok && !report.problems.is_empty(), "{report:?}");
            let err = report.ensure_ok("The register").expect_err("damaged");
            assert_eq!(err.code(), ErrorCode::IntegrityFailed);
            assert!(err.to_string().contains("restore from a backup"), "{err}");
            if let Err(e) = register.list_cases() {
                assert_eq!(e.code(), ErrorCode::RegisterDamaged, "{e}");
            }
        }
        Err(e) => assert_eq!(e.code(), ErrorCode::RegisterDamaged, "{e}"),
    }
    assert_eq!(
        std::fs::read(&path).expect("file"),
        bytes,
        "never written over"
    );
}

#[test]
fn files_that_are_not_registers_are_named_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, Vec<u8>); 3] = [
        ("minutes.pdf", b"%PDF-1.7\n% a panel's minutes\n".repeat(50)),
        ("empty.casereview", Vec::new()),
        ("plain.sqlite", {
            let p = dir.path().join("made.sqlite");
            rusqlite::Connection::open(&p)
                .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
                .expect("plain sqlite");
            std::fs::read(&p).expect("read")
        }),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let err = Register::open(&path, PASSPHRASE).err().expect("refused");
        assert_eq!(err.code(), ErrorCode::NotARegister, "{name}: {err}");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            bytes,
            "{name} untouched"
        );
    }
}

// ---- Two apps on one register ----

#[test]
fn a_second_open_is_told_the_register_is_in_use_until_the_first_closes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = with_cases(dir.path(), &["Case AK"]);
    let mut first = Register::open(&path, PASSPHRASE).expect("first window");
    let err = Register::open(&path, PASSPHRASE)
        .err()
        .expect("second refused");
    assert_eq!(err.code(), ErrorCode::RegisterInUse, "got {err}");
    assert!(err.to_string().contains("register.casereview"), "{err}");
    // Refused before the passphrase is even tried: a wrong one says the same.
    assert!(matches!(
        Register::open(&path, "not the passphrase at all"),
        Err(Error::RegisterInUse(_))
    ));
    first
        .create_case(&case("Case AL", SUMMARY), today())
        .expect("the first still works");
    drop(first);
    let second = Register::open(&path, PASSPHRASE).expect("free once the first is locked");
    assert!(second.check().expect("check").ok);
    assert_eq!(codes(&second), ["Case AK", "Case AL"]);
}
