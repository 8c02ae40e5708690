//! The records around a journey from the command line: the Rapid Review, the
//! review with its log and proceedings, and panel meetings.

use predicates::prelude::*;

use crate::util::Sandbox;

fn json(sb: &Sandbox, args: &[&str]) -> serde_json::Value {
    let out = sb.run(args).success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON output")
}

fn with_case(sb: &Sandbox) {
    sb.init();
    sb.run(&[
        "case",
        "new",
        "--code",
        "Child S",
        "--kind",
        "child",
        "--referred",
        "2025-01-06",
    ])
    .success();
}

#[test]
fn the_rapid_review_record_is_kept_field_by_field() {
    let sb = Sandbox::create();
    with_case(&sb);
    json(
        &sb,
        &[
            "case",
            "rapid-review",
            "Child S",
            "--sin-reference",
            "SIN-2025-0142",
            "--facts",
            "Head injury",
        ],
    );
    let record = json(
        &sb,
        &[
            "case",
            "rapid-review",
            "Child S",
            "--criteria-met",
            "yes",
            "--criteria-rationale",
            "Serious harm",
        ],
    );
    assert_eq!(
        record["sin_reference"], "SIN-2025-0142",
        "fields not given are kept"
    );
    assert_eq!(record["criteria_met"], true);
    sb.run(&[
        "case",
        "rapid-review",
        "Child S",
        "--criteria-met",
        "perhaps",
    ])
    .code(1)
    .stderr(predicate::str::contains("Criteria met must be yes or no"));
    let record = json(
        &sb,
        &[
            "case",
            "agency-request",
            "Child S",
            "--agency",
            "Police",
            "--requested",
            "2025-01-10",
            "--received",
            "2025-01-15",
        ],
    );
    assert_eq!(record["agency_requests"][0]["received_on"], "2025-01-15");
}

#[test]
fn the_review_record_log_and_proceedings() {
    let sb = Sandbox::create();
    with_case(&sb);
    let review = json(
        &sb,
        &[
            "case",
            "review",
            "Child S",
            "--reviewer",
            "Independent reviewer",
            "--line-of-enquiry",
            "Critical thinking and challenge",
            "--line-of-enquiry",
            "Sharing information in a timely way",
        ],
    );
    assert_eq!(review["lines_of_enquiry"].as_array().map(Vec::len), Some(2));
    let review = json(
        &sb,
        &[
            "case",
            "review-log",
            "Child S",
            "--kind",
            "progress-check",
            "--date",
            "2025-05-01",
            "--detail",
            "Draft on track for June",
        ],
    );
    assert_eq!(review["log"][0]["kind"], "progress-check");
    let review = json(
        &sb,
        &[
            "case",
            "proceeding",
            "Child S",
            "--kind",
            "inquest",
            "--started",
            "2025-03-01",
            "--holds-publication",
            "--reason",
            "Inquest opened and adjourned",
        ],
    );
    assert_eq!(review["proceedings"][0]["holds_publication"], true);
    sb.run(&[
        "case",
        "proceeding",
        "Child S",
        "--kind",
        "tribunal",
        "--started",
        "2025-03-01",
        "--reason",
        "x",
    ])
    .code(1)
    .stderr(predicate::str::contains(
        "--kind: Choose criminal, inquest, DHR or other",
    ));
}

#[test]
fn panel_meetings_record_attendees_and_decisions() {
    let sb = Sandbox::create();
    with_case(&sb);
    let meeting = json(
        &sb,
        &[
            "--json",
            "panel",
            "new",
            "--date",
            "2025-06-20",
            "--attendee",
            "Subgroup chair, Safeguarding partnership",
            "--attendee",
            "Designated nurse, ICB",
        ],
    );
    let id = meeting["id"].as_str().expect("id").to_owned();
    assert_eq!(meeting["attendees"][1]["agency"], "ICB");
    sb.run(&[
        "panel",
        "decide",
        "--meeting",
        &id,
        "--case",
        "Child S",
        "--decision",
        "Proceed to Rapid Review",
    ])
    .success()
    .stdout(predicate::str::contains("Decision on Child S recorded"));
    let list = json(&sb, &["--json", "panel", "list"]);
    assert_eq!(list[0]["decisions"][0]["case_code"], "Child S");
    sb.run(&[
        "panel",
        "new",
        "--date",
        "2025-06-20",
        "--attendee",
        "Chair without agency",
    ])
    .code(1)
    .stderr(predicate::str::contains("ROLE, AGENCY"));
}
