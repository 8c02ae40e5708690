//! The state machine: the journeys the domain allows, the steps it refuses,
//! and a property test that no sequence of steps reaches an inconsistent case.

use super::*;
use proptest::prelude::*;

fn d(iso: &str) -> NaiveDate {
    iso.parse().expect("test date")
}

/// Applies steps one after another, each on the given date.
fn run(kind: CaseKind, steps: &[(Step, &str)]) -> Result<Journey, Refusal> {
    steps.iter().try_fold(Journey::default(), |j, (step, on)| {
        j.apply(kind, step, d(on))
    })
}

fn rapid_review_path() -> Vec<(Step, &'static str)> {
    vec![
        (Step::LaAware, "2025-01-06"),
        (Step::SinSent, "2025-01-09"),
        (Step::Screen(ScreenOutcome::RapidReview), "2025-01-10"),
        (Step::RrMeeting, "2025-01-20"),
        (Step::RrSentToPanel, "2025-01-29"),
        (Step::PanelResponse(PanelView::Agrees), "2025-02-20"),
    ]
}

#[test]
fn a_child_case_goes_from_referral_to_closed() {
    let mut steps = rapid_review_path();
    steps.extend([
        (Step::Decide(vec![ReviewType::Lcspr]), "2025-02-24"),
        (Step::ReviewCommissioned, "2025-03-10"),
        (Step::DraftReport, "2025-06-01"),
        (Step::FinalReport, "2025-07-01"),
        (Step::Published, "2025-08-20"),
        (Step::ActionPlan, "2025-09-01"),
        (Step::Closed, "2026-09-01"),
    ]);
    let journey = run(CaseKind::Child, &steps).expect("the whole journey is allowed");
    assert_eq!(journey.stage, Stage::Closed);
    assert!(
        journey.allowed(CaseKind::Child).is_empty(),
        "nothing follows closing"
    );
}

#[test]
fn an_adult_case_follows_the_sar_path_without_a_notification() {
    let steps = [
        (Step::Screen(ScreenOutcome::RapidReview), "2025-01-10"),
        (Step::RrMeeting, "2025-01-20"),
        (Step::Decide(vec![ReviewType::SarMandatory]), "2025-02-01"),
        (Step::ReviewCommissioned, "2025-02-10"),
        (Step::FinalReport, "2025-07-01"),
    ];
    let journey = run(CaseKind::Adult, &steps).expect("SAR path");
    assert_eq!(journey.stage, Stage::Report);
    let refused = Journey::default().apply(CaseKind::Adult, &Step::LaAware, d("2025-01-01"));
    assert!(refused
        .expect_err("children only")
        .reason
        .contains("children only"));
    let lcspr = run(CaseKind::Adult, &steps[..2]).expect("rr").apply(
        CaseKind::Adult,
        &Step::Decide(vec![ReviewType::Lcspr]),
        d("2025-02-01"),
    );
    assert!(lcspr.is_err(), "an adult case cannot have an LCSPR");
}

#[test]
fn a_joint_case_may_carry_several_review_types() {
    let mut steps = rapid_review_path();
    steps.push((
        Step::Decide(vec![
            ReviewType::SarMandatory,
            ReviewType::Lcspr,
            ReviewType::Dhr,
        ]),
        "2025-02-24",
    ));
    let journey = run(CaseKind::Joint, &steps).expect("joint decision");
    let (_, types) = journey.decided.expect("decided");
    assert_eq!(
        types,
        [ReviewType::Lcspr, ReviewType::SarMandatory, ReviewType::Dhr]
    );
    let child = run(CaseKind::Child, &rapid_review_path())
        .expect("rr")
        .apply(
            CaseKind::Child,
            &Step::Decide(vec![ReviewType::Lcspr, ReviewType::LearningReview]),
            d("2025-02-24"),
        );
    assert!(child.is_err(), "only joint cases carry two review types");
}

