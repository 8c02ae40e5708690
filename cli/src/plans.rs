//! Action plans from the command line: sources, recommendations, actions,
//! themes, and quarterly reviews of the actions.

use casereview_core::actions::{ActionFilter, ActionInput, ProgressInput};
use casereview_core::dates::format_long;
use casereview_core::quarter_reviews::QuarterUpdateInput;
use casereview_core::recommendations::{RecommendationInput, SourceInput};
use casereview_core::{Error, Result};
use clap::Subcommand;

use crate::commands::{date_input, print_json, Context};

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Register a national review, audit or thematic review that makes recommendations
    Add {
        #[arg(long)]
        code: String,
        /// national-review, audit or thematic-review
        #[arg(long)]
        kind: String,
        #[arg(long)]
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        published: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RecommendationCommand {
    /// Add a recommendation from a case's review or a registered source
    Add {
        /// A case code or a registered source's code
        #[arg(long)]
        source: String,
        #[arg(long = "ref")]
        reference: String,
        #[arg(long)]
        text: String,
        /// An agency it is addressed to (repeatable)
        #[arg(long = "to")]
        addressed_to: Vec<String>,
        #[arg(long = "theme")]
        themes: Vec<String>,
    },
    /// Record whether a recommendation is accepted (a reason is needed when not)
    Outcome {
        #[arg(long)]
        source: String,
        #[arg(long = "ref")]
        reference: String,
        /// accepted, not-accepted or pending
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action answering one or more recommendations (CODE:REF)
    Add {
        #[arg(long = "answers", value_name = "CODE:REF", required = true)]
        answers: Vec<String>,
        #[arg(long = "ref")]
        reference: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        agency: String,
        /// The lead officer's role
        #[arg(long)]
        lead: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: String,
        /// When the action was agreed, if not today (for an older plan)
        #[arg(long, value_name = "YYYY-MM-DD")]
        agreed: Option<String>,
        #[arg(long = "theme")]
        themes: Vec<String>,
    },
    /// Link an existing action to another recommendation instead of repeating it
    Link {
        #[arg(long = "ref")]
        reference: String,
        #[arg(long = "answers", value_name = "CODE:REF")]
        answers: String,
    },
    /// Move an action's target date, with the reason
    Revise {
        #[arg(long = "ref")]
        reference: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: String,
        #[arg(long)]
        reason: String,
    },
    /// Reopen a closed action, with the reason
    Reopen {
        #[arg(long = "ref")]
        reference: String,
        #[arg(long)]
        reason: String,
    },
    /// Record an action's status, RAG, evidence or sign-off (outside a quarter review)
    Progress {
        #[arg(long = "ref")]
        reference: String,
        /// not-started, in-progress, complete-awaiting-impact, complete-embedded, paused or superseded
        #[arg(long)]
        status: String,
        #[arg(long, default_value = "")]
        rag: String,
        /// Why it is paused
        #[arg(long, default_value = "")]
        reason: String,
        /// The action that supersedes it
        #[arg(long, default_value = "")]
        superseded_by: String,
        #[arg(long, default_value = "")]
        evidence_completion: String,
        #[arg(long, default_value = "")]
        evidence_impact: String,
        #[arg(long, default_value = "")]
        signed_off_by: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        signed_off_on: Option<String>,
    },
    /// Show one action with its history
    Show {
        #[arg(long = "ref")]
        reference: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum QuarterCommand {
    /// Open the review of a quarter, such as 2024/25-Q3
    Open {
        #[arg(long)]
        quarter: String,
    },
    /// Record an action's update in an open quarter
    Update {
        #[arg(long)]
        quarter: String,
        #[arg(long = "action")]
        reference: String,
        #[arg(long)]
        status: String,
        /// red, amber, green or blue
        #[arg(long)]
        rag: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, default_value = "")]
        evidence: String,
        /// Escalate to the Executive Board (give --reason)
        #[arg(long)]
        escalate: bool,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Sign off a quarter: its updates become a fixed record
    Close {
        #[arg(long)]
        quarter: String,
        #[arg(long)]
        by: String,
    },
    /// Show a quarter's review
    Show {
        #[arg(long)]
        quarter: String,
    },
}

/// "Case AK:R1" → the recommendation's id.
fn recommendation_id(register: &casereview_core::Register, answer: &str) -> Result<String> {
    let (source, reference) = answer.rsplit_once(':').ok_or_else(|| {
        Error::field(
            "answers",
            format!(
                "Give each recommendation as CODE:REF, such as \"Case AK:R1\" (not \"{answer}\")"
            ),
        )
    })?;
    Ok(register
        .find_recommendation(source, reference)?
        .id
        .to_string())
}

pub fn source(command: SourceCommand, cx: &Context) -> Result<()> {
    let SourceCommand::Add {
        code,
        kind,
        title,
        published,
    } = command;
    let published_on = published
        .map(|d| date_input("published_on", "Date published", &d))
        .transpose()?
        .unwrap_or_default();
    let source = cx.open()?.add_source(
        &SourceInput {
            code,
            kind,
            title,
            published_on,
        },
        cx.today,
    )?;
    print_json(&source)
}

pub fn recommendation(command: RecommendationCommand, cx: &Context) -> Result<()> {
    let mut register = cx.open()?;
    match command {
        RecommendationCommand::Add {
            source,
            reference,
            text,
            addressed_to,
            themes,
        } => {
            let input = RecommendationInput {
                source,
                reference,
                text,
                addressed_to,
                themes,
            };
            print_json(&register.add_recommendation(&input)?)
        }
        RecommendationCommand::Outcome {
            source,
            reference,
            outcome,
            reason,
        } => {
            let id = register
                .find_recommendation(&source, &reference)?
                .id
                .to_string();
            print_json(&register.set_recommendation_outcome(&id, &outcome, &reason)?)
        }
    }
}

pub fn action(command: ActionCommand, cx: &Context) -> Result<()> {
    let mut register = cx.open()?;
    match command {
        ActionCommand::Add {
            answers,
            reference,
            text,
            agency,
            lead,
            due,
            agreed,
            themes,
        } => {
            let answers = answers
                .iter()
                .map(|a| recommendation_id(&register, a))
                .collect::<Result<Vec<_>>>()?;
            for similar in register.similar_actions(&text, &themes, &agency)? {
                eprintln!(
                    "warning: this looks like {} from {} ({}): \"{}\". To answer the same recommendation, link it instead: casereview action link --ref {} --answers CODE:REF",
                    similar.reference,
                    similar.sources.join(", "),
                    similar.why,
                    similar.text,
                    similar.reference
                );
            }
            let agreed = agreed
                .map(|d| date_input("agreed", "Date agreed", &d))
                .transpose()?
                .unwrap_or_default();
            let input = ActionInput {
                reference,
                text,
                lead_agency: agency,
                lead_officer: lead,
                target: date_input("target", "Target date", &due)?,
                agreed,
                answers,
                themes,
            };
            print_json(&register.add_action(&input, cx.today)?)
        }
        ActionCommand::Link { reference, answers } => {
            let id = recommendation_id(&register, &answers)?;
            print_json(&register.link_action(&reference, &id)?)
        }
        ActionCommand::Revise {
            reference,
            due,
            reason,
        } => print_json(&register.revise_target(
            &reference,
            &date_input("target", "Revised target date", &due)?,
            &reason,
        )?),
        ActionCommand::Reopen { reference, reason } => {
            print_json(&register.reopen_action(&reference, &reason)?)
        }
        ActionCommand::Progress {
            reference,
            status,
            rag,
            reason,
            superseded_by,
            evidence_completion,
            evidence_impact,
            signed_off_by,
            signed_off_on,
        } => {
            let signed_off_on = signed_off_on
                .map(|d| date_input("signed_off_on", "Date signed off", &d))
                .transpose()?
                .unwrap_or_default();
            let input = ProgressInput {
                status,
                status_reason: reason,
                superseded_by,
                rag,
                evidence_completion,
                evidence_impact,
                signed_off_by,
                signed_off_on,
            };
            print_json(&register.set_progress(&reference, &input, cx.today)?)
        }
        ActionCommand::Show { reference } => print_json(&register.action(&reference)?),
    }
}

/// `casereview actions`: the whole-partnership tracker.
pub fn actions(cx: &Context, filter: ActionFilter) -> Result<()> {
    let actions = cx.open()?.list_actions(&filter, cx.today)?;
    if cx.json {
        return print_json(&actions);
    }
    if actions.is_empty() {
        println!("No actions match.");
    }
    for a in &actions {
        let rag = a
            .rag
            .map(|r| r.as_str().to_uppercase())
            .unwrap_or_else(|| "no RAG".into());
        let overdue = if !a.status.is_closed() && a.target_date < cx.today {
            " OVERDUE"
        } else {
            ""
        };
        println!(
            "{:10}  {:7}  {:40}  {:24}  due {}{overdue}  {}",
            a.reference,
            rag,
            a.status.label(),
            a.lead_agency,
            format_long(a.target_date),
            a.text
        );
    }
    Ok(())
}

pub fn quarter(command: QuarterCommand, cx: &Context) -> Result<()> {
    let mut register = cx.open()?;
    let review = match command {
        QuarterCommand::Open { quarter } => register.open_quarter(&quarter, cx.today)?,
        QuarterCommand::Update {
            quarter,
            reference,
            status,
            rag,
            note,
            evidence,
            escalate,
            reason,
        } => {
            let input = QuarterUpdateInput {
                status,
                rag,
                progress_note: note,
                evidence,
                escalate,
                escalation_reason: reason,
            };
            register.update_quarter(&quarter, &reference, &input, cx.today)?
        }
        QuarterCommand::Close { quarter, by } => register.close_quarter(&quarter, &by)?,
        QuarterCommand::Show { quarter } => register.quarter_review(&quarter)?,
    };
    if cx.json {
        return print_json(&review);
    }
    let state = match &review.closed_by {
        Some(by) => format!("closed, signed off by {by}"),
        None => "open".to_owned(),
    };
    println!(
        "{} — {} actions, {state}",
        review.label,
        review.updates.len()
    );
    for u in &review.updates {
        let rag = u
            .rag
            .map(|r| r.as_str().to_uppercase())
            .unwrap_or_else(|| "no RAG".into());
        let moved = match (u.change.previous_rag, u.change.rag_changed) {
            (Some(previous), true) => format!(" (was {})", previous.as_str().to_uppercase()),
            _ => String::new(),
        };
        let escalated = if u.escalate { "  ESCALATED" } else { "" };
        println!(
            "  {:10}  {rag}{moved}  {}{escalated}",
            u.reference,
            u.status.label()
        );
    }
    Ok(())
}
