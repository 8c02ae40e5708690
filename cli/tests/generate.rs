//! `casereview generate`: a synthetic register at a small size, the same for
//! the same seed, covering every stage, kind and RAG; absurd sizes and
//! registers that hold anything are refused with nothing written.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::Sandbox;

const SMALL: [&str; 9] = [
    "generate",
    "--cases",
    "30",
    "--actions-per-case",
    "3",
    "--quarters",
    "8",
    "--seed",
    "5",
];

fn json(sb: &Sandbox, args: &[&str]) -> Value {
    let out = sb.run(args).success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON output")
}

/// The value without what differs run to run: ids and time stamps.
fn without_ids(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| {
                    !matches!(
                        k.as_str(),
                        "id" | "case_id"
                            | "recommendation_id"
                            | "created_at"
                            | "updated_at"
                            | "occurred_at"
                    )
                })
                .map(|(k, v)| (k, without_ids(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_ids).collect()),
        other => other,
    }
}

#[test]
fn generates_every_stage_kind_and_rag_and_says_it_is_synthetic() {
    let sb = Sandbox::create();
    sb.init();
    let mut args = SMALL.to_vec();
    args.push("--json");
    let report = json(&sb, &args);
    assert_eq!(report["report"]["cases"], 30);
    assert_eq!(report["report"]["actions"], 90);
    assert_eq!(report["report"]["quarter_reviews"], 8);
    assert!(report["seconds"].as_f64().is_some());
    let cases = sb.cases();
    let stages = [
        "referral_received",
        "not_meeting_criteria",
        "learning_review",
        "rapid_review",
        "decision",
        "review_in_progress",
        "report",
        "published",
        "not_published",
        "action_plan_monitoring",
        "closed",
    ];
    for stage in stages {
        assert!(
            cases.iter().any(|c| c["stage"] == stage),
            "no case at {stage}"
        );
    }
    for kind in ["child", "adult", "joint"] {
        assert!(cases.iter().any(|c| c["kind"] == kind), "no {kind} case");
    }
    let actions = json(&sb, &["actions", "--json"]);
    let actions = actions.as_array().expect("list");
    for rag in ["red", "amber", "green", "blue"] {
        assert!(
            actions.iter().any(|a| a["rag"] == rag),
            "no action rated {rag}"
        );
    }
    sb.run(&["cases"])
        .success()
        .stderr(predicate::str::contains(
            "Demo register: every case in it is fictional.",
        ));
    sb.run(&["check"])
        .success()
        .stdout(predicate::str::starts_with("Register OK"));
}

#[test]
fn the_same_seed_gives_the_same_register() {
    let (first, second) = (Sandbox::create(), Sandbox::create());
    for sb in [&first, &second] {
        sb.init();
        sb.run(&SMALL)
            .success()
            .stdout(predicate::str::contains("30 cases").and(predicate::str::contains("(seed 5)")));
    }
    for listing in [
        &["cases", "--json"][..],
        &["actions", "--json"],
        &["deadlines", "--json"],
    ] {
        assert_eq!(
            without_ids(json(&first, listing)),
            without_ids(json(&second, listing)),
            "{listing:?} differs between two runs with the same seed"
        );
    }
}

#[test]
fn absurd_sizes_are_refused_before_the_passphrase_is_asked_for() {
    let sb = Sandbox::create();
    sb.init();
    let before = sb.change_count();
    sb.run(&["generate", "--cases", "0"])
        .code(1)
        .stderr(predicate::str::contains(
            "--cases: Cases must be from 1 to 50000",
        ));
    sb.run(&[
        "generate",
        "--cases",
        "10000000",
        "--quarters",
        "400",
        "--json",
    ])
    .code(1)
    .stderr(
        predicate::str::contains(r#""code":"validation""#)
            .and(predicate::str::contains(r#""field":"cases""#))
            .and(predicate::str::contains(r#""field":"quarters""#)),
    );
    sb.run(&["generate", "--cases", "20000", "--actions-per-case", "50"])
        .code(1)
        .stderr(predicate::str::contains(
            "--actions-per-case: That would be 1000000 actions",
        ));
    sb.cmd()
        .arg("--db")
        .arg(sb.db())
        .env_remove("CASEREVIEW_PASSPHRASE")
        .args(["generate", "--cases", "0"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Cases must be"));
    assert_eq!(sb.change_count(), before, "nothing was written");
    assert_eq!(sb.cases().len(), 0);
}

#[test]
fn a_register_that_holds_anything_is_refused() {
    let sb = Sandbox::create();
    sb.init();
    sb.new_case("Case AK", &[]).success();
    let before = sb.change_count();
    sb.run(&["generate", "--cases", "5", "--json"])
        .code(1)
        .stderr(predicate::str::contains(r#""code":"not_empty""#));
    assert_eq!(sb.change_count(), before, "nothing was written");
    assert_eq!(sb.cases().len(), 1);
}