#[test]
fn publishing_before_a_decision_is_refused_naming_the_stage_and_next_steps() {
    let refusal = run(CaseKind::Child, &rapid_review_path())
        .expect("rr")
        .apply(CaseKind::Child, &Step::Published, d("2025-03-01"))
        .expect_err("no decision yet");
    assert_eq!(refusal.stage, Stage::RapidReview);
    assert!(refusal.allowed.contains(&StepName::Decide), "{refusal:?}");
    assert!(!refusal.allowed.contains(&StepName::Published));
}

#[test]
fn a_panel_response_before_the_rapid_review_was_sent_is_refused() {
    let steps = &rapid_review_path()[..4];
    let refusal = run(CaseKind::Child, steps)
        .expect("up to the meeting")
        .apply(
            CaseKind::Child,
            &Step::PanelResponse(PanelView::Agrees),
            d("2025-01-25"),
        )
        .expect_err("not sent yet");
    assert!(refusal.allowed.contains(&StepName::RrSentToPanel));
}

#[test]
fn a_case_that_did_not_meet_criteria_gets_no_decision() {
    let journey = run(
        CaseKind::Child,
        &[(Step::Screen(ScreenOutcome::NotMet), "2025-01-10")],
    )
    .expect("screened");
    let refusal = journey
        .apply(
            CaseKind::Child,
            &Step::Decide(vec![ReviewType::Lcspr]),
            d("2025-01-11"),
        )
        .expect_err("did not meet criteria");
    assert_eq!(refusal.stage, Stage::NotMeetingCriteria);
    assert_eq!(refusal.allowed, [StepName::Closed]);
}

#[test]
fn a_notified_case_must_have_a_rapid_review() {
    let steps = [(Step::LaAware, "2025-01-06"), (Step::SinSent, "2025-01-09")];
    let refusal = run(CaseKind::Child, &steps)
        .expect("notified")
        .apply(
            CaseKind::Child,
            &Step::Screen(ScreenOutcome::NotMet),
            d("2025-01-10"),
        )
        .expect_err("must have a rapid review");
    assert!(refusal.reason.contains("must have a Rapid Review"));
}

#[test]
fn a_step_cannot_be_dated_before_the_step_it_follows() {
    let steps = [(Step::LaAware, "2025-01-06")];
    let refusal = run(CaseKind::Child, &steps)
        .expect("aware")
        .apply(CaseKind::Child, &Step::SinSent, d("2025-01-03"))
        .expect_err("before aware");
    assert!(refusal.reason.contains("before"), "{}", refusal.reason);
}

#[test]
fn a_no_review_decision_goes_to_the_action_plan_not_a_review() {
    let mut steps = rapid_review_path();
    steps.push((Step::Decide(vec![ReviewType::NoReview]), "2025-02-24"));
    let journey = run(CaseKind::Child, &steps).expect("decided");
    let allowed = journey.allowed(CaseKind::Child);
    assert!(allowed.contains(&StepName::ActionPlan));
    assert!(!allowed.contains(&StepName::ReviewCommissioned));
}

#[test]
fn clocks_start_and_stop_with_their_steps() {
    let settings = ClockSettings::default();
    let cal = settings.calendar();
    let mut steps = rapid_review_path();
    steps.push((Step::Decide(vec![ReviewType::Lcspr]), "2025-02-24"));
    let journey = run(CaseKind::Child, &steps).expect("decided");
    let deadlines = journey.deadlines(d("2025-03-03"), &settings, &cal);
    let rules: Vec<Rule> = deadlines.iter().map(|d| d.rule).collect();
    assert_eq!(rules, [Rule::Sin, Rule::RapidReview, Rule::CsprPublication]);
    assert_eq!(
        deadlines[0].due,
        d("2025-01-13"),
        "5 working days after Monday 6 January"
    );
    assert_eq!(deadlines[0].done_on, Some(d("2025-01-09")));
    assert_eq!(
        deadlines[1].due,
        d("2025-01-30"),
        "15 working days after 9 January"
    );
    assert_eq!(
        deadlines[2].due,
        d("2025-08-24"),
        "6 months after the decision"
    );
    assert!(deadlines[2].done_on.is_none());
}

