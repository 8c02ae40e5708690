//! `casereview report board|annual` on real encrypted registers: the files
//! each writes, the default period, refusals of bad dates, years and files
//! that exist, and nothing half-written or logged that should not be.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::util::{read_all, Sandbox};

/// A register holding the demo data, "today" 1 July 2025.
fn demo() -> Sandbox {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&["demo"]).success();
    sb
}

fn out(sb: &Sandbox, name: &str) -> PathBuf {
    sb.dir.path().join(name)
}

fn report(sb: &Sandbox, args: &[&str], file: &Path) -> assert_cmd::assert::Assert {
    sb.cmd()
        .arg("--db")
        .arg(sb.db())
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(file)
        .assert()
}

/// Every file in the sandbox's folder, by name.
fn files(sb: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sb.dir.path())
        .expect("sandbox")
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The text of a .docx file's body.
fn docx_body(file: &Path) -> String {
    let bytes = std::fs::read(file).expect("written");
    let mut zip = zip_archive(bytes);
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml
}

fn zip_archive(bytes: Vec<u8>) -> zip::ZipArchive<Cursor<Vec<u8>>> {
    zip::ZipArchive::new(Cursor::new(bytes)).expect("a .docx is a zip file")
}

#[test]
fn writes_the_board_report_for_a_period_as_docx() {
    let sb = demo();
    let file = out(&sb, "board.docx");
    report(
        &sb,
        &[
            "board",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--format",
            "docx",
        ],
        &file,
    )
    .success()
    .stdout(predicate::str::contains(
        "Wrote the board report for 1 January 2025 to 30 June 2025 to",
    ))
    .stdout(predicate::str::contains("OFFICIAL-SENSITIVE"))
    .stderr(predicate::str::contains("Demo register"));
    let body = docx_body(&file);
    assert!(body.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(body.contains("Headline figures"));
    assert!(body.contains("Demo register: every case, action and figure"));
    assert!(body.contains("<w:tblHeader />"));
    assert!(body.contains("Child V"), "case codes");
    for secret in [
        "missed appointments were not followed up",
        "Meets the criteria discussed at screening",
    ] {
        assert!(
            !body.contains(secret),
            "no case summaries or notes: {secret:?}"
        );
    }
    assert_eq!(files(&sb), ["board.docx", "register.casereview"]);
}

#[test]
fn the_board_report_defaults_to_the_last_complete_half_year() {
    let sb = demo();
    let file = out(&sb, "board.json");
    report(&sb, &["board", "--format", "json", "--json"], &file)
        .success()
        .stdout(predicate::str::contains("\"report\": \"board\""));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("written")).expect("JSON");
    assert_eq!(json["period"]["from"], "2024-10-01");
    assert_eq!(json["period"]["to"], "2025-03-31");
    assert_eq!(json["marking"], "OFFICIAL-SENSITIVE");
    assert_eq!(json["demo"], true);
    assert!(json["headline"]["actions"]["total"].as_u64() == Some(5));
}

#[test]
fn writes_the_annual_report_section_as_json_and_docx() {
    let sb = demo();
    let json_file = out(&sb, "annual.json");
    report(
        &sb,
        &["annual", "--year", "2024/25", "--format", "json"],
        &json_file,
    )
    .success()
    .stdout(predicate::str::contains(
        "Wrote the annual report section for 2024/25 (1 April 2024 to 31 March 2025)",
    ));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_file).expect("written")).expect("JSON");
    assert_eq!(json["year"]["label"], "2024/25");
    // With "today" 1 July 2025 the demo's Child R, T, V, W and Y and
    // 'Sarah' were referred in 2024/25.
    assert_eq!(json["figures"]["referrals"]["child"], 5);
    assert_eq!(json["figures"]["referrals"]["adult"], 1);
    assert!(json["sources"].as_array().is_some_and(|s| !s.is_empty()));

    let docx_file = out(&sb, "annual.docx");
    report(
        &sb,
        &["annual", "--year", "2024/25", "--format", "docx"],
        &docx_file,
    )
    .success();
    let body = docx_body(&docx_file);
    assert!(body.contains("Case reviews in 2024/25"));
    assert!(body.contains("Recommendations not accepted"));
}

