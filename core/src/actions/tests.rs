//! Actions: many-to-many answers, the status and RAG rules, target revisions,
//! reopening, and the duplicate warning.

use super::*;
use crate::recommendations::tests::register_with_sources;
use crate::recommendations::RecommendationInput;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
}

fn recommendation(reg: &mut Register, source: &str, reference: &str) -> String {
    let input = RecommendationInput {
        source: source.into(),
        reference: reference.into(),
        text: "Improve professional curiosity".into(),
        ..RecommendationInput::default()
    };
    reg.add_recommendation(&input)
        .expect("recommendation")
        .id
        .to_string()
}

fn action(reference: &str, text: &str, answers: Vec<String>) -> ActionInput {
    ActionInput {
        reference: reference.into(),
        text: text.into(),
        lead_agency: "Integrated Care Board".into(),
        lead_officer: "Designated Nurse for Safeguarding Children".into(),
        target: DateInput::from_iso("2025-12-31").expect("iso"),
        agreed: DateInput::default(),
        answers,
        themes: vec!["Professional curiosity".into()],
    }
}

fn progress(status: &str, rag: &str) -> ProgressInput {
    ProgressInput {
        status: status.into(),
        rag: rag.into(),
        ..ProgressInput::default()
    }
}

fn fields(result: Result<ActionRecord>) -> Vec<String> {
    match result {
        Err(Error::Validation(f)) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("expected validation, got {other:?}"),
    }
}

fn setup() -> (Register, String) {
    let mut reg = register_with_sources();
    let aj = recommendation(&mut reg, "Case AJ", "R3");
    let ak = recommendation(&mut reg, "Case AK", "R1");
    let added = reg
        .add_action(&action(
            "24/25-07",
            "Deliver multi-agency training on professional curiosity for frontline practitioners",
            vec![aj, ak],
        ), today())
        .expect("action");
    (reg, added.id.to_string())
}

#[test]
fn one_action_answers_recommendations_from_several_reviews() {
    let (mut reg, id) = setup();
    let record = reg.action(&id).expect("action");
    let answered: Vec<(&str, &str)> = record
        .answers
        .iter()
        .map(|a| (a.source_code.as_str(), a.reference.as_str()))
        .collect();
    assert_eq!(answered, [("Case AJ", "R3"), ("Case AK", "R1")]);
    assert_eq!(record.status, ActionStatus::NotStarted);
    let national = recommendation(&mut reg, "NP-SUDI", "4");
    let linked = reg.link_action("24/25-07", &national).expect("linked");
    assert_eq!(linked.answers.len(), 3, "linked instead of written again");
    assert_eq!(reg.action("24/25-07").expect("by reference").id, record.id);
}

#[test]
fn bad_actions_are_refused_and_nothing_is_written() {
    let (mut reg, _) = setup();
    let mut input = action("24/25-07", "", vec![]);
    input.lead_officer = "The team".into();
    input.target = DateInput::from_iso("2025-02-30").expect("iso");
    assert_eq!(
        fields(reg.add_action(&input, today())),
        ["text", "lead_officer", "target", "answers", "reference"]
    );
    assert_eq!(
        reg.list_actions(&ActionFilter::default(), today())
            .expect("list")
            .len(),
        1
    );
}

#[test]
fn closing_needs_evidence_of_completion_impact_and_sign_off() {
    let (mut reg, id) = setup();
    assert_eq!(
        fields(reg.set_progress(&id, &progress("complete-embedded", "blue"), today())),
        ["evidence_completion", "evidence_impact", "signed_off_by"]
    );
    assert_eq!(
        fields(reg.set_progress(&id, &progress("complete-awaiting-impact", "green"), today())),
        ["evidence_completion"]
    );
    assert_eq!(
        fields(reg.set_progress(&id, &progress("in-progress", "blue"), today())),
        ["rag"],
        "blue only when embedded"
    );
    assert_eq!(
        fields(reg.set_progress(&id, &progress("paused", "amber"), today())),
        ["status_reason"]
    );
    assert_eq!(
        reg.action(&id).expect("unchanged").status,
        ActionStatus::NotStarted
    );

    let closing = ProgressInput {
        evidence_completion: "Training delivered to 240 practitioners".into(),
        evidence_impact: "Audit of 30 cases shows curiosity recorded in 27".into(),
        signed_off_by: "Subgroup chair".into(),
        signed_off_on: DateInput::from_iso("2025-08-29").expect("iso"),
        ..progress("complete-embedded", "")
    };
    let closed = reg.set_progress(&id, &closing, today()).expect("closed");
    assert_eq!(
        (closed.status, closed.rag),
        (ActionStatus::CompleteEmbedded, Some(Rag::Blue))
    );
    let err = reg
        .set_progress(&id, &progress("in-progress", "amber"), today())
        .expect_err("closed");
    assert!(matches!(err, Error::InvalidTransition(_)), "{err}");
}

