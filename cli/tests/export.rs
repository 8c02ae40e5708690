//! `casereview export tracker` on a real encrypted register holding the demo
//! data: each format, each option, refusals, and no half-written files.

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;

use crate::util::{read_all, Sandbox};

/// A register with the demo's action plans: five actions, three signed-off
/// quarters (2024/25-Q3 to 2025/26-Q1) and 2025/26-Q2 open.
fn demo() -> Sandbox {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&["demo"]).success();
    sb
}

fn out(sb: &Sandbox, name: &str) -> PathBuf {
    sb.dir.path().join(name)
}

fn export(sb: &Sandbox, file: &Path, format: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    sb.cmd()
        .arg("--db")
        .arg(sb.db())
        .args(["export", "tracker", "--format", format, "--out"])
        .arg(file)
        .args(extra)
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

#[test]
fn exports_the_tracker_as_xlsx_csv_and_json() {
    let sb = demo();
    let xlsx = out(&sb, "tracker.xlsx");
    export(&sb, &xlsx, "xlsx", &[])
        .success()
        .stdout(predicate::str::contains(
            "tracker.xlsx: 5 actions. Current position on 1 July 2025.",
        ))
        .stdout(predicate::str::contains("OFFICIAL-SENSITIVE"))
        .stderr(predicate::str::contains("Demo register"));
    let bytes = std::fs::read(&xlsx).expect("written");
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");

    let csv_file = out(&sb, "tracker.csv");
    export(&sb, &csv_file, "csv", &["--review", "case an"]).success();
    let bytes = std::fs::read(&csv_file).expect("written");
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM"));
    let refs: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[3].to_owned())
        .collect();
    assert_eq!(
        refs,
        ["DEMO-01", "DEMO-03", "DEMO-04"],
        "only Case AN's actions"
    );

    let json_file = out(&sb, "q4.json");
    export(
        &sb,
        &json_file,
        "json",
        &["--quarter", "2024/25-Q4", "--exceptions", "--json"],
    )
    .success()
    .stdout(predicate::str::contains("\"rows\": 3"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_file).expect("written")).expect("JSON");
    assert_eq!(json["quarter"], "2024/25-Q4");
    assert_eq!(json["marking"], "OFFICIAL-SENSITIVE");
    let demo_04 = &json["rows"][2];
    assert_eq!(demo_04["action_reference"], "DEMO-04");
    assert_eq!(demo_04["rag"], "red", "the quarter's rating, not today's");
    assert_eq!(demo_04["change"], "Green → Red; target slipped 90 days");
    assert_eq!(
        files(&sb),
        [
            "q4.json",
            "register.casereview",
            "tracker.csv",
            "tracker.xlsx"
        ]
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let sb = demo();
    let file = out(&sb, "tracker.csv");
    std::fs::write(&file, "the tracker the board was given").expect("write");
    export(&sb, &file, "csv", &[])
        .code(1)
        .stderr(predicate::str::contains("--out:"))
        .stderr(predicate::str::contains("add --force to replace it"));
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        "the tracker the board was given"
    );
    export(&sb, &file, "csv", &["--force"]).success();
    assert!(std::fs::read_to_string(&file)
        .expect("file")
        .contains("DEMO-05"));
    assert_eq!(
        files(&sb),
        ["register.casereview", "tracker.csv"],
        "no temporary file left"
    );
}

