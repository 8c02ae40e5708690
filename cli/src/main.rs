//! `casereview`: the command line over the Case Review Manager core, for
//! scripting and end-to-end tests. It opens the same register as the app.
//!
//! Errors go to stderr with exit code 1 (as `{code, message, fields}` JSON with
//! `--json`); usage errors exit 2.

mod audit;
mod case;
mod commands;
mod export;
mod export_all;
mod generate;
mod import;
mod import_all;
mod panel;
mod plans;
mod records;
mod report;
mod secret;
mod stress;
mod vault;

use std::path::PathBuf;
use std::process::ExitCode;

use casereview_core::{ErrorBody, FieldError};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "casereview",
    version,
    about = "Case Review Manager from the command line"
)]
struct Cli {
    /// The register file [default: the one the app uses]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Machine-readable JSON output, where a command offers it
    #[arg(long, global = true)]
    json: bool,
    /// Treat this date as today (YYYY-MM-DD), for reproducible output
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new encrypted register
    Init {
        /// Your name or role, recorded against every change you make
        #[arg(long, value_name = "NAME")]
        user: String,
    },
    /// Fill an empty register with fictional demo cases
    Demo,
    /// Fill an empty register with a large synthetic one, for benchmarks
    Generate(generate::GenerateArgs),
    /// List the cases in the register
    Cases,
    /// Check the register's integrity and verify its audit trail
    Check,
    /// The audit trail, newest first: who changed what, when, from what to what
    Audit(audit::AuditArgs),
    /// Write an encrypted, verified copy of the register to a new file
    Backup {
        /// The backup file to create (never an existing one)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Restore a backup into a new register file, after verifying it
    Restore {
        /// The backup to restore (its passphrase comes like the register's)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where the restored register goes (never an existing file)
        #[arg(long, value_name = "PATH")]
        to: PathBuf,
    },
    /// Change the register's passphrase (new one from CASEREVIEW_NEW_PASSPHRASE, else asked for)
    Rekey,
    /// Work with one case
    #[command(subcommand)]
    Case(Box<case::CaseCommand>),
    /// Work out a due date: the Nth working day or month after a date
    Clock {
        /// sin, rapid-review, cspr-publication or sar
        #[arg(long)]
        rule: String,
        /// The date the clock starts (day 0), YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
    },
    /// The reporting-year quarter a date falls in, with its months
    Quarter {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// The reporting year's first month (4 = April, 10 = October)
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=12))]
        year_start_month: u32,
    },
    /// Every open deadline across the register, soonest first
    Deadlines,
    /// Panel meetings and their decisions
    #[command(subcommand)]
    Panel(panel::PanelCommand),
    /// Show or change the partnership's clock settings
    Settings(commands::SettingsArgs),
    /// Register a national review, audit or thematic review
    #[command(subcommand)]
    Source(plans::SourceCommand),
    /// Recommendations from reviews, audits and national reports
    #[command(subcommand)]
    Recommendation(plans::RecommendationCommand),
    /// Actions answering recommendations
    #[command(subcommand)]
    Action(plans::ActionCommand),
    /// The whole-partnership action tracker
    Actions {
        /// Only open actions past their target date
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        theme: Option<String>,
        #[arg(long)]
        agency: Option<String>,
    },
    /// Quarterly reviews of the actions
    #[command(subcommand)]
    Review(plans::QuarterCommand),
    /// Export files for the Executive Board (OFFICIAL-SENSITIVE)
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Bring in an existing action-plan tracker (Excel or CSV): prints what each row becomes
    Import(import::ImportArgs),
    /// Bring a whole-register export (export all --include-sensitive) into an empty register
    ImportAll(import_all::ImportAllArgs),
    /// Reports for the Executive Board and the annual report (OFFICIAL-SENSITIVE)
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The themes used to tag recommendations and actions
    Themes {
        /// Add a theme of the partnership's own
        #[arg(long)]
        add: Option<String>,
    },
    /// Add cases one committed write at a time, acknowledging each (crash tests)
    #[command(hide = true)]
    StressWrites(stress::StressArgs),
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    text.parse()
        .map_err(|_| format!("\"{text}\" is not a date in the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Logging is a help, not a requirement: a CLI run on a read-only home
    // still does its job.
    let _log = casereview_core::paths::log_dir()
        .and_then(|dir| casereview_core::logging::init(&dir, "cli"))
        .ok();
    let json = cli.json;
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&ErrorBody::from(error), json);
            ExitCode::FAILURE
        }
    }
}

fn report(body: &ErrorBody, json: bool) {
    if json {
        let text = serde_json::to_string(body).unwrap_or_else(|_| body.message.clone());
        eprintln!("{text}");
        return;
    }
    match body.fields.as_slice() {
        [] => eprintln!("error: {}", body.message),
        fields => {
            eprintln!("error: the input was not accepted; nothing was saved");
            for FieldError { field, message } in fields {
                eprintln!("  {}: {message}", flag_for(field));
            }
        }
    }
}

/// Names a field by the flag that sets it, so the message points at what to fix.
fn flag_for(field: &str) -> String {
    match field {
        "referred_on" => "--referred".to_owned(),
        "user_name" => "--user".to_owned(),
        "path" => "--db".to_owned(),
        "passphrase" | "confirm" => "passphrase".to_owned(),
        "current_passphrase" => "current passphrase".to_owned(),
        "new_passphrase" => "new passphrase".to_owned(),
        "backup" | "file" => "FILE".to_owned(),
        "actions_per_case" => "--actions-per-case".to_owned(),
        other => format!("--{other}"),
    }
}
