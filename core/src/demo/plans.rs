//! The demo register's action plans: recommendations from several of its
//! reviews and a national report, actions (one shared across reviews), and
//! three closed quarters of reviews with RAG movement, a revised target, a
//! completion and an escalation, then the current quarter opened for panel mode.

use chrono::NaiveDate;

use crate::actions::ActionInput;
use crate::clocks::Quarter;
use crate::dates::DateInput;
use crate::error::Result;
use crate::quarter_reviews::QuarterUpdateInput;
use crate::recommendations::{RecommendationInput, SourceInput};
use crate::register::Register;

/// (source, reference, text, themes)
const RECOMMENDATIONS: &[(&str, &str, &str, &[&str])] = &[
    ("Child W", "R1", "Partners should make sure practitioners understand the signs of criminal exploitation and act on them.", &["Exploitation", "Professional curiosity"]),
    ("Child W", "R2", "Schools and youth services should share concerns about missing episodes the same day.", &["Information sharing", "Exploitation"]),
    ("Case AN", "R1", "Housing and health should agree how they share information about families in temporary accommodation.", &["Information sharing", "Think family"]),
    ("Case AN", "R2", "Practitioners should be supported to challenge one another when a family's circumstances change.", &["Critical thinking and challenge", "Escalation"]),
    ("Adult X", "R1", "Adult social care should review how self-neglect concerns are escalated when a person declines support.", &["Escalation"]),
    ("NP-SUDI", "3", "Local areas should make safer sleep advice part of every contact with families of infants.", &["Think family", "Voice of the child"]),
];

/// (reference, text, lead agency, lead officer, answers (source, reference), themes)
type DemoAction = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

const ACTIONS: &[DemoAction] = &[
    ("DEMO-01", "Deliver multi-agency training on professional curiosity and exploitation for frontline practitioners", "Safeguarding partnership", "Training and development manager", &[("Child W", "R1"), ("Case AN", "R2")], &["Professional curiosity", "Exploitation"]),
    ("DEMO-02", "Agree a same-day protocol for sharing missing-episode concerns between schools and youth services", "Education", "Head of inclusion", &[("Child W", "R2")], &["Information sharing"]),
    ("DEMO-03", "Publish an information-sharing agreement between housing and health for families in temporary accommodation", "Housing", "Head of housing needs", &[("Case AN", "R1")], &["Information sharing", "Think family"]),
    ("DEMO-04", "Relaunch the escalation policy with briefings for every partner agency", "Safeguarding partnership", "Business manager", &[("Case AN", "R2"), ("Adult X", "R1")], &["Escalation"]),
    ("DEMO-05", "Include safer sleep advice in every health visiting contact with families of infants", "Integrated Care Board", "Designated nurse", &[("NP-SUDI", "3")], &["Think family"]),
];

/// Each action's (status, RAG) in the three closed quarters, oldest first.
const HISTORY: [[(&str, &str); 5]; 3] = [
    [
        ("in-progress", "green"),
        ("not-started", "amber"),
        ("in-progress", "green"),
        ("in-progress", "green"),
        ("in-progress", "green"),
    ],
    [
        ("in-progress", "green"),
        ("in-progress", "amber"),
        ("in-progress", "amber"),
        ("in-progress", "red"),
        ("in-progress", "green"),
    ],
    [
        ("complete-awaiting-impact", "green"),
        ("in-progress", "amber"),
        ("in-progress", "red"),
        ("in-progress", "amber"),
        ("in-progress", "green"),
    ],
];

pub(super) fn add(register: &mut Register, today: NaiveDate) -> Result<()> {
    let start = register.clock_settings()?.year_start_month;
    let current = Quarter::containing(today, start);
    let mut quarters = vec![current];
    for _ in 0..3 {
        let first = quarters[0].first_day().pred_opt().unwrap_or(today);
        quarters.insert(0, Quarter::containing(first, start));
    }
    let agreed = DateInput::from_date(quarters[0].first_day());

    register.add_source(
        &SourceInput {
            code: "NP-SUDI".into(),
            kind: "national-review".into(),
            title: "Out of routine: sudden unexpected death in infancy (National Panel)".into(),
            published_on: DateInput::from_iso("2020-07-01").unwrap_or_default(),
        },
        today,
    )?;
    for &(source, reference, text, themes) in RECOMMENDATIONS {
        let input = RecommendationInput {
            source: source.into(),
            reference: reference.into(),
            text: text.into(),
            addressed_to: Vec::new(),
            themes: themes.iter().map(|t| t.to_string()).collect(),
        };
        let id = register.add_recommendation(&input)?.id.to_string();
        register.set_recommendation_outcome(&id, "accepted", "")?;
    }
    for &(reference, text, agency, officer, answers, themes) in ACTIONS {
        let answers = answers
            .iter()
            .map(|(source, r)| {
                register
                    .find_recommendation(source, r)
                    .map(|rec| rec.id.to_string())
            })
            .collect::<Result<Vec<_>>>()?;
        let target = DateInput::from_date(current.last_day() + chrono::Duration::days(90));
        let input = ActionInput {
            reference: reference.into(),
            text: text.into(),
            lead_agency: agency.into(),
            lead_officer: officer.into(),
            target,
            agreed: agreed.clone(),
            answers,
            themes: themes.iter().map(|t| t.to_string()).collect(),
        };
        register.add_action(&input, today)?;
    }

    for (n, states) in HISTORY.iter().enumerate() {
        let code = quarters[n].code();
        register.open_quarter(&code, today)?;
        if n == 1 {
            let later = current.last_day() + chrono::Duration::days(180);
            register.revise_target(
                "DEMO-04",
                &DateInput::from_date(later),
                "Policy owner left; relaunch moved after recruitment",
            )?;
        }
        for (i, &(status, rag)) in states.iter().enumerate() {
            let escalate = n == 2 && i == 2;
            let input = QuarterUpdateInput {
                status: status.into(),
                rag: rag.into(),
                progress_note: format!("Fictional update for {}.", quarters[n].label()),
                evidence: if status == "complete-awaiting-impact" {
                    "Training delivered to 240 practitioners across 9 agencies".into()
                } else {
                    String::new()
                },
                escalate,
                escalation_reason: if escalate {
                    "Housing and health cannot agree data-sharing terms; needs the Executive Board"
                        .into()
                } else {
                    String::new()
                },
            };
            register.update_quarter(&code, ACTIONS[i].0, &input, today)?;
        }
        register.close_quarter(&code, "Subgroup chair")?;
    }
    register.open_quarter(&current.code(), today)?;
    Ok(())
}
