//! The review record: narrative, log, proceedings and the delay reason they give.

use super::*;
use crate::cases::CaseInput;
use crate::error::FieldError;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
}

fn setup() -> (Register, String) {
    let mut reg = Register::in_memory("Business officer").expect("register");
    let case = reg
        .create_case(
            &CaseInput {
                code: "Child T".into(),
                kind: "child".into(),
                referred_on: DateInput::from_iso("2025-01-06").expect("iso"),
                ..CaseInput::default()
            },
            today(),
        )
        .expect("case");
    (reg, case.id.to_string())
}

fn fields(result: Result<ReviewRecord>) -> Vec<String> {
    match result {
        Err(Error::Validation(f)) => f
            .into_iter()
            .map(|FieldError { field, .. }| field)
            .collect(),
        other => panic!("expected validation, got {other:?}"),
    }
}

#[test]
fn the_narrative_is_saved_with_preset_and_own_lines_of_enquiry() {
    let (mut reg, id) = setup();
    assert_eq!(reg.review(&id).expect("empty"), ReviewRecord::default());
    let input = ReviewInput {
        reviewer: "Independent reviewer (commissioned)".into(),
        terms_of_reference: "Agreed by the partners on 3 March 2025".into(),
        lines_of_enquiry: vec![
            NATIONAL_PANEL_THEMES[4].into(),
            "  ".into(),
            "Transition to adult services".into(),
        ],
        methodology: "Systems review with a practitioner learning event".into(),
    };
    let saved = reg.save_review(&id, &input).expect("saved");
    assert_eq!(
        saved.lines_of_enquiry,
        [NATIONAL_PANEL_THEMES[4], "Transition to adult services"],
        "blank lines dropped"
    );
    assert!(saved.updated_at.is_some());
    assert_eq!(
        reg.changes(Some(&id))
            .expect("log")
            .last()
            .map(|c| c.entity.as_str()),
        Some("review")
    );
}

#[test]
fn log_entries_need_a_kind_a_past_date_and_detail() {
    let (mut reg, id) = setup();
    let bad = ReviewLogInput {
        kind: "gossip".into(),
        date: DateInput::from_iso("2025-10-01").expect("iso"),
        ..ReviewLogInput::default()
    };
    assert_eq!(
        fields(reg.add_review_log(&id, &bad, today())),
        ["kind", "date", "detail"]
    );
    let good = ReviewLogInput {
        kind: "family-contact".into(),
        date: DateInput::from_iso("2025-04-02").expect("iso"),
        detail: "Letter to mother inviting her to contribute".into(),
        outcome: "Agreed to meet the reviewer".into(),
    };
    let record = reg.add_review_log(&id, &good, today()).expect("added");
    assert_eq!(record.log.len(), 1);
    assert_eq!(record.log[0].kind, ReviewLogKind::FamilyContact);
    assert_eq!(record.log[0].recorded_by, "Business officer");
}

#[test]
fn unfinished_proceedings_that_hold_publication_give_the_delay_reason() {
    let (mut reg, id) = setup();
    assert_eq!(reg.publication_delay_reason(&id).expect("none"), None);
    let trial = ProceedingInput {
        kind: "criminal".into(),
        started: DateInput::from_iso("2025-03-01").expect("iso"),
        ended: DateInput::default(),
        holds_publication: true,
        reason: "Trial listed for January 2026".into(),
    };
    reg.add_proceeding(&id, &trial, today()).expect("added");
    let finished = ProceedingInput {
        kind: "inquest".into(),
        started: DateInput::from_iso("2025-02-01").expect("iso"),
        ended: DateInput::from_iso("2025-05-01").expect("iso"),
        holds_publication: true,
        reason: "Inquest concluded".into(),
    };
    reg.add_proceeding(&id, &finished, today()).expect("added");
    assert_eq!(
        reg.publication_delay_reason(&id)
            .expect("reason")
            .as_deref(),
        Some("Criminal proceedings: Trial listed for January 2026"),
        "only unfinished proceedings that hold publication count"
    );
    let backwards = ProceedingInput {
        ended: DateInput::from_iso("2025-01-01").expect("iso"),
        ..finished
    };
    assert_eq!(
        fields(reg.add_proceeding(&id, &backwards, today())),
        ["ended"]
    );
    assert_eq!(
        reg.review(&id).expect("record").proceedings.len(),
        2,
        "the refused one was not written"
    );
}
