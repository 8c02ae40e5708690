//! `casereview export all`: the whole register as one JSON file or a zip of
//! CSVs, which `casereview import-all` reads back into an empty register.
//! Sensitive fields (case summaries, the Rapid Review's facts, notes) are
//! left out unless `--include-sensitive`; such an export cannot be imported.

use std::path::PathBuf;

use casereview_core::exports::MARKING;
use casereview_core::transfer::{RegisterExportOptions, RegisterFormat};
use casereview_core::{Error, Result};

use crate::commands::{print_json, Context};

#[derive(Debug, clap::Args)]
pub struct ExportAllArgs {
    /// json (one file) or csv (a zip of one CSV per kind of record)
    #[arg(long)]
    format: String,
    /// The file to write
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Include the sensitive fields (summaries, facts, notes): needed to import the file again
    #[arg(long)]
    include_sensitive: bool,
    /// Replace FILE if it already exists
    #[arg(long)]
    force: bool,
}

pub fn run(args: ExportAllArgs, cx: &Context) -> Result<()> {
    // Checked before the passphrase is asked for, so a typo costs nothing.
    let format = RegisterFormat::parse(&args.format)?;
    if !args.force && args.out.exists() {
        return Err(Error::field(
            "out",
            format!(
                "{} already exists and was left as it is: choose another file name, or add --force to replace it",
                args.out.display()
            ),
        ));
    }
    let register = cx.open()?;
    let options = RegisterExportOptions {
        include_sensitive: args.include_sensitive,
    };
    let report = register.export_register(format, &options, &args.out, args.force)?;
    if cx.json {
        return print_json(&report);
    }
    if report.demo {
        eprintln!("Demo register: everything in it is fictional.");
    }
    println!(
        "Wrote the whole register to {}: {} records of {} kinds.",
        args.out.display(),
        report.records,
        report.entities
    );
    if report.sensitive_included {
        println!(
            "It includes the sensitive fields (case summaries, the Rapid Review's facts, notes)."
        );
    } else {
        println!(
            "Sensitive fields (case summaries, the Rapid Review's facts, notes) were left out, so it cannot be imported as a whole register; add --include-sensitive for a copy that can."
        );
    }
    println!(
        "It is {MARKING}: keep it on encrypted storage and share it only as your information-sharing agreement allows."
    );
    Ok(())
}
