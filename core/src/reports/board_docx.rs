//! The board report laid out as a Word document: headline figures, the
//! exceptions table, escalations, the period's decisions by kind, and the
//! reviews past their target with the reasons.

use super::board::{BoardReport, CaseDecision, DecisionKind};
use super::docx::{column, Cell, Properties, WordDocument};
use super::history::kind_label;
use crate::dates::format_long;
use crate::error::Result;
use crate::exports::MARKING;

/// The board report as the bytes of a .docx file.
pub(super) fn document(report: &BoardReport) -> Result<Vec<u8>> {
    let mut doc = WordDocument::new();
    doc.title("Case reviews: report to the Executive Board");
    doc.labelled("Period:", &report.period_label);
    doc.labelled(
        "Produced:",
        &format!(
            "{} by {}",
            format_long(report.produced_on),
            report.produced_by
        ),
    );
    if report.demo {
        doc.notice("Demo register: every case, action and figure in this report is fictional.");
    }
    doc.paragraph(&format!(
        "{MARKING}. This report names cases by their codes only. Share it only as your partnership's information-sharing agreement allows."
    ));
    let as_at = format_long(report.as_at);

    doc.heading1("Headline figures");
    doc.heading2("Cases and reviews");
    doc.paragraph(&format!(
        "Counted from the steps recorded for each case in the period; reviews in progress and past their target as at {as_at}."
    ));
    let h = &report.headline;
    let r = &h.referrals;
    let figures = [
        (
            "Referrals received".to_owned(),
            format!(
                "{} (child {}, adult {}, joint {})",
                r.total, r.child, r.adult, r.joint
            ),
        ),
        (
            "Rapid Reviews held".to_owned(),
            h.rapid_reviews_held.to_string(),
        ),
        (
            "Referrals not meeting the criteria for a Rapid Review".to_owned(),
            h.not_meeting_criteria.to_string(),
        ),
        (
            "Decisions to undertake a review".to_owned(),
            h.decisions_to_review.to_string(),
        ),
        (
            "Decisions that no further review was needed".to_owned(),
            h.decisions_no_review.to_string(),
        ),
        (
            "Reviews commissioned".to_owned(),
            h.reviews_commissioned.to_string(),
        ),
        (
            "Final reports received".to_owned(),
            h.reviews_completed.to_string(),
        ),
        (
            "Reviews published".to_owned(),
            h.reviews_published.to_string(),
        ),
        (
            format!("Reviews in progress on {as_at}"),
            h.reviews_in_progress.to_string(),
        ),
        (
            format!("Reviews past their target on {as_at}"),
            h.reviews_past_target.to_string(),
        ),
    ];
    figure_table(&mut doc, &figures);

    doc.heading2("Action plans");
    doc.paragraph(&format!("{}.", report.actions_basis));
    let a = &h.actions;
    let actions = [
        ("Actions on the plans".to_owned(), a.total.to_string()),
        (
            "Rated Red: unacceptable progress, needs action now".to_owned(),
            a.red.to_string(),
        ),
        (
            "Rated Amber: acceptable progress, continue monitoring".to_owned(),
            a.amber.to_string(),
        ),
        (
            "Rated Green: on track or achieved".to_owned(),
            a.green.to_string(),
        ),
        (
            "Rated Blue: complete and embedded".to_owned(),
            a.blue.to_string(),
        ),
        ("Not yet rated".to_owned(), a.no_rag.to_string()),
        ("Overdue".to_owned(), a.overdue.to_string()),
        (
            "Escalated to the Executive Board".to_owned(),
            a.escalated.to_string(),
        ),
    ];
    figure_table(&mut doc, &actions);

    doc.heading1("Exceptions: actions rated Red or Amber, or overdue");
    let rows = report
        .exceptions
        .iter()
        .map(|e| {
            let mut target = format_long(e.target_date);
            if e.target_revised {
                target.push_str(" (revised)");
            }
            if e.overdue {
                target.push_str("\nOverdue");
            }
            let mut status = e.status_label.clone();
            if let Some(update) = &e.latest_update {
                status.push('\n');
                status.push_str(update);
            }
            vec![
                Cell::Strong(e.reference.clone()),
                Cell::text(e.reviews.join(", ")),
                Cell::text(&e.text),
                Cell::text(format!("{}\n{}", e.lead_agency, e.lead_officer)),
                Cell::text(target),
                Cell::Rag(e.rag),
                Cell::text(status),
            ]
        })
        .collect();
    doc.table(
        &[
            column("Action", 4),
            column("Review(s)", 4),
            column("What will be done", 8),
            column("Lead", 5),
            column("Target", 4),
            column("RAG", 3),
            column("Status and latest update", 8),
        ],
        rows,
        "No action is rated Red or Amber, and none is overdue.",
    );

    doc.heading1("Escalations to the Executive Board");
    let rows = report
        .escalations
        .iter()
        .map(|e| {
            vec![
                Cell::text(&e.quarter),
                Cell::Strong(e.reference.clone()),
                Cell::text(e.reviews.join(", ")),
                Cell::text(&e.lead_agency),
                Cell::Rag(e.rag),
                Cell::text(&e.reason),
            ]
        })
        .collect();
    doc.table(
        &[
            column("Quarter", 5),
            column("Action", 3),
            column("Review(s)", 3),
            column("Lead agency", 4),
            column("RAG", 3),
            column("Reason for escalation", 10),
        ],
        rows,
        "No action was escalated in the quarters of this period.",
    );

    doc.heading1("Decisions taken in the period");
    for (kind, heading) in [
        (DecisionKind::Screening, "Referrals screened"),
        (
            DecisionKind::RapidReviewOutcome,
            "Outcomes of Rapid Reviews",
        ),
        (DecisionKind::ReviewCommissioned, "Reviews commissioned"),
        (DecisionKind::Publication, "Reports completed and published"),
    ] {
        doc.heading2(heading);
        let rows = report
            .decisions
            .iter()
            .filter(|d| d.category == kind)
            .map(decision_row)
            .collect();
        doc.table(
            &[
                column("Date", 4),
                column("Case", 3),
                column("Kind of case", 4),
                column("Decision", 11),
            ],
            rows,
            "None in this period.",
        );
    }

    doc.heading1("Reviews past their target");
    doc.paragraph(&format!(
        "Reviews not published (LCSPR) or not completed (SAR) by their target date, as at {as_at}, with the reason for the delay as recorded."
    ));
    let rows = report
        .past_target
        .iter()
        .map(|l| {
            vec![
                Cell::Strong(l.case_code.clone()),
                Cell::text(&l.review),
                Cell::text(format_long(l.decided_on)),
                Cell::text(format!(
                    "{}: {}\n{} late",
                    l.target,
                    format_long(l.due),
                    working_days(l.working_days_late)
                )),
                Cell::text(&l.stage),
                Cell::text(l.reason.clone().unwrap_or_else(|| {
                    "No reason recorded: record the proceedings or other cause".to_owned()
                })),
            ]
        })
        .collect();
    doc.table(
        &[
            column("Case", 3),
            column("Review", 4),
            column("Decided", 4),
            column("Target", 6),
            column("Where it stands", 5),
            column("Reason for the delay", 9),
        ],
        rows,
        "No review is past its target.",
    );

    let title = report.title();
    doc.finish(&Properties {
        title: &title,
        subject: &format!("Board report on case reviews, {}", report.period_label),
        author: &report.produced_by,
        produced_on: report.produced_on,
    })
}

fn figure_table(doc: &mut WordDocument, figures: &[(String, String)]) {
    let rows = figures
        .iter()
        .map(|(label, value)| vec![Cell::text(label), Cell::Strong(value.clone())])
        .collect();
    doc.table(&[column("Figure", 5), column("Number", 3)], rows, "");
}

/// "1 working day", "36 working days".
fn working_days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_owned()
    } else {
        format!("{n} working days")
    }
}

fn decision_row(d: &CaseDecision) -> Vec<Cell> {
    vec![
        Cell::text(format_long(d.date)),
        Cell::Strong(d.case_code.clone()),
        Cell::text(kind_label(d.kind)),
        Cell::text(&d.decision),
    ]
}
