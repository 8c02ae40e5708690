//! `casereview export`: files for the Executive Board, built by the core and
//! written whole or not at all. An existing file is replaced only with
//! `--force`: the file already there may be the tracker a board was given.

use std::path::PathBuf;

use casereview_core::exports::{self, ExportFormat, TrackerOptions, MARKING};
use casereview_core::{Error, Result};
use clap::Subcommand;

use crate::commands::{print_json, Context};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The whole register (every record) as JSON or a zip of CSVs, for import-all
    All(crate::export_all::ExportAllArgs),
    /// The action-plan tracker: one row per action, with a summary and chart in xlsx
    Tracker {
        /// xlsx, csv or json
        #[arg(long)]
        format: String,
        /// The file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// A quarter's review as recorded (such as 2024/25-Q3), instead of the current position
        #[arg(long)]
        quarter: Option<String>,
        /// Only actions answering the recommendations of this case or source
        #[arg(long, value_name = "CODE")]
        review: Option<String>,
        /// Only actions rated Red or Amber, or overdue
        #[arg(long)]
        exceptions: bool,
        /// Include progress notes and escalation reasons (sensitive: they can describe the family)
        #[arg(long)]
        include_sensitive: bool,
        /// Replace FILE if it already exists
        #[arg(long)]
        force: bool,
    },
}

pub fn run(command: ExportCommand, cx: &Context) -> Result<()> {
    let (format, out, quarter, review, exceptions, include_sensitive, force) = match command {
        ExportCommand::All(args) => return crate::export_all::run(args, cx),
        ExportCommand::Tracker {
            format,
            out,
            quarter,
            review,
            exceptions,
            include_sensitive,
            force,
        } => (
            format,
            out,
            quarter,
            review,
            exceptions,
            include_sensitive,
            force,
        ),
    };
    // Checked before the passphrase is asked for, so a typo costs nothing.
    let format = ExportFormat::parse(&format)?;
    if !force && out.exists() {
        return Err(Error::field(
            "out",
            format!(
                "{} already exists and was left as it is: choose another file name, or add --force to replace it",
                out.display()
            ),
        ));
    }
    let register = cx.open()?;
    let options = TrackerOptions {
        quarter,
        review,
        exceptions,
        include_sensitive,
    };
    let tracker = register.tracker(&options, cx.today)?;
    // Too many rows for Excel: a workbook is refused (`too_many_rows`); a
    // CSV is still written, as other programs read it whole, with a warning.
    let check = exports::check_rows(tracker.rows.len(), format, exports::excel_rows())?;
    if let Some(warning) = &check.warning {
        eprintln!("Warning: {warning}");
    }
    exports::write_tracker(&tracker, format, &out, force)?;
    if cx.json {
        return print_json(&serde_json::json!({
            "path": out,
            "format": format,
            "rows": tracker.rows.len(),
            "basis": tracker.basis,
            "marking": MARKING,
        }));
    }
    if tracker.demo {
        eprintln!("Demo register: every action in it is fictional.");
    }
    let count = match tracker.rows.len() {
        1 => "1 action".to_owned(),
        n => format!("{n} actions"),
    };
    println!(
        "Wrote the action-plan tracker to {}: {count}. {}.",
        out.display(),
        tracker.basis
    );
    println!(
        "It is {MARKING}: keep it on encrypted storage and share it only as your information-sharing agreement allows."
    );
    Ok(())
}
