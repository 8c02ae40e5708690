//! `casereview report`: the board report for a period and the case review
//! section of the annual report, built by the core and written whole or not
//! at all. As with `export`, an existing file is replaced only with
//! `--force`: the file already there may be the report a board was given.

use std::path::{Path, PathBuf};

use casereview_core::exports::MARKING;
use casereview_core::reports::{self, Period, ReportFormat, ReportingYear};
use casereview_core::{Error, FieldError, Result};
use clap::Subcommand;

use crate::commands::{print_json, Context};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The board report for a period: headline figures, exceptions, escalations,
    /// decisions and reviews past target
    Board {
        /// The period's first day [default: the last complete half of the reporting year]
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// The period's last day
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// docx (or json for the figures alone)
        #[arg(long)]
        format: String,
        /// The file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it already exists
        #[arg(long)]
        force: bool,
    },
    /// The case review section of the annual report for a reporting year
    Annual {
        /// The reporting year, such as 2024/25 (it starts in the register's reporting-year month)
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// json or docx
        #[arg(long)]
        format: String,
        /// The file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it already exists
        #[arg(long)]
        force: bool,
    },
}

pub fn run(command: ReportCommand, cx: &Context) -> Result<()> {
    match command {
        ReportCommand::Board {
            from,
            to,
            format,
            out,
            force,
        } => board(cx, from, to, &format, &out, force),
        ReportCommand::Annual {
            year,
            format,
            out,
            force,
        } => annual(cx, &year, &format, &out, force),
    }
}

fn board(
    cx: &Context,
    from: Option<String>,
    to: Option<String>,
    format: &str,
    out: &Path,
    force: bool,
) -> Result<()> {
    // Everything that can be checked without the register is checked before
    // the passphrase is asked for, and reported together.
    let mut errors = Vec::new();
    let format = ReportFormat::parse(format).map_err(|e| fields(e, &mut errors));
    check_out(out, force, &mut errors);
    let period = match (from.as_deref(), to.as_deref()) {
        (Some(from), Some(to)) => Period::parse(from, to, cx.today)
            .map(Some)
            .map_err(|e| fields(e, &mut errors)),
        (None, None) => Ok(None),
        (given, _) => {
            let missing = if given.is_some() { "to" } else { "from" };
            errors.push(FieldError::new(
                missing,
                "Give both --from and --to, or neither for the last complete half of the reporting year",
            ));
            Err(())
        }
    };
    let (Ok(format), Ok(period), true) = (format, period, errors.is_empty()) else {
        return Err(Error::Validation(errors));
    };
    let register = cx.open()?;
    let period = match period {
        Some(period) => period,
        None => Period::last_half_year(cx.today, register.clock_settings()?.year_start_month),
    };
    let report = register.board_report(&period, cx.today)?;
    reports::write_board(&report, format, out, force)?;
    if cx.json {
        return print_json(&serde_json::json!({
            "path": out,
            "format": format,
            "report": "board",
            "period": report.period,
            "marking": MARKING,
        }));
    }
    if report.demo {
        eprintln!("Demo register: every case in it is fictional, and the report says so.");
    }
    println!(
        "Wrote the board report for {} to {}.",
        report.period_label,
        out.display()
    );
    println!("{}", handling());
    Ok(())
}

fn annual(cx: &Context, year: &str, format: &str, out: &Path, force: bool) -> Result<()> {
    let mut errors = Vec::new();
    let format = ReportFormat::parse(format).map_err(|e| fields(e, &mut errors));
    check_out(out, force, &mut errors);
    let (Ok(format), true) = (format, errors.is_empty()) else {
        return Err(Error::Validation(errors));
    };
    let register = cx.open()?;
    // The year is read under the register's own reporting-year month.
    let year = ReportingYear::parse(year, register.clock_settings()?.year_start_month)?;
    let report = register.annual_report(&year, cx.today)?;
    reports::write_annual(&report, format, out, force)?;
    if cx.json {
        return print_json(&serde_json::json!({
            "path": out,
            "format": format,
            "report": "annual",
            "year": report.year,
            "marking": MARKING,
        }));
    }
    if report.demo {
        eprintln!("Demo register: every case in it is fictional, and the section says so.");
    }
    println!(
        "Wrote the annual report section for {} ({}) to {}.",
        report.year.label,
        report.year_label,
        out.display()
    );
    println!("{}", handling());
    Ok(())
}

/// Refuses to replace a file unless told to, naming the flag that would.
fn check_out(out: &Path, force: bool, errors: &mut Vec<FieldError>) {
    if !force && out.exists() {
        errors.push(FieldError::new(
            "out",
            format!(
                "{} already exists and was left as it is: choose another file name, or add --force to replace it",
                out.display()
            ),
        ));
    }
}

/// Moves a validation error's fields into `errors` (the parsers return only
/// validation errors; anything else is kept as a message on the input).
fn fields(error: Error, errors: &mut Vec<FieldError>) {
    match error {
        Error::Validation(more) => errors.extend(more),
        other => errors.push(FieldError::new("format", other.to_string())),
    }
}

fn handling() -> String {
    format!(
        "It is {MARKING}: keep it on encrypted storage and share it only as your information-sharing agreement allows."
    )
}
