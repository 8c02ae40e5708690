//! The annual report section's figures, counted from the journey steps
//! dated in the reporting year.

use super::*;
use crate::actions::{ActionStatus, Rag};
use crate::cases::CaseKind;
use crate::clocks::ClockSettings;
use crate::recommendations::{RecommendationOutcome, SourceKind};
use crate::reports::{AnnualFigures, KindCounts, ReportingYear};

fn year(label: &str) -> ReportingYear {
    ReportingYear::parse(label, 4).expect("year")
}

#[test]
fn the_years_figures_count_only_steps_dated_within_it() {
    let reg = hand_built();
    let report = reg
        .annual_report(&year("2024/25"), today())
        .expect("report");
    assert_eq!(report.year_label, "1 April 2024 to 31 March 2025");
    assert_eq!(
        report.figures,
        AnnualFigures {
            // Child A was referred in March 2024 and Child D in April 2025.
            referrals: KindCounts {
                child: 2,
                adult: 2,
                joint: 1,
                total: 5
            },
            // Child A's Rapid Review met in April 2024, inside the year.
            rapid_reviews_held: 4,
            not_meeting_criteria: 1,
            progressed_to_lcspr: 2,
            progressed_to_sar: 2,
            sar_mandatory: 1,
            sar_discretionary: 1,
            progressed_to_other_learning: 1,
            learning_reviews_outside_criteria: 1,
            dhr_alongside: 1,
            no_further_review: 1,
            // Case C was commissioned after the year.
            reviews_commissioned: 3,
            reviews_completed: 2,
            reviews_published: 1,
            reviews_not_published: 0,
            // Child A (awaiting publication), Case C and Child F.
            reviews_in_progress_at_year_end: 3,
            reviews_past_target_at_year_end: 1,
        }
    );
    let next = reg
        .annual_report(&year("2025/26"), today())
        .expect("next year");
    assert_eq!(next.figures.referrals.total, 1, "Child D");
    assert_eq!(next.figures.not_meeting_criteria, 1);
    assert_eq!(next.figures.reviews_published, 1, "Child A, in April 2025");
    assert_eq!(next.figures.reviews_commissioned, 1, "Case C");
}

#[test]
fn reviews_in_progress_at_year_end_say_where_they_stood_and_why_delayed() {
    let report = hand_built()
        .annual_report(&year("2024/25"), today())
        .expect("report");
    let codes: Vec<&str> = report
        .reviews_in_progress
        .iter()
        .map(|r| r.case_code.as_str())
        .collect();
    assert_eq!(codes, ["Case C", "Child A", "Child F"]);
    let a = &report.reviews_in_progress[1];
    assert_eq!(a.review, "LCSPR");
    assert_eq!(a.stage, "Final report received; awaiting publication");
    assert_eq!(
        a.target,
        Some(date("2024-11-10")),
        "six months from the decision"
    );
    assert!(a.past_target);
    assert_eq!(
        a.reason_for_delay.as_deref(),
        Some("Criminal proceedings: Trial of the stepfather"),
        "the trial ended only after the year, so it still held publication then"
    );
    let c = &report.reviews_in_progress[0];
    assert_eq!(c.kind, CaseKind::Joint);
    assert_eq!(
        c.review,
        "LCSPR and SAR (discretionary) with a DHR alongside"
    );
    assert_eq!(c.stage, "Decided; not yet commissioned");
    assert_eq!(c.commissioned_on, None, "commissioned after the year");
    assert!(!c.past_target);
    let f = &report.reviews_in_progress[2];
    assert_eq!((f.review.as_str(), f.target), ("Learning review", None));

    let concluded: Vec<(&str, Option<NaiveDate>)> = report
        .reviews_concluded
        .iter()
        .map(|r| (r.case_code.as_str(), r.published))
        .collect();
    assert_eq!(
        concluded,
        [("Adult B", Some(date("2025-03-01"))), ("Child A", None)],
        "Child A's report came in the year; its publication did not"
    );
}