#[test]
fn bad_periods_are_named_and_nothing_is_written() {
    let sb = demo();
    let file = out(&sb, "board.docx");
    let board = |args: &[&str]| {
        let mut all = vec!["board", "--format", "docx"];
        all.extend_from_slice(args);
        report(&sb, &all, &file)
    };
    board(&["--from", "2025-06-30", "--to", "2025-01-01"])
        .code(1)
        .stderr(predicate::str::contains(
            "--to: The period must end on or after its start (30 June 2025), not on 1 January 2025",
        ));
    board(&["--from", "30/06/2025", "--to", "2025-02-30"])
        .code(1)
        .stderr(predicate::str::contains(
            "--from: The start of the period must be a date in the form YYYY-MM-DD",
        ))
        .stderr(predicate::str::contains(
            "--to: The end of the period must be a real date",
        ));
    board(&["--from", "2025-01-01"])
        .code(1)
        .stderr(predicate::str::contains(
            "--to: Give both --from and --to, or neither",
        ));
    board(&["--from", "2025-08-01", "--to", "2025-12-31", "--json"])
        .code(1)
        .stderr(predicate::str::contains("\"code\":\"validation\""))
        .stderr(predicate::str::contains("\"field\":\"from\""));
    report(
        &sb,
        &[
            "board",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--format",
            "xlsx",
        ],
        &file,
    )
    .code(1)
    .stderr(predicate::str::contains(
        "--format: Format must be docx or json",
    ));
    assert!(!file.exists());
    assert_eq!(files(&sb), ["register.casereview"]);
}

#[test]
fn a_bad_year_is_named_and_nothing_is_written() {
    let sb = demo();
    let file = out(&sb, "annual.docx");
    for year in ["2024/26", "2024-25", "24/25", "next year"] {
        report(&sb, &["annual", "--year", year, "--format", "docx"], &file)
            .code(1)
            .stderr(predicate::str::contains(
                "--year: Give the reporting year as it is written, such as 2024/25",
            ));
    }
    assert_eq!(files(&sb), ["register.casereview"]);
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let sb = demo();
    for (args, name) in [
        (
            vec![
                "board",
                "--from",
                "2025-01-01",
                "--to",
                "2025-06-30",
                "--format",
                "docx",
            ],
            "board.docx",
        ),
        (
            vec!["annual", "--year", "2024/25", "--format", "json"],
            "annual.json",
        ),
    ] {
        let file = out(&sb, name);
        std::fs::write(&file, "the report the board was given").expect("write");
        report(&sb, &args, &file)
            .code(1)
            .stderr(predicate::str::contains("--out:"))
            .stderr(predicate::str::contains("add --force to replace it"));
        assert_eq!(
            std::fs::read_to_string(&file).expect("file"),
            "the report the board was given"
        );
        let mut forced = args.clone();
        forced.push("--force");
        report(&sb, &forced, &file).success();
        assert_ne!(
            std::fs::read(&file).expect("file"),
            b"the report the board was given"
        );
    }
    assert_eq!(
        files(&sb),
        ["annual.json", "board.docx", "register.casereview"],
        "no temporary file left"
    );
}

#[test]
fn the_log_records_the_report_without_case_content() {
    let sb = demo();
    report(
        &sb,
        &["annual", "--year", "2024/25", "--format", "docx"],
        &out(&sb, "Child V annual.docx"),
    )
    .success();
    report(
        &sb,
        &[
            "board",
            "--from",
            "2025-01-01",
            "--to",
            "2025-06-30",
            "--format",
            "docx",
        ],
        &out(&sb, "board.docx"),
    )
    .success();
    let logs = read_all(&sb.log_dir());
    assert!(logs.contains("annual report section written"));
    assert!(logs.contains("board report written"));
    for secret in ["Child V", "DEMO-0", "Fictional", "Housing and health"] {
        assert!(
            !logs.contains(secret),
            "the log must not contain {secret:?}"
        );
    }
}
