//! A fictional, lived-in register for newcomers and demonstrations: cases at
//! every stage of the journey, each taken there step by step through the same
//! state machine as real cases, with dates relative to today so its clocks are
//! always live. Demo data only goes into an empty register, and the register is
//! then marked as demo for good, so fictional and real cases never mix.

use chrono::{Days, NaiveDate};

use crate::cases::{self, CaseKind, Stage, ValidCase};
use crate::dates::DateInput;
use crate::error::{Error, Result};
use crate::events;
use crate::journey::{PanelView, ReviewType, ScreenOutcome, Step};
use crate::panels::{Attendee, PanelDecisionInput, PanelMeetingInput};
use crate::rapid_review::{AgencyRequestInput, RapidReviewInput};
use crate::register::Register;
use crate::reviews::{ProceedingInput, ReviewInput, ReviewLogInput, NATIONAL_PANEL_THEMES};

/// A fictional case: code, kind, days before today it was referred, the
/// referring agency, a summary, and its steps (each with how many days ago).
struct DemoCase {
    code: &'static str,
    kind: CaseKind,
    referred: u64,
    referrer: &'static str,
    summary: &'static str,
    steps: Vec<(DemoStep, u64)>,
}

/// Steps as data (a `Step` holding a `Vec` cannot be a constant).
#[derive(Clone, Copy)]
enum DemoStep {
    Screen(ScreenOutcome),
    LaAware,
    SinSent,
    RrMeeting,
    RrSentToPanel,
    PanelAgrees,
    Decide(&'static [ReviewType]),
    Commissioned,
    DraftReport,
    FinalReport,
    Published,
    NotPublished,
    ActionPlan,
    Closed,
}

impl DemoStep {
    fn step(self) -> (Step, &'static str) {
        match self {
            DemoStep::Screen(ScreenOutcome::NotMet) => (
                Step::Screen(ScreenOutcome::NotMet),
                "No indication that abuse or neglect caused the harm; agencies worked well together.",
            ),
            DemoStep::Screen(outcome) => (Step::Screen(outcome), "Meets the criteria discussed at screening."),
            DemoStep::LaAware => (Step::LaAware, ""),
            DemoStep::SinSent => (Step::SinSent, ""),
            DemoStep::RrMeeting => (Step::RrMeeting, ""),
            DemoStep::RrSentToPanel => (Step::RrSentToPanel, ""),
            DemoStep::PanelAgrees => (Step::PanelResponse(PanelView::Agrees), ""),
            DemoStep::Decide(types) => (
                Step::Decide(types.to_vec()),
                "Further learning about multi-agency practice is likely from a full review.",
            ),
            DemoStep::Commissioned => (Step::ReviewCommissioned, ""),
            DemoStep::DraftReport => (Step::DraftReport, ""),
            DemoStep::FinalReport => (Step::FinalReport, ""),
            DemoStep::Published => (Step::Published, ""),
            DemoStep::NotPublished => (
                Step::NotPublished,
                "Not published for the family's sake; learning shared through practitioner briefings.",
            ),
            DemoStep::ActionPlan => (Step::ActionPlan, ""),
            DemoStep::Closed => (Step::Closed, ""),
        }
    }
}

use DemoStep as D;

mod plans;

/// The Rapid Review steps of a notified child case referred `start` days ago.
fn notified(start: u64) -> Vec<(DemoStep, u64)> {
    vec![
        (D::LaAware, start + 2),
        (D::SinSent, start - 1),
        (D::Screen(ScreenOutcome::RapidReview), start - 2),
        (D::RrMeeting, start - 14),
        (D::RrSentToPanel, start - 18),
        (D::PanelAgrees, start - 40),
    ]
}

/// `first` followed by `rest`.
fn then(mut first: Vec<(DemoStep, u64)>, rest: &[(DemoStep, u64)]) -> Vec<(DemoStep, u64)> {
    first.extend_from_slice(rest);
    first
}

/// The demo cases, built when loaded (steps are lists of varying length).
fn cases() -> Vec<DemoCase> {
    vec![
    DemoCase { code: "Child Q", kind: CaseKind::Child, referred: 3, referrer: "Emergency Department",
        summary: "Nine-month-old seen with a fractured femur; the explanation given does not fit the injury.",
        steps: vec![(D::LaAware, 4)] },
    DemoCase { code: "Case AL", kind: CaseKind::Adult, referred: 75, referrer: "Adult Social Care",
        summary: "Older man in supported housing who fell; no abuse or neglect is suspected.",
        steps: vec![(D::Screen(ScreenOutcome::NotMet), 60)] },
    DemoCase { code: "Child R", kind: CaseKind::Child, referred: 110, referrer: "Education",
        summary: "Teenager missing education for a term; reviewed locally for learning on school attendance.",
        steps: vec![(D::Screen(ScreenOutcome::LearningReview), 95)] },
    DemoCase { code: "Child S", kind: CaseKind::Child, referred: 12, referrer: "Police",
        summary: "Toddler with a serious head injury; parents known to services for domestic abuse.",
        steps: vec![(D::LaAware, 14), (D::SinSent, 11), (D::Screen(ScreenOutcome::RapidReview), 10), (D::RrMeeting, 3)] },
    DemoCase { code: "Case AM", kind: CaseKind::Joint, referred: 45, referrer: "Children's Social Care",
        summary: "Young mother, herself a care leaver, and her baby; neglect suspected across both services.",
        steps: then(notified(45), &[(D::Decide(&[ReviewType::Lcspr, ReviewType::SarMandatory]), 4)]) },
    DemoCase { code: "Child T", kind: CaseKind::Child, referred: 160, referrer: "Health visiting service",
        summary: "Infant death with concerns about sleeping arrangements and parental substance use.",
        steps: then(notified(160), &[(D::Decide(&[ReviewType::Lcspr]), 115), (D::Commissioned, 100)]) },
    DemoCase { code: "'Sarah'", kind: CaseKind::Adult, referred: 210, referrer: "Probation Service",
        summary: "Woman with learning disabilities exploited by people living in her flat.",
        steps: vec![(D::Screen(ScreenOutcome::RapidReview), 200), (D::RrMeeting, 190),
                 (D::Decide(&[ReviewType::SarMandatory]), 185), (D::Commissioned, 170)] },
    DemoCase { code: "Child V", kind: CaseKind::Child, referred: 280, referrer: "GP practice",
        summary: "Child with complex health needs; missed appointments were not followed up.",
        steps: then(notified(280), &[(D::Decide(&[ReviewType::Lcspr]), 235), (D::Commissioned, 220),
                 (D::DraftReport, 60), (D::FinalReport, 20)]) },
    DemoCase { code: "Child W", kind: CaseKind::Child, referred: 420, referrer: "Police",
        summary: "Adolescent criminally exploited through county lines.",
        steps: then(notified(420), &[(D::Decide(&[ReviewType::Lcspr]), 375), (D::Commissioned, 365),
                 (D::FinalReport, 240), (D::Published, 200)]) },
    DemoCase { code: "Child Y", kind: CaseKind::Child, referred: 450, referrer: "Ambulance service",
        summary: "Sudden unexpected death of an infant; siblings remain at home.",
        steps: then(notified(450), &[(D::Decide(&[ReviewType::Lcspr]), 400), (D::Commissioned, 390),
                 (D::FinalReport, 250), (D::NotPublished, 230)]) },
    DemoCase { code: "Case AN", kind: CaseKind::Joint, referred: 540, referrer: "Housing",
        summary: "Family in temporary accommodation; learning on information sharing between housing and health.",
        steps: then(notified(540), &[(D::Decide(&[ReviewType::Lcspr, ReviewType::SarDiscretionary]), 495),
                 (D::Commissioned, 490), (D::FinalReport, 330), (D::Published, 300), (D::ActionPlan, 290)]) },
    DemoCase { code: "Adult X", kind: CaseKind::Adult, referred: 820, referrer: "Ambulance service",
        summary: "Man who self-neglected at home; all actions closed with evidence of impact.",
        steps: vec![(D::Screen(ScreenOutcome::RapidReview), 810), (D::RrMeeting, 800),
                 (D::Decide(&[ReviewType::SarDiscretionary]), 790), (D::Commissioned, 780), (D::FinalReport, 600),
                 (D::Published, 580), (D::ActionPlan, 570), (D::Closed, 100)] },
    ]
}

/// Fills an empty register with the demo cases, in one transaction.
/// Refused when the register holds any case.
pub fn load(register: &mut Register, today: NaiveDate) -> Result<usize> {
    if !register.list_cases()?.is_empty() {
        return Err(Error::NotEmpty(
            "Demo data can only be loaded into an empty register, so fictional cases never mix with real ones."
                .to_owned(),
        ));
    }
    let ago = |days: u64| {
        today
            .checked_sub_days(Days::new(days))
            .ok_or_else(|| Error::Internal("demo date out of range".to_owned()))
    };
    let count = register.write(|w| {
        Register::mark_demo(w)?;
        let demo_cases = cases();
        for demo in &demo_cases {
            let valid = ValidCase {
                code: demo.code.to_owned(),
                kind: demo.kind,
                referred_on: ago(demo.referred)?,
                referrer: demo.referrer.to_owned(),
                summary: format!("Fictional. {}", demo.summary),
            };
            let case = cases::insert(w, valid, Stage::ReferralReceived, true)?;
            for &(step, days) in &demo.steps {
                let (step, note) = step.step();
                events::record(w, &case, &step, ago(days)?, note)?;
            }
        }
        Ok(demo_cases.len())
    })?;
    add_records(register, today)?;
    plans::add(register, today)?;
    tracing::info!(cases = count, "demo data loaded");
    Ok(count)
}

/// The records around the journeys: a Rapid Review in progress, a review with
/// its log, proceedings holding a publication back, and a panel meeting.
fn add_records(register: &mut Register, today: NaiveDate) -> Result<()> {
    let ago = |days: u64| DateInput::from_date(today - chrono::Duration::days(days as i64));
    let id =
        |register: &Register, code: &str| register.get_case_by_code(code).map(|c| c.id.to_string());

    let child_s = id(register, "Child S")?;
    register.save_rapid_review(
        &child_s,
        &RapidReviewInput {
            sin_reference: "SIN-DEMO-0142".into(),
            facts: "Fictional. Toddler admitted with a serious head injury; parents give differing accounts.".into(),
            immediate_actions: "Sibling placed with grandparents under a safety plan.".into(),
            ..RapidReviewInput::default()
        },
        today,
    )?;
    for (agency, asked, received) in [
        ("Police", 10, Some(6)),
        ("Health visiting service", 10, None),
        ("Children's Social Care", 9, Some(4)),
    ] {
        let input = AgencyRequestInput {
            agency: agency.into(),
            requested: ago(asked),
            received: received.map(ago).unwrap_or_default(),
            summary: String::new(),
        };
        register.save_agency_request(&child_s, None, &input, today)?;
    }

    let child_t = id(register, "Child T")?;
    register.save_review(
        &child_t,
        &ReviewInput {
            reviewer: "Independent reviewer".into(),
            terms_of_reference: "Fictional. How agencies understood the risks of co-sleeping alongside parental substance use.".into(),
            lines_of_enquiry: vec![NATIONAL_PANEL_THEMES[0].into(), NATIONAL_PANEL_THEMES[3].into()],
            methodology: "Systems review with a practitioner learning event".into(),
        },
    )?;
    let contact = ReviewLogInput {
        kind: "family-contact".into(),
        date: ago(80),
        detail: "Letter to the mother inviting her to contribute".into(),
        outcome: "Agreed to meet the reviewer".into(),
    };
    register.add_review_log(&child_t, &contact, today)?;

    let child_v = id(register, "Child V")?;
    let trial = ProceedingInput {
        kind: "criminal".into(),
        started: ago(200),
        ended: DateInput::default(),
        holds_publication: true,
        reason: "Fictional. Trial of the father listed for next spring; publishing first could prejudice it.".into(),
    };
    register.add_proceeding(&child_v, &trial, today)?;

    let meeting = register.create_panel_meeting(
        &PanelMeetingInput {
            held_on: ago(10),
            attendees: vec![
                Attendee {
                    role: "Subgroup chair".into(),
                    agency: "Safeguarding partnership".into(),
                },
                Attendee {
                    role: "Designated nurse".into(),
                    agency: "Integrated Care Board".into(),
                },
                Attendee {
                    role: "Detective inspector".into(),
                    agency: "Police".into(),
                },
            ],
            notes: String::new(),
        },
        today,
    )?;
    let decision = PanelDecisionInput {
        case_id: child_s,
        decision: "Meets the criteria for a Rapid Review; agencies to return information within five working days.".into(),
    };
    register.add_panel_decision(&meeting.id.to_string(), &decision)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::CaseInput;
    use crate::clocks::DeadlineState;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("real date")
    }

