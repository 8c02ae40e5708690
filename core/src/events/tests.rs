//! Recording, refusing and amending journey steps in a register.

use super::*;
use crate::cases::{CaseInput, Stage};
use crate::clocks::{DeadlineState, Rule};
use crate::dates::DateInput;
use crate::journey::ScreenOutcome;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 3).expect("real date")
}

fn setup(kind: &str) -> (Register, String) {
    let mut reg = Register::in_memory("Subgroup chair").expect("register");
    let case = reg
        .create_case(
            &CaseInput {
                code: "Case AK".into(),
                kind: kind.into(),
                referred_on: DateInput::from_iso("2025-01-06").expect("iso"),
                ..CaseInput::default()
            },
            today(),
        )
        .expect("case");
    (reg, case.id.to_string())
}

fn step(name: &str, outcome: &[&str], iso: &str, note: &str) -> StepInput {
    StepInput {
        step: name.into(),
        outcome: outcome.iter().map(|o| o.to_string()).collect(),
        date: DateInput::from_iso(iso).expect("iso"),
        note: note.into(),
    }
}

fn record(reg: &mut Register, id: &str, s: StepInput) -> Result<CaseDetail> {
    reg.record_step(id, &s, today())
}

#[test]
fn steps_move_the_stage_and_start_the_clocks() {
    let (mut reg, id) = setup("child");
    record(&mut reg, &id, step("la-aware", &[], "2025-01-06", "")).expect("aware");
    record(&mut reg, &id, step("sin-sent", &[], "2025-01-09", "")).expect("sin");
    let detail = record(
        &mut reg,
        &id,
        step("screen", &["rapid-review"], "2025-01-10", "Meets criteria"),
    )
    .expect("screen");
    assert_eq!(detail.case.stage, Stage::RapidReview);
    assert_eq!(
        reg.get_case(&id).expect("case").stage,
        Stage::RapidReview,
        "stored stage follows"
    );
    let rules: Vec<(Rule, DeadlineState)> =
        detail.deadlines.iter().map(|d| (d.rule, d.state)).collect();
    assert_eq!(
        rules,
        [
            (Rule::Sin, DeadlineState::Met),
            (Rule::RapidReview, DeadlineState::Overdue)
        ]
    );
    assert_eq!(detail.events.len(), 3);
    assert_eq!(
        detail.events[2].step,
        Step::Screen(ScreenOutcome::RapidReview)
    );
    assert!(detail.allowed_steps.contains(&StepName::RrMeeting));
    let open = reg.open_deadlines(today()).expect("open");
    assert_eq!(open.len(), 1, "only the Rapid Review clock still runs");
    assert_eq!(open[0].case_code, "Case AK");
}

#[test]
fn a_step_out_of_order_is_invalid_transition_and_writes_nothing() {
    let (mut reg, id) = setup("child");
    let log_before = reg.changes(None).expect("log").len();
    let err = record(&mut reg, &id, step("published", &[], "2025-02-01", "")).expect_err("refused");
    let Error::InvalidTransition(message) = &err else {
        panic!("expected invalid_transition, got {err}")
    };
    assert!(
        message.contains("\"Referral received\""),
        "names the stage: {message}"
    );
    assert!(
        message.contains("screen, la-aware"),
        "lists the next steps: {message}"
    );
    assert_eq!(
        crate::error::ErrorBody::from(err).code,
        crate::error::ErrorCode::InvalidTransition
    );
    assert_eq!(reg.changes(None).expect("log").len(), log_before);
    assert!(reg
        .case_detail(&id, today())
        .expect("detail")
        .events
        .is_empty());
}

#[test]
fn bad_step_input_gets_field_errors() {
    let (mut reg, id) = setup("child");
    let mut fields = |s: StepInput| match record(&mut reg, &id, s) {
        Err(Error::Validation(f)) => f.into_iter().map(|f| f.field).collect::<Vec<_>>(),
        other => panic!("expected validation, got {other:?}"),
    };
    assert_eq!(fields(step("teleport", &[], "2025-01-10", "")), ["step"]);
    assert_eq!(
        fields(step("screen", &["maybe"], "2025-01-10", "why")),
        ["outcome"]
    );
    assert_eq!(
        fields(step("screen", &["not-met"], "2025-01-10", "")),
        ["note"],
        "rationale required"
    );
    assert_eq!(
        fields(step("la-aware", &[], "2025-04-01", "")),
        ["date"],
        "future date"
    );
    assert_eq!(
        fields(step("la-aware", &["x"], "2025-01-10", "")),
        ["outcome"]
    );
}

