//! Quarter reviews: who is on them, updates that change the action, the
//! quarter-on-quarter change, and closed quarters that cannot change.

use super::*;
use crate::actions::ActionInput;
use crate::dates::DateInput;
use crate::recommendations::tests::register_with_sources;
use crate::recommendations::RecommendationInput;

/// This quarter and the next, with a "today" inside the next one. Actions are
/// stamped with the real clock, so the quarters follow it too.
fn quarters() -> (Quarter, Quarter, NaiveDate) {
    let now = Quarter::containing(crate::dates::today(), 4);
    let next_start = now.last_day().succ_opt().expect("date");
    let next = Quarter::containing(next_start, 4);
    (now, next, next_start + chrono::Duration::days(20))
}

fn setup() -> (Register, NaiveDate) {
    let mut reg = register_with_sources();
    let rec = RecommendationInput {
        source: "Case AK".into(),
        reference: "R1".into(),
        text: "Improve professional curiosity".into(),
        ..RecommendationInput::default()
    };
    let rec = reg
        .add_recommendation(&rec)
        .expect("recommendation")
        .id
        .to_string();
    for (reference, agency) in [
        ("24/25-01", "Police"),
        ("24/25-02", "Integrated Care Board"),
    ] {
        let input = ActionInput {
            reference: reference.into(),
            text: format!("Action {reference}"),
            lead_agency: agency.into(),
            lead_officer: "Head of Safeguarding".into(),
            target: DateInput::from_date(crate::dates::today() + chrono::Duration::days(120)),
            agreed: DateInput::default(),
            answers: vec![rec.clone()],
            themes: vec![],
        };
        reg.add_action(&input, crate::dates::today())
            .expect("action");
    }
    (reg, quarters().2)
}

fn update(status: &str, rag: &str, note: &str) -> QuarterUpdateInput {
    QuarterUpdateInput {
        status: status.into(),
        rag: rag.into(),
        progress_note: note.into(),
        ..QuarterUpdateInput::default()
    }
}

#[test]
fn a_quarter_lists_open_actions_and_its_updates_change_the_action() {
    let (mut reg, today) = setup();
    let (now, _, _) = quarters();
    let review = reg.open_quarter(&now.code(), today).expect("opened");
    assert_eq!(review.label, now.label());
    assert_eq!(review.updates.len(), 2);
    let review = reg
        .update_quarter(
            &now.code(),
            "24/25-01",
            &update("in-progress", "green", "Training booked"),
            today,
        )
        .expect("updated");
    let first = &review.updates[0];
    assert_eq!(
        (first.status, first.rag, first.progress_note.as_str()),
        (
            ActionStatus::InProgress,
            Some(Rag::Green),
            "Training booked"
        )
    );
    assert_eq!(first.updated_by.as_deref(), Some("Business officer"));
    assert_eq!(
        reg.action("24/25-01").expect("action").rag,
        Some(Rag::Green),
        "the action itself changed"
    );
    assert!(
        matches!(
            reg.open_quarter(&now.code(), today),
            Err(Error::Validation(_))
        ),
        "opened twice"
    );
}

#[test]
fn bad_updates_are_refused_with_field_messages() {
    let (mut reg, today) = setup();
    let (now, _, _) = quarters();
    reg.open_quarter(&now.code(), today).expect("opened");
    let escalate = QuarterUpdateInput {
        escalate: true,
        ..update("in-progress", "red", "")
    };
    let Err(Error::Validation(fields)) =
        reg.update_quarter(&now.code(), "24/25-01", &escalate, today)
    else {
        panic!("refused")
    };
    assert_eq!(fields[0].field, "escalation_reason");
    let Err(Error::Validation(fields)) = reg.update_quarter(
        &now.code(),
        "24/25-01",
        &update("in-progress", "blue", ""),
        today,
    ) else {
        panic!("refused")
    };
    assert_eq!(
        fields[0].field, "rag",
        "blue only when complete and embedded"
    );
    assert!(matches!(
        reg.update_quarter(
            &now.code(),
            "99/99-99",
            &update("in-progress", "red", ""),
            today
        ),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        reg.open_quarter("Q3", today),
        Err(Error::Validation(_))
    ));
    let future = Quarter::containing(today + chrono::Duration::days(200), 4);
    assert!(
        matches!(
            reg.open_quarter(&future.code(), today),
            Err(Error::Validation(_))
        ),
        "not started yet"
    );
}

