//! `check`, `backup`, `restore` and `rekey` on real encrypted registers: what
//! works, and that every bad input is refused with a code and leaves the
//! files as they were.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::util::{read_all, Sandbox, PASSPHRASE};

const NEXT: &str = "copper meadow violin harbour";

/// A register with two cases.
fn with_cases() -> Sandbox {
    let sb = Sandbox::create();
    sb.init();
    for code in ["Case AK", "Case AL"] {
        sb.new_case(code, &["--summary", "Quokka sighting near the canal"])
            .success();
    }
    sb
}

/// Every file SQLite keeps for a register, WAL included.
fn all_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("main file");
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        bytes.extend(std::fs::read(PathBuf::from(side)).unwrap_or_default());
    }
    bytes
}

/// Changes one change-log entry (the first about `code`) the way someone with
/// the passphrase but without the app could; returns its sequence number.
fn tamper(path: &Path, code: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.pragma_update(None, "key", PASSPHRASE).expect("key");
    let seq: i64 = conn
        .query_row(
            "SELECT min(seq) FROM change_log WHERE entity = 'case' AND after LIKE ?1",
            [format!("%{code}%")],
            |r| r.get(0),
        )
        .expect("entry");
    conn.execute_batch("DROP TRIGGER change_log_no_update;")
        .expect("drop the guard");
    conn.execute(
        "UPDATE change_log SET who = 'Someone else' WHERE seq = ?1",
        [seq],
    )
    .expect("tamper");
    seq
}

fn stderr_json(assert: assert_cmd::assert::Assert) -> serde_json::Value {
    let out = assert.code(1).get_output().stderr.clone();
    serde_json::from_slice(&out).expect("error body is JSON")
}

fn no_partial_files(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("partial")),
        "no temporary file is left behind: {names:?}"
    );
}

#[test]
fn rekey_changes_the_passphrase_and_the_old_one_stops_working() {
    let sb = with_cases();
    sb.cmd()
        .env("CASEREVIEW_NEW_PASSPHRASE", NEXT)
        .arg("--db")
        .arg(sb.db())
        .arg("rekey")
        .assert()
        .success()
        .stdout(predicate::str::contains("Changed the passphrase"))
        .stdout(predicate::str::contains(
            "old passphrase no longer opens it",
        ));
    let body = stderr_json(sb.run(&["--json", "cases"]));
    assert_eq!(body["code"], "wrong_passphrase", "the old passphrase fails");
    sb.cmd()
        .env("CASEREVIEW_PASSPHRASE", NEXT)
        .arg("--db")
        .arg(sb.db())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("audit trail verified"));
}

#[test]
fn rekey_refuses_bad_input_and_leaves_the_register_as_it_was() {
    let sb = with_cases();
    let before = all_bytes(&sb.db());
    let refused: &[(&str, &str, &str)] = &[
        (
            PASSPHRASE,
            "password1234",
            "new passphrase: Choose a stronger passphrase",
        ),
        (
            PASSPHRASE,
            "short",
            "new passphrase: Choose a stronger passphrase",
        ),
        (
            PASSPHRASE,
            PASSPHRASE,
            "new passphrase: Choose a new passphrase that is different",
        ),
    ];
    for (current, new, message) in refused {
        sb.cmd()
            .env("CASEREVIEW_PASSPHRASE", current)
            .env("CASEREVIEW_NEW_PASSPHRASE", new)
            .arg("--db")
            .arg(sb.db())
            .arg("rekey")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("nothing was saved"))
            .stderr(predicate::str::contains(*message));
    }
    let body = stderr_json(
        sb.cmd()
            .env("CASEREVIEW_PASSPHRASE", "wrong horse battery staple")
            .env("CASEREVIEW_NEW_PASSPHRASE", NEXT)
            .arg("--db")
            .arg(sb.db())
            .args(["--json", "rekey"])
            .assert(),
    );
    assert_eq!(body["code"], "wrong_passphrase");
    assert_eq!(
        all_bytes(&sb.db()),
        before,
        "no refused rekey wrote anything"
    );
    assert_eq!(sb.cases().len(), 2, "the old passphrase still opens it");
}

