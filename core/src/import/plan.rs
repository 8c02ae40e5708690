//! Planning an import: each sheet's mapping and review, then each row
//! checked as the register would check it, against the register and the
//! rows above it in the same import (a reference used twice, a
//! recommendation added by an earlier row). Reads only; writes nothing.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::header::{self, ImportField, SEARCH_ROWS};
use super::rows::{self, Line};
use super::status::{self, StatusWord};
use super::workbook::Sheet;
use super::{
    ColumnMapping, ImportCounts, ImportOptions, ImportReport, RowOutcome, RowReport, SheetMapping,
    SheetPlan,
};
use crate::error::{Error, FieldError, Result};
use crate::jobs::{JobStage, Watch};

mod action;
mod mapping;
mod recs;
#[cfg(test)]
mod tests;

pub(super) use action::progress_input;

/// Longest case or source code the register takes.
const CODE_LIMIT: usize = 40;

/// How many rows a sheet with no header row shows, so the user can point at one.
const FIRST_ROWS: usize = 10;

/// How many rows under the header the preview shows beside the mapping.
const SAMPLE_ROWS: usize = 3;

pub fn plan(
    conn: &Connection,
    file: &str,
    sheets: Vec<Sheet>,
    options: &ImportOptions,
    today: NaiveDate,
    year_start_month: u32,
) -> Result<ImportReport> {
    let watch = Watch::none();
    plan_watched(conn, file, sheets, options, today, year_start_month, &watch)
}

/// [`plan`], telling `watch` of each row checked and stopping when it is cancelled.
pub fn plan_watched(
    conn: &Connection,
    file: &str,
    sheets: Vec<Sheet>,
    options: &ImportOptions,
    today: NaiveDate,
    year_start_month: u32,
    watch: &Watch<'_>,
) -> Result<ImportReport> {
    // Both options are checked before either is refused, so one run names
    // every mistake.
    let sheets = chosen(file, sheets, options.sheet.as_deref());
    let forced = match options
        .review
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        None => Ok(None),
        Some(code) => register_code(conn, code)?.map(Some).ok_or_else(|| {
            FieldError::new(
                "review",
                format!("There is no case or source \"{code}\" in the register"),
            )
        }),
    };
    let (sheets, forced) = match (sheets, forced) {
        (Ok(sheets), Ok(forced)) => (sheets, forced),
        (sheets, forced) => {
            return Err(Error::Validation(
                [sheets.err(), forced.err()].into_iter().flatten().collect(),
            ))
        }
    };
    let mut planner = Planner {
        conn,
        today,
        year_start_month,
        forced,
        actions: HashMap::new(),
        recommendations: HashMap::new(),
        made_refs: HashMap::new(),
        new_sources: NewSources::default(),
        spelled: RefCell::default(),
        statuses: RefCell::default(),
    };
    let mut report = ImportReport {
        file: file.to_owned(),
        sheets: Vec::new(),
        rows: Vec::new(),
        new_sources: Vec::new(),
        counts: ImportCounts::default(),
        written: false,
    };
    for sheet in &sheets {
        let (plan, rows) = planner.sheet(sheet, options, watch)?;
        report.sheets.push(plan);
        report.rows.extend(rows);
    }
    report.new_sources = planner.new_sources.codes;
    report.counts = count(&report);
    Ok(report)
}

/// The sheets asked for: all, or the one named (any case).
fn chosen(
    file: &str,
    sheets: Vec<Sheet>,
    wanted: Option<&str>,
) -> std::result::Result<Vec<Sheet>, FieldError> {
    let Some(wanted) = wanted.map(str::trim).filter(|w| !w.is_empty()) else {
        return Ok(sheets);
    };
    let names: Vec<String> = sheets.iter().map(|s| format!("\"{}\"", s.name)).collect();
    let found: Vec<Sheet> = sheets
        .into_iter()
        .filter(|s| s.name.trim().eq_ignore_ascii_case(wanted))
        .collect();
    if found.is_empty() {
        return Err(FieldError::new(
            "sheet",
            format!(
                "{file} has no sheet \"{wanted}\"; its sheets are {}",
                names.join(", ")
            ),
        ));
    }
    Ok(found)
}

