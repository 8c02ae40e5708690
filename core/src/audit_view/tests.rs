//! The audit trail read a page at a time: filters, paging, field changes,
//! bad filters refused, and the chain status.

use chrono::{TimeZone, Utc};
use serde_json::json;

use super::*;
use crate::change_log::{Action, Writer};

/// Logs an entry by `who` at noon on 2025-06-`day`.
fn log(
    register: &mut Register,
    who: &str,
    day: u32,
    entity_id: &str,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
) {
    let at = Utc
        .with_ymd_and_hms(2025, 6, day, 12, 0, 0)
        .single()
        .expect("time");
    let action = if before.is_some() {
        Action::Update
    } else {
        Action::Create
    };
    register
        .write(|w| {
            Writer { tx: w.tx, who, at }.log(
                "case",
                entity_id,
                action,
                before.as_ref(),
                Some(&after),
            )
        })
        .expect("logged");
}

/// 25 entries: Alice on 1–10 June about case-1, Bob on 11–25 June about case-2.
fn busy() -> Register {
    let mut register = Register::in_memory("Chair").expect("register");
    for day in 1..=25 {
        let (who, id) = if day <= 10 {
            ("Alice", "case-1")
        } else {
            ("Bob", "case-2")
        };
        log(
            &mut register,
            who,
            day,
            id,
            Some(
                json!({ "code": "Case AK", "referrer": format!("v{}", day - 1), "updated_at": "x" }),
            ),
            json!({ "code": "Case AK", "referrer": format!("v{day}"), "updated_at": "y" }),
        );
    }
    register
}

fn query(page: u32) -> AuditQuery {
    AuditQuery {
        page,
        page_size: 10,
        ..AuditQuery::default()
    }
}

#[test]
fn pages_are_newest_first_and_count_every_match() {
    let register = busy();
    let first = register.audit_page(&query(1)).expect("page");
    assert_eq!(first.total, 25);
    assert_eq!(first.pages, 3);
    assert_eq!(first.entries.len(), 10);
    assert_eq!(first.entries[0].at, "2025-06-25T12:00:00.000Z");
    let last = register.audit_page(&query(3)).expect("page");
    assert_eq!(last.entries.len(), 5);
    assert_eq!(
        last.entries[4].at, "2025-06-01T12:00:00.000Z",
        "the oldest is last"
    );
    let beyond = register.audit_page(&query(99)).expect("page");
    assert_eq!(beyond.page, 3, "a page past the end shows the last page");
}

#[test]
fn filters_by_user_dates_and_record_combine() {
    let register = busy();
    let by_alice = register
        .audit_page(&AuditQuery {
            user: Some("Alice".into()),
            ..query(1)
        })
        .expect("page");
    assert_eq!(by_alice.total, 10);
    assert!(by_alice.entries.iter().all(|e| e.who == "Alice"));
    let in_range = register
        .audit_page(&AuditQuery {
            from: Some("2025-06-09".into()),
            to: Some("2025-06-12".into()),
            ..query(1)
        })
        .expect("page");
    assert_eq!(
        in_range.total, 4,
        "9, 10, 11 and 12 June: both ends included"
    );
    let bob_on_case_2 = register
        .audit_page(&AuditQuery {
            user: Some("Bob".into()),
            record: Some("case-2".into()),
            to: Some("2025-06-12".into()),
            ..query(1)
        })
        .expect("page");
    assert_eq!(bob_on_case_2.total, 2);
}

#[test]
fn each_entry_says_what_changed_from_what_to_what() {
    let register = busy();
    let newest = &register.audit_page(&query(1)).expect("page").entries[0];
    assert_eq!(newest.label.as_deref(), Some("Case AK"));
    assert_eq!(
        newest.changes,
        [FieldChange {
            field: "referrer".into(),
            before: Some("v24".into()),
            after: Some("v25".into()),
        }],
        "unchanged fields and updated_at are left out"
    );
}