#[test]
fn check_names_the_first_altered_entry_and_exits_non_zero() {
    let sb = with_cases();
    let seq = tamper(&sb.db(), "Case AL");
    sb.run(&["check"])
        .code(1)
        .stdout(predicate::str::contains(format!(
            "problem: audit trail: change-log entry {seq} (case create by Someone else"
        )))
        .stderr(predicate::str::contains(format!(
            "error: The register's audit trail does not verify: change-log entry {seq}"
        )))
        .stderr(predicate::str::contains("restore from a backup"));
    let out = sb.run(&["check", "--json"]).code(1).get_output().clone();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(report["ok"], false);
    assert_eq!(report["audit_break"]["seq"], seq);
    assert_eq!(report["audit_break"]["kind"], "altered");
    assert_eq!(report["audit_break"]["entity"], "case");
    let body: serde_json::Value = serde_json::from_slice(&out.stderr).expect("error");
    assert_eq!(body["code"], "audit_broken");
}

#[test]
fn check_names_a_removed_entry() {
    let sb = with_cases();
    {
        let conn = rusqlite::Connection::open(sb.db()).expect("open");
        conn.pragma_update(None, "key", PASSPHRASE).expect("key");
        conn.execute_batch(
            "DROP TRIGGER change_log_no_delete; DELETE FROM change_log WHERE seq = 2;",
        )
        .expect("delete");
    }
    sb.run(&["check"])
        .code(1)
        .stderr(predicate::str::contains("entry 2 of the change log"))
        .stderr(predicate::str::contains("removed"));
}