#[test]
fn a_closed_quarter_is_a_fixed_record() {
    let (mut reg, today) = setup();
    let (now, _, _) = quarters();
    reg.open_quarter(&now.code(), today).expect("opened");
    reg.update_quarter(
        &now.code(),
        "24/25-01",
        &update("in-progress", "green", "On track"),
        today,
    )
    .expect("updated");
    let closed = reg
        .close_quarter(&now.code(), "Subgroup chair")
        .expect("closed");
    assert_eq!(closed.closed_by.as_deref(), Some("Subgroup chair"));

    let err = reg
        .update_quarter(
            &now.code(),
            "24/25-01",
            &update("in-progress", "red", "Late"),
            today,
        )
        .expect_err("closed");
    assert_eq!(
        crate::error::ErrorBody::from(err).code,
        crate::error::ErrorCode::QuarterClosed
    );
    assert!(matches!(
        reg.close_quarter(&now.code(), "Someone"),
        Err(Error::QuarterClosed(_))
    ));
    // Even SQL that goes round the core cannot change it.
    let direct = reg
        .conn()
        .execute("UPDATE quarter_updates SET progress_note = 'rewritten'", []);
    assert!(direct
        .expect_err("trigger")
        .to_string()
        .contains("quarter_closed"));

    // Later changes to the action change the action, never the closed quarter.
    let progress = ProgressInput {
        status: "in-progress".into(),
        rag: "red".into(),
        ..ProgressInput::default()
    };
    reg.set_progress("24/25-01", &progress, today)
        .expect("action changed");
    let kept = reg.quarter_review(&now.code()).expect("review");
    assert_eq!(
        (kept.updates[0].rag, kept.updates[0].progress_note.as_str()),
        (Some(Rag::Green), "On track")
    );
}

#[test]
fn quarter_on_quarter_change_shows_rag_movement_and_target_slip() {
    let (mut reg, today) = setup();
    let (now, next, _) = quarters();
    reg.open_quarter(&now.code(), today).expect("opened");
    reg.update_quarter(
        &now.code(),
        "24/25-01",
        &update("in-progress", "green", ""),
        today,
    )
    .expect("updated");
    reg.close_quarter(&now.code(), "Chair").expect("closed");
    let before = reg.action("24/25-01").expect("action").target_date;
    reg.revise_target(
        "24/25-01",
        &DateInput::from_date(before + chrono::Duration::days(45)),
        "Provider delay",
    )
    .expect("revised");
    reg.open_quarter(&next.code(), today).expect("next opened");
    let review = reg
        .update_quarter(
            &next.code(),
            "24/25-01",
            &update("in-progress", "amber", "Slipping"),
            today,
        )
        .expect("updated");
    let change = &review.updates[0].change;
    assert_eq!(
        change.previous_quarter.as_deref(),
        Some(now.code().as_str())
    );
    assert_eq!(
        (change.previous_rag, change.rag_changed),
        (Some(Rag::Green), true)
    );
    assert_eq!(change.target_slip_days, Some(45));
    assert!(
        !review.updates[1].change.rag_changed,
        "24/25-02 had no RAG either quarter"
    );
}

#[test]
fn an_action_closed_before_a_quarter_is_not_on_it() {
    let (mut reg, today) = setup();
    let (_, next, _) = quarters();
    let closing = ProgressInput {
        status: "complete-embedded".into(),
        evidence_completion: "Done".into(),
        evidence_impact: "Audit shows the change".into(),
        signed_off_by: "Chair".into(),
        signed_off_on: DateInput::from_date(crate::dates::today()),
        ..ProgressInput::default()
    };
    reg.set_progress("24/25-02", &closing, crate::dates::today())
        .expect("closed now, before the next quarter");
    let review = reg.open_quarter(&next.code(), today).expect("opened");
    let refs: Vec<&str> = review
        .updates
        .iter()
        .map(|u| u.reference.as_str())
        .collect();
    assert_eq!(refs, ["24/25-01"]);
}

