//! End-to-end tests of `casereview` on real encrypted register files.

mod audit;
mod crash;
mod export;
mod generate;
mod import;
mod journey;
mod plans;
mod records;
mod report;
mod roundtrip;
mod util;
mod vault;

use predicates::prelude::*;
use util::{read_all, Sandbox, PASSPHRASE};

#[test]
fn init_add_list_and_check_a_register() {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&["cases"]).success().stdout("No cases yet.\n");
    sb.run(&[
        "case",
        "new",
        "--code",
        "Case AK",
        "--kind",
        "child",
        "--referred",
        "2025-06-04",
        "--referrer",
        "Police",
    ])
    .success()
    .stdout("Added Case AK (child, referred 4 June 2025).\n");
    let cases = sb.cases();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["code"], "Case AK");
    assert_eq!(cases[0]["referred_on"], "2025-06-04");
    assert_eq!(cases[0]["stage"], "referral_received");
    sb.run(&["cases"])
        .success()
        .stdout(predicate::str::contains("4 June 2025"));
    sb.run(&["check"])
        .success()
        .stdout(predicate::str::starts_with("Register OK"));
    let header = std::fs::read(sb.db()).expect("file");
    assert!(
        !header.starts_with(b"SQLite format 3"),
        "the file on disk is encrypted"
    );
}

#[test]
fn the_default_register_is_the_apps_file_in_the_data_folder() {
    let sb = Sandbox::create();
    sb.cmd()
        .args(["init", "--user", "Chair"])
        .assert()
        .success();
    let default = sb
        .dir
        .path()
        .join("data/case-review-manager/register.casereview");
    assert!(
        default.exists(),
        "init without --db writes the app's default register"
    );
    sb.cmd()
        .arg("cases")
        .assert()
        .success()
        .stdout("No cases yet.\n");
}

