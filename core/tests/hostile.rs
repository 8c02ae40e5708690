//! Hostile input to the core function behind every command that writes or
//! looks up a record: a valid input with some of its text (names, notes,
//! date parts, enum names, references) replaced at random by very long,
//! unicode, control-character, NUL, HTML or SQL text, out-of-range dates and
//! references to nothing. Each call must succeed or give a clear error with
//! its code, never panic, and never half-write: a refused call leaves every
//! table's row count (the change log's included) exactly as it was. A text
//! longer than any field allows is always refused.

mod common;

use std::collections::BTreeMap;

use casereview_core::{demo, ErrorCode, Register};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestError};
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The longest text any field accepts (`text::LONG`); anything longer must
/// be refused.
const LONGEST_FIELD: usize = 10_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// A demo register on disk, and a second connection that counts its rows.
struct Harness {
    _dir: tempfile::TempDir,
    register: Register,
    raw: Connection,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::create(dir.path());
    let mut register = Register::open(&path, common::PASSPHRASE).expect("opens");
    demo::load(&mut register, today()).expect("demo data");
    let raw = Connection::open(&path).expect("raw connection");
    raw.pragma_update(None, "key", common::PASSPHRASE)
        .expect("key");
    Harness {
        _dir: dir,
        register,
        raw,
    }
}

/// Every table's row count: what a half-written change would alter.
fn counts(raw: &Connection) -> BTreeMap<String, i64> {
    let mut tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .expect("tables");
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .expect("names")
        .filter_map(std::result::Result::ok)
        .collect();
    names
        .into_iter()
        .map(|name| {
            let n: i64 = raw
                .query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| {
                    r.get(0)
                })
                .expect("count");
            (name, n)
        })
        .collect()
}

/// Text meant to break something: too long, odd unicode, control bytes,
/// NUL, markup, SQL, and numbers that are not a day, month or year.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   \t\n".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("<script>alert(2)</script>".to_owned()),
        Just("'); DROP TABLE cases; --".to_owned()),
        Just("\0".to_owned()),
        Just("before\0after".to_owned()),
        Just("\u{202e}gnp.exe\u{200b}\u{feff}".to_owned()),
        Just("👩‍👩‍👧‍👦 Ünïcödé 𝔘𝔫𝔦".to_owned()),
        "[\\x00-\\x1f\\x7f]{1,16}",
        "\\PC{0,64}",
        (LONGEST_FIELD + 1..LONGEST_FIELD * 2).prop_map(|n| "x".repeat(n)),
        (1usize..400).prop_map(|n| "é".repeat(n)),
        prop_oneof![
            Just("0"),
            Just("-1"),
            Just("32"),
            Just("13"),
            Just("99999"),
            Just("0000"),
            Just("+2025"),
            Just("2025.0"),
            Just("１２"),
            Just("9223372036854775808"),
            Just("00000000-0000-0000-0000-000000000000"),
            Just("not-a-step"),
        ]
        .prop_map(str::to_owned),
    ]
}

/// Replacements: which string of the input (by index, wrapping) becomes what.
fn replacements() -> impl Strategy<Value = Vec<(usize, String)>> {
    proptest::collection::vec((any::<usize>(), hostile()), 1..4)
}

/// The JSON pointers of every string in `value`.
fn strings(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(at),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                strings(item, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

fn input<T: DeserializeOwned>(args: &Value, key: &str) -> T {
    serde_json::from_value(args[key].clone()).expect("the input's shape")
}

fn text<'a>(args: &'a Value, key: &str) -> &'a str {
    args[key].as_str().unwrap_or_default()
}

type Call = fn(&mut Register, &Value) -> casereview_core::Result<()>;