#[test]
fn a_note_saved_as_it_is_typed_is_kept_once_and_not_after_closing() {
    let (mut reg, today) = setup();
    let (now, _, _) = quarters();
    reg.open_quarter(&now.code(), today).expect("opened");
    let logged = |reg: &Register| reg.changes(None).expect("log").len();

    let saved = reg
        .save_quarter_note(&now.code(), "24/25-02", "Audit of refer")
        .expect("saved");
    assert_eq!(saved.progress_note, "Audit of refer");
    let after_first = logged(&reg);
    reg.save_quarter_note(&now.code(), "24/25-02", "Audit of referrals done")
        .expect("saved again");
    assert_eq!(logged(&reg), after_first + 1, "each change is logged");
    reg.save_quarter_note(&now.code(), "24/25-02", "Audit of referrals done")
        .expect("same note");
    assert_eq!(
        logged(&reg),
        after_first + 1,
        "the same note is not logged twice"
    );
    let review = reg.quarter_review(&now.code()).expect("review");
    assert_eq!(review.updates[1].progress_note, "Audit of referrals done");
    assert_eq!(
        review.updates[1].status,
        ActionStatus::NotStarted,
        "status untouched"
    );

    assert!(matches!(
        reg.save_quarter_note(&now.code(), "24/25-02", &"x".repeat(20_000)),
        Err(Error::Validation(_))
    ));
    reg.close_quarter(&now.code(), "Subgroup chair")
        .expect("closed");
    assert!(matches!(
        reg.save_quarter_note(&now.code(), "24/25-02", "Changed later"),
        Err(Error::QuarterClosed(_))
    ));
    let kept = reg.quarter_review(&now.code()).expect("review");
    assert_eq!(kept.updates[1].progress_note, "Audit of referrals done");
}

#[test]
fn saving_an_update_again_does_not_repeat_its_evidence() {
    let (mut reg, today) = setup();
    let (now, _, _) = quarters();
    reg.open_quarter(&now.code(), today).expect("opened");
    let mut input = update("in-progress", "amber", "Started");
    input.evidence = "Training plan".into();
    reg.update_quarter(&now.code(), "24/25-01", &input, today)
        .expect("first save");
    input.rag = "green".into();
    reg.update_quarter(&now.code(), "24/25-01", &input, today)
        .expect("second save");
    let code = now.code();
    assert_eq!(
        reg.action("24/25-01").expect("action").evidence_completion,
        format!("{code}: Training plan")
    );
    input.evidence = "Training plan and attendance".into();
    reg.update_quarter(&now.code(), "24/25-01", &input, today)
        .expect("evidence changed");
    assert_eq!(
        reg.action("24/25-01").expect("action").evidence_completion,
        format!("{code}: Training plan and attendance")
    );
}

#[test]
fn quarters_to_choose_say_which_are_open_or_closed_and_an_action_keeps_its_quarters() {
    let (mut reg, today) = setup();
    let (now, next, _) = quarters();
    reg.open_quarter(&now.code(), today).expect("opened");
    reg.update_quarter(
        &now.code(),
        "24/25-01",
        &update("in-progress", "amber", "Started"),
        today,
    )
    .expect("updated");
    reg.close_quarter(&now.code(), "Subgroup chair")
        .expect("closed");
    reg.open_quarter(&next.code(), today).expect("next opened");

    let choices = reg.quarter_choices(today).expect("choices");
    assert_eq!(choices.len(), 9, "this quarter and the eight before it");
    assert_eq!(
        (
            choices[0].code.as_str(),
            choices[0].opened,
            choices[0].closed
        ),
        (next.code().as_str(), true, false)
    );
    assert_eq!(
        (
            choices[1].code.as_str(),
            choices[1].opened,
            choices[1].closed
        ),
        (now.code().as_str(), true, true)
    );
    assert!(!choices[2].opened);

    let history = reg.action_quarters("24/25-01").expect("history");
    let codes: Vec<_> = history.iter().map(|q| q.code.as_str()).collect();
    assert_eq!(codes, [now.code(), next.code()], "oldest first");
    assert!(history[0].closed && !history[1].closed);
    assert_eq!(history[0].update.progress_note, "Started");
}