#[test]
fn init_refuses_a_weak_passphrase_and_writes_nothing() {
    let sb = Sandbox::create();
    sb.cmd()
        .env("CASEREVIEW_PASSPHRASE", "password")
        .arg("--db")
        .arg(sb.db())
        .args(["init", "--user", "Chair"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Choose a stronger passphrase"));
    assert!(!sb.db().exists());
}

#[test]
fn init_never_overwrites_an_existing_register() {
    let sb = Sandbox::create();
    sb.init();
    sb.new_case("Case AK", &[]).success();
    sb.run(&["init", "--user", "Someone else"])
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(
        sb.cases().len(),
        1,
        "the existing register still holds its case"
    );
}

#[test]
fn a_wrong_passphrase_is_a_clear_error_and_the_data_is_intact() {
    let sb = Sandbox::create();
    sb.init();
    sb.new_case("Case AK", &[]).success();
    let before = std::fs::read(sb.db()).expect("file");
    sb.cmd()
        .env("CASEREVIEW_PASSPHRASE", "wrong horse battery")
        .arg("--db")
        .arg(sb.db())
        .arg("cases")
        .assert()
        .code(1)
        .stderr(
            "error: The passphrase is not correct for this register. Check it and try again.\n",
        );
    let json = sb
        .cmd()
        .env("CASEREVIEW_PASSPHRASE", "wrong horse battery")
        .arg("--db")
        .arg(sb.db())
        .args(["cases", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let body: serde_json::Value = serde_json::from_slice(&json).expect("error body is JSON");
    assert_eq!(body["code"], "wrong_passphrase");
    assert_eq!(
        std::fs::read(sb.db()).expect("file"),
        before,
        "nothing was written"
    );
    assert_eq!(sb.cases().len(), 1);
}

/// Each bad referral named in the foundation issue: the message, exit code 1, nothing written.
#[test]
fn bad_referrals_are_refused_with_a_clear_message_and_nothing_is_written() {
    let sb = Sandbox::create();
    sb.init();
    sb.new_case("Case AK", &[]).success();
    let changes = sb.change_count();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--code", "", "--kind", "child", "--referred", "2025-06-04"],
            "--code: Enter a case code",
        ),
        (
            &[
                "--code",
                "case ak",
                "--kind",
                "adult",
                "--referred",
                "2025-06-04",
            ],
            "--code: A case with the code \"case ak\" already exists",
        ),
        (
            &[
                "--code",
                "Case AL",
                "--kind",
                "child",
                "--referred",
                "2025-07-02",
            ],
            "--referred: Date referred must be today or in the past",
        ),
        (
            &[
                "--code",
                "Case AL",
                "--kind",
                "child",
                "--referred",
                "2025-02-31",
            ],
            "--referred: Date referred must be a real date",
        ),
        (
            &[
                "--code",
                "Case AL",
                "--kind",
                "child",
                "--referred",
                "31/02/2025",
            ],
            "--referred: Date referred must be in the form YYYY-MM-DD",
        ),
        (
            &[
                "--code",
                "Case AL",
                "--kind",
                "teenager",
                "--referred",
                "2025-06-04",
            ],
            "--kind: Kind must be child, adult or joint",
        ),
    ];
    for (args, message) in cases {
        let mut full = vec!["case", "new"];
        full.extend_from_slice(args);
        sb.run(&full)
            .code(1)
            .stderr(predicate::str::contains("nothing was saved"))
            .stderr(predicate::str::contains(*message));
    }
    assert_eq!(sb.cases().len(), 1, "only the first case exists");
    assert_eq!(
        sb.change_count(),
        changes,
        "no refused command reached the change log"
    );
}

#[test]
fn field_errors_are_json_with_their_fields() {
    let sb = Sandbox::create();
    sb.init();
    let out = sb
        .run(&[
            "--json",
            "case",
            "new",
            "--code",
            "",
            "--kind",
            "x",
            "--referred",
            "2025-02-31",
        ])
        .code(1)
        .get_output()
        .stderr
        .clone();
    let body: serde_json::Value = serde_json::from_slice(&out).expect("JSON error");
    assert_eq!(body["code"], "validation");
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["code", "kind", "referred_on"]);
}

#[test]
fn usage_errors_exit_2() {
    let sb = Sandbox::create();
    sb.run(&["case", "new", "--code", "Case AK"]).code(2);
    sb.run(&["--today", "31/12/2025", "cases"]).code(2);
    sb.run(&["no-such-command"]).code(2);
}

#[test]
fn demo_fills_an_empty_register_and_is_marked() {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&["demo"])
        .success()
        .stdout(predicate::str::contains("fictional"));
    let cases = sb.cases();
    assert!(cases.len() >= 10);
    assert!(cases.iter().all(|c| c["is_demo"] == true));
    sb.run(&["cases"])
        .success()
        .stderr(predicate::str::contains("Demo register"));
    sb.run(&["demo"])
        .code(1)
        .stderr(predicate::str::contains("empty register"));
    assert_eq!(sb.cases().len(), cases.len(), "a second load adds nothing");
}

#[test]
fn demo_refuses_a_register_with_real_cases() {
    let sb = Sandbox::create();
    sb.init();
    sb.new_case("Case AK", &[]).success();
    sb.run(&["demo"])
        .code(1)
        .stderr(predicate::str::contains("never mix"));
    assert_eq!(sb.cases().len(), 1);
}

#[test]
fn commands_on_a_missing_register_say_so() {
    let sb = Sandbox::create();
    sb.run(&["cases"])
        .code(1)
        .stderr(predicate::str::contains("No register was found"));
    assert!(!sb.db().exists());
}

#[test]
fn logs_never_hold_case_content_or_the_passphrase() {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&[
        "case",
        "new",
        "--code",
        "Child Zebedee",
        "--kind",
        "child",
        "--referred",
        "2025-06-04",
        "--referrer",
        "Riverside Academy",
        "--summary",
        "Quokka sighting near the canal",
    ])
    .success();
    let logs = read_all(&sb.log_dir());
    assert!(
        logs.contains("case created"),
        "the log records what happened: {logs}"
    );
    for secret in ["Zebedee", "Riverside", "Quokka", PASSPHRASE] {
        assert!(!logs.contains(secret), "log must not contain {secret:?}");
    }
}