#[test]
fn backup_then_restore_into_a_new_file() {
    let sb = with_cases();
    let folder = sb.dir.path().join("stick");
    std::fs::create_dir(&folder).expect("backup folder");
    let out = folder.join("backup.casereview");
    sb.run(&["backup", "--out", out.to_str().expect("utf-8")])
        .success()
        .stdout(predicate::str::contains(
            "Backed up 2 cases and 3 logged changes (the latest on",
        ))
        .stdout(predicate::str::contains(
            "encrypted with the register's passphrase",
        ));
    let bytes = std::fs::read(&out).expect("backup");
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "the backup is encrypted"
    );
    assert!(
        !bytes.windows(6).any(|w| w == b"Quokka"),
        "no case content in clear"
    );
    no_partial_files(&folder);

    let register_before = all_bytes(&sb.db());
    let to = sb.dir.path().join("restored.casereview");
    sb.run(&[
        "restore",
        out.to_str().expect("utf-8"),
        "--to",
        to.to_str().expect("utf-8"),
    ])
    .success()
    .stdout(predicate::str::contains(
        "(passphrase, integrity and audit trail) and restored it into a new register",
    ))
    .stdout(predicate::str::contains("No existing register was changed"));
    assert_eq!(
        all_bytes(&sb.db()),
        register_before,
        "the register was only read"
    );
    no_partial_files(sb.dir.path());
    assert_eq!(
        std::fs::read(&out).expect("backup"),
        bytes,
        "the backup was only read"
    );
    let listed = sb
        .cmd()
        .arg("--db")
        .arg(&to)
        .args(["cases", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let cases: serde_json::Value = serde_json::from_slice(&listed).expect("json");
    assert_eq!(cases.as_array().map(|c| c.len()), Some(2));
    sb.cmd()
        .arg("--db")
        .arg(&to)
        .arg("check")
        .assert()
        .success();

    let json = sb
        .run(&[
            "--json",
            "backup",
            "--out",
            folder.join("second").to_str().expect("utf-8"),
        ])
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: serde_json::Value = serde_json::from_slice(&json).expect("summary");
    assert_eq!(summary["cases"], 2);
}

#[test]
fn backup_never_overwrites_a_file() {
    let sb = with_cases();
    let out = sb.dir.path().join("keep.bin");
    std::fs::write(&out, b"keep me").expect("write");
    sb.run(&["backup", "--out", out.to_str().expect("utf-8")])
        .code(1)
        .stderr(predicate::str::contains("--out:"))
        .stderr(predicate::str::contains(
            "already exists and was left as it is",
        ));
    assert_eq!(std::fs::read(&out).expect("read"), b"keep me");
    let register = sb.db();
    let before = all_bytes(&register);
    let body = stderr_json(sb.run(&[
        "--json",
        "backup",
        "--out",
        register.to_str().expect("utf-8"),
    ]));
    assert_eq!(body["code"], "validation");
    assert_eq!(
        all_bytes(&register),
        before,
        "the register itself is not a target"
    );
    let body = stderr_json(sb.run(&["--json", "backup", "--out", "no/such/folder/b"]));
    assert_eq!(body["fields"][0]["field"], "out");
    no_partial_files(sb.dir.path());
}

#[test]
fn restore_refuses_bad_backups_and_existing_targets_and_changes_nothing() {
    let sb = with_cases();
    let out = sb.dir.path().join("backup.casereview");
    sb.run(&["backup", "--out", out.to_str().expect("utf-8")])
        .success();
    let to = sb.dir.path().join("restored.casereview");
    let (out_arg, to_arg) = (out.to_str().expect("utf-8"), to.to_str().expect("utf-8"));

    // Over the current register: refused, untouched.
    let register_before = all_bytes(&sb.db());
    sb.run(&["restore", out_arg, "--to", sb.db().to_str().expect("utf-8")])
        .code(1)
        .stderr(predicate::str::contains("--to:"))
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(all_bytes(&sb.db()), register_before);

    // The wrong passphrase for the backup.
    let body = stderr_json(
        sb.cmd()
            .env("CASEREVIEW_PASSPHRASE", "wrong horse battery staple")
            .args(["--json", "restore", out_arg, "--to", to_arg])
            .assert(),
    );
    assert_eq!(body["code"], "wrong_passphrase");
    assert!(!to.exists());

    // A file that is not a register at all.
    let junk = sb.dir.path().join("junk.db");
    std::fs::write(&junk, b"SQLite format 3\0 and then nothing useful").expect("write");
    let body = stderr_json(sb.run(&[
        "--json",
        "restore",
        junk.to_str().expect("utf-8"),
        "--to",
        to_arg,
    ]));
    assert_eq!(body["code"], "not_a_register");
    assert!(!to.exists());

    // A backup whose audit trail was altered: named, refused, left as it was.
    let seq = tamper(&out, "Case AK");
    let tampered = std::fs::read(&out).expect("read");
    let out_json = sb
        .run(&["--json", "restore", out_arg, "--to", to_arg])
        .code(1)
        .get_output()
        .stderr
        .clone();
    let body: serde_json::Value = serde_json::from_slice(&out_json).expect("json");
    assert_eq!(body["code"], "audit_broken");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(&format!("change-log entry {seq}")),
        "{message}"
    );
    assert!(!to.exists(), "nothing was restored");
    assert_eq!(
        std::fs::read(&out).expect("read"),
        tampered,
        "the backup was only read"
    );
    no_partial_files(sb.dir.path());
}

#[test]
fn logs_never_hold_passphrases_or_case_content_after_vault_commands() {
    let sb = with_cases();
    let out = sb.dir.path().join("backup.casereview");
    sb.run(&["backup", "--out", out.to_str().expect("utf-8")])
        .success();
    sb.cmd()
        .env("CASEREVIEW_NEW_PASSPHRASE", NEXT)
        .arg("--db")
        .arg(sb.db())
        .arg("rekey")
        .assert()
        .success();
    let logs = read_all(&sb.log_dir());
    assert!(logs.contains("backup written"), "{logs}");
    assert!(logs.contains("passphrase changed"), "{logs}");
    for secret in [PASSPHRASE, NEXT, "Quokka", "Case AK"] {
        assert!(!logs.contains(secret), "log must not contain {secret:?}");
    }
}