fn count(report: &ImportReport) -> ImportCounts {
    let imported = report
        .rows
        .iter()
        .filter(|r| r.outcome == RowOutcome::Imported);
    ImportCounts {
        rows: report.rows.len() as u32,
        imported: imported.clone().count() as u32,
        skipped: report
            .rows
            .iter()
            .filter(|r| r.outcome == RowOutcome::Skipped)
            .count() as u32,
        warnings: (report.rows.iter().map(|r| r.warnings.len()).sum::<usize>()
            + report.sheets.iter().map(|s| s.notes.len()).sum::<usize>()) as u32,
        sources: report.new_sources.len() as u32,
        recommendations: imported
            .clone()
            .flat_map(|r| &r.recommendations)
            .filter(|r| r.new)
            .count() as u32,
        actions: imported.filter(|r| r.action.is_some()).count() as u32,
    }
}

/// A code as the register spells it, when it is a case's or a source's.
fn register_code(conn: &Connection, code: &str) -> Result<Option<String>> {
    // Cached: asked for every row's review, and preparing costs more than
    // the lookup.
    Ok(conn
        .prepare_cached(
            "SELECT code FROM cases WHERE code = ?1 COLLATE NOCASE
             UNION ALL SELECT code FROM sources WHERE code = ?1 COLLATE NOCASE LIMIT 1",
        )?
        .query_row([code.trim()], |r| r.get(0))
        .optional()?)
}

/// The case or source a sheet is named after: its name exactly (any case),
/// else the longest code written in the name as whole words ("Child Q
/// action plan" is Child Q's), else a code ending in the name when only one
/// does ("AK" for "Case AK").
fn code_in_name(conn: &Connection, name: &str) -> Result<Option<String>> {
    if let Some(code) = register_code(conn, name)? {
        return Ok(Some(code));
    }
    let mut stmt = conn.prepare("SELECT code FROM cases UNION ALL SELECT code FROM sources")?;
    let codes = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let words = |text: &str| {
        format!(
            " {} ",
            text.to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )
    };
    let name_words = words(name);
    let within = codes
        .iter()
        .filter(|c| name_words.contains(&words(c)))
        .max_by_key(|c| c.len());
    if let Some(code) = within {
        return Ok(Some(code.clone()));
    }
    let ending: Vec<&String> = codes
        .iter()
        .filter(|c| name.trim().len() >= 2 && words(c).ends_with(&words(name)))
        .collect();
    Ok(match ending.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    })
}

/// "IMP-CASEAK": the stem of references made for a sheet's actions.
fn reference_stem(sheet: &str) -> String {
    let token: String = sheet
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .take(16)
        .collect();
    format!("IMP-{}", if token.is_empty() { "SHEET" } else { &token })
}

/// Single-spaced, lower-case: how texts and codes are compared. Called
/// several times a row, so built in one string, lower-cased in place when
/// it is ASCII (`str::to_lowercase` otherwise, for its final-sigma rule).
fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// A recommendation planned by an earlier row.
struct Planned {
    sheet: String,
    row: u32,
    text: String,
}

/// The import so far: what earlier rows will add, so later rows are checked
/// against the register as it will be when they are written.
struct Planner<'a> {
    conn: &'a Connection,
    today: NaiveDate,
    year_start_month: u32,
    /// `--review`: every row goes under this code.
    forced: Option<String>,
    /// Action references used, by key: (sheet, row).
    actions: HashMap<String, (String, u32)>,
    /// New recommendations, by (source key, reference key).
    recommendations: HashMap<(String, String), Planned>,
    /// References made for recommendations with none, by (source key, text key).
    made_refs: HashMap<(String, String), String>,
    new_sources: NewSources,
    /// [`register_code`]'s answers, by code as written: a tracker names the
    /// same few reviews on thousands of rows, and the register does not
    /// change while the import is planned.
    spelled: RefCell<HashMap<String, Option<String>>>,
    /// [`status::from_word`]'s answers, by status cell text: a tracker has
    /// a handful of statuses over thousands of rows.
    statuses: RefCell<HashMap<String, StatusWord>>,
}

/// Codes the import registers as new sources, in the order rows first name
/// them, found by [`key`]. A row looks its review up here, and a list
/// searched by comparing keys took most of an import's time once a tracker
/// named hundreds of reviews (5,000 rows, 280 new sources: 1.8 million keys).
#[derive(Default)]
struct NewSources {
    codes: Vec<String>,
    /// Each code's key, to its index in `codes`.
    by_key: HashMap<String, usize>,
}