/// Applies `changes` to `base`, calls the command, and checks the outcome.
fn check(
    h: &mut Harness,
    base: &Value,
    changes: &[(usize, String)],
    call: Call,
) -> Result<(), TestCaseError> {
    let mut args = base.clone();
    let mut pointers = Vec::new();
    strings(&args, String::new(), &mut pointers);
    prop_assume!(!pointers.is_empty());
    for (index, replacement) in changes {
        let pointer = &pointers[index % pointers.len()];
        if let Some(slot) = args.pointer_mut(pointer) {
            *slot = Value::String(replacement.clone());
        }
    }
    let longest = pointers
        .iter()
        .filter_map(|p| args.pointer(p).and_then(Value::as_str))
        .map(|s| s.trim().chars().count())
        .max()
        .unwrap_or(0);
    let before = counts(&h.raw);
    let result = call(&mut h.register, &args);
    if longest > LONGEST_FIELD {
        prop_assert!(
            result.is_err(),
            "accepted a {longest}-character text: {}",
            shorten(&args.to_string())
        );
    }
    if let Err(error) = result {
        prop_assert!(
            !matches!(error.code(), ErrorCode::Internal | ErrorCode::Database),
            "unclear error {:?}: {error}",
            error.code()
        );
        prop_assert!(
            !error.to_string().trim().is_empty(),
            "an error with no message"
        );
        if error.code() == ErrorCode::Validation {
            let body = casereview_core::ErrorBody::from(error);
            prop_assert!(!body.fields.is_empty(), "a validation error names no field");
        }
        prop_assert_eq!(
            before,
            counts(&h.raw),
            "a refused call changed the register"
        );
    }
    Ok(())
}

/// Long inputs cut short for a readable failure.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(300).collect();
    if text.chars().count() > 300 {
        out.push('…');
    }
    out
}

fn date(iso: &str) -> Value {
    let (y, rest) = iso.split_at(4);
    json!({"year": y, "month": &rest[1..3], "day": &rest[4..6]})
}

/// Ids of records in the demo register, for the inputs' references.
struct Ids {
    case: String,
    step: String,
    event: String,
    action: String,
    recommendation: String,
    meeting: String,
    quarter: String,
}

fn ids(register: &Register) -> Ids {
    let cases = register.list_cases().expect("cases");
    let (case, step, event) = cases
        .iter()
        .find_map(|c| {
            let detail = register.case_detail(&c.id.to_string(), today()).ok()?;
            let step = detail.allowed_steps.first()?;
            let event = detail.events.first()?;
            Some((
                c.id.to_string(),
                serde_json::to_value(step).ok()?.as_str()?.to_owned(),
                event.id.to_string(),
            ))
        })
        .expect("a demo case with an event and a next step");
    let action = register
        .list_actions(&Default::default(), today())
        .expect("actions")
        .first()
        .map(|a| a.id.to_string())
        .expect("a demo action");
    let recommendation = register
        .list_recommendations()
        .expect("recommendations")
        .first()
        .map(|r| r.id.to_string())
        .expect("a demo recommendation");
    let meeting = register
        .list_panel_meetings()
        .expect("meetings")
        .first()
        .map(|m| m.id.to_string())
        .unwrap_or_default();
    let quarter = register
        .quarter_choices(today())
        .expect("quarters")
        .first()
        .map(|q| q.code.clone())
        .unwrap_or_default();
    Ids {
        case,
        step,
        event,
        action,
        recommendation,
        meeting,
        quarter,
    }
}

