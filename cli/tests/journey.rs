//! The case journey from the command line: clocks, quarters, and whole
//! journeys of a child case, an adult SAR and a joint case.

use predicates::prelude::*;

use crate::util::Sandbox;

fn show(sb: &Sandbox, code: &str) -> serde_json::Value {
    let out = sb
        .run(&["case", "show", code, "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("case show --json is JSON")
}

fn new_case(sb: &Sandbox, code: &str, kind: &str, referred: &str) {
    sb.run(&[
        "case",
        "new",
        "--code",
        code,
        "--kind",
        kind,
        "--referred",
        referred,
    ])
    .success();
}

fn record(sb: &Sandbox, code: &str, step: &str, date: &str) {
    sb.run(&["case", "record", code, step, "--date", date])
        .success();
}

#[test]
fn clock_prints_the_due_date() {
    let sb = Sandbox::create();
    for (rule, from, due) in [
        ("sin", "2024-12-20", "2024-12-31"),
        ("rapid-review", "2022-09-12", "2022-10-04"),
        ("cspr-publication", "2024-08-31", "2025-02-28"),
        ("sar", "2025-01-15", "2025-07-15"),
    ] {
        sb.cmd()
            .args(["clock", "--rule", rule, "--from", from])
            .assert()
            .success()
            .stdout(format!("{due}\n"));
    }
    sb.cmd()
        .args(["clock", "--rule", "sin", "--from", "2030-12-30"])
        .assert()
        .success()
        .stdout("2031-01-06\n")
        .stderr(predicate::str::contains("beyond the bank holidays"));
    sb.cmd()
        .args(["clock", "--rule", "weekly", "--from", "2025-01-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--rule: Rule must be sin, rapid-review",
        ));
    sb.cmd()
        .args(["clock", "--rule", "sin", "--from", "2025-02-30"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("must be a real date"));
}

#[test]
fn quarter_prints_the_label_with_its_months() {
    let sb = Sandbox::create();
    sb.cmd()
        .args(["quarter", "--date", "2024-11-05"])
        .assert()
        .success()
        .stdout("Q3 2024/25 (October to December 2024)\n");
    sb.cmd()
        .args([
            "quarter",
            "--date",
            "2025-09-30",
            "--year-start-month",
            "10",
        ])
        .assert()
        .success()
        .stdout("Q4 2024/25 (July to September 2025)\n");
    sb.cmd()
        .args([
            "quarter",
            "--date",
            "2025-01-01",
            "--year-start-month",
            "13",
        ])
        .assert()
        .code(2);
}

#[test]
fn a_child_case_from_referral_to_publication() {
    let sb = Sandbox::create();
    sb.init();
    new_case(&sb, "Child Q", "child", "2025-01-06");
    record(&sb, "Child Q", "la-aware", "2025-01-06");
    record(&sb, "Child Q", "sin-sent", "2025-01-09");
    sb.run(&[
        "case",
        "screen",
        "Child Q",
        "--outcome",
        "rapid-review",
        "--date",
        "2025-01-10",
        "--rationale",
        "Serious harm; neglect suspected",
    ])
    .success();
    record(&sb, "Child Q", "rr-meeting", "2025-01-24");
    record(&sb, "Child Q", "rr-sent-to-panel", "2025-01-31");
    sb.run(&[
        "case",
        "record",
        "Child Q",
        "panel-response",
        "--outcome",
        "agrees",
        "--date",
        "2025-02-14",
    ])
    .success();
    sb.run(&[
        "case",
        "decide",
        "Child Q",
        "--outcome",
        "lcspr",
        "--date",
        "2025-02-17",
        "--rationale",
        "Learning about the front door",
    ])
    .success();
    record(&sb, "Child Q", "review-commissioned", "2025-03-03");
    record(&sb, "Child Q", "final-report", "2025-06-30");

    let case = show(&sb, "Child Q");
    assert_eq!(case["stage"], "report");
    assert_eq!(case["events"].as_array().map(Vec::len), Some(9));
    let deadlines = case["deadlines"].as_array().expect("deadlines").clone();
    let summary: Vec<(String, String, String)> = deadlines
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").into(),
                d["due"].as_str().unwrap_or("").into(),
                d["state"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("sin".into(), "2025-01-13".into(), "met".into()),
            ("rapid-review".into(), "2025-01-30".into(), "late".into()),
            ("cspr-publication".into(), "2025-08-17".into(), "due".into()),
        ]
    );
    assert_eq!(
        deadlines[1]["working_days_late"], 1,
        "sent a day after the 15th working day"
    );

    record(&sb, "Child Q", "published", "2025-07-01");
    assert_eq!(show(&sb, "Child Q")["stage"], "published");
    sb.run(&["case", "show", "Child Q"])
        .success()
        .stdout(predicate::str::contains(
            "LCSPR publication target: 17 August 2025 — met",
        ));
}

#[test]
fn an_adult_sar_and_a_joint_case() {
    let sb = Sandbox::create();
    sb.init();
    new_case(&sb, "'Sarah'", "adult", "2025-01-06");
    sb.run(&[
        "case",
        "screen",
        "'Sarah'",
        "--outcome",
        "rapid-review",
        "--date",
        "2025-01-08",
        "--rationale",
        "Died; concern about joint working",
    ])
    .success();
    record(&sb, "'Sarah'", "rr-meeting", "2025-01-20");
    sb.run(&[
        "case",
        "record",
        "'Sarah'",
        "sin-sent",
        "--date",
        "2025-01-21",
    ])
    .code(1)
    .stderr(predicate::str::contains("children only"));
    sb.run(&[
        "case",
        "decide",
        "'Sarah'",
        "--outcome",
        "sar-mandatory",
        "--date",
        "2025-01-31",
        "--rationale",
        "s44(1)-(3) met",
    ])
    .success();
    let sarah = show(&sb, "'Sarah'");
    assert_eq!(sarah["review_types"], serde_json::json!(["sar-mandatory"]));
    assert_eq!(sarah["deadlines"][0]["rule"], "sar");
    assert_eq!(sarah["deadlines"][0]["due"], "2025-07-31");
    for (step, date) in [
        ("review-commissioned", "2025-02-14"),
        ("draft-report", "2025-05-30"),
        ("final-report", "2025-06-27"),
    ] {
        record(&sb, "'Sarah'", step, date);
    }
    sb.run(&[
        "case",
        "record",
        "'Sarah'",
        "not-published",
        "--date",
        "2025-06-30",
    ])
    .code(1)
    .stderr(predicate::str::contains(
        "--note: Enter the reason for not publishing",
    ));
    sb.run(&[
        "case",
        "record",
        "'Sarah'",
        "published",
        "--date",
        "2025-06-30",
    ])
    .success();
    record(&sb, "'Sarah'", "action-plan", "2025-06-30");
    let sarah = show(&sb, "'Sarah'");
    assert_eq!(sarah["stage"], "action_plan_monitoring");
    assert_eq!(
        sarah["deadlines"][0]["state"], "met",
        "final report before the SAR target"
    );

    new_case(&sb, "Case AM", "joint", "2025-02-03");
    record(&sb, "Case AM", "la-aware", "2025-02-03");
    record(&sb, "Case AM", "sin-sent", "2025-02-05");
    sb.run(&[
        "case",
        "screen",
        "Case AM",
        "--outcome",
        "rapid-review",
        "--date",
        "2025-02-05",
        "--rationale",
        "Notified",
    ])
    .success();
    record(&sb, "Case AM", "rr-meeting", "2025-02-20");
    sb.run(&[
        "case",
        "decide",
        "Case AM",
        "--outcome",
        "lcspr",
        "--outcome",
        "sar-discretionary",
        "--outcome",
        "dhr",
        "--date",
        "2025-03-03",
        "--rationale",
        "Joint review with a DHR alongside",
    ])
    .success();
    let joint = show(&sb, "Case AM");
    assert_eq!(
        joint["review_types"],
        serde_json::json!(["lcspr", "sar-discretionary", "dhr"])
    );
    assert_eq!(joint["converted_from_rapid_review"], "2025-02-20");
    for (step, date) in [
        ("review-commissioned", "2025-03-10"),
        ("final-report", "2025-06-20"),
    ] {
        record(&sb, "Case AM", step, date);
    }
    sb.run(&[
        "case",
        "record",
        "Case AM",
        "not-published",
        "--date",
        "2025-06-25",
        "--note",
        "Not published for the family's sake; learning shared in briefings",
    ])
    .success();
    record(&sb, "Case AM", "action-plan", "2025-06-26");
    record(&sb, "Case AM", "closed", "2025-06-30");
    let joint = show(&sb, "Case AM");
    assert_eq!(joint["stage"], "closed");
    assert_eq!(joint["allowed_steps"], serde_json::json!([]));
    let states: Vec<&str> = joint["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .filter_map(|d| d["state"].as_str())
        .collect();
    assert_eq!(
        states,
        ["met", "overdue", "met", "met"],
        "SIN, RR (never sent), publication, SAR"
    );

    let out = sb
        .run(&["deadlines", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let open: Vec<serde_json::Value> = serde_json::from_slice(&out).expect("json");
    let dues: Vec<&str> = open.iter().filter_map(|d| d["due"].as_str()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted, "soonest first");
    assert!(open.iter().any(|d| d["case_code"] == "Case AM"
        && d["rule"] == "rapid-review"
        && d["state"] == "overdue"));
}

#[test]
fn a_step_out_of_order_is_refused_with_the_stage_and_next_steps() {
    let sb = Sandbox::create();
    sb.init();
    new_case(&sb, "Child Q", "child", "2025-01-06");
    sb.run(&[
        "case",
        "record",
        "Child Q",
        "published",
        "--date",
        "2025-02-01",
    ])
    .code(1)
    .stderr(predicate::str::contains(
        "The case is at the stage \"Referral received\"",
    ))
    .stderr(predicate::str::contains("screen, la-aware"));
    let out = sb
        .run(&[
            "--json",
            "case",
            "record",
            "Child Q",
            "published",
            "--date",
            "2025-02-01",
        ])
        .code(1)
        .get_output()
        .stderr
        .clone();
    let body: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(body["code"], "invalid_transition");
    sb.run(&[
        "case",
        "screen",
        "Child Q",
        "--outcome",
        "not-met",
        "--date",
        "2025-01-07",
        "--rationale",
        "No abuse suspected",
    ])
    .success();
    sb.run(&[
        "case",
        "decide",
        "Child Q",
        "--outcome",
        "lcspr",
        "--date",
        "2025-01-08",
        "--rationale",
        "x",
    ])
    .code(1)
    .stderr(predicate::str::contains("\"Did not meet criteria\""));
    assert_eq!(
        show(&sb, "Child Q")["events"].as_array().map(Vec::len),
        Some(1),
        "nothing else written"
    );
}

#[test]
fn a_step_can_be_corrected_with_a_reason() {
    let sb = Sandbox::create();
    sb.init();
    new_case(&sb, "Child Q", "child", "2025-01-06");
    record(&sb, "Child Q", "la-aware", "2025-01-07");
    sb.run(&[
        "case",
        "amend",
        "Child Q",
        "la-aware",
        "--date",
        "2025-01-06",
        "--reason",
        "Date taken from the police log",
    ])
    .success();
    let case = show(&sb, "Child Q");
    assert_eq!(case["events"][0]["occurred_on"], "2025-01-06");
    assert_eq!(
        case["events"][0]["amendments"][0]["previous_date"],
        "2025-01-07"
    );
    assert_eq!(
        case["events"][0]["amendments"][0]["reason"],
        "Date taken from the police log"
    );
    sb.run(&[
        "case",
        "amend",
        "Child Q",
        "sin-sent",
        "--date",
        "2025-01-06",
        "--reason",
        "x",
    ])
    .code(1)
    .stderr(predicate::str::contains("was not found"));
}

#[test]
fn clock_settings_change_the_clocks_of_the_register() {
    let sb = Sandbox::create();
    sb.init();
    let out = sb
        .run(&[
            "settings",
            "--add-closure",
            "2025-01-08",
            "--year-start-month",
            "10",
        ])
        .success()
        .get_output()
        .stdout
        .clone();
    let settings: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(
        settings["local_closures"],
        serde_json::json!(["2025-01-08"])
    );
    assert_eq!(settings["year_start_month"], 10);
    sb.run(&["settings", "--year-start-month", "13"])
        .code(1)
        .stderr(predicate::str::contains("month from 1 to 12"));
    new_case(&sb, "Child Q", "child", "2025-01-06");
    record(&sb, "Child Q", "la-aware", "2025-01-06");
    assert_eq!(
        show(&sb, "Child Q")["deadlines"][0]["due"],
        "2025-01-14",
        "the closure day does not count"
    );
}
