//! `casereview import FILE`: brings an existing action-plan tracker (Excel
//! or CSV) into the register. It prints what each row becomes (imported,
//! skipped with the reason, warnings), then writes it all in one
//! transaction, or nothing with `--dry-run`. The mapping of columns is the
//! one remembered for the tracker's headings, else proposed from them;
//! `--map "Column header=field"` corrects it (as the app's preview screen
//! does), and a corrected mapping is remembered once imported.

use std::path::PathBuf;

use casereview_core::dates::format_long;
use casereview_core::import::{
    apply_overrides, ImportField, ImportOptions, ImportReport, MapOverride, MappingSource,
    RowOutcome, RowReport, SheetPlan,
};
use casereview_core::{Error, FieldError, Result};

use crate::commands::{print_json, Context};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The tracker: an Excel workbook (.xlsx, .xls, .ods) or a CSV file
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Only this sheet [default: every sheet with a header row]
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Put every row under this case or source code (already in the register)
    #[arg(long, value_name = "CODE")]
    review: Option<String>,
    /// Show what would be imported and write nothing
    #[arg(long)]
    dry_run: bool,
    /// Correct the column mapping: the column with this heading holds FIELD
    /// (repeat for more columns). FIELD is one of review, recommendation-ref,
    /// recommendation, action-ref, action, lead-agency, lead-officer,
    /// target-date, revised-target-date, status, rag, update,
    /// evidence-completion, evidence-impact, comments, or none to leave the
    /// column out
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    map: Vec<String>,
}

pub fn run(args: ImportArgs, cx: &Context) -> Result<()> {
    // Checked before the passphrase is asked for, so a typo costs nothing;
    // every mistake is named at once.
    let mut errors = Vec::new();
    if !args.file.is_file() {
        errors.push(FieldError::new(
            "file",
            format!("There is no file {}", args.file.display()),
        ));
    }
    let overrides: Vec<MapOverride> = args
        .map
        .iter()
        .filter_map(|m| MapOverride::parse(m).map_err(|e| errors.push(e)).ok())
        .collect();
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let mut register = cx.open()?;
    let mut options = ImportOptions {
        sheet: args.sheet,
        review: args.review,
        mappings: Vec::new(),
    };
    let mut plan = register.plan_import(&args.file, &options, cx.today)?;
    if !overrides.is_empty() {
        // The proposed (or remembered) mapping, corrected, is planned again.
        options.mappings = apply_overrides(&plan, &overrides)?;
        plan = register.plan_import(&args.file, &options, cx.today)?;
    }
    if plan.sheets.iter().all(|s| s.mapping.is_none()) {
        return Err(Error::field(
            "file",
            format!(
                "{} has no sheet with a header row the importer recognises (headings such as Action, Lead agency, Target date in its first rows); nothing was imported",
                plan.file
            ),
        ));
    }
    let report = if args.dry_run || plan.counts.imported == 0 {
        plan
    } else {
        register.apply_import(&plan, cx.today)?
    };
    if cx.json {
        return print_json(&report);
    }
    if register.is_demo()? {
        eprintln!(
            "Demo register: it holds fictional data; import real trackers into a real register."
        );
    }
    print(&report, args.dry_run);
    Ok(())
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn print(report: &ImportReport, dry_run: bool) {
    let c = &report.counts;
    println!(
        "{}: {} read, {} {}, {} skipped, {}.",
        report.file,
        plural(c.rows, "row", "rows"),
        c.imported,
        if report.written {
            "imported"
        } else {
            "to import"
        },
        c.skipped,
        plural(c.warnings, "warning", "warnings")
    );
    for sheet in &report.sheets {
        print_sheet(sheet);
        for row in report.rows.iter().filter(|r| r.sheet == sheet.sheet) {
            print_row(row);
        }
    }
    if !report.new_sources.is_empty() {
        println!(
            "\nNew sources: {} ({} as thematic reviews).",
            report.new_sources.join(", "),
            if report.written {
                "registered"
            } else {
                "to be registered"
            }
        );
    }
    if report.written {
        println!(
            "Imported {}, {} and {} into the register.",
            plural(c.actions, "action", "actions"),
            plural(
                c.recommendations,
                "new recommendation",
                "new recommendations"
            ),
            plural(c.sources, "new source", "new sources")
        );
    } else if dry_run {
        println!("Dry run: nothing was written. Run again without --dry-run to import.");
    } else {
        println!("Nothing to import: nothing was written.");
    }
}

fn print_sheet(sheet: &SheetPlan) {
    let Some(mapping) = &sheet.mapping else {
        println!("\nSheet \"{}\": left out.", sheet.sheet);
        for note in &sheet.notes {
            println!("  note: {note}");
        }
        return;
    };
    let from = match sheet.mapping_from {
        MappingSource::Remembered => "columns as confirmed before",
        MappingSource::Corrected => "columns as corrected",
        _ => "columns by their headings",
    };
    let review = sheet.review.as_deref().unwrap_or("");
    let new = if sheet.new_review {
        " (a new source)"
    } else {
        ""
    };
    let goes = if mapping
        .columns
        .iter()
        .any(|c| c.field == Some(ImportField::Review))
    {
        format!("each row's review from its Review column, else {review}{new}")
    } else {
        format!("rows go under {review}{new}")
    };
    println!(
        "\nSheet \"{}\": header on row {}, {from}; {goes}.",
        sheet.sheet, mapping.header_row
    );
    for column in &mapping.columns {
        if column.header.is_empty() && column.field.is_none() {
            continue;
        }
        match column.field {
            Some(field) => println!(
                "  {} {} → {} ({:.2})",
                column.letter,
                column.header,
                field.label(),
                column.score
            ),
            None => println!("  {} {} → not imported", column.letter, column.header),
        }
    }
    for note in &sheet.notes {
        println!("  note: {note}");
    }
}

fn print_row(row: &RowReport) {
    match row.outcome {
        RowOutcome::Skipped => println!(
            "  Row {}: skipped: {}",
            row.row,
            row.reason.as_deref().unwrap_or("")
        ),
        RowOutcome::Imported => {
            let answers: Vec<String> = row
                .recommendations
                .iter()
                .map(|r| {
                    format!(
                        "{} {}{}",
                        r.source,
                        r.reference,
                        if r.new { " (new)" } else { "" }
                    )
                })
                .collect();
            match &row.action {
                Some(action) => println!(
                    "  Row {}: action {}, target {}{}, {}{}, answering {}",
                    row.row,
                    action.reference,
                    format_long(action.target_date),
                    action
                        .revised_target_date
                        .map(|d| format!(" revised to {}", format_long(d)))
                        .unwrap_or_default(),
                    action.status.label(),
                    action
                        .rag
                        .map(|r| format!(", {}", r.as_str()))
                        .unwrap_or_default(),
                    answers.join("; ")
                ),
                None => println!("  Row {}: recommendation {}", row.row, answers.join("; ")),
            }
        }
    }
    for warning in &row.warnings {
        println!("    warning: {warning}");
    }
}
