//! Moving a register through the window: the command line exports a whole
//! register (the demo, sensitive fields included); a new, empty register in
//! the app imports that file from Settings (the "Open" dialog answered, in
//! this debug build, by `CASEREVIEW_TEST_OPEN_FILE`), after a preview of what
//! it holds; the cases are then in the app and in the register on disk.

use std::path::{Path, PathBuf};
use std::process::Command;

use casereview_core::Register;

use crate::harness::{
    click, count, fill, text_of, wait_for, wait_for_heading, Driver, Home, PASSPHRASE,
};

/// `casereview` beside the app's binary (the workspace's tests build both).
fn cli() -> PathBuf {
    let path = Path::new(env!("CARGO_BIN_EXE_case-review-manager")).with_file_name("casereview");
    assert!(
        path.exists(),
        "{} is missing: build the command line first (cargo build -p casereview-cli)",
        path.display()
    );
    path
}

/// Runs the command line on the register at `db`, with its own private home.
fn casereview(dir: &Path, db: &Path, args: &[&str]) {
    let output = Command::new(cli())
        .env_clear()
        .env("HOME", dir.join("home"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("CASEREVIEW_PASSPHRASE", PASSPHRASE)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run casereview");
    assert!(
        output.status.success(),
        "casereview {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The demo register, made and exported whole by the command line.
fn cli_export(dir: &Path) -> PathBuf {
    let db = dir.join("elsewhere.casereview");
    let file = dir.join("whole-register.json");
    casereview(dir, &db, &["init", "--user", "Business officer"]);
    casereview(dir, &db, &["demo"]);
    let out = file.display().to_string();
    casereview(
        dir,
        &db,
        &[
            "export",
            "all",
            "--format",
            "json",
            "--out",
            &out,
            "--include-sensitive",
        ],
    );
    file
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_register_exported_by_the_command_line_is_imported_into_a_new_one_in_the_window() {
    let mut home = Home::create();
    let cli_dir = tempfile::tempdir().expect("the command line's folder");
    let export = cli_export(cli_dir.path());
    let source = Register::open(&cli_dir.path().join("elsewhere.casereview"), PASSPHRASE)
        .expect("the exported register");
    let mut expected: Vec<String> = source
        .list_cases()
        .expect("cases")
        .into_iter()
        .map(|c| c.code)
        .collect();
    expected.sort();
    drop(source);
    drop(home.seed_register());
    home.app_env.push(("CASEREVIEW_TEST_OPEN_FILE", export));

    let mut driver = Driver::start("transfer", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    click(&app, "#nav-settings").await;
    wait_for_heading(&app, "Settings").await;
    click(&app, "#choose-register-export").await;
    wait_for(&app, "#import-register-counts").await;
    let cases = text_of(&app, "#import-register-counts [data-kind='cases']").await;
    assert!(
        cases.contains(&expected.len().to_string()),
        "the preview counts the cases: {cases}"
    );
    let summary = text_of(&app, "#import-register-summary").await;
    assert!(
        summary.contains("Nothing has been written yet"),
        "{summary}"
    );
    driver.screenshot(&app, "preview").await;

    click(&app, "#confirm-register-import").await;
    let done = text_of(&app, "#import-register-done").await;
    assert!(done.contains("whole-register.json"), "{done}");
    driver.screenshot(&app, "imported").await;

    click(&app, "#nav-cases").await;
    wait_for_heading(&app, "Cases").await;
    // A plain code, to write as a CSS selector (the demo has codes with quotes).
    let plain = expected
        .iter()
        .find(|c| {
            c.chars()
                .all(|ch| ch.is_alphanumeric() || ch == ' ' || ch == '-')
        })
        .expect("a plain case code");
    wait_for(&app, &format!("tr[data-case-code='{plain}']")).await;
    assert_eq!(count(&app, "#case-list tbody tr").await, expected.len());
    driver.screenshot(&app, "cases").await;
    app.close().await.expect("close the app");

    let register = Register::open(&home.default_register(), PASSPHRASE).expect("open");
    let mut imported: Vec<String> = register
        .list_cases()
        .expect("cases")
        .into_iter()
        .map(|c| c.code)
        .collect();
    imported.sort();
    assert_eq!(
        imported, expected,
        "the same cases, in the register on disk"
    );
    assert!(
        register.is_demo().expect("flag"),
        "the demo mark came across"
    );
    assert!(
        register.check().expect("check").ok,
        "the audit chain verifies"
    );
}
