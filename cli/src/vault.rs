//! The vault commands: `check` (integrity and the audit chain), `backup`,
//! `restore` and `rekey`. Each asks the core to do the work and verify it, and
//! prints what was done; a refused command has changed no file.

use std::path::{Path, PathBuf};

use casereview_core::backup::{self, BackupSummary};
use casereview_core::dates::format_long;
use casereview_core::{stamp, Error, Register, Result};

use crate::commands::{print_json, Context};
use crate::secret;

/// `check`: prints the report, then fails naming the first problem, so a
/// script sees a non-zero exit and the code (`audit_broken`, `integrity_failed`).
pub fn check(register: &Register, json: bool) -> Result<()> {
    let report = register.check()?;
    if json {
        print_json(&report)?;
    } else if report.ok {
        println!(
            "Register OK: schema version {}, {} cases, {} logged changes, audit trail verified.",
            report.schema_version, report.cases, report.changes
        );
    } else {
        for problem in &report.problems {
            println!("problem: {problem}");
        }
    }
    report.ensure_ok("The register")
}

/// `backup --out FILE`
pub fn backup(cx: &Context, out: &Path) -> Result<()> {
    let out = absolute(out)?;
    let summary = cx.open()?.backup_to(&out)?;
    if cx.json {
        return print_json(&summary);
    }
    println!(
        "Backed up {} to {}. It is encrypted with the register's passphrase and was checked after writing.",
        contents(&summary),
        summary.path
    );
    Ok(())
}

/// `restore FILE --to PATH`: the backup's passphrase comes like the
/// register's; the register named by `--db` is not touched.
pub fn restore(cx: &Context, file: &Path, to: &Path) -> Result<()> {
    let (file, to) = (absolute(file)?, absolute(to)?);
    let summary = backup::restore(&file, &secret::passphrase()?, &to)?;
    if cx.json {
        return print_json(&summary);
    }
    println!(
        "Checked {} (passphrase, integrity and audit trail) and restored it into a new register at {}: {}.",
        file.display(),
        summary.path,
        contents(&summary)
    );
    println!(
        "No existing register was changed. To work in the restored one, use --db {}.",
        summary.path
    );
    Ok(())
}

/// `rekey`: the current passphrase as for any command, then the new one from
/// `CASEREVIEW_NEW_PASSPHRASE` or typed twice.
pub fn rekey(cx: &Context) -> Result<()> {
    let current = secret::passphrase()?;
    // Opening first checks the current passphrase before a new one is asked for.
    let mut register = Register::open(&cx.db, &current)?;
    let (new, confirm) = secret::replacement_passphrase()?;
    register.change_passphrase(&current, &new, &confirm)?;
    println!(
        "Changed the passphrase of {}. The old passphrase no longer opens it; backups made before now still open with the old one.",
        register.path().display()
    );
    Ok(())
}

/// "2 cases and 9 logged changes (the latest on 4 June 2025)"
fn contents(summary: &BackupSummary) -> String {
    let plural = |n: i64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let latest = summary
        .last_change_at
        .as_deref()
        .and_then(|at| stamp::from_text(at).ok())
        .map(|at| format!(" (the latest on {})", format_long(at.date_naive())))
        .unwrap_or_default();
    format!(
        "{} and {}{latest}",
        plural(summary.cases, "case", "cases"),
        plural(summary.changes, "logged change", "logged changes")
    )
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path)
        .map_err(|e| Error::Internal(format!("cannot resolve {}: {e}", path.display())))
}
