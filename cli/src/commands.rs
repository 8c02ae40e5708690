//! What each `casereview` command does: open the register, call the core,
//! print the result. No rules live here; the core checks every input.

use std::path::PathBuf;

use casereview_core::dates::{self, format_long};
use casereview_core::{
    paths, Case, CaseInput, CreateRegisterInput, DateInput, Error, Register, Result,
};

use crate::{secret, CaseCommand, Cli, Command};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let today = cli.today.unwrap_or_else(dates::today);
    let db = match cli.db {
        Some(path) => absolute(path)?,
        None => paths::register_path()?,
    };
    match cli.command {
        Command::Init { user } => init(db, user),
        Command::Demo => {
            let mut register = open(&db)?;
            let count = casereview_core::demo::load(&mut register, today)?;
            println!(
                "Loaded {count} fictional demo cases. This register is now marked as demo data."
            );
            Ok(())
        }
        Command::Cases => {
            let register = open(&db)?;
            list(&register.list_cases()?, register.is_demo()?, cli.json)
        }
        Command::Check => check(&open(&db)?, cli.json),
        Command::Case(CaseCommand::New {
            code,
            kind,
            referred,
            referrer,
            summary,
        }) => {
            let referred_on = DateInput::from_iso(&referred).ok_or_else(|| {
                Error::field(
                    "referred_on",
                    format!("Date referred must be in the form YYYY-MM-DD, such as 2025-03-27 (not \"{referred}\")"),
                )
            })?;
            let input = CaseInput {
                code,
                kind,
                referred_on,
                referrer,
                summary,
            };
            let mut register = open(&db)?;
            let case = register.create_case(&input, today)?;
            if cli.json {
                print_json(&case)
            } else {
                println!(
                    "Added {} ({}, referred {}).",
                    case.code,
                    case.kind.as_str(),
                    format_long(case.referred_on)
                );
                Ok(())
            }
        }
    }
}

fn open(db: &std::path::Path) -> Result<Register> {
    Register::open(db, &secret::passphrase()?)
}

/// Creates a register at `path`. An explicit `--db` is not remembered as the
/// app's register: it applies to this command only.
fn init(path: PathBuf, user_name: String) -> Result<()> {
    let (passphrase, confirm) = secret::new_passphrase()?;
    let register = Register::create(&CreateRegisterInput {
        path: path.display().to_string(),
        user_name,
        passphrase,
        confirm,
    })?;
    println!(
        "Created an encrypted register at {}.",
        register.path().display()
    );
    Ok(())
}

fn list(cases: &[Case], demo: bool, json: bool) -> Result<()> {
    if json {
        return print_json(&cases);
    }
    if demo {
        eprintln!("Demo register: every case in it is fictional.");
    }
    if cases.is_empty() {
        println!("No cases yet.");
        return Ok(());
    }
    let width = cases
        .iter()
        .map(|c| c.code.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    println!(
        "{:width$}  {:6}  {:17}  {:23}  Referring agency",
        "Code", "Kind", "Date referred", "Stage"
    );
    for case in cases {
        println!(
            "{:width$}  {:6}  {:17}  {:23}  {}",
            case.code,
            case.kind.as_str(),
            format_long(case.referred_on),
            case.stage.label(),
            case.referrer
        );
    }
    Ok(())
}

fn check(register: &Register, json: bool) -> Result<()> {
    let report = register.check()?;
    if json {
        print_json(&report)?;
    } else if report.ok {
        println!(
            "Register OK: schema version {}, {} cases, {} logged changes.",
            report.schema_version, report.cases, report.changes
        );
    } else {
        for problem in &report.problems {
            println!("problem: {problem}");
        }
    }
    if report.ok {
        Ok(())
    } else {
        Err(Error::Internal(format!(
            "the integrity check found {} problem(s); restore from a backup",
            report.problems.len()
        )))
    }
}

fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Makes `--db` absolute so the register's remembered location works from any folder.
fn absolute(path: PathBuf) -> Result<PathBuf> {
    std::path::absolute(&path)
        .map_err(|e| Error::Internal(format!("cannot resolve {}: {e}", path.display())))
}