fn any_step() -> impl Strategy<Value = Step> {
    let screen = prop_oneof![
        Just(ScreenOutcome::NotMet),
        Just(ScreenOutcome::LearningReview),
        Just(ScreenOutcome::RapidReview)
    ];
    let types = proptest::collection::vec(proptest::sample::select(ReviewType::ALL.to_vec()), 0..4);
    prop_oneof![
        screen.prop_map(Step::Screen),
        Just(Step::LaAware),
        Just(Step::SinSent),
        Just(Step::RrMeeting),
        Just(Step::RrSentToPanel),
        prop_oneof![Just(PanelView::Agrees), Just(PanelView::Disagrees)]
            .prop_map(Step::PanelResponse),
        types.prop_map(Step::Decide),
        Just(Step::ReviewCommissioned),
        Just(Step::DraftReport),
        Just(Step::FinalReport),
        Just(Step::Published),
        Just(Step::NotPublished),
        Just(Step::ActionPlan),
        Just(Step::Closed),
    ]
}

/// What must hold of every journey the machine lets through.
fn consistent(kind: CaseKind, j: &Journey) -> Result<(), String> {
    let check = |ok: bool, what: &str| if ok { Ok(()) } else { Err(what.to_owned()) };
    check(
        j.sin_sent.is_none() || j.la_aware.is_some(),
        "SIN sent without the LA aware",
    )?;
    check(
        j.rr_sent.is_none() || j.rr_meeting.is_some(),
        "RR sent without a meeting",
    )?;
    check(
        j.panel_response.is_none() || j.rr_sent.is_some(),
        "Panel responded to an unsent RR",
    )?;
    check(
        kind != CaseKind::Adult
            || (j.la_aware.is_none() && j.sin_sent.is_none() && j.rr_sent.is_none()),
        "an adult case was notified to the National Panel",
    )?;
    check(
        j.sin_sent.is_none()
            || !matches!(j.stage, Stage::NotMeetingCriteria | Stage::LearningReview),
        "a notified case escaped its Rapid Review",
    )?;
    check(
        j.decided.is_none() || j.rr_meeting.is_some(),
        "a decision without a Rapid Review",
    )?;
    if let Some((_, types)) = &j.decided {
        check(
            !types.is_empty() && check_review_types(kind, types).is_ok(),
            "invalid review types",
        )?;
    }
    let needs = match j.stage {
        Stage::Decision => j.decided.is_some(),
        Stage::ReviewInProgress => j.commissioned.is_some(),
        Stage::Report => j.final_report.is_some(),
        Stage::Published | Stage::NotPublished => {
            j.publication.is_some() && j.final_report.is_some()
        }
        _ => true,
    };
    check(needs, "a stage without the step that leads to it")?;
    check(
        j.publication.is_none() || j.decided.is_some() || j.commissioned.is_some(),
        "published without a review",
    )
}

proptest! {
    #[test]
    fn no_sequence_of_steps_reaches_an_inconsistent_case(
        kind in prop_oneof![Just(CaseKind::Child), Just(CaseKind::Adult), Just(CaseKind::Joint)],
        steps in proptest::collection::vec((any_step(), 0i64..30), 0..40),
    ) {
        let mut journey = Journey::default();
        let mut on = d("2025-01-01");
        for (step, gap) in steps {
            on += chrono::Duration::days(gap - 5);
            match journey.apply(kind, &step, on) {
                Ok(next) => {
                    prop_assert!(consistent(kind, &next).is_ok(), "{:?} after {:?}", consistent(kind, &next), step);
                    journey = next;
                }
                Err(refusal) => {
                    prop_assert_eq!(refusal.stage, journey.stage, "a refusal names the current stage");
                    prop_assert!(!refusal.allowed.contains(&step.name()) || !refusal.reason.is_empty());
                }
            }
        }
    }
}