#[test]
fn a_record_is_found_by_its_case_code() {
    let mut register = Register::in_memory("Chair").expect("register");
    let case = register
        .create_case(
            &crate::CaseInput {
                code: "Child Q".into(),
                kind: "child".into(),
                referred_on: crate::DateInput::from_iso("2025-06-04").expect("date"),
                referrer: "Police".into(),
                summary: "Fictional".into(),
            },
            crate::dates::today(),
        )
        .expect("case");
    let page = register
        .audit_page(&AuditQuery {
            record: Some("child q".into()),
            ..query(1)
        })
        .expect("page");
    assert_eq!(page.total, 1);
    assert_eq!(page.entries[0].entity_id, case.id.to_string());
    assert_eq!(
        register
            .record_history(HistoryOf::Case, &case.id.to_string())
            .expect("history")
            .len(),
        1
    );
}

#[test]
fn bad_filters_are_refused_field_by_field() {
    let register = busy();
    let err = register
        .audit_page(&AuditQuery {
            from: Some("2025-13-01".into()),
            to: Some("yesterday".into()),
            user: Some("x".repeat(201)),
            ..query(1)
        })
        .expect_err("refused");
    let Error::Validation(fields) = err else {
        panic!("expected a validation error");
    };
    let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(named, ["user", "from", "to"]);
    let err = register
        .audit_page(&AuditQuery {
            from: Some("2025-06-10".into()),
            to: Some("2025-06-01".into()),
            ..query(1)
        })
        .expect_err("refused");
    assert!(err.to_string().contains("after the start date"), "{err}");
    let err = register
        .audit_page(&AuditQuery {
            record: Some("Case ZZ".into()),
            ..query(1)
        })
        .expect_err("refused");
    assert!(err.to_string().contains("Case ZZ"), "{err}");
}

#[test]
fn users_are_listed_once_and_the_chain_verifies() {
    let register = busy();
    assert_eq!(register.audit_users().expect("users"), ["Alice", "Bob"]);
    let status = register.audit_chain_status().expect("status");
    assert!(status.ok);
    assert_eq!(status.verified, 25);
}

#[test]
fn created_and_deleted_records_list_their_fields() {
    let created = diff(
        None,
        Some(&json!({ "code": "Case AK", "summary": "", "kind": "child" })),
    );
    let fields: Vec<&str> = created.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["code", "kind"], "empty fields are not news");
    let deleted = diff(Some(&json!({ "code": "Case AK" })), None);
    assert_eq!(deleted[0].before.as_deref(), Some("Case AK"));
    assert_eq!(deleted[0].after, None);
}