#[test]
fn a_closed_action_reopens_with_a_reason_kept_in_its_history() {
    let (mut reg, id) = setup();
    let r2 = recommendation(&mut reg, "Case AK", "R2");
    let other = reg
        .add_action(
            &action("24/25-09", "Embed curiosity in supervision", vec![r2]),
            today(),
        )
        .expect("other");
    let superseding = ProgressInput {
        superseded_by: "24/25-09".into(),
        ..progress("superseded", "")
    };
    let superseded = reg
        .set_progress(&id, &superseding, today())
        .expect("superseded");
    assert_eq!(superseded.superseded_by.as_deref(), Some("24/25-09"));
    assert!(
        matches!(
            reg.reopen_action(&other.id.to_string(), "x"),
            Err(Error::InvalidTransition(_))
        ),
        "not closed"
    );
    assert!(matches!(
        reg.reopen_action(&id, " "),
        Err(Error::Validation(_))
    ));
    let reopened = reg
        .reopen_action(&id, "Audit found the training did not reach GPs")
        .expect("reopened");
    assert_eq!(reopened.status, ActionStatus::InProgress);
    assert_eq!(
        reopened.history.last().map(|h| h.kind.as_str()),
        Some("reopened")
    );
}

#[test]
fn target_revisions_keep_the_old_date_and_the_reason() {
    let (mut reg, id) = setup();
    let revised = reg
        .revise_target(
            &id,
            &DateInput::from_iso("2026-03-31").expect("iso"),
            "Trainer unavailable until the new year",
        )
        .expect("revised");
    assert_eq!(
        revised.target_date,
        NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")
    );
    let entry = &revised.history[0];
    assert_eq!(
        (entry.previous.as_deref(), entry.current.as_deref()),
        (Some("2025-12-31"), Some("2026-03-31"))
    );
    assert_eq!(entry.who, "Business officer");
    assert!(matches!(
        reg.revise_target(&id, &DateInput::from_iso("2026-04-01").expect("iso"), ""),
        Err(Error::Validation(_))
    ));
}

#[test]
fn a_new_action_that_repeats_an_open_one_is_flagged() {
    let (reg, _) = setup();
    let similar = reg
        .similar_actions(
            "Provide professional curiosity training to all frontline practitioners",
            &[],
            "",
        )
        .expect("similar");
    assert_eq!(similar.len(), 1);
    assert_eq!(similar[0].reference, "24/25-07");
    assert_eq!(similar[0].sources, ["Case AJ", "Case AK"]);
    assert_eq!(similar[0].why, "similar wording");
    let by_theme = reg
        .similar_actions(
            "Refresh the supervision policy",
            &["professional curiosity".into()],
            "Integrated Care Board",
        )
        .expect("similar");
    assert_eq!(
        by_theme.first().map(|s| s.why.as_str()),
        Some("same theme and lead agency")
    );
    assert!(reg
        .similar_actions("Audit interpreters in assessments", &[], "Police")
        .expect("none")
        .is_empty());
}

#[test]
fn the_tracker_filters_by_theme_agency_and_overdue() {
    let (mut reg, _) = setup();
    let mut late = action(
        "23/24-02",
        "Relaunch the escalation policy",
        vec![recommendation(&mut reg, "Case AJ", "R1")],
    );
    late.target = DateInput::from_iso("2024-03-31").expect("iso");
    late.lead_agency = "Police".into();
    late.themes = vec!["Escalation".into()];
    reg.add_action(&late, today()).expect("late action");
    let list = |reg: &Register, filter: ActionFilter| {
        reg.list_actions(&filter, today())
            .expect("list")
            .into_iter()
            .map(|a| a.reference)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        list(
            &reg,
            ActionFilter {
                overdue: true,
                ..Default::default()
            }
        ),
        ["23/24-02"]
    );
    assert_eq!(
        list(
            &reg,
            ActionFilter {
                theme: Some("escalation".into()),
                ..Default::default()
            }
        ),
        ["23/24-02"]
    );
    assert_eq!(
        list(
            &reg,
            ActionFilter {
                agency: Some("integrated care board".into()),
                ..Default::default()
            }
        ),
        ["24/25-07"]
    );
}