/// Every command's base arguments and its call into the core.
fn commands(ids: &Ids) -> Vec<(&'static str, Value, Call)> {
    let case_input = json!({
        "code": "CSPR-2025-77", "kind": "child", "referred_on": date("2025-06-04"),
        "referrer": "Police", "summary": "A summary"
    });
    let mut update_input = case_input.clone();
    update_input["code"] = json!("CSPR-2025-78");
    vec![
        ("create_case", json!({"input": case_input}), |r, a| {
            r.create_case(&input(a, "input"), today()).map(drop)
        }),
        (
            "update_case",
            json!({"id": ids.case, "input": update_input}),
            |r, a| {
                r.update_case(text(a, "id"), &input(a, "input"), today())
                    .map(drop)
            },
        ),
        ("get_case", json!({"id": ids.case}), |r, a| {
            r.get_case(text(a, "id")).map(drop)
        }),
        ("case_detail", json!({"id": ids.case}), |r, a| {
            r.case_detail(text(a, "id"), today()).map(drop)
        }),
        (
            "record_step",
            json!({"id": ids.case, "input": {"step": ids.step, "outcome": [], "date": date("2025-06-20"), "note": "A note"}}),
            |r, a| {
                r.record_step(text(a, "id"), &input(a, "input"), today())
                    .map(drop)
            },
        ),
        (
            "amend_step",
            json!({"id": ids.event, "input": {"date": date("2025-06-10"), "note": "Amended", "reason": "Typo"}}),
            |r, a| {
                r.amend_step(text(a, "id"), &input(a, "input"), today())
                    .map(drop)
            },
        ),
        ("rapid_review", json!({"id": ids.case}), |r, a| {
            r.rapid_review(text(a, "id")).map(drop)
        }),
        (
            "save_rapid_review",
            json!({"id": ids.case, "input": {
                "sin_reference": "SIN-1", "facts": "Facts", "practice_episodes": "Episodes",
                "immediate_actions": "Actions", "learning": "Learning", "inequalities": "None seen",
                "criteria_met": "yes", "criteria_rationale": "Because", "recommendation": "no-review",
                "signed_off_by": "", "signed_off_on": {"day": "", "month": "", "year": ""},
                "panel_comments": ""}}),
            |r, a| {
                r.save_rapid_review(text(a, "id"), &input(a, "input"), today())
                    .map(drop)
            },
        ),
        ("review", json!({"id": ids.case}), |r, a| {
            r.review(text(a, "id")).map(drop)
        }),
        (
            "save_review",
            json!({"id": ids.case, "input": {"reviewer": "A reviewer", "terms_of_reference": "Terms",
                "lines_of_enquiry": ["One", "Two"], "methodology": "Systems"}}),
            |r, a| r.save_review(text(a, "id"), &input(a, "input")).map(drop),
        ),
        (
            "add_review_log",
            json!({"id": ids.case, "input": {"kind": "family-contact", "date": date("2025-06-12"),
                "detail": "Called", "outcome": "No answer"}}),
            |r, a| {
                r.add_review_log(text(a, "id"), &input(a, "input"), today())
                    .map(drop)
            },
        ),
        (
            "add_proceeding",
            json!({"id": ids.case, "input": {"kind": "criminal", "started": date("2025-06-01"),
                "ended": {"day": "", "month": "", "year": ""}, "holds_publication": true, "reason": "Trial"}}),
            |r, a| {
                r.add_proceeding(text(a, "id"), &input(a, "input"), today())
                    .map(drop)
            },
        ),
        (
            "create_panel_meeting",
            json!({"input": {"held_on": date("2025-06-15"),
                "attendees": [{"role": "Chair", "agency": "Police"}], "notes": "Notes"}}),
            |r, a| {
                r.create_panel_meeting(&input(a, "input"), today())
                    .map(drop)
            },
        ),
        (
            "add_panel_decision",
            json!({"id": ids.meeting, "input": {"case_id": ids.case, "decision": "agrees"}}),
            |r, a| {
                r.add_panel_decision(text(a, "id"), &input(a, "input"))
                    .map(drop)
            },
        ),
        (
            "add_theme",
            json!({"name": "Neglect and hostility"}),
            |r, a| r.add_theme(text(a, "name")).map(drop),
        ),
        (
            "add_source",
            json!({"input": {"code": "NAT-2025-1", "kind": "national-review", "title": "A national review",
                "published_on": date("2025-05-01")}}),
            |r, a| r.add_source(&input(a, "input"), today()).map(drop),
        ),
        (
            "add_recommendation",
            json!({"input": {"source": "NAT-2025-1", "reference": "R9", "text": "Do better",
                "addressed_to": ["Police"], "themes": []}}),
            |r, a| r.add_recommendation(&input(a, "input")).map(drop),
        ),
        (
            "set_recommendation_outcome",
            json!({"id": ids.recommendation, "outcome": "not-accepted", "reason": "Out of scope"}),
            |r, a| {
                r.set_recommendation_outcome(text(a, "id"), text(a, "outcome"), text(a, "reason"))
                    .map(drop)
            },
        ),
        ("action", json!({"id": ids.action}), |r, a| {
            r.action(text(a, "id")).map(drop)
        }),
        (
            "similar_actions",
            json!({"text": "Train staff", "themes": ["Neglect"], "agency": "Police"}),
            |r, a| {
                r.similar_actions(
                    text(a, "text"),
                    &input::<Vec<String>>(a, "themes"),
                    text(a, "agency"),
                )
                .map(drop)
            },
        ),
        (
            "add_action",
            json!({"input": {"reference": "A99", "text": "Train staff", "lead_agency": "Police",
                "lead_officer": "Inspector", "target": date("2026-03-31"), "agreed": date("2025-06-01"),
                "answers": [ids.recommendation], "themes": []}}),
            |r, a| r.add_action(&input(a, "input"), today()).map(drop),
        ),
        (
            "link_action",
            json!({"id": ids.action, "recommendation": ids.recommendation}),
            |r, a| {
                r.link_action(text(a, "id"), text(a, "recommendation"))
                    .map(drop)
            },
        ),
        (
            "set_progress",
            json!({"id": ids.action, "input": {"status": "in-progress", "status_reason": "", "superseded_by": "",
                "rag": "amber", "evidence_completion": "Half done", "evidence_impact": "",
                "signed_off_by": "", "signed_off_on": {"day": "", "month": "", "year": ""}}}),
            |r, a| {
                r.set_progress(text(a, "id"), &input(a, "input"), today())
                    .map(drop)
            },
        ),
        (
            "revise_target",
            json!({"id": ids.action, "target": date("2026-09-30"), "reason": "Staff changes"}),
            |r, a| {
                r.revise_target(text(a, "id"), &input(a, "target"), text(a, "reason"))
                    .map(drop)
            },
        ),
        (
            "reopen_action",
            json!({"id": ids.action, "reason": "Not embedded after all"}),
            |r, a| r.reopen_action(text(a, "id"), text(a, "reason")).map(drop),
        ),
        ("open_quarter", json!({"code": ids.quarter}), |r, a| {
            r.open_quarter(text(a, "code"), today()).map(drop)
        }),
        ("quarter_review", json!({"code": ids.quarter}), |r, a| {
            r.quarter_review(text(a, "code")).map(drop)
        }),
        (
            "save_quarter_note",
            json!({"code": ids.quarter, "action": ids.action, "note": "Discussed"}),
            |r, a| {
                r.save_quarter_note(text(a, "code"), text(a, "action"), text(a, "note"))
                    .map(drop)
            },
        ),
        (
            "close_quarter",
            json!({"code": ids.quarter, "by": "Subgroup chair"}),
            |r, a| r.close_quarter(text(a, "code"), text(a, "by")).map(drop),
        ),
        ("action_quarters", json!({"id": ids.action}), |r, a| {
            r.action_quarters(text(a, "id")).map(drop)
        }),
    ]
}

