//! `casereview export all` and `casereview import-all` on real encrypted
//! registers: the demo register exported, imported into a new one and
//! exported again gives the same file; every refusal says why and writes
//! nothing; sensitive text stays out of exports unless asked for.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::util::Sandbox;

fn demo() -> Sandbox {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&["demo"]).success();
    sb
}

fn empty() -> Sandbox {
    let sb = Sandbox::create();
    sb.init();
    sb
}

fn out(sb: &Sandbox, name: &str) -> PathBuf {
    sb.dir.path().join(name)
}

fn export_all(
    sb: &Sandbox,
    file: &Path,
    format: &str,
    extra: &[&str],
) -> assert_cmd::assert::Assert {
    sb.cmd()
        .arg("--db")
        .arg(sb.db())
        .args(["export", "all", "--format", format, "--out"])
        .arg(file)
        .args(extra)
        .assert()
}

fn import_all(sb: &Sandbox, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    sb.cmd()
        .arg("--db")
        .arg(sb.db())
        .arg("import-all")
        .arg(file)
        .args(extra)
        .assert()
}

/// A file's lines without its `generated_at`, the one line two exports of
/// the same register may differ in.
fn unstamped(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"generated_at\""))
        .map(str::to_owned)
        .collect()
}

/// What a file holds, stamp aside: a zip's entries in order, or the lines.
fn content(file: &Path) -> Vec<(String, Vec<String>)> {
    let bytes = std::fs::read(file).expect("written");
    if !bytes.starts_with(b"PK") {
        return vec![(String::new(), unstamped(&bytes))];
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut body = Vec::new();
            entry.read_to_end(&mut body).expect("read");
            (entry.name().to_owned(), unstamped(&body))
        })
        .collect()
}

fn error_code(assert: assert_cmd::assert::Assert) -> String {
    let stderr = assert.failure().code(1).get_output().stderr.clone();
    let body: serde_json::Value = serde_json::from_slice(&stderr).expect("--json error");
    body["code"].as_str().expect("code").to_owned()
}

#[test]
fn the_whole_register_goes_out_and_comes_back_the_same_in_json_and_csv() {
    let source = demo();
    for (format, name) in [("json", "register.json"), ("csv", "register.zip")] {
        let first = out(&source, name);
        export_all(&source, &first, format, &["--include-sensitive"])
            .success()
            .stdout(predicate::str::contains("Wrote the whole register"))
            .stdout(predicate::str::contains("OFFICIAL-SENSITIVE"));
        let copy = empty();
        import_all(&copy, &first, &[])
            .success()
            .stdout(predicate::str::contains("Imported"));
        assert_eq!(
            copy.cases(),
            source.cases(),
            "same cases, ids and all ({format})"
        );
        let second = out(&copy, name);
        export_all(&copy, &second, format, &["--include-sensitive"]).success();
        assert_eq!(
            content(&first),
            content(&second),
            "exporting the imported register gives the same {format} file"
        );
        // The import is on the record, and the audit trail still verifies.
        copy.run(&["check"]).success();
        assert!(
            copy.change_count() >= 2,
            "creation and the import are logged"
        );
    }
}

#[test]
fn a_register_that_holds_anything_is_refused_and_left_as_it_was() {
    let source = demo();
    let file = out(&source, "register.json");
    export_all(&source, &file, "json", &["--include-sensitive"]).success();
    let before = source.change_count();
    import_all(&source, &file, &[])
        .failure()
        .stderr(predicate::str::contains("empty register"));
    let code = error_code(import_all(&source, &file, &["--json"]));
    assert_eq!(code, "not_empty");
    assert_eq!(source.change_count(), before, "nothing written");
}