#[test]
fn bad_options_are_named_and_nothing_is_written() {
    let sb = demo();
    let file = out(&sb, "tracker.xlsx");
    export(
        &sb,
        &file,
        "xlsx",
        &["--quarter", "Q3", "--review", "Case ZZ"],
    )
    .code(1)
    .stderr(predicate::str::contains(
        "--quarter: Give the quarter as its code, such as",
    ))
    .stderr(predicate::str::contains(
        "--review: There is no case or source \"Case ZZ\" in the register",
    ));
    export(&sb, &file, "xlsx", &["--quarter", "2023/24-Q1", "--json"])
        .code(1)
        .stderr(predicate::str::contains("\"code\":\"validation\""))
        .stderr(predicate::str::contains("\"field\":\"quarter\""));
    export(&sb, &file, "docx", &[])
        .code(1)
        .stderr(predicate::str::contains(
            "--format: Format must be xlsx, csv or json",
        ));
    let missing = sb.dir.path().join("no such folder").join("tracker.xlsx");
    export(&sb, &missing, "xlsx", &[])
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
    assert!(!file.exists());
    assert_eq!(files(&sb), ["register.casereview"]);
}

#[test]
fn the_log_records_the_export_without_case_content() {
    let sb = demo();
    export(
        &sb,
        &out(&sb, "Case AN tracker.xlsx"),
        "xlsx",
        &["--review", "Case AN"],
    )
    .success();
    let logs = read_all(&sb.log_dir());
    assert!(logs.contains("tracker exported"), "the export is logged");
    for secret in [
        "Case AN",
        "DEMO-0",
        "Fictional update",
        "Housing and health",
    ] {
        assert!(
            !logs.contains(secret),
            "the log must not contain {secret:?}"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn libreoffice_opens_the_exported_workbook() {
    let sb = demo();
    let xlsx = out(&sb, "tracker.xlsx");
    export(&sb, &xlsx, "xlsx", &["--exceptions"]).success();
    let profile = tempfile::tempdir().expect("profile");
    let pdfs = tempfile::tempdir().expect("pdf dir");
    let status = Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(pdfs.path())
        .arg(&xlsx)
        .status()
        .expect("LibreOffice is installed (scripts/setup.sh test installs it)");
    assert!(status.success(), "LibreOffice failed: {status}");
    let pdf = pdfs.path().join("tracker.pdf");
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 1000,
        "LibreOffice printed the workbook ({size} bytes)"
    );
}

/// Excel's row limit, lowered through the debug build's
/// `CASEREVIEW_EXCEL_ROW_LIMIT` so five actions and the heading overflow it.
fn export_limited(
    sb: &Sandbox,
    file: &Path,
    format: &str,
    limit: &str,
) -> assert_cmd::assert::Assert {
    sb.cmd()
        .env("CASEREVIEW_EXCEL_ROW_LIMIT", limit)
        .arg("--db")
        .arg(sb.db())
        .args(["export", "tracker", "--format", format, "--out"])
        .arg(file)
        .assert()
}

#[test]
fn a_csv_longer_than_excel_opens_is_written_with_a_warning_and_an_xlsx_refused() {
    let sb = demo();
    let csv_file = out(&sb, "tracker.csv");
    export_limited(&sb, &csv_file, "csv", "5")
        .success()
        .stderr(predicate::str::contains(
            "Warning: The tracker has 5 actions: Excel opens only the first 5 rows of a CSV file and leaves out the rest.",
        ));
    let rows = csv::Reader::from_path(&csv_file)
        .expect("the CSV is still written")
        .records()
        .count();
    assert_eq!(rows, 5, "every action is in the CSV");

    let xlsx = out(&sb, "tracker.xlsx");
    export_limited(&sb, &xlsx, "xlsx", "5")
        .failure()
        .stderr(predicate::str::contains(
            "more than an Excel worksheet holds (5)",
        ))
        .stderr(
            predicate::str::contains("too_many_rows").or(predicate::str::contains("CSV or JSON")),
        );
    assert!(!xlsx.exists(), "no workbook is written");

    // Within the limit, no warning.
    let fits = out(&sb, "fits.csv");
    export_limited(&sb, &fits, "csv", "6")
        .success()
        .stderr(predicate::str::contains("Warning").not());
    let json = out(&sb, "tracker.json");
    export_limited(&sb, &json, "json", "5")
        .success()
        .stderr(predicate::str::contains("Warning").not());
}