#[test]
fn an_amendment_keeps_the_old_value_and_the_reason_and_is_logged() {
    let (mut reg, id) = setup("child");
    let detail = record(&mut reg, &id, step("la-aware", &[], "2025-01-07", "")).expect("aware");
    let event_id = detail.events[0].id.to_string();
    let amend = AmendInput {
        date: DateInput::from_iso("2025-01-06").expect("iso"),
        note: "Police told the duty team on Monday".into(),
        reason: "Date corrected from the police log".into(),
    };
    let detail = reg.amend_step(&event_id, &amend, today()).expect("amended");
    let event = &detail.events[0];
    assert_eq!(
        event.occurred_on,
        NaiveDate::from_ymd_opt(2025, 1, 6).expect("date")
    );
    assert_eq!(event.amendments.len(), 1);
    assert_eq!(
        event.amendments[0].previous_date,
        NaiveDate::from_ymd_opt(2025, 1, 7).expect("date")
    );
    assert_eq!(
        event.amendments[0].reason,
        "Date corrected from the police log"
    );
    assert_eq!(event.amendments[0].amended_by, "Subgroup chair");
    assert_eq!(
        detail.deadlines[0].due,
        NaiveDate::from_ymd_opt(2025, 1, 13).expect("date"),
        "clock moved"
    );
    let logged = reg.changes(Some(&event_id)).expect("log");
    assert_eq!(logged.last().map(|c| c.action.as_str()), Some("update"));
}

#[test]
fn an_amendment_needs_a_reason_and_cannot_break_the_order() {
    let (mut reg, id) = setup("child");
    record(&mut reg, &id, step("la-aware", &[], "2025-01-06", "")).expect("aware");
    let detail = record(&mut reg, &id, step("sin-sent", &[], "2025-01-09", "")).expect("sin");
    let aware_id = detail.events[0].id.to_string();
    let no_reason = AmendInput {
        date: DateInput::from_iso("2025-01-05").expect("iso"),
        ..AmendInput::default()
    };
    assert!(matches!(
        reg.amend_step(&aware_id, &no_reason, today()),
        Err(Error::Validation(_))
    ));
    let long_reason = AmendInput {
        date: DateInput::from_iso("2025-01-05").expect("iso"),
        reason: "x".repeat(crate::text::LONG + 1),
        ..AmendInput::default()
    };
    match reg.amend_step(&aware_id, &long_reason, today()) {
        Err(Error::Validation(errors)) => assert_eq!(errors[0].field, "reason"),
        other => panic!("a reason over the limit was not refused: {other:?}"),
    }
    let after_sin = AmendInput {
        date: DateInput::from_iso("2025-01-10").expect("iso"),
        reason: "typo".into(),
        ..AmendInput::default()
    };
    let err = reg
        .amend_step(&aware_id, &after_sin, today())
        .expect_err("out of order");
    assert!(matches!(err, Error::InvalidTransition(_)), "{err}");
    let kept = reg.case_detail(&id, today()).expect("detail");
    assert_eq!(
        kept.events[0].occurred_on,
        NaiveDate::from_ymd_opt(2025, 1, 6).expect("date"),
        "unchanged"
    );
    assert!(kept.events[0].amendments.is_empty());
}

#[test]
fn a_decision_records_its_types_and_the_rapid_review_it_came_from() {
    let (mut reg, id) = setup("joint");
    for s in [
        step("screen", &["rapid-review"], "2025-01-10", "Meets criteria"),
        step("rr-meeting", &[], "2025-01-20", ""),
    ] {
        record(&mut reg, &id, s).expect("step");
    }
    let detail = record(
        &mut reg,
        &id,
        step("decide", &["sar-mandatory", "lcspr"], "2025-02-03", "Both"),
    )
    .expect("decide");
    assert_eq!(detail.case.stage, Stage::Decision);
    assert_eq!(
        detail.review_types,
        [ReviewType::Lcspr, ReviewType::SarMandatory]
    );
    assert_eq!(
        detail.converted_from_rapid_review,
        NaiveDate::from_ymd_opt(2025, 1, 20)
    );
    let rules: Vec<Rule> = detail.deadlines.iter().map(|d| d.rule).collect();
    assert_eq!(rules, [Rule::CsprPublication, Rule::Sar]);
}

#[test]
fn clock_settings_are_stored_and_change_the_clocks() {
    let (mut reg, id) = setup("child");
    let mut settings = reg.clock_settings().expect("defaults");
    assert_eq!(settings.sin_working_days, 5);
    settings
        .local_closures
        .push(NaiveDate::from_ymd_opt(2025, 1, 8).expect("date"));
    reg.set_clock_settings(&settings).expect("saved");
    let detail = record(&mut reg, &id, step("la-aware", &[], "2025-01-06", "")).expect("aware");
    assert_eq!(
        detail.deadlines[0].due,
        NaiveDate::from_ymd_opt(2025, 1, 14).expect("date")
    );
    let bad = ClockSettings {
        year_start_month: 13,
        ..ClockSettings::default()
    };
    assert!(reg.set_clock_settings(&bad).is_err());
}

#[test]
fn steps_without_an_outcome_decode_as_serde_reads_them() {
    // The dashboard's fast path must build exactly what the stored JSON means.
    for name in crate::journey::StepName::ALL {
        if let Some(step) = super::without_outcome(name) {
            let json = serde_json::json!({ "step": name.as_str() });
            let through_serde: crate::journey::Step =
                serde_json::from_value(json).expect("a step without an outcome");
            assert_eq!(step, through_serde);
            assert_eq!(step.name(), name);
        }
    }
}
