//! `casereview audit`: the audit trail filtered by user, dates and record,
//! paged, as text and JSON, and bad filters refused with the field named.

use predicates::prelude::*;

use crate::util::Sandbox;

/// A register with two cases, by "Subgroup chair", made "today" (the real
/// clock stamps change-log entries).
fn with_cases() -> Sandbox {
    let sb = Sandbox::create();
    sb.init();
    for code in ["Case AK", "Case AL"] {
        sb.new_case(code, &["--referrer", "Police", "--summary", "Fictional"])
            .success();
    }
    sb
}

fn audit_json(sb: &Sandbox, args: &[&str]) -> serde_json::Value {
    let out = sb
        .cmd()
        .arg("--db")
        .arg(sb.db())
        .args(["audit", "--json"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("audit --json is JSON")
}

#[test]
fn the_whole_trail_is_listed_newest_first_with_its_fields() {
    let sb = with_cases();
    sb.run(&["audit"])
        .success()
        .stdout(predicate::str::contains(
            "Subgroup chair create case Case AL",
        ))
        .stdout(predicate::str::contains("    code: (empty) -> Case AL"))
        .stdout(predicate::str::contains(
            "Page 1 of 1 (3 matching changes).",
        ));
    let page = audit_json(&sb, &[]);
    assert_eq!(page["total"], 3, "the register's creation and two cases");
    assert_eq!(page["entries"][0]["label"], "Case AL", "newest first");
}

#[test]
fn filters_narrow_the_trail_and_pages_split_it() {
    let sb = with_cases();
    let ak = audit_json(&sb, &["--record", "case ak"]);
    assert_eq!(ak["total"], 1);
    assert_eq!(ak["entries"][0]["label"], "Case AK");
    let nobody = audit_json(&sb, &["--user", "Someone else"]);
    assert_eq!(nobody["total"], 0);
    let today = chrono::Utc::now().date_naive().to_string();
    let dated = audit_json(
        &sb,
        &["--from", &today, "--to", &today, "--user", "Subgroup chair"],
    );
    assert_eq!(dated["total"], 3);
    let long_ago = audit_json(&sb, &["--to", "2020-01-01"]);
    assert_eq!(long_ago["total"], 0);
    let second = audit_json(&sb, &["--page", "2", "--page-size", "2"]);
    assert_eq!(second["pages"], 2);
    assert_eq!(second["entries"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        second["entries"][0]["entity"], "register",
        "the oldest entry is last"
    );
}

#[test]
fn bad_filters_are_refused_naming_the_field_and_nothing_changes() {
    let sb = with_cases();
    let before = sb.change_count();
    let out = sb
        .cmd()
        .arg("--db")
        .arg(sb.db())
        .args(["--json", "audit", "--from", "2025-02-31", "--to", "soon"])
        .assert()
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
    assert_eq!(fields, ["from", "to"]);
    sb.run(&["audit", "--record", "Case ZZ"])
        .code(1)
        .stderr(predicate::str::contains("Case ZZ"));
    assert_eq!(
        sb.change_count(),
        before,
        "reading the trail writes nothing"
    );
}
