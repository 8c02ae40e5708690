//! `casereview case rapid-review | agency-request | review | review-log |
//! proceeding`: the records kept around a case's journey. Options left out
//! keep what is stored.

use casereview_core::rapid_review::{AgencyRequestInput, RapidReviewInput};
use casereview_core::reviews::{ProceedingInput, ReviewInput, ReviewLogInput};
use casereview_core::{DateInput, Result};
use clap::{Args, Subcommand};

use crate::commands::{date_input, print_json, Context};

#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// Show or change the Rapid Review record
    RapidReview(RapidReviewArgs),
    /// Add an agency asked for information for the Rapid Review
    AgencyRequest {
        code: String,
        #[arg(long)]
        agency: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        requested: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        received: Option<String>,
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// Show or change the review record
    Review(ReviewArgs),
    /// Add a family contact, written request, progress check or quality check
    ReviewLog {
        code: String,
        /// family-contact, written-request, progress-check or quality-check
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long)]
        detail: String,
        #[arg(long, default_value = "")]
        outcome: String,
    },
    /// Record proceedings alongside the review (criminal, inquest, dhr, other)
    Proceeding {
        code: String,
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        started: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        ended: Option<String>,
        /// The proceedings hold publication back
        #[arg(long)]
        holds_publication: bool,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct RapidReviewArgs {
    code: String,
    #[arg(long)]
    sin_reference: Option<String>,
    #[arg(long)]
    facts: Option<String>,
    #[arg(long)]
    practice_episodes: Option<String>,
    #[arg(long)]
    immediate_actions: Option<String>,
    #[arg(long)]
    learning: Option<String>,
    #[arg(long)]
    inequalities: Option<String>,
    /// yes or no
    #[arg(long)]
    criteria_met: Option<String>,
    #[arg(long)]
    criteria_rationale: Option<String>,
    #[arg(long)]
    recommendation: Option<String>,
    #[arg(long)]
    signed_off_by: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    signed_off_on: Option<String>,
    #[arg(long)]
    panel_comments: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    code: String,
    #[arg(long)]
    reviewer: Option<String>,
    #[arg(long)]
    terms_of_reference: Option<String>,
    /// A key line of enquiry (repeat for several; replaces the stored list)
    #[arg(long = "line-of-enquiry")]
    lines_of_enquiry: Vec<String>,
    #[arg(long)]
    methodology: Option<String>,
}

fn set(field: &mut String, value: Option<String>) {
    if let Some(value) = value {
        *field = value;
    }
}

fn optional_date(field: &str, label: &str, value: Option<String>) -> Result<DateInput> {
    value
        .map(|v| date_input(field, label, &v))
        .transpose()
        .map(Option::unwrap_or_default)
}

pub fn run(command: RecordCommand, cx: &Context) -> Result<()> {
    let mut register = cx.open()?;
    let case_id = |register: &casereview_core::Register, code: &str| {
        register.get_case_by_code(code).map(|c| c.id.to_string())
    };
    match command {
        RecordCommand::RapidReview(a) => {
            let id = case_id(&register, &a.code)?;
            let mut input = RapidReviewInput::from(&register.rapid_review(&id)?);
            set(&mut input.sin_reference, a.sin_reference);
            set(&mut input.facts, a.facts);
            set(&mut input.practice_episodes, a.practice_episodes);
            set(&mut input.immediate_actions, a.immediate_actions);
            set(&mut input.learning, a.learning);
            set(&mut input.inequalities, a.inequalities);
            set(&mut input.criteria_met, a.criteria_met);
            set(&mut input.criteria_rationale, a.criteria_rationale);
            set(&mut input.recommendation, a.recommendation);
            set(&mut input.signed_off_by, a.signed_off_by);
            set(&mut input.panel_comments, a.panel_comments);
            if let Some(on) = a.signed_off_on {
                input.signed_off_on = date_input("signed_off_on", "Date signed off", &on)?;
            }
            print_json(&register.save_rapid_review(&id, &input, cx.today)?)
        }
        RecordCommand::AgencyRequest {
            code,
            agency,
            requested,
            received,
            summary,
        } => {
            let id = case_id(&register, &code)?;
            let input = AgencyRequestInput {
                agency,
                requested: date_input("requested", "Date requested", &requested)?,
                received: optional_date("received", "Date received", received)?,
                summary,
            };
            print_json(&register.save_agency_request(&id, None, &input, cx.today)?)
        }
        RecordCommand::Review(a) => {
            let id = case_id(&register, &a.code)?;
            let stored = register.review(&id)?;
            let mut input = ReviewInput {
                reviewer: stored.reviewer,
                terms_of_reference: stored.terms_of_reference,
                lines_of_enquiry: stored.lines_of_enquiry,
                methodology: stored.methodology,
            };
            set(&mut input.reviewer, a.reviewer);
            set(&mut input.terms_of_reference, a.terms_of_reference);
            set(&mut input.methodology, a.methodology);
            if !a.lines_of_enquiry.is_empty() {
                input.lines_of_enquiry = a.lines_of_enquiry;
            }
            print_json(&register.save_review(&id, &input)?)
        }
        RecordCommand::ReviewLog {
            code,
            kind,
            date,
            detail,
            outcome,
        } => {
            let id = case_id(&register, &code)?;
            let input = ReviewLogInput {
                kind,
                date: date_input("date", "Date", &date)?,
                detail,
                outcome,
            };
            print_json(&register.add_review_log(&id, &input, cx.today)?)
        }
        RecordCommand::Proceeding {
            code,
            kind,
            started,
            ended,
            holds_publication,
            reason,
        } => {
            let id = case_id(&register, &code)?;
            let input = ProceedingInput {
                kind,
                started: date_input("started", "Date started", &started)?,
                ended: optional_date("ended", "Date ended", ended)?,
                holds_publication,
                reason,
            };
            print_json(&register.add_proceeding(&id, &input, cx.today)?)
        }
    }
}