/// Runs the property over one command, on a register of its own.
fn hostile_command(name: &str) {
    let h = std::cell::RefCell::new(harness());
    let ids = ids(&h.borrow().register);
    let (_, base, call) = commands(&ids)
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .expect("a known command");
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let outcome = runner.run(&replacements(), |changes| {
        check(&mut h.borrow_mut(), &base, &changes, call)
    });
    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(why, changes)) => panic!(
            "{name}: {}; with {}",
            shorten(&why.to_string()),
            shorten(&format!("{changes:?}"))
        ),
        Err(TestError::Abort(why)) => panic!("{name}: {why}"),
    }
}

macro_rules! hostile_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                hostile_command(stringify!($name));
            }
        )*
    };
}

hostile_tests!(
    create_case,
    update_case,
    get_case,
    case_detail,
    record_step,
    amend_step,
    rapid_review,
    save_rapid_review,
    review,
    save_review,
    add_review_log,
    add_proceeding,
    create_panel_meeting,
    add_panel_decision,
    add_theme,
    add_source,
    add_recommendation,
    set_recommendation_outcome,
    action,
    similar_actions,
    add_action,
    link_action,
    set_progress,
    revise_target,
    reopen_action,
    open_quarter,
    quarter_review,
    save_quarter_note,
    close_quarter,
    action_quarters,
);

/// The base inputs themselves are accepted or refused only for what they
/// say, never with an unclear error: the properties start from real records.
#[test]
fn base_inputs_reach_the_core() {
    let mut h = harness();
    let ids = ids(&h.register);
    for (name, base, call) in commands(&ids) {
        if let Err(error) = call(&mut h.register, &base) {
            assert!(
                !matches!(error.code(), ErrorCode::Internal | ErrorCode::Database),
                "{name}: {error}"
            );
            eprintln!("{name}: base input refused: {:?}: {error}", error.code());
        }
    }
}