impl NewSources {
    /// The code as first spelled, if one with the same key is listed.
    fn find(&self, code: &str) -> Option<&String> {
        self.by_key.get(&key(code)).map(|&i| &self.codes[i])
    }

    fn contains(&self, code: &str) -> bool {
        self.by_key.contains_key(&key(code))
    }

    /// Adds `code` unless one with the same key is listed.
    fn add(&mut self, code: &str) {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.by_key.entry(key(code)) {
            slot.insert(self.codes.len());
            self.codes.push(code.to_owned());
        }
    }
}

/// A sheet's facts every row needs.
struct SheetContext {
    name: String,
    /// The code for rows that do not name one, and whether it is new.
    review: (String, bool),
    stem: String,
}

/// A header row (0-based) and its columns.
type Found = (usize, Vec<ColumnMapping>);

/// What a row's checks found wrong: the row is skipped with these reasons.
type Skip = Vec<String>;

impl Planner<'_> {
    fn sheet(
        &mut self,
        sheet: &Sheet,
        options: &ImportOptions,
        watch: &Watch<'_>,
    ) -> Result<(SheetPlan, Vec<RowReport>)> {
        let (found, from) = self.mapping(sheet, options)?;
        let review = match &self.forced {
            Some(code) => (code.clone(), false),
            None => match code_in_name(self.conn, &sheet.name)? {
                Some(code) => (code, false),
                None => (sheet.name.trim().chars().take(CODE_LIMIT).collect(), true),
            },
        };
        let mut plan = SheetPlan {
            sheet: sheet.name.clone(),
            mapping: None,
            mapping_from: from,
            signature: String::new(),
            review: Some(review.0.clone()),
            new_review: false,
            blank_rows: 0,
            notes: Vec::new(),
            first_rows: Vec::new(),
            sample_rows: Vec::new(),
        };
        let Some((header_row, columns)) = found else {
            plan.review = None;
            plan.notes.push(format!(
                "Sheet \"{}\": no header row found in its first {SEARCH_ROWS} rows (headings such as Action, Lead agency, Target date), so it is left out. Choose its header row and columns to import it.",
                sheet.name
            ));
            plan.first_rows = (0..sheet.rows.len().min(FIRST_ROWS))
                .map(|r| sheet.texts(r))
                .collect();
            return Ok((plan, Vec::new()));
        };
        plan.signature = header::signature(&sheet.texts(header_row));
        if !columns.iter().any(|c| c.field == Some(ImportField::Action)) {
            plan.notes.push(format!(
                "Sheet \"{}\": no column is mapped to the action, so only recommendations can be imported from it",
                sheet.name
            ));
        }
        plan.sample_rows = (header_row + 1..sheet.rows.len())
            .map(|r| sheet.texts(r))
            .filter(|texts| texts.iter().any(|t| !t.trim().is_empty()))
            .take(SAMPLE_ROWS)
            .collect();
        let (lines, blank) = rows::lines(sheet, header_row, &columns);
        plan.blank_rows = blank;
        plan.mapping = Some(SheetMapping {
            sheet: sheet.name.clone(),
            header_row: header_row as u32 + 1,
            columns,
        });
        let context = SheetContext {
            name: sheet.name.clone(),
            review,
            stem: reference_stem(&sheet.name),
        };
        let mut ordinal = 0;
        let mut reports = Vec::new();
        let total = lines.len() as u64;
        for (done, line) in lines.iter().enumerate() {
            watch.step(JobStage::Checking, done as u64, total)?;
            if !line.action.is_empty() {
                ordinal += 1;
            }
            reports.push(self.row(&context, line, ordinal));
        }
        let default = &context.review.0;
        if context.review.1 && self.new_sources.codes.iter().any(|s| s == default) {
            plan.new_review = true;
            plan.notes.push(format!(
                "\"{default}\" is not a case or source in the register: the import registers it as a new source (a thematic review). To put these rows under an existing case instead, choose it for this sheet."
            ));
        }
        Ok((plan, reports))
    }

    fn row(&mut self, sheet: &SheetContext, line: &Line, ordinal: u32) -> RowReport {
        let mut report = RowReport {
            sheet: sheet.name.clone(),
            row: line.row,
            outcome: RowOutcome::Skipped,
            reason: None,
            warnings: Vec::new(),
            recommendations: Vec::new(),
            action: None,
        };
        match self.check_row(sheet, line, ordinal, &mut report) {
            Ok(()) => {
                report.outcome = RowOutcome::Imported;
                self.commit(&report);
            }
            Err(reasons) => {
                report.reason = Some(reasons.join("; "));
            }
        }
        report
    }

    /// Fills `report` with what the row becomes, or says why it cannot be imported.
    fn check_row(
        &self,
        sheet: &SheetContext,
        line: &Line,
        ordinal: u32,
        report: &mut RowReport,
    ) -> std::result::Result<(), Skip> {
        if line.repeats_header {
            return Err(vec!["it repeats the header row".to_owned()]);
        }
        let reviews = self.reviews(sheet, line)?;
        report.recommendations = self.recommendations(&reviews, line, &mut report.warnings)?;
        if line.action.is_empty() {
            let adds = !line.rec_carried && report.recommendations.iter().any(|r| r.new);
            if adds {
                report
                    .warnings
                    .push("No action in this row: only the recommendation is imported".to_owned());
                return Ok(());
            }
            return Err(vec![
                if report.recommendations.is_empty() || line.rec_carried {
                    "there is no action in this row".to_owned()
                } else {
                    "there is no action in this row, and its recommendation is already in the register or above"
                    .to_owned()
                },
            ]);
        }
        if report.recommendations.is_empty() {
            return Err(vec![
                "no recommendation for this action: none in this row or carried down from above"
                    .to_owned(),
            ]);
        }
        report.action = Some(self.action(sheet, line, ordinal, &mut report.warnings)?);
        Ok(())
    }

    /// Records what an imported row adds, for the rows below it.
    fn commit(&mut self, report: &RowReport) {
        for rec in report.recommendations.iter().filter(|r| r.new) {
            if !self.new_sources.contains(&rec.source)
                && self.register_code(&rec.source).ok().flatten().is_none()
            {
                self.new_sources.add(&rec.source);
            }
            self.made_refs
                .entry((key(&rec.source), key(&rec.text)))
                .or_insert_with(|| rec.reference.clone());
            self.recommendations.insert(
                (key(&rec.source), key(&rec.reference)),
                Planned {
                    sheet: report.sheet.clone(),
                    row: report.row,
                    text: rec.text.clone(),
                },
            );
        }
        if let Some(action) = &report.action {
            self.actions
                .insert(key(&action.reference), (report.sheet.clone(), report.row));
        }
    }

    /// [`status::from_word`], remembered for the rest of the import.
    fn status_word(&self, text: &str) -> StatusWord {
        if let Some(word) = self.statuses.borrow().get(text) {
            return *word;
        }
        let word = status::from_word(text);
        self.statuses.borrow_mut().insert(text.to_owned(), word);
        word
    }

    /// [`register_code`], remembered for the rest of the import.
    fn register_code(&self, code: &str) -> Result<Option<String>> {
        if let Some(spelled) = self.spelled.borrow().get(code) {
            return Ok(spelled.clone());
        }
        let spelled = register_code(self.conn, code)?;
        self.spelled
            .borrow_mut()
            .insert(code.to_owned(), spelled.clone());
        Ok(spelled)
    }

    /// The codes the row's recommendations come from, as the register (or
    /// this import) spells them; the first is the row's own.
    fn reviews(&self, sheet: &SheetContext, line: &Line) -> std::result::Result<Vec<String>, Skip> {
        if let Some(code) = &self.forced {
            return Ok(vec![code.clone()]);
        }
        let named: Vec<&str> = line
            .review
            .split([';', '\n'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if named.is_empty() {
            return Ok(vec![sheet.review.0.clone()]);
        }
        let mut codes = Vec::new();
        for code in named {
            if code.chars().count() > CODE_LIMIT {
                return Err(vec![format!(
                    "the review \"{code}\" is longer than a case or source code can be ({CODE_LIMIT} characters)"
                )]);
            }
            let spelled = self
                .register_code(code)
                .map_err(|e| vec![e.to_string()])?
                .or_else(|| self.new_sources.find(code).cloned())
                .unwrap_or_else(|| code.to_owned());
            if !codes.contains(&spelled) {
                codes.push(spelled);
            }
        }
        Ok(codes)
    }
}
