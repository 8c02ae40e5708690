//! The reports as the app's Reports screen asks for them: the choices it
//! offers (the default six-month period, the reporting years), and each
//! report built and written to the file the save dialog chose, its dates
//! and year checked as the form gave them.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{write_annual, write_board, Period, ReportFormat, ReportingYear};
use crate::clocks::Quarter;
use crate::dates::{format_long, DateInput};
use crate::error::{Error, Result};
use crate::register::Register;

/// How many reporting years the screen offers, the current one first.
const YEARS_OFFERED: i32 = 6;

/// What the Reports screen offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportChoices {
    /// The board report's default period: the last complete half of the
    /// reporting year.
    pub period: Period,
    pub period_label: String,
    /// Reporting years, newest first, as written ("2024/25").
    pub years: Vec<YearChoice>,
    /// The last complete reporting year: the one an annual report is usually for.
    pub default_year: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct YearChoice {
    /// "2024/25".
    pub code: String,
    /// "2024/25 (1 April 2024 to 31 March 2025)", marked when not yet over.
    pub label: String,
}

/// What was written, for the app to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportWritten {
    pub path: String,
    pub format: ReportFormat,
    /// "the board report for 1 April 2025 to 30 September 2025".
    pub what: String,
    pub demo: bool,
}

impl Register {
    /// The periods and years the Reports screen offers on `today`.
    pub fn report_choices(&self, today: NaiveDate) -> Result<ReportChoices> {
        let start = self.clock_settings()?.year_start_month;
        let period = Period::last_half_year(today, start);
        let current = Quarter::containing(today, start);
        let years = (0..YEARS_OFFERED)
            .map(|back| {
                let first = Quarter {
                    year: current.year - back,
                    number: 1,
                    year_start_month: start,
                };
                let last = Quarter { number: 4, ..first };
                let so_far = if back == 0 { ", so far" } else { "" };
                YearChoice {
                    code: first.year_label(),
                    label: format!(
                        "{} ({} to {}{so_far})",
                        first.year_label(),
                        format_long(first.first_day()),
                        format_long(last.last_day())
                    ),
                }
            })
            .collect::<Vec<_>>();
        Ok(ReportChoices {
            period_label: period.label(),
            period,
            default_year: years.get(1).map(|y| y.code.clone()).unwrap_or_default(),
            years,
        })
    }

    /// The board report for `from` to `to` (as the form's date fields gave
    /// them) written to `path` in `format`, replacing what is there (the
    /// save dialog has asked).
    pub fn write_board_report(
        &self,
        from: &DateInput,
        to: &DateInput,
        format: ReportFormat,
        path: &Path,
        today: NaiveDate,
    ) -> Result<ReportWritten> {
        let mut errors = Vec::new();
        let from = from
            .parse("from", "The start of the period")
            .map_err(|e| errors.push(e));
        let to = to
            .parse("to", "The end of the period")
            .map_err(|e| errors.push(e));
        let (Ok(from), Ok(to)) = (from, to) else {
            return Err(Error::Validation(errors));
        };
        let period = Period::new(from, to, today)?;
        let report = self.board_report(&period, today)?;
        write_board(&report, format, path, true)?;
        Ok(ReportWritten {
            path: path.display().to_string(),
            format,
            what: format!("the board report for {}", report.period_label),
            demo: report.demo,
        })
    }

    /// The annual report section for `year` ("2024/25") written to `path`.
    pub fn write_annual_report(
        &self,
        year: &str,
        format: ReportFormat,
        path: &Path,
        today: NaiveDate,
    ) -> Result<ReportWritten> {
        let year = ReportingYear::parse(year, self.clock_settings()?.year_start_month)?;
        let report = self.annual_report(&year, today)?;
        write_annual(&report, format, path, true)?;
        Ok(ReportWritten {
            path: path.display().to_string(),
            format,
            what: format!(
                "the annual report section for {} ({})",
                report.year.label, report.year_label
            ),
            demo: report.demo,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("ISO date")
    }

    fn demo(today: NaiveDate) -> Register {
        let mut reg = Register::in_memory("Subgroup chair").expect("register");
        crate::demo::load(&mut reg, today).expect("demo");
        reg
    }

    #[test]
    fn the_screen_offers_the_last_half_year_and_the_last_complete_year() {
        let reg = Register::in_memory("Subgroup chair").expect("register");
        let choices = reg.report_choices(date("2025-11-25")).expect("choices");
        assert_eq!(
            (choices.period.from, choices.period.to),
            (date("2025-04-01"), date("2025-09-30"))
        );
        assert_eq!(choices.period_label, "1 April 2025 to 30 September 2025");
        assert_eq!(choices.default_year, "2024/25");
        assert_eq!(
            choices.years[0].label,
            "2025/26 (1 April 2025 to 31 March 2026, so far)"
        );
        assert_eq!(
            choices.years[1].label,
            "2024/25 (1 April 2024 to 31 March 2025)"
        );
        assert_eq!(choices.years.len(), 6);
    }

    #[test]
    fn reports_are_written_where_the_dialog_chose_and_bad_dates_named() {
        let today = date("2025-09-01");
        let reg = demo(today);
        let dir = tempfile::tempdir().expect("dir");
        let board = dir.path().join("board.docx");
        let written = reg
            .write_board_report(
                &DateInput::from_iso("2025-01-01").expect("iso"),
                &DateInput::from_iso("2025-06-30").expect("iso"),
                ReportFormat::Docx,
                &board,
                today,
            )
            .expect("board report");
        assert!(written.demo);
        assert_eq!(
            written.what,
            "the board report for 1 January 2025 to 30 June 2025"
        );
        assert!(std::fs::read(&board).expect("file").starts_with(b"PK"));

        let annual = dir.path().join("annual.json");
        let written = reg
            .write_annual_report("2024/25", ReportFormat::Json, &annual, today)
            .expect("annual");
        assert_eq!(
            written.what,
            "the annual report section for 2024/25 (1 April 2024 to 31 March 2025)"
        );
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&annual).expect("file")).expect("json");
        assert_eq!(json["year"]["label"], "2024/25");

        let blank = DateInput::default();
        let Err(Error::Validation(fields)) = reg.write_board_report(
            &blank,
            &DateInput {
                day: "31".into(),
                month: "2".into(),
                year: "2025".into(),
            },
            ReportFormat::Docx,
            &dir.path().join("bad.docx"),
            today,
        ) else {
            panic!("bad dates are refused");
        };
        let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(named, ["from", "to"], "both named at once: {fields:?}");
        let err = reg
            .write_annual_report(
                "2024-25",
                ReportFormat::Docx,
                &dir.path().join("bad.docx"),
                today,
            )
            .expect_err("bad year");
        assert_eq!(err.code(), crate::ErrorCode::Validation);
        assert!(!dir.path().join("bad.docx").exists(), "nothing written");
    }
}
