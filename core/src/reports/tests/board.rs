//! The board report's figures, exceptions, escalations, decisions and
//! reviews past target, for a period.

use super::*;
use crate::actions::Rag;
use crate::reports::{DecisionKind, KindCounts, Period};

fn period(from: &str, to: &str, today: NaiveDate) -> Period {
    Period::new(date(from), date(to), today).expect("period")
}

#[test]
fn the_demo_half_year_has_figures_exceptions_escalations_and_late_reviews() {
    let reg = demo();
    let report = reg
        .board_report(
            &period("2025-03-01", "2025-08-31", demo_today()),
            demo_today(),
        )
        .expect("report");
    assert!(report.demo);
    assert_eq!(report.as_at, date("2025-08-31"));
    assert_eq!(report.period_label, "1 March 2025 to 31 August 2025");
    let h = &report.headline;
    assert_eq!(
        h.referrals,
        KindCounts {
            child: 4,
            adult: 1,
            joint: 1,
            total: 6
        },
        "Child T, R, S and Q; Case AL; Case AM"
    );
    assert_eq!(h.rapid_reviews_held, 3, "Child T, Case AM and Child S");
    assert_eq!(h.not_meeting_criteria, 1, "Case AL");
    assert_eq!(
        (h.decisions_to_review, h.decisions_no_review),
        (3, 0),
        "Child T and Case AM after Rapid Reviews; Child R outside the criteria"
    );
    assert_eq!(h.reviews_commissioned, 2, "Child T and 'Sarah'");
    assert_eq!((h.reviews_completed, h.reviews_published), (1, 0));
    assert_eq!(h.reviews_in_progress, 5);
    assert_eq!(h.reviews_past_target, 2);
    assert_eq!(
        (
            h.actions.total,
            h.actions.red,
            h.actions.amber,
            h.actions.green
        ),
        (5, 1, 2, 2)
    );
    assert_eq!(h.actions.escalated, 1);

    let exceptions: Vec<(&str, Option<Rag>)> = report
        .exceptions
        .iter()
        .map(|e| (e.reference.as_str(), e.rag))
        .collect();
    assert_eq!(
        exceptions,
        [
            ("DEMO-02", Some(Rag::Amber)),
            ("DEMO-03", Some(Rag::Red)),
            ("DEMO-04", Some(Rag::Amber))
        ]
    );
    let demo_04 = &report.exceptions[2];
    assert!(demo_04.target_revised);
    assert_eq!(demo_04.target_date, date("2026-03-29"));

    assert_eq!(report.escalations.len(), 1);
    let escalation = &report.escalations[0];
    assert_eq!(escalation.reference, "DEMO-03");
    assert_eq!(escalation.reviews, ["Case AN"]);
    assert_eq!(escalation.quarter, "Q1 2025/26 (April to June 2025)");
    assert!(escalation
        .reason
        .starts_with("Housing and health cannot agree"));

    let count = |kind| {
        report
            .decisions
            .iter()
            .filter(|d| d.category == kind)
            .count()
    };
    assert_eq!(count(DecisionKind::Screening), 5);
    assert_eq!(count(DecisionKind::RapidReviewOutcome), 4);
    assert_eq!(count(DecisionKind::ReviewCommissioned), 2);
    assert_eq!(count(DecisionKind::Publication), 1);
    let dates: Vec<NaiveDate> = report.decisions.iter().map(|d| d.date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    let decided = report
        .decisions
        .iter()
        .find(|d| d.case_code == "Case AM" && d.category == DecisionKind::RapidReviewOutcome)
        .map(|d| d.decision.as_str());
    assert_eq!(
        decided,
        Some("The National Panel agreed with the Rapid Review")
    );

    let late: Vec<(&str, Option<&str>)> = report
        .past_target
        .iter()
        .map(|l| (l.case_code.as_str(), l.reason.as_deref()))
        .collect();
    assert_eq!(late.len(), 2);
    assert_eq!(late[0].0, "Child V", "most overdue first");
    assert!(late[0]
        .1
        .is_some_and(|r| r.starts_with("Criminal proceedings: Fictional.")));
    assert_eq!(late[1], ("'Sarah'", None), "no reason recorded");
    assert_eq!(report.past_target[1].target, "SAR completion target");
    assert_eq!(
        report.past_target[0].stage,
        "Final report received; awaiting publication"
    );
}

#[test]
fn journey_figures_stand_at_the_periods_end() {
    let reg = hand_built();
    let first = reg
        .board_report(&period("2024-04-01", "2024-09-30", today()), today())
        .expect("first half");
    let h = &first.headline;
    assert_eq!((h.referrals.child, h.referrals.adult), (1, 1));
    assert_eq!(h.rapid_reviews_held, 3);
    assert_eq!((h.decisions_to_review, h.decisions_no_review), (2, 1));
    assert_eq!(h.reviews_commissioned, 2);
    assert_eq!(h.reviews_in_progress, 2, "Child A and Adult B");
    assert!(
        first.past_target.is_empty(),
        "Child A's target (10 November 2024) had not passed on 30 September"
    );

    let second = reg
        .board_report(&period("2024-10-01", "2025-03-31", today()), today())
        .expect("second half");
    assert_eq!(second.as_at, date("2025-03-31"));
    let late: Vec<&str> = second
        .past_target
        .iter()
        .map(|l| l.case_code.as_str())
        .collect();
    assert_eq!(
        late,
        ["Child A"],
        "Adult B's SAR was completed, late, so it is no longer past target"
    );
    assert_eq!(
        second.past_target[0].reason.as_deref(),
        Some("Criminal proceedings: Trial of the stepfather")
    );
    assert_eq!(second.headline.reviews_published, 1, "Adult B");
    assert!(!second.demo);
    // The action complete awaiting evidence of impact is past its target.
    let refs: Vec<&str> = second
        .exceptions
        .iter()
        .map(|e| e.reference.as_str())
        .collect();
    assert_eq!(refs, ["24/25-01"]);
    assert!(second.escalations.is_empty());
}

#[test]
fn a_period_ending_after_today_stands_at_today() {
    let reg = hand_built();
    let report = reg
        .board_report(&period("2025-04-01", "2025-09-30", today()), today())
        .expect("report");
    assert_eq!(report.as_at, today());
    assert_eq!(report.headline.reviews_published, 1, "Child A, April 2025");
}

#[test]
fn the_report_carries_codes_never_summaries_or_notes() {
    let reg = hand_built();
    let report = reg
        .board_report(&period("2024-04-01", "2025-03-31", today()), today())
        .expect("report");
    let json = serde_json::to_string(&report).expect("JSON");
    assert!(json.contains("Child A"));
    for secret in ["Private summary", "Rationale naming the family"] {
        assert!(
            !json.contains(secret),
            "the report must not carry {secret:?}"
        );
    }
}
