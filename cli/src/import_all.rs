//! `casereview import-all FILE`: brings a whole-register export (from
//! `casereview export all --include-sensitive`, JSON or CSV zip) into an
//! empty register, with the same records and ids, all or nothing.

use std::path::PathBuf;

use casereview_core::{Error, Result};

use crate::commands::{print_json, Context};

#[derive(Debug, clap::Args)]
pub struct ImportAllArgs {
    /// The export: a .json file or a .zip of CSVs
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: ImportAllArgs, cx: &Context) -> Result<()> {
    // Checked before the passphrase is asked for, so a typo costs nothing.
    if !args.file.is_file() {
        return Err(Error::field(
            "file",
            format!("There is no file {}", args.file.display()),
        ));
    }
    let mut register = cx.open()?;
    let report = register.import_register(&args.file)?;
    if cx.json {
        return print_json(&report);
    }
    if report.demo {
        eprintln!("Demo register: the export held fictional data, and so does this register now.");
    }
    println!(
        "Imported {} records from {} (exported {} by {}).",
        report.records, report.file, report.generated_at, report.generated_by
    );
    Ok(())
}
