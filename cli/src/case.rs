//! `casereview case …`: one case's referral and journey — add it, record its
//! steps, correct a step, show it with its clocks.

use casereview_core::dates::format_long;
use casereview_core::events::{AmendInput, CaseDetail, StepInput};
use casereview_core::{CaseInput, Error, Register, Result};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::commands::{date_input, print_json, Context};

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Add a case referral
    New {
        /// Pseudonymous case code, such as "Case AK" (never a real name)
        #[arg(long)]
        code: String,
        /// child, adult or joint
        #[arg(long)]
        kind: String,
        /// Date referred, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        referred: String,
        /// Referring agency
        #[arg(long, value_name = "AGENCY", default_value = "")]
        referrer: String,
        /// Short summary (no names or identifying details)
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// Record a step of the case's journey (la-aware, sin-sent, rr-meeting,
    /// rr-sent-to-panel, panel-response, review-commissioned, draft-report,
    /// final-report, published, not-published, action-plan, closed)
    Record {
        /// The case code
        code: String,
        /// The step
        step: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// The step's outcome, where it has one (panel-response: agrees or disagrees)
        #[arg(long)]
        outcome: Vec<String>,
        /// A note (the reason, for not-published)
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record whether the referral meets the criteria for a Rapid Review
    Screen {
        code: String,
        /// not-met, learning-review or rapid-review
        #[arg(long)]
        outcome: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long)]
        rationale: String,
    },
    /// Record the decision on a full review after the Rapid Review (repeat
    /// --outcome for a joint case with several review types)
    Decide {
        code: String,
        /// lcspr, no-review, learning-review, sar-mandatory, sar-discretionary or dhr
        #[arg(long, required = true)]
        outcome: Vec<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long)]
        rationale: String,
    },
    /// Correct the most recent recorded step of a kind, giving the reason
    Amend {
        code: String,
        step: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Why the step is being corrected
        #[arg(long)]
        reason: String,
        /// The corrected note (the step's note is kept when omitted)
        #[arg(long)]
        note: Option<String>,
    },
    /// Show the case with its steps and clocks
    Show { code: String },
    #[command(flatten)]
    Records(crate::records::RecordCommand),
}

pub fn run(command: CaseCommand, cx: &Context) -> Result<()> {
    match command {
        CaseCommand::New {
            code,
            kind,
            referred,
            referrer,
            summary,
        } => {
            let input = CaseInput {
                code,
                kind,
                referred_on: date_input("referred_on", "Date referred", &referred)?,
                referrer,
                summary,
            };
            let case = cx.open()?.create_case(&input, cx.today)?;
            if cx.json {
                return print_json(&case);
            }
            println!(
                "Added {} ({}, referred {}).",
                case.code,
                case.kind.as_str(),
                format_long(case.referred_on)
            );
            Ok(())
        }
        CaseCommand::Record {
            code,
            step,
            date,
            outcome,
            note,
        } => record(
            cx,
            &code,
            StepInput {
                step,
                outcome,
                date: date_input("date", "Date", &date)?,
                note,
            },
        ),
        CaseCommand::Screen {
            code,
            outcome,
            date,
            rationale,
        } => record(
            cx,
            &code,
            StepInput {
                step: "screen".into(),
                outcome: vec![outcome],
                date: date_input("date", "Date", &date)?,
                note: rationale,
            },
        ),
        CaseCommand::Decide {
            code,
            outcome,
            date,
            rationale,
        } => record(
            cx,
            &code,
            StepInput {
                step: "decide".into(),
                outcome,
                date: date_input("date", "Date", &date)?,
                note: rationale,
            },
        ),
        CaseCommand::Amend {
            code,
            step,
            date,
            reason,
            note,
        } => {
            let mut register = cx.open()?;
            let detail = detail(&register, &code, cx.today)?;
            let event = detail
                .events
                .iter()
                .rev()
                .find(|e| e.name.as_str() == step.trim())
                .ok_or_else(|| {
                    Error::NotFound(format!(
                        "A \"{}\" step on {}",
                        step.trim(),
                        detail.case.code
                    ))
                })?;
            let input = AmendInput {
                date: date_input("date", "Date", &date)?,
                note: note.unwrap_or_else(|| event.note.clone()),
                reason,
            };
            let detail = register.amend_step(&event.id.to_string(), &input, cx.today)?;
            show(&detail, cx.json)
        }
        CaseCommand::Show { code } => show(&detail(&cx.open()?, &code, cx.today)?, cx.json),
        CaseCommand::Records(command) => crate::records::run(command, cx),
    }
}

fn record(cx: &Context, code: &str, input: StepInput) -> Result<()> {
    let mut register = cx.open()?;
    let case = register.get_case_by_code(code)?;
    let detail = register.record_step(&case.id.to_string(), &input, cx.today)?;
    show(&detail, cx.json)
}

fn detail(register: &Register, code: &str, today: NaiveDate) -> Result<CaseDetail> {
    let case = register.get_case_by_code(code)?;
    register.case_detail(&case.id.to_string(), today)
}

/// Prints a case with its journey: JSON, or a short report for people.
fn show(detail: &CaseDetail, json: bool) -> Result<()> {
    if json {
        return print_json(detail);
    }
    let case = &detail.case;
    println!(
        "{} ({}) — {}",
        case.code,
        case.kind.as_str(),
        case.stage.label()
    );
    println!(
        "  Referred {} by {}",
        format_long(case.referred_on),
        if case.referrer.is_empty() {
            "—"
        } else {
            &case.referrer
        }
    );
    for event in &detail.events {
        let amended = if event.amendments.is_empty() {
            ""
        } else {
            " (amended)"
        };
        println!(
            "  {}  {}{amended}",
            format_long(event.occurred_on),
            event.label
        );
    }
    for deadline in &detail.deadlines {
        println!(
            "  {}: {} — {}",
            deadline.label,
            format_long(deadline.due),
            crate::commands::describe(deadline)
        );
    }
    let next: Vec<&str> = detail.allowed_steps.iter().map(|s| s.as_str()).collect();
    println!(
        "  Next steps: {}",
        if next.is_empty() {
            "none".to_owned()
        } else {
            next.join(", ")
        }
    );
    Ok(())
}