/// The kinds of record (entity) in a history, each once, sorted.
fn kinds(history: &[AuditEntry]) -> Vec<&str> {
    let mut kinds: Vec<&str> = history.iter().map(|e| e.entity.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// Records whose parts are logged under the parts' own ids (a meeting's
/// decisions, a Rapid Review's agency requests, a review's log and
/// proceedings) show those parts in their history, and only their own.
#[test]
fn a_records_history_includes_its_parts_logged_under_their_own_ids() {
    let mut register = Register::in_memory("Chair").expect("register");
    crate::demo::load(&mut register, crate::dates::today()).expect("demo");
    let meetings = register.list_panel_meetings().expect("meetings");
    let with_decisions = meetings
        .iter()
        .find(|m| !m.decisions.is_empty())
        .expect("a meeting with decisions");
    let history = register
        .record_history(HistoryOf::PanelMeeting, &with_decisions.id.to_string())
        .expect("history");
    assert_eq!(kinds(&history), ["panel_decision", "panel_meeting"]);
    let decisions = history
        .iter()
        .filter(|e| e.entity == "panel_decision")
        .count();
    assert_eq!(decisions, with_decisions.decisions.len());

    let cases = register.list_cases().expect("cases");
    let id_of = |code: &str| {
        cases
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.id.to_string())
            .expect("demo case")
    };
    let child_s = id_of("Child S");
    let rapid = register
        .record_history(HistoryOf::RapidReview, &child_s)
        .expect("rapid review history");
    assert_eq!(kinds(&rapid), ["agency_request", "rapid_review"]);
    // The case's own page shows what is logged under its id, not the parts.
    let case = register
        .record_history(HistoryOf::Case, &child_s)
        .expect("case history");
    assert!(case.iter().all(|e| e.entity_id == child_s));

    for (code, part) in [("Child T", "review_log"), ("Child V", "proceeding")] {
        let review = register
            .record_history(HistoryOf::Review, &id_of(code))
            .expect("review history");
        assert!(
            kinds(&review).contains(&part),
            "{code}: {:?}",
            kinds(&review)
        );
        assert!(
            review
                .iter()
                .all(|e| ["review", "review_log", "proceeding"].contains(&e.entity.as_str())),
            "only the review's own entries"
        );
    }
    // Another case's parts stay out of a record's history.
    let other = register
        .record_history(HistoryOf::RapidReview, &id_of("Child T"))
        .expect("history");
    assert!(other.iter().all(|e| e.entity != "agency_request"));
}

/// A journey step's history holds its creation and its amendment, and no
/// other step's entries.
#[test]
fn a_journey_steps_history_shows_its_amendment() {
    let mut register = Register::in_memory("Chair").expect("register");
    let today = crate::dates::today();
    crate::demo::load(&mut register, today).expect("demo");
    let detail = register
        .list_cases()
        .expect("cases")
        .iter()
        .map(|c| {
            register
                .case_detail(&c.id.to_string(), today)
                .expect("detail")
        })
        .max_by_key(|d| d.events.len())
        .expect("a demo case");
    assert!(detail.events.len() > 1, "the demo case has several steps");
    let step = detail.events.last().expect("a step");
    let step_id = step.id.to_string();
    let amend = crate::events::AmendInput {
        date: crate::DateInput::from_iso(&step.occurred_on.to_string()).expect("date"),
        note: "Corrected note".into(),
        reason: "Typing error".into(),
    };
    register
        .amend_step(&step_id, &amend, today)
        .expect("amended");
    let history = register
        .record_history(HistoryOf::CaseEvent, &step_id)
        .expect("history");
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["update", "create"], "newest first");
    assert!(history.iter().all(|e| e.entity_id == step_id));
    assert!(history[0]
        .changes
        .iter()
        .any(|c| c.field == "note" && c.after.as_deref() == Some("Corrected note")));
}

/// The plan screens know a source by its code: its history is found by
/// code or id alike, and holds only that source's entries.
#[test]
fn a_sources_history_is_found_by_its_code_or_id() {
    let mut register = Register::in_memory("Chair").expect("register");
    let today = crate::dates::today();
    let add = |register: &mut Register, code: &str| {
        register
            .add_source(
                &crate::recommendations::SourceInput {
                    code: code.into(),
                    kind: "audit".into(),
                    title: format!("Audit {code}"),
                    published_on: crate::DateInput::default(),
                },
                today,
            )
            .expect("source")
    };
    let source = add(&mut register, "AUD-1");
    add(&mut register, "AUD-2");
    let by_code = register
        .record_history(HistoryOf::Source, "AUD-1")
        .expect("by code");
    let by_id = register
        .record_history(HistoryOf::Source, &source.id.to_string())
        .expect("by id");
    assert_eq!(by_code.len(), 1);
    assert_eq!(by_code, by_id);
    assert_eq!(by_code[0].label.as_deref(), Some("AUD-1"));
    assert!(register
        .record_history(HistoryOf::Source, "AUD-3")
        .expect("unknown")
        .is_empty());
}

/// The change in `entry` to `field`, after the change.
fn after<'a>(entry: &'a AuditEntry, field: &str) -> Option<&'a str> {
    entry
        .changes
        .iter()
        .find(|c| c.field == field)
        .and_then(|c| c.after.as_deref())
}