    #[test]
    fn covers_every_stage_and_kind_and_marks_the_register() {
        let mut reg = Register::in_memory("Demo").expect("register");
        let count = load(&mut reg, today()).expect("loads");
        let cases = reg.list_cases().expect("list");
        assert_eq!(cases.len(), count);
        for stage in Stage::ALL {
            assert!(
                cases.iter().any(|c| c.stage == stage),
                "no demo case at {stage:?}"
            );
        }
        for kind in CaseKind::ALL {
            assert!(
                cases.iter().any(|c| c.kind == kind),
                "no demo case of kind {kind:?}"
            );
        }
        assert!(cases.iter().all(|c| c.is_demo && c.referred_on <= today()));
        assert!(reg.is_demo().expect("meta"));
    }

    #[test]
    fn its_clocks_show_running_met_and_overdue_deadlines() {
        let mut reg = Register::in_memory("Demo").expect("register");
        load(&mut reg, today()).expect("loads");
        let open = reg.open_deadlines(today()).expect("deadlines");
        let states: Vec<DeadlineState> = open.iter().map(|d| d.deadline.state).collect();
        assert!(states.contains(&DeadlineState::Due), "{open:?}");
        assert!(states.contains(&DeadlineState::Overdue), "{open:?}");
    }

    #[test]
    fn its_plans_have_shared_actions_and_three_closed_quarters_with_rag_movement() {
        let mut reg = Register::in_memory("Demo").expect("register");
        load(&mut reg, today()).expect("loads");
        let shared = reg.action("DEMO-01").expect("action");
        assert_eq!(shared.answers.len(), 2, "one action answers two reviews");
        let quarters = reg.list_quarter_reviews().expect("quarters");
        assert_eq!(quarters.len(), 4);
        assert!(
            quarters[0].closed_at.is_none(),
            "the current quarter is open for panel mode"
        );
        assert!(quarters[1..].iter().all(|q| q.closed_at.is_some()));
        let latest_closed = &quarters[1];
        assert!(
            latest_closed.updates.iter().any(|u| u.change.rag_changed),
            "RAG moved quarter on quarter"
        );
        assert!(latest_closed.updates.iter().any(|u| u.escalate));
        let relaunch = reg.action("DEMO-04").expect("action");
        assert_eq!(relaunch.history.len(), 1, "its target was revised");
        assert!(!reg.thematic_tracker().expect("tracker").rows.is_empty());
    }

    #[test]
    fn refuses_a_register_with_real_cases_and_changes_nothing() {
        let mut reg = Register::in_memory("Chair").expect("register");
        let form = CaseInput {
            code: "Case AK".into(),
            kind: "child".into(),
            referred_on: DateInput::from_iso("2026-01-05").unwrap_or_default(),
            ..CaseInput::default()
        };
        reg.create_case(&form, today()).expect("real case");
        let err = load(&mut reg, today()).expect_err("refused");
        assert!(matches!(err, Error::NotEmpty(_)));
        assert_eq!(reg.list_cases().map(|c| c.len()).ok(), Some(1));
        assert!(!reg.is_demo().expect("meta"));
    }
}