#[test]
fn the_record_of_recommendations_and_actions_covers_the_year() {
    let report = hand_built()
        .annual_report(&year("2024/25"), today())
        .expect("report");
    let sources: Vec<(&str, SourceKind, Vec<&str>)> = report
        .sources
        .iter()
        .map(|s| {
            (
                s.code.as_str(),
                s.kind,
                s.recommendations
                    .iter()
                    .map(|r| r.reference.as_str())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        sources,
        [
            ("Adult B", SourceKind::LocalReview, vec!["R1", "R2"]),
            ("Child A", SourceKind::LocalReview, vec!["R1"]),
            // NP-X 2's only action closed before the year began.
            ("NP-X", SourceKind::NationalReview, vec!["1"]),
        ]
    );
    let b = &report.sources[0].recommendations;
    assert_eq!(
        b[0].actions,
        ["24/25-01"],
        "not 25/26-01, agreed after the year"
    );
    assert_eq!(b[1].outcome, RecommendationOutcome::NotAccepted);
    assert!(b[1].actions.is_empty());
    assert_eq!(
        report.sources[1].recommendations[0].outcome_label,
        "Decision pending"
    );

    assert_eq!(report.actions.len(), 1);
    let action = &report.actions[0];
    assert_eq!(action.reference, "24/25-01");
    assert_eq!(action.answers, ["Adult B R1", "NP-X 1"]);
    assert_eq!(
        (action.status, action.rag),
        (ActionStatus::InProgress, Some(Rag::Amber)),
        "as the year's last quarter left it, not as completed in May"
    );
    assert_eq!(
        action.position,
        "At the Q4 2024/25 (January to March 2025) review"
    );
    assert_eq!(
        action.progress,
        ["Q4 2024/25 (January to March 2025): Briefings half delivered"]
    );
    assert_eq!(
        action.evidence_of_impact,
        "Escalations rose from 3 to 11 a quarter"
    );
    assert_eq!(
        (
            report.impact.actions,
            report.impact.completed,
            report.impact.with_evidence_of_impact
        ),
        (1, 0, 1)
    );

    assert_eq!(report.not_accepted.len(), 1);
    let refused = &report.not_accepted[0];
    assert_eq!(
        (refused.source.as_str(), refused.reference.as_str()),
        ("Adult B", "R2")
    );
    assert_eq!(
        refused.reason,
        "The service it names was decommissioned in 2024"
    );
}

#[test]
fn a_year_starting_in_october_moves_the_figures() {
    let mut reg = journeys();
    let settings = ClockSettings {
        year_start_month: 10,
        ..ClockSettings::default()
    };
    reg.set_clock_settings(&settings).expect("settings");
    let year = ReportingYear::parse("2024/25", 10).expect("year");
    assert_eq!(
        (year.from, year.to),
        (date("2024-10-01"), date("2025-09-30"))
    );
    let report = reg.annual_report(&year, today()).expect("report");
    // October 2024 to "today": Adult E, Child F, Case C and Child D.
    assert_eq!(report.figures.referrals.total, 4);
    assert_eq!(report.figures.reviews_published, 2, "Adult B and Child A");
}

#[test]
fn the_demo_registers_year_is_counted_from_its_journeys() {
    let reg = demo();
    let report = reg
        .annual_report(&year("2024/25"), demo_today())
        .expect("report");
    assert!(report.demo, "the report says the data is fictional");
    let f = &report.figures;
    // Referred in the year: Child T, Child V, Child W, Child Y and 'Sarah'.
    assert_eq!(
        f.referrals,
        KindCounts {
            child: 4,
            adult: 1,
            joint: 0,
            total: 5
        }
    );
    assert_eq!(f.rapid_reviews_held, 4);
    assert_eq!((f.progressed_to_lcspr, f.progressed_to_sar), (4, 2));
    assert_eq!(f.reviews_commissioned, 5);
    assert_eq!(
        (
            f.reviews_completed,
            f.reviews_published,
            f.reviews_not_published
        ),
        (3, 2, 1)
    );
    let in_progress: Vec<&str> = report
        .reviews_in_progress
        .iter()
        .map(|r| r.case_code.as_str())
        .collect();
    assert_eq!(in_progress, ["'Sarah'", "Child V"]);
    assert!(
        report.reviews_in_progress[1]
            .reason_for_delay
            .as_deref()
            .is_some_and(|r| r.starts_with("Criminal proceedings: Fictional.")),
        "Child V's trial already held publication back at the year's end"
    );
    assert_eq!(report.impact.actions, 5, "every demo action was open");
    let json = serde_json::to_value(&report).expect("JSON");
    assert_eq!(json["marking"], "OFFICIAL-SENSITIVE");
    assert_eq!(json["year"]["label"], "2024/25");
    assert!(
        !json.to_string().contains("Nine-month-old"),
        "case summaries never appear"
    );
}
