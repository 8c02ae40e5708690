//! `casereview stress-writes` (hidden): adds cases one committed write at a
//! time and prints `committed CODE` after each commit returns. The crash
//! tests kill it with SIGKILL at random moments and then check that every
//! acknowledged case is in the reopened register; it is not for people.

use std::io::Write;

use casereview_core::{CaseInput, DateInput, Error, Result};

use crate::commands::Context;

#[derive(Debug, clap::Args)]
pub struct StressArgs {
    /// Start of each case code; the write's number follows it
    #[arg(long, default_value = "Stress ")]
    prefix: String,
    /// How many cases to add before stopping
    #[arg(long, default_value_t = 100_000)]
    count: u64,
}

/// Adds `count` cases, acknowledging each only after its transaction commits.
pub fn run(args: StressArgs, cx: &Context) -> Result<()> {
    let mut register = cx.open()?;
    let referred_on = DateInput::from_iso("2025-06-04")
        .ok_or_else(|| Error::Internal("the fixed referral date does not parse".to_owned()))?;
    let mut out = std::io::stdout().lock();
    // Said once the register is open, so a test can tell a kill during
    // opening from one between writes.
    writeln!(out, "open").map_err(acknowledge_failed)?;
    out.flush().map_err(acknowledge_failed)?;
    for n in 0..args.count {
        let code = format!("{}{n}", args.prefix);
        let input = CaseInput {
            code: code.clone(),
            kind: "child".into(),
            referred_on: referred_on.clone(),
            referrer: "Police".into(),
            summary: format!("Written by the crash test as write {n}"),
        };
        register.create_case(&input, cx.today)?;
        // Only now is the write acknowledged: the commit has returned, so
        // the line promises the case survives anything from here on.
        writeln!(out, "committed {code}").map_err(acknowledge_failed)?;
        out.flush().map_err(acknowledge_failed)?;
    }
    Ok(())
}

fn acknowledge_failed(e: std::io::Error) -> Error {
    Error::Internal(format!("could not print an acknowledgement: {e}"))
}
