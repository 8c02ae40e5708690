//! The annual report section laid out as a Word document, ready to paste
//! into the partnership's annual report: the year's figures, the reviews in
//! progress with the reasons for delay, the record of decisions and actions
//! on recommendations with evidence of impact, and the recommendations not
//! accepted with the reasons.

use chrono::NaiveDate;

use super::annual::AnnualReport;
use super::docx::{column, Cell, Properties, WordDocument};
use super::history::kind_label;
use crate::dates::format_long;
use crate::error::Result;
use crate::exports::MARKING;
use crate::recommendations::SourceKind;

/// The annual report section as the bytes of a .docx file.
pub(super) fn document(report: &AnnualReport) -> Result<Vec<u8>> {
    let mut doc = WordDocument::new();
    let year = &report.year.label;
    doc.title(&format!("Case reviews in {year}"));
    doc.labelled(
        "Reporting year:",
        &format!("{year} ({})", report.year_label),
    );
    doc.labelled(
        "Produced:",
        &format!(
            "{} by {}",
            format_long(report.produced_on),
            report.produced_by
        ),
    );
    if report.demo {
        doc.notice("Demo register: every case, action and figure in this section is fictional.");
    }
    doc.paragraph(&format!(
        "{MARKING} until the partnership publishes it. This section names cases by their codes only."
    ));

    doc.heading1("Referrals and reviews");
    let f = &report.figures;
    let r = &f.referrals;
    let end = format_long(report.year.to);
    let figures = [
        (
            "Referrals for case review received",
            format!(
                "{} (child {}, adult {}, joint {})",
                r.total, r.child, r.adult, r.joint
            ),
        ),
        ("Rapid Reviews held", f.rapid_reviews_held.to_string()),
        (
            "Referrals not meeting the criteria for a Rapid Review",
            f.not_meeting_criteria.to_string(),
        ),
        (
            "Progressed to a Local Child Safeguarding Practice Review",
            f.progressed_to_lcspr.to_string(),
        ),
        (
            "Progressed to a Safeguarding Adults Review",
            format!(
                "{} (mandatory {}, discretionary {})",
                f.progressed_to_sar, f.sar_mandatory, f.sar_discretionary
            ),
        ),
        (
            "Progressed to another learning review",
            format!(
                "{} ({} of a referral outside the Rapid Review criteria)",
                f.progressed_to_other_learning, f.learning_reviews_outside_criteria
            ),
        ),
        (
            "Domestic Homicide Reviews alongside",
            f.dhr_alongside.to_string(),
        ),
        (
            "Rapid Reviews needing no further review",
            f.no_further_review.to_string(),
        ),
        ("Reviews commissioned", f.reviews_commissioned.to_string()),
        (
            "Reviews completed (final report received)",
            f.reviews_completed.to_string(),
        ),
        ("Reviews published", f.reviews_published.to_string()),
        (
            "Reviews not published (learning shared)",
            f.reviews_not_published.to_string(),
        ),
        (
            "Reviews in progress at the year's end",
            format!(
                "{} ({} past their target)",
                f.reviews_in_progress_at_year_end, f.reviews_past_target_at_year_end
            ),
        ),
    ];
    let rows = figures
        .into_iter()
        .map(|(label, value)| vec![Cell::text(label), Cell::Strong(value)])
        .collect();
    doc.table(&[column("Figure", 5), column("Number", 3)], rows, "");
    doc.paragraph("A joint review of a child and an adult counts under each type it carries.");

    doc.heading2("Reviews in progress at the year's end, and reasons for delay");
    let rows = report
        .reviews_in_progress
        .iter()
        .map(|r| {
            let target = match r.target {
                Some(due) if r.past_target => format!("{}\nPast target", format_long(due)),
                Some(due) => format_long(due),
                None => "No set target".to_owned(),
            };
            let reason = match (&r.reason_for_delay, r.past_target) {
                (Some(reason), _) => reason.clone(),
                (None, true) => "No reason recorded".to_owned(),
                (None, false) => "Not delayed".to_owned(),
            };
            vec![
                Cell::Strong(r.case_code.clone()),
                Cell::text(format!("{}\n{}", r.review, kind_label(r.kind))),
                Cell::text(format_long(r.decided_on)),
                Cell::text(target),
                Cell::text(&r.stage),
                Cell::text(reason),
            ]
        })
        .collect();
    doc.table(
        &[
            column("Case", 3),
            column("Review", 5),
            column("Decided", 4),
            column("Target", 4),
            column("Where it stood", 5),
            column("Reason for delay", 9),
        ],
        rows,
        &format!("No review was in progress on {end}."),
    );

    doc.heading2("Reviews completed and published in the year");
    let rows = report
        .reviews_concluded
        .iter()
        .map(|r| {
            let outcome = match (r.published, r.not_published) {
                (Some(on), _) => format!("Published {}", format_long(on)),
                (None, Some(on)) => format!(
                    "Decided not to publish {}; learning shared",
                    format_long(on)
                ),
                (None, None) => "Not yet published".to_owned(),
            };
            vec![
                Cell::Strong(r.case_code.clone()),
                Cell::text(&r.review),
                Cell::text(format_long(r.decided_on)),
                Cell::text(date_or(r.final_report, "Not yet")),
                Cell::text(outcome),
            ]
        })
        .collect();
    doc.table(
        &[
            column("Case", 3),
            column("Review", 5),
            column("Decided", 4),
            column("Final report", 4),
            column("Publication", 8),
        ],
        rows,
        "No review was completed or published in the year.",
    );

    doc.heading1("Implementing the recommendations of local and national reviews");
    doc.paragraph(&format!(
        "The record of decisions and actions taken in {year} to implement the recommendations of local and national reviews, including any resulting improvements. Each action's position is from the year's last quarterly review of it, or its current position where no quarter in the year reviewed it."
    ));
    if report.sources.is_empty() {
        doc.paragraph("No recommendation was open during the year.");
    }
    for source in &report.sources {
        doc.heading2(&format!("{}: {}", source.kind_label, source.code));
        // A local review's title only repeats its code.
        if source.kind != SourceKind::LocalReview {
            doc.paragraph(&source.title);
        }
        let rows = source
            .recommendations
            .iter()
            .map(|r| {
                let mut decision = r.outcome_label.clone();
                if !r.outcome_reason.is_empty() {
                    decision.push_str(": ");
                    decision.push_str(&r.outcome_reason);
                }
                let actions = if r.actions.is_empty() {
                    "No action open in the year".to_owned()
                } else {
                    r.actions.join(", ")
                };
                vec![
                    Cell::Strong(r.reference.clone()),
                    Cell::text(&r.text),
                    Cell::text(decision),
                    Cell::text(actions),
                ]
            })
            .collect();
        doc.table(
            &[
                column("Ref", 2),
                column("Recommendation", 11),
                column("Decision", 5),
                column("Actions", 4),
            ],
            rows,
            "",
        );
    }

    doc.heading2("Actions taken in the year, with evidence of impact");
    let i = &report.impact;
    doc.paragraph(&format!(
        "{} open during the year; {} complete by its end; {} evidence of impact recorded.",
        counted(i.actions, "action was", "actions were"),
        counted(i.completed, "was", "were"),
        counted(i.with_evidence_of_impact, "has", "have"),
    ));
    let rows = report
        .actions
        .iter()
        .map(|a| {
            let progress = if a.progress.is_empty() {
                "No quarterly update in the year".to_owned()
            } else {
                a.progress.join("\n")
            };
            let evidence = format!(
                "Completion: {}\nImpact: {}",
                or_none(&a.evidence_of_completion),
                or_none(&a.evidence_of_impact)
            );
            vec![
                Cell::text(format!(
                    "{}\n{}\nAnswers {}\nLead: {}",
                    a.reference,
                    a.text,
                    a.answers.join(", "),
                    a.lead_agency
                )),
                Cell::text(format!("{}\n{}", a.status_label, a.position)),
                Cell::Rag(a.rag),
                Cell::text(progress),
                Cell::text(evidence),
            ]
        })
        .collect();
    doc.table(
        &[
            column("Action", 10),
            column("Position", 5),
            column("RAG", 4),
            column("Progress in the year", 9),
            column("Evidence of completion and impact", 9),
        ],
        rows,
        "No action was open during the year.",
    );

    doc.heading1("Recommendations not accepted");
    doc.paragraph(
        "A Safeguarding Adults Board must give its reasons for not implementing a review's findings in its annual report.",
    );
    let rows = report
        .not_accepted
        .iter()
        .map(|n| {
            vec![
                Cell::Strong(format!("{} {}", n.source, n.reference)),
                Cell::text(&n.text),
                Cell::text(&n.reason),
            ]
        })
        .collect();
    doc.table(
        &[
            column("Recommendation", 6),
            column("What it asked", 10),
            column("Why it was not accepted", 9),
        ],
        rows,
        "Every recommendation was accepted or awaits a decision.",
    );

    let title = report.title();
    doc.finish(&Properties {
        title: &title,
        subject: &format!("Annual report section on case reviews, {year}"),
        author: &report.produced_by,
        produced_on: report.produced_on,
    })
}

fn date_or(date: Option<NaiveDate>, none: &str) -> String {
    date.map(format_long).unwrap_or_else(|| none.to_owned())
}

/// "1 action was", "3 actions were": a count with the words that agree with it.
fn counted(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn or_none(text: &str) -> &str {
    if text.trim().is_empty() {
        "none recorded yet"
    } else {
        text
    }
}
