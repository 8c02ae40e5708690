//! Action plans from the command line: recommendations, actions answering
//! several reviews, the duplicate warning, the tracker and quarter reviews.

use predicates::prelude::*;

use crate::util::Sandbox;

fn json(sb: &Sandbox, args: &[&str]) -> serde_json::Value {
    let out = sb.run(args).success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON output")
}

/// Two reviewed cases, a national report and a recommendation from each.
fn plan(sb: &Sandbox) {
    sb.init();
    for code in ["Case AJ", "Case AK"] {
        sb.run(&[
            "case",
            "new",
            "--code",
            code,
            "--kind",
            "child",
            "--referred",
            "2024-05-01",
        ])
        .success();
    }
    sb.run(&[
        "source",
        "add",
        "--code",
        "NP-SUDI",
        "--kind",
        "national-review",
        "--title",
        "Out of routine",
        "--published",
        "2020-07-01",
    ])
    .success();
    for (source, reference) in [("Case AJ", "R3"), ("Case AK", "R1"), ("NP-SUDI", "4")] {
        sb.run(&[
            "recommendation",
            "add",
            "--source",
            source,
            "--ref",
            reference,
            "--text",
            "Improve professional curiosity",
            "--theme",
            "Professional curiosity",
        ])
        .success();
    }
    sb.run(&[
        "action",
        "add",
        "--answers",
        "Case AJ:R3",
        "--answers",
        "Case AK:R1",
        "--ref",
        "24/25-07",
        "--text",
        "Deliver multi-agency training on professional curiosity for frontline practitioners",
        "--agency",
        "Integrated Care Board",
        "--lead",
        "Designated Nurse",
        "--due",
        "2025-03-31",
        "--theme",
        "Professional curiosity",
    ])
    .success();
}

#[test]
fn one_action_answers_several_reviews_and_a_repeat_is_flagged() {
    let sb = Sandbox::create();
    plan(&sb);
    let action = json(&sb, &["action", "show", "--ref", "24/25-07"]);
    assert_eq!(action["answers"].as_array().map(Vec::len), Some(2));
    sb.run(&[
        "action",
        "add",
        "--answers",
        "NP-SUDI:4",
        "--ref",
        "24/25-11",
        "--text",
        "Provide professional curiosity training to all frontline practitioners",
        "--agency",
        "Police",
        "--lead",
        "Detective Inspector",
        "--due",
        "2025-06-30",
    ])
    .success()
    .stderr(predicate::str::contains(
        "this looks like 24/25-07 from Case AJ, Case AK (similar wording)",
    ));
    let linked = json(
        &sb,
        &[
            "action",
            "link",
            "--ref",
            "24/25-07",
            "--answers",
            "NP-SUDI:4",
        ],
    );
    assert_eq!(linked["answers"].as_array().map(Vec::len), Some(3));
}

#[test]
fn bad_plans_are_refused_with_clear_messages() {
    let sb = Sandbox::create();
    plan(&sb);
    sb.run(&[
        "recommendation",
        "add",
        "--source",
        "Case ZZ",
        "--ref",
        "R1",
        "--text",
        "x",
    ])
    .code(1)
    .stderr(predicate::str::contains(
        "There is no case or registered source \"Case ZZ\"",
    ));
    sb.run(&[
        "recommendation",
        "outcome",
        "--source",
        "Case AK",
        "--ref",
        "R1",
        "--outcome",
        "not-accepted",
    ])
    .code(1)
    .stderr(predicate::str::contains("the board must report it"));
    sb.run(&[
        "action",
        "add",
        "--answers",
        "Case AK",
        "--ref",
        "X",
        "--text",
        "x",
        "--agency",
        "a",
        "--lead",
        "b",
        "--due",
        "2025-01-01",
    ])
    .code(1)
    .stderr(predicate::str::contains("CODE:REF"));
    sb.run(&[
        "action",
        "add",
        "--answers",
        "Case AK:R1",
        "--ref",
        "24/25-07",
        "--text",
        "x",
        "--agency",
        "a",
        "--lead",
        "the team",
        "--due",
        "2025-02-30",
    ])
    .code(1)
    .stderr(predicate::str::contains(
        "--lead_officer: Name the lead officer's role",
    ))
    .stderr(predicate::str::contains("Target date must be a real date"))
    .stderr(predicate::str::contains(
        "There is already an action 24/25-07",
    ));
    sb.run(&[
        "action",
        "progress",
        "--ref",
        "24/25-07",
        "--status",
        "complete-embedded",
        "--rag",
        "blue",
    ])
    .code(1)
    .stderr(predicate::str::contains("evidence of impact"));
    assert_eq!(
        json(&sb, &["actions", "--json"]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn the_tracker_lists_filters_and_flags_overdue_actions() {
    let sb = Sandbox::create();
    plan(&sb);
    sb.at("2025-03-01")
        .arg("actions")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("24/25-07").and(predicate::str::contains("OVERDUE").not()),
        );
    sb.at("2025-04-02")
        .args(["actions", "--overdue"])
        .assert()
        .success()
        .stdout(predicate::str::contains("24/25-07").and(predicate::str::contains("OVERDUE")));
    let by_theme = json(
        &sb,
        &["actions", "--json", "--theme", "professional curiosity"],
    );
    assert_eq!(by_theme.as_array().map(Vec::len), Some(1));
    let by_agency = json(&sb, &["actions", "--json", "--agency", "Police"]);
    assert_eq!(by_agency.as_array().map(Vec::len), Some(0));
}

#[test]
fn a_quarter_review_is_opened_updated_and_closed_for_good() {
    let sb = Sandbox::create();
    plan(&sb);
    // The action was agreed on the sandbox's "today", 1 July 2025: review
    // July to September 2025, in August.
    let code = "2025/26-Q2";
    let run = |args: &[&str]| sb.at("2025-08-15").args(args).assert();
    run(&["review", "open", "--quarter", code])
        .success()
        .stdout(predicate::str::contains(
            "Q2 2025/26 (July to September 2025) — 1 actions, open",
        ));
    run(&[
        "review",
        "update",
        "--quarter",
        code,
        "--action",
        "24/25-07",
        "--status",
        "in-progress",
        "--rag",
        "amber",
        "--note",
        "Trainer booked",
        "--escalate",
    ])
    .code(1)
    .stderr(predicate::str::contains("why the action is escalated"));
    run(&[
        "review",
        "update",
        "--quarter",
        code,
        "--action",
        "24/25-07",
        "--status",
        "in-progress",
        "--rag",
        "amber",
        "--note",
        "Trainer booked",
    ])
    .success()
    .stdout(predicate::str::contains("AMBER"));
    run(&[
        "review",
        "close",
        "--quarter",
        code,
        "--by",
        "Subgroup chair",
    ])
    .success()
    .stdout(predicate::str::contains(
        "closed, signed off by Subgroup chair",
    ));
    let out = run(&[
        "--json",
        "review",
        "update",
        "--quarter",
        code,
        "--action",
        "24/25-07",
        "--status",
        "in-progress",
        "--rag",
        "red",
    ])
    .code(1)
    .get_output()
    .stderr
    .clone();
    let body: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(body["code"], "quarter_closed");
    run(&["review", "open", "--quarter", "Q3"])
        .code(1)
        .stderr(predicate::str::contains("Give the quarter as its code"));
}
