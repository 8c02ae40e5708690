//! `casereview generate`: fills an empty register with a synthetic one at
//! scale, for benchmarks and load tests. The core decides everything (see its
//! `synthetic` module); this reads the sizes, times the run and reports it.

use std::time::Instant;

use casereview_core::synthetic::{self, SyntheticSize};
use casereview_core::Result;

use crate::commands::{print_json, Context};

/// The sizes and seed of a synthetic register.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// How many cases (the reference "large" register has 3000)
    #[arg(long)]
    cases: u32,
    /// Actions per case: actions in all are cases × this
    #[arg(long, default_value_t = 10)]
    actions_per_case: u32,
    /// Quarterly reviews, ending with the current quarter (40 is ten years)
    #[arg(long, default_value_t = 40)]
    quarters: u32,
    /// The same seed and --today give the same register (apart from ids and times)
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: GenerateArgs, cx: &Context) -> Result<()> {
    let size = SyntheticSize {
        cases: args.cases,
        actions_per_case: args.actions_per_case,
        quarters: args.quarters,
        seed: args.seed,
    };
    // Checked before the passphrase is asked for, so a typo costs nothing.
    size.check()?;
    let mut register = cx.open()?;
    let started = Instant::now();
    let report = synthetic::generate(&mut register, &size, cx.today)?;
    let seconds = started.elapsed().as_secs_f64();
    if cx.json {
        return print_json(&serde_json::json!({ "report": report, "seconds": seconds }));
    }
    println!(
        "Generated a synthetic register in {seconds:.1} s: {} cases, {} sources, {} recommendations, {} actions, {} quarterly reviews with {} updates, {} proceedings (seed {}).",
        report.cases,
        report.sources,
        report.recommendations,
        report.actions,
        report.quarter_reviews,
        report.quarter_updates,
        report.proceedings,
        report.seed
    );
    println!(
        "Every record in it is fictional; the register is marked as synthetic demo data for good."
    );
    Ok(())
}
