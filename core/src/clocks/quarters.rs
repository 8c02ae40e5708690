//! Reporting-year quarters, always shown with their months:
//! "Q3 2024/25 (October to December 2024)". "Q1" alone is ambiguous because
//! partnerships start their reporting years in different months.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::dates::month_name;

/// One quarter of a reporting year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[ts(export)]
pub struct Quarter {
    /// The calendar year the reporting year starts in (2024 for 2024/25).
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
    /// The reporting year's first month (4 = April).
    pub year_start_month: u32,
}

impl Quarter {
    /// The quarter `date` falls in, for a reporting year starting in
    /// `year_start_month` (1–12; anything else is treated as April).
    pub fn containing(date: NaiveDate, year_start_month: u32) -> Self {
        let start = if (1..=12).contains(&year_start_month) {
            year_start_month
        } else {
            4
        };
        let months_in = (date.month() + 12 - start) % 12;
        let year = if date.month() >= start {
            date.year()
        } else {
            date.year() - 1
        };
        Self {
            year,
            number: months_in / 3 + 1,
            year_start_month: start,
        }
    }

    /// The first day of the quarter.
    pub fn first_day(&self) -> NaiveDate {
        let (year, month) = self.month_at(0);
        NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
    }

    /// The last day of the quarter.
    pub fn last_day(&self) -> NaiveDate {
        let (year, month) = self.month_at(3);
        NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or_default()
    }

    /// The reporting year as written: "2024/25" (or "2024" when it starts in January).
    pub fn year_label(&self) -> String {
        if self.year_start_month == 1 {
            self.year.to_string()
        } else {
            format!("{}/{:02}", self.year, (self.year + 1).rem_euclid(100))
        }
    }

    /// "Q3 2024/25 (October to December 2024)".
    pub fn label(&self) -> String {
        let (first_year, first_month) = self.month_at(0);
        let (last_year, last_month) = self.month_at(2);
        let months = if first_year == last_year {
            format!(
                "{} to {} {}",
                month_name(first_month),
                month_name(last_month),
                last_year
            )
        } else {
            format!(
                "{} {} to {} {}",
                month_name(first_month),
                first_year,
                month_name(last_month),
                last_year
            )
        };
        format!("Q{} {} ({months})", self.number, self.year_label())
    }

    /// The short code used on the command line: "2024/25-Q3" (or "2024-Q3"
    /// when the reporting year starts in January).
    pub fn code(&self) -> String {
        format!("{}-Q{}", self.year_label(), self.number)
    }

    /// Reads a code such as "2024/25-Q3" for a reporting year starting in
    /// `year_start_month`; `None` when it is not one.
    pub fn parse_code(code: &str, year_start_month: u32) -> Option<Self> {
        let (year_part, quarter_part) = code
            .trim()
            .split_once("-Q")
            .or_else(|| code.trim().split_once("-q"))?;
        let number: u32 = quarter_part.parse().ok().filter(|n| (1..=4).contains(n))?;
        let year: i32 = year_part.get(..4)?.parse().ok()?;
        let quarter = Self {
            year,
            number,
            year_start_month: if (1..=12).contains(&year_start_month) {
                year_start_month
            } else {
                4
            },
        };
        (quarter.year_label() == year_part).then_some(quarter)
    }

    /// (year, month) of the quarter's month at `offset` (0 = first; 3 = the next quarter's first).
    fn month_at(&self, offset: u32) -> (i32, u32) {
        let zero_based = self.year_start_month - 1 + (self.number - 1) * 3 + offset;
        (self.year + (zero_based / 12) as i32, zero_based % 12 + 1)
    }
}