/// Ids inside logged values are shown as the records' names (a chair reads
/// "Child S", not a UUID), in lists too; the record's own id is left out,
/// and an id naming nothing the register holds says so in words.
#[test]
fn record_ids_in_changes_are_shown_as_the_records_names() {
    let mut register = Register::in_memory("Chair").expect("register");
    crate::demo::load(&mut register, crate::dates::today()).expect("demo");
    let meeting = register
        .list_panel_meetings()
        .expect("meetings")
        .into_iter()
        .find(|m| !m.decisions.is_empty())
        .expect("a meeting with decisions");
    let history = register
        .record_history(HistoryOf::PanelMeeting, &meeting.id.to_string())
        .expect("history");
    let decision = history
        .iter()
        .find(|e| e.entity == "panel_decision")
        .expect("a decision");
    assert_eq!(
        after(decision, "meeting_id"),
        Some(
            format!(
                "Panel meeting on {}",
                crate::dates::format_long(meeting.held_on)
            )
            .as_str()
        )
    );
    let case_name = after(decision, "case_id").expect("the decision's case");
    assert!(
        register
            .list_cases()
            .expect("cases")
            .iter()
            .any(|c| c.code == case_name),
        "the case is named by its code, not {case_name}"
    );
    let whole = register
        .audit_page(&AuditQuery {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            ..AuditQuery::default()
        })
        .expect("page");
    let answers = whole
        .entries
        .iter()
        .find_map(|e| after(e, "answers"))
        .expect("an action answering recommendations");
    assert!(
        answers.starts_with("[\"Recommendation "),
        "answers named: {answers}"
    );
    for entry in &whole.entries {
        for change in &entry.changes {
            assert_ne!(change.field, "id", "the record's own id is noise");
            for value in [&change.before, &change.after].into_iter().flatten() {
                assert!(
                    !value
                        .split('"')
                        .any(|part| uuid::Uuid::parse_str(part).is_ok()),
                    "no raw id in {}.{}: {value}",
                    entry.entity,
                    change.field
                );
            }
        }
    }

    let gone = "01900000-0000-7000-8000-0000000000ff";
    log(
        &mut register,
        "Chair",
        3,
        "case-9",
        None,
        json!({ "code": "Case Z", "superseded_by": gone }),
    );
    let newest = register.audit_page(&query(1)).expect("page");
    assert_eq!(
        after(&newest.entries[0], "superseded_by"),
        Some(names::UNKNOWN_RECORD)
    );
}

/// The people listed jump through the index are exactly those a plain
/// `SELECT DISTINCT ... ORDER BY who` gives, in its order (bytes: capitals
/// first, letters beyond ASCII last), each once.
#[test]
fn users_are_the_distinct_names_in_byte_order() {
    let mut register = busy();
    for (day, who) in ["alice", "Zoë", "Bob", "Ästrid", "alice", "Al"]
        .into_iter()
        .enumerate()
    {
        log(
            &mut register,
            who,
            day as u32 + 1,
            "case-3",
            None,
            json!({}),
        );
    }
    let plain: Vec<String> = register
        .conn()
        .prepare("SELECT DISTINCT who FROM change_log ORDER BY who")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    let users = register.audit_users().expect("users");
    assert_eq!(users, plain);
    assert_eq!(users, ["Al", "Alice", "Bob", "Zoë", "alice", "Ästrid"]);
    // An empty log: nobody, not one empty name from the first jump.
    let empty = Register::in_memory("Chair").expect("register");
    assert_eq!(empty.audit_users().expect("users"), Vec::<String>::new());
}

/// The list is one index search per person, never a walk of the whole log
/// (or of its whole `who` index), so it stays quick as the log grows.
#[test]
fn users_are_read_by_searching_the_index_not_scanning_the_log() {
    let register = busy();
    let plan =
        crate::index_walk::query_plan(register.conn(), &distinct_values("change_log", "who"));
    let on_log: Vec<&String> = plan.iter().filter(|s| s.contains("change_log")).collect();
    assert_eq!(on_log.len(), 2, "{plan:?}");
    for step in on_log {
        assert!(
            step.starts_with("SEARCH change_log USING COVERING INDEX change_log_by_who"),
            "{plan:?}"
        );
    }
}
