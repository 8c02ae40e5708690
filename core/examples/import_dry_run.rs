//! Times the tracker import's dry run alone, the way bench/openpyxl_tracker.py
//! times pandas.read_excel of the same file: the register is opened
//! (unlocked: SQLCipher's key derivation) untimed first, as it already is in
//! the app's window when the user imports; then only
//! `Register::plan_import` is timed, the function both
//! `casereview import --dry-run` and the app's import preview run (read the
//! workbook, map the columns, check every row; nothing written).
//!
//! `cargo run --release -p casereview-core --example import_dry_run -- REGISTER FILE [YYYY-MM-DD]`
//! (passphrase in CASEREVIEW_PASSPHRASE). Prints one line of JSON,
//! `{"seconds": ..., "rows": ...}`, as the baseline does, for
//! bench/alternate.py.

use std::path::PathBuf;
use std::time::Instant;

use casereview_core::import::ImportOptions;
use casereview_core::register::Register;
use chrono::NaiveDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: import_dry_run REGISTER FILE [YYYY-MM-DD]";
    let db = PathBuf::from(args.next().ok_or(usage)?);
    let file = PathBuf::from(args.next().ok_or(usage)?);
    // The benchmarks' "today", so the report is the CLI's `--today 2026-11-22`.
    let today: NaiveDate = args.next().as_deref().unwrap_or("2026-11-22").parse()?;
    let passphrase = std::env::var("CASEREVIEW_PASSPHRASE")?;
    let register = Register::open(&db, &passphrase)?;

    let start = Instant::now();
    let report = register.plan_import(&file, &ImportOptions::default(), today)?;
    let seconds = start.elapsed().as_secs_f64();

    println!(
        "{{\"seconds\": {:.3}, \"rows\": {}}}",
        seconds, report.counts.rows
    );
    Ok(())
}