#[test]
fn damaged_newer_and_incomplete_exports_are_refused_with_their_own_codes() {
    let source = demo();
    let good = out(&source, "register.json");
    export_all(&source, &good, "json", &["--include-sensitive"]).success();
    let text = std::fs::read_to_string(&good).expect("written");
    let target = empty();
    let before = target.change_count();

    let cut = out(&target, "cut.json");
    std::fs::write(&cut, &text[..text.len() / 2]).expect("write");
    assert_eq!(
        error_code(import_all(&target, &cut, &["--json"])),
        "not_an_export"
    );

    let mut newer: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    newer["format_version"] = 99.into();
    let newer_file = out(&target, "newer.json");
    std::fs::write(&newer_file, newer.to_string()).expect("write");
    assert_eq!(
        error_code(import_all(&target, &newer_file, &["--json"])),
        "export_too_new"
    );

    let partial = out(&target, "partial.json");
    export_all(&source, &partial, "json", &[])
        .success()
        .stdout(predicate::str::contains("cannot be imported"));
    import_all(&target, &partial, &[])
        .failure()
        .stderr(predicate::str::contains("without its sensitive fields"));
    assert_eq!(
        error_code(import_all(&target, &partial, &["--json"])),
        "export_incomplete"
    );

    import_all(&target, &out(&target, "missing.json"), &[])
        .failure()
        .stderr(predicate::str::contains("There is no file"));
    assert_eq!(
        target.change_count(),
        before,
        "no refused import wrote anything"
    );
    assert!(target.cases().is_empty());
}

#[test]
fn sensitive_text_stays_out_unless_asked_for() {
    let source = demo();
    let summary = source
        .cases()
        .iter()
        .filter_map(|c| c["summary"].as_str().map(str::to_owned))
        .find(|s| s.len() > 20)
        .expect("a demo summary");
    for (format, name) in [("json", "all.json"), ("csv", "all.zip")] {
        let without = out(&source, &format!("without-{name}"));
        export_all(&source, &without, format, &[]).success();
        let with = out(&source, &format!("with-{name}"));
        export_all(&source, &with, format, &["--include-sensitive"]).success();
        let text = |f: &Path| {
            content(f)
                .into_iter()
                .flat_map(|(_, lines)| lines)
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(
            !text(&without).contains(&summary),
            "{format} leaks a summary"
        );
        assert!(
            text(&with).contains(&summary),
            "{format} with the flag carries it"
        );
        assert!(text(&without).contains("\"classification\": \"OFFICIAL-SENSITIVE\""));
    }
    // The tracker too: the escalation reason and progress notes.
    let tracker = |extra: &[&str]| {
        let file = out(&source, "tracker.json");
        source
            .cmd()
            .arg("--db")
            .arg(source.db())
            .args(["export", "tracker", "--format", "json", "--force", "--out"])
            .arg(&file)
            .args(extra)
            .assert()
            .success();
        std::fs::read_to_string(&file).expect("written")
    };
    let notes = |text: &str| -> Vec<String> {
        let file: serde_json::Value = serde_json::from_str(text).expect("JSON");
        file["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .flat_map(|r| {
                [
                    r["latest_update"]["note"].as_str(),
                    r["escalation_reason"].as_str(),
                ]
            })
            .flatten()
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let plain = notes(&tracker(&[]));
    let full = notes(&tracker(&["--include-sensitive"]));
    assert!(
        !full.is_empty() && full.len() == plain.len(),
        "{full:?} {plain:?}"
    );
    assert!(
        plain.iter().all(|t| t == "[left out: sensitive]"),
        "{plain:?}"
    );
    assert!(
        full.iter().all(|t| t != "[left out: sensitive]"),
        "{full:?}"
    );
}

#[test]
fn bad_options_are_refused_before_anything_is_written() {
    let source = demo();
    let file = out(&source, "register.json");
    export_all(&source, &file, "xlsx", &[])
        .failure()
        .stderr(predicate::str::contains(
            "--format: Format must be json or csv",
        ));
    assert!(!file.exists());
    std::fs::write(&file, "keep me").expect("write");
    export_all(&source, &file, "json", &[])
        .failure()
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "keep me");
    export_all(&source, &file, "json", &["--force", "--include-sensitive"]).success();
    assert!(std::fs::read_to_string(&file)
        .expect("replaced")
        .contains("casereview-register-export"));
}
