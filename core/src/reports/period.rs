//! The spans of time reports cover: a board report's period (any two dates;
//! by default the latest complete half of the reporting year) and an annual
//! report's reporting year, written "2024/25" and starting in the register's
//! reporting-year month.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::clocks::Quarter;
use crate::dates::{format_long, DateInput};
use crate::error::{Error, FieldError, Result};

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Period {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
}

impl Period {
    /// A period from `from` to `to`: it must not end before it starts, nor
    /// start after `today` (there would be nothing to report).
    pub fn new(from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Self> {
        let mut errors = Vec::new();
        if to < from {
            errors.push(FieldError::new(
                "to",
                format!(
                    "The period must end on or after its start ({}), not on {}",
                    format_long(from),
                    format_long(to)
                ),
            ));
        }
        if from > today {
            errors.push(FieldError::new(
                "from",
                format!(
                    "The period must start today or earlier, not on {}",
                    format_long(from)
                ),
            ));
        }
        if errors.is_empty() {
            Ok(Self { from, to })
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// Reads the two ends as `YYYY-MM-DD`, reporting every problem at once.
    pub fn parse(from: &str, to: &str, today: NaiveDate) -> Result<Self> {
        let mut errors = Vec::new();
        let from = iso(from, "from", "The start of the period").map_err(|e| errors.push(e));
        let to = iso(to, "to", "The end of the period").map_err(|e| errors.push(e));
        match (from, to) {
            (Ok(from), Ok(to)) => Self::new(from, to, today),
            _ => Err(Error::Validation(errors)),
        }
    }

    /// The latest half of the reporting year that has ended by `today`:
    /// boards commonly take the case review report six-monthly.
    pub fn last_half_year(today: NaiveDate, year_start_month: u32) -> Self {
        let current = Quarter::containing(today, year_start_month);
        // The half `today` is in starts with quarter 1 or 3; the one before it
        // ends the day before.
        let half_start = Quarter {
            number: if current.number <= 2 { 1 } else { 3 },
            ..current
        }
        .first_day();
        let end = half_start.pred_opt().unwrap_or(half_start);
        let last = Quarter::containing(end, year_start_month);
        let first = Quarter {
            number: last.number - 1,
            ..last
        };
        Self {
            from: first.first_day(),
            to: last.last_day(),
        }
    }

    /// "1 April 2025 to 30 September 2025".
    pub fn label(&self) -> String {
        format!("{} to {}", format_long(self.from), format_long(self.to))
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// A `YYYY-MM-DD` option, checked to be a real date.
fn iso(text: &str, field: &str, label: &str) -> Result<NaiveDate, FieldError> {
    DateInput::from_iso(text)
        .ok_or_else(|| {
            FieldError::new(
                field,
                format!(
                    "{label} must be a date in the form YYYY-MM-DD, such as 2025-03-31 (not \"{}\")",
                    text.trim()
                ),
            )
        })?
        .parse(field, label)
}

/// A partnership's reporting year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportingYear {
    /// "2024/25" (or "2024" when the year starts in January).
    pub label: String,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
}

impl ReportingYear {
    /// Reads "2024/25" for a reporting year starting in `year_start_month`.
    pub fn parse(text: &str, year_start_month: u32) -> Result<Self> {
        let first = text
            .trim()
            .get(..4)
            .and_then(|y| y.parse::<i32>().ok())
            .map(|year| Quarter {
                year,
                number: 1,
                year_start_month,
            })
            .filter(|q| q.year_label() == text.trim());
        let Some(first) = first else {
            let example = Quarter {
                year: 2024,
                number: 1,
                year_start_month,
            }
            .year_label();
            return Err(Error::field(
                "year",
                format!(
                    "Give the reporting year as it is written, such as {example} (not \"{}\")",
                    text.trim()
                ),
            ));
        };
        let last = Quarter { number: 4, ..first };
        Ok(Self {
            label: first.year_label(),
            from: first.first_day(),
            to: last.last_day(),
        })
    }

    pub fn period(&self) -> Period {
        Period {
            from: self.from,
            to: self.to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("ISO date")
    }

    #[test]
    fn the_default_period_is_the_last_complete_half_of_the_reporting_year() {
        let april = Period::last_half_year(date("2025-07-01"), 4);
        assert_eq!(
            (april.from, april.to),
            (date("2024-10-01"), date("2025-03-31"))
        );
        let october = Period::last_half_year(date("2025-10-01"), 4);
        assert_eq!(
            (october.from, october.to),
            (date("2025-04-01"), date("2025-09-30"))
        );
        let autumn_year = Period::last_half_year(date("2025-03-15"), 10);
        assert_eq!(
            (autumn_year.from, autumn_year.to),
            (date("2024-04-01"), date("2024-09-30")),
            "an October year's second half runs April to September"
        );
    }

    #[test]
    fn a_period_needs_two_dates_in_order() {
        let today = date("2025-07-01");
        assert!(Period::parse("2025-01-01", "2025-06-30", today).is_ok());
        let fields = |e: Error| match e {
            Error::Validation(f) => f.into_iter().map(|f| f.field).collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        let err = Period::parse("2025-06-30", "2025-01-01", today).expect_err("backwards");
        assert_eq!(fields(err), ["to"]);
        let err = Period::parse("30/06/2025", "2025-02-30", today).expect_err("not dates");
        assert_eq!(fields(err), ["from", "to"], "both named at once");
        let err = Period::parse("2025-08-01", "2025-09-30", today).expect_err("future");
        assert_eq!(fields(err), ["from"]);
    }

    #[test]
    fn a_reporting_year_follows_the_registers_start_month() {
        let april = ReportingYear::parse("2024/25", 4).expect("year");
        assert_eq!(
            (april.from, april.to),
            (date("2024-04-01"), date("2025-03-31"))
        );
        let october = ReportingYear::parse(" 2024/25 ", 10).expect("year");
        assert_eq!(
            (october.from, october.to),
            (date("2024-10-01"), date("2025-09-30"))
        );
        let january = ReportingYear::parse("2024", 1).expect("calendar year");
        assert_eq!(january.to, date("2024-12-31"));
        for bad in ["2024/26", "2024-25", "24/25", "Q1 2024/25", ""] {
            let err = ReportingYear::parse(bad, 4).expect_err(bad);
            assert!(
                err.to_string().contains("such as 2024/25"),
                "{bad:?}: {err}"
            );
        }
    }
}
