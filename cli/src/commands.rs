//! What the register-wide `casereview` commands do: open the register, call
//! the core, print the result. No rules live here; the core checks every input.

use std::path::{Path, PathBuf};

use casereview_core::clocks::{ClockSettings, Deadline, DeadlineState, Quarter, Rule};
use casereview_core::dates::{self, format_long};
use casereview_core::{paths, Case, CreateRegisterInput, DateInput, Error, Register, Result};
use chrono::NaiveDate;

use casereview_core::actions::ActionFilter;

use crate::{case, plans, secret, vault, Cli, Command};

/// What every command needs: where the register is, today, and the output style.
pub struct Context {
    pub db: PathBuf,
    pub today: NaiveDate,
    pub json: bool,
}

impl Context {
    /// Opens the register with the passphrase from the environment or the terminal.
    pub fn open(&self) -> Result<Register> {
        Register::open(&self.db, &secret::passphrase()?)
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let db = match cli.db {
        Some(path) => std::path::absolute(&path)
            .map_err(|e| Error::Internal(format!("cannot resolve {}: {e}", path.display())))?,
        None => paths::register_path()?,
    };
    let cx = Context {
        db,
        today: cli.today.unwrap_or_else(dates::today),
        json: cli.json,
    };
    match cli.command {
        Command::Init { user } => init(&cx.db, user),
        Command::Demo => {
            let count = casereview_core::demo::load(&mut cx.open()?, cx.today)?;
            println!(
                "Loaded {count} fictional demo cases. This register is now marked as demo data."
            );
            Ok(())
        }
        Command::Generate(args) => crate::generate::run(args, &cx),
        Command::Cases => {
            let register = cx.open()?;
            list(&register.list_cases()?, register.is_demo()?, cx.json)
        }
        Command::Check => vault::check(&cx.open()?, cx.json),
        Command::Audit(args) => crate::audit::run(&cx, args),
        Command::Backup { out } => vault::backup(&cx, &out),
        Command::Restore { file, to } => vault::restore(&cx, &file, &to),
        Command::Rekey => vault::rekey(&cx),
        Command::Case(command) => case::run(*command, &cx),
        Command::Clock { rule, from } => clock(&rule, &from),
        Command::Quarter {
            date,
            year_start_month,
        } => {
            let date = iso_date("date", "Date", &date)?;
            println!("{}", Quarter::containing(date, year_start_month).label());
            Ok(())
        }
        Command::Deadlines => deadlines(&cx),
        Command::Panel(command) => crate::panel::run(command, &cx),
        Command::Settings(args) => settings(&cx, args),
        Command::Source(command) => plans::source(command, &cx),
        Command::Recommendation(command) => plans::recommendation(command, &cx),
        Command::Action(command) => plans::action(command, &cx),
        Command::Actions {
            overdue,
            theme,
            agency,
        } => plans::actions(
            &cx,
            ActionFilter {
                overdue,
                theme,
                agency,
            },
        ),
        Command::Review(command) => plans::quarter(command, &cx),
        Command::Export(command) => crate::export::run(command, &cx),
        Command::Import(args) => crate::import::run(args, &cx),
        Command::ImportAll(args) => crate::import_all::run(args, &cx),
        Command::Report(command) => crate::report::run(command, &cx),
        Command::StressWrites(args) => crate::stress::run(args, &cx),
        Command::Themes { add } => {
            let mut register = cx.open()?;
            if let Some(name) = add {
                register.add_theme(&name)?;
            }
            let themes = register.list_themes()?;
            if cx.json {
                return print_json(&themes);
            }
            for theme in themes {
                println!(
                    "{}{}",
                    theme.name,
                    if theme.preset { "" } else { " (added)" }
                );
            }
            Ok(())
        }
    }
}

/// Parses a `YYYY-MM-DD` argument into date parts for the core to check.
pub fn date_input(field: &str, label: &str, text: &str) -> Result<DateInput> {
    DateInput::from_iso(text).ok_or_else(|| {
        Error::field(
            field,
            format!("{label} must be in the form YYYY-MM-DD, such as 2025-03-27 (not \"{text}\")"),
        )
    })
}

fn iso_date(field: &str, label: &str, text: &str) -> Result<NaiveDate> {
    date_input(field, label, text)?
        .parse(field, label)
        .map_err(|e| Error::Validation(vec![e]))
}

/// Creates a register at `path`. An explicit `--db` is not remembered as the
/// app's register: it applies to this command only.
fn init(path: &Path, user_name: String) -> Result<()> {
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

/// The clock settings a partnership may change; options left out keep what is stored.
#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    #[arg(long)]
    sin_working_days: Option<u32>,
    #[arg(long)]
    rapid_review_working_days: Option<u32>,
    #[arg(long)]
    cspr_publication_months: Option<u32>,
    #[arg(long)]
    sar_completion_months: Option<u32>,
    /// First month of the reporting year (4 = April, 10 = October)
    #[arg(long)]
    year_start_month: Option<u32>,
    /// Add a local closure day (repeatable)
    #[arg(long = "add-closure", value_name = "YYYY-MM-DD")]
    add_closures: Vec<String>,
    /// Remove a local closure day (repeatable)
    #[arg(long = "remove-closure", value_name = "YYYY-MM-DD")]
    remove_closures: Vec<String>,
}

fn settings(cx: &Context, args: SettingsArgs) -> Result<()> {
    let mut register = cx.open()?;
    let mut settings = register.clock_settings()?;
    let before = settings.clone();
    let set = |field: &mut u32, value: Option<u32>| {
        if let Some(value) = value {
            *field = value;
        }
    };
    set(&mut settings.sin_working_days, args.sin_working_days);
    set(
        &mut settings.rapid_review_working_days,
        args.rapid_review_working_days,
    );
    set(
        &mut settings.cspr_publication_months,
        args.cspr_publication_months,
    );
    set(
        &mut settings.sar_completion_months,
        args.sar_completion_months,
    );
    set(&mut settings.year_start_month, args.year_start_month);
    for day in &args.add_closures {
        let day = iso_date("local_closures", "A closure day", day)?;
        if !settings.local_closures.contains(&day) {
            settings.local_closures.push(day);
        }
    }
    for day in &args.remove_closures {
        let day = iso_date("local_closures", "A closure day", day)?;
        settings.local_closures.retain(|d| *d != day);
    }
    settings.local_closures.sort();
    if settings != before {
        register.set_clock_settings(&settings)?;
    }
    print_json(&register.clock_settings()?)
}

/// `clock`: a due date under the default clock settings, no register needed.
fn clock(rule: &str, from: &str) -> Result<()> {
    let rule = Rule::parse(rule).ok_or_else(|| {
        Error::field(
            "rule",
            format!("Rule must be sin, rapid-review, cspr-publication or sar (not \"{rule}\")"),
        )
    })?;
    let from = iso_date("from", "The start date", from)?;
    let settings = ClockSettings::default();
    let calendar = settings.calendar();
    let due = rule.due(from, &settings, &calendar);
    println!("{due}");
    if !calendar.covers(due) {
        eprintln!("warning: {due} is beyond the bank holidays this version knows; check it when that year's holidays are announced");
    }
    Ok(())
}

fn deadlines(cx: &Context) -> Result<()> {
    let open = cx.open()?.open_deadlines(cx.today)?;
    if cx.json {
        return print_json(&open);
    }
    if open.is_empty() {
        println!("No open deadlines.");
    }
    for item in &open {
        let d = &item.deadline;
        println!(
            "{}  {:10}  {} — {}",
            d.due,
            item.case_code,
            d.label,
            describe(d)
        );
    }
    Ok(())
}

/// A clock's state in words: "met", "late by 2 working days", "3 working days left".
pub fn describe(deadline: &Deadline) -> String {
    let days = |n: i64| {
        if n == 1 {
            "1 working day".to_owned()
        } else {
            format!("{n} working days")
        }
    };
    let mut text = match deadline.state {
        DeadlineState::Met => "met".to_owned(),
        DeadlineState::Late => format!("late by {}", days(deadline.working_days_late.unwrap_or(0))),
        DeadlineState::Due => format!(
            "due, {} left",
            days(deadline.working_days_left.unwrap_or(0))
        ),
        DeadlineState::Overdue => format!(
            "OVERDUE by {}",
            days(deadline.working_days_late.unwrap_or(0))
        ),
    };
    if deadline.beyond_holiday_list {
        text.push_str(" (beyond the known bank holidays: check the date)");
    }
    text
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
        "{:width$}  {:6}  {:17}  {:34}  Referring agency",
        "Code", "Kind", "Date referred", "Stage"
    );
    for case in cases {
        println!(
            "{:width$}  {:6}  {:17}  {:34}  {}",
            case.code,
            case.kind.as_str(),
            format_long(case.referred_on),
            case.stage.label(),
            case.referrer
        );
    }
    Ok(())
}

pub fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
