//! Dates as people enter and read them: GOV.UK day / month / year fields in,
//! "4 June 2025" out, ISO `YYYY-MM-DD` in storage and on the command line.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::FieldError;

/// A date as typed into the three GOV.UK date fields, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DateInput {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateInput {
    /// Splits an ISO `YYYY-MM-DD` text into its parts, or `None` when it does
    /// not have that shape. Whether it is a real date is checked by [`DateInput::parse`].
    pub fn from_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Some(Self {
            day: day.to_owned(),
            month: month.to_owned(),
            year: year.to_owned(),
        })
    }

    /// The parts of a known date, for filling an edit form.
    pub fn from_date(date: NaiveDate) -> Self {
        Self {
            day: date.day().to_string(),
            month: date.month().to_string(),
            year: date.year().to_string(),
        }
    }

    /// Whether nothing was typed in any part (an optional date left blank).
    pub fn is_blank(&self) -> bool {
        [&self.day, &self.month, &self.year]
            .iter()
            .all(|p| p.trim().is_empty())
    }

    /// Like [`DateInput::parse`], for a date that may be left blank; it must not
    /// be after `today`.
    pub fn parse_optional(
        &self,
        field: &str,
        label: &str,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, FieldError> {
        if self.is_blank() {
            return Ok(None);
        }
        self.parse_past(field, label, today).map(Some)
    }

    /// Like [`DateInput::parse`], refusing a date after `today`.
    pub fn parse_past(
        &self,
        field: &str,
        label: &str,
        today: NaiveDate,
    ) -> Result<NaiveDate, FieldError> {
        let date = self.parse(field, label)?;
        if date > today {
            return Err(FieldError::new(
                field,
                format!("{label} must be today or in the past"),
            ));
        }
        Ok(date)
    }

    /// Checks the parts make a real date. `label` is how the form names the
    /// field ("Date referred"); messages follow the GOV.UK date input pattern.
    pub fn parse(&self, field: &str, label: &str) -> Result<NaiveDate, FieldError> {
        let parts = [
            ("day", self.day.trim()),
            ("month", self.month.trim()),
            ("year", self.year.trim()),
        ];
        let missing: Vec<&str> = parts
            .iter()
            .filter(|(_, v)| v.is_empty())
            .map(|(n, _)| *n)
            .collect();
        if missing.len() == 3 {
            return Err(FieldError::new(
                field,
                format!("Enter the {}", label.to_lowercase()),
            ));
        }
        if !missing.is_empty() {
            return Err(FieldError::new(
                field,
                format!("{label} must include a {}", missing.join(" and ")),
            ));
        }
        let real = || FieldError::new(field, format!("{label} must be a real date"));
        let number = |v: &str| -> Result<u32, FieldError> {
            if v.chars().all(|c| c.is_ascii_digit()) {
                v.parse().map_err(|_| real())
            } else {
                Err(real())
            }
        };
        let (day, month) = (number(parts[0].1)?, number(parts[1].1)?);
        if parts[2].1.len() != 4 {
            return Err(FieldError::new(
                field,
                format!("{label}: the year must include 4 numbers"),
            ));
        }
        let year = number(parts[2].1)?;
        let year = i32::try_from(year).map_err(|_| real())?;
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(real)?;
        // A year typed with leading zeros ("0222") is four numbers but no
        // year a case review holds, and it would not read back as typed.
        // Every date a register keeps (births included) is from 1900 on.
        if year < EARLIEST_YEAR {
            return Err(FieldError::new(
                field,
                format!("{label} must be the same as or after 1 January {EARLIEST_YEAR}"),
            ));
        }
        Ok(date)
    }
}

/// The earliest year any date field accepts.
pub const EARLIEST_YEAR: i32 = 1900;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's name, 1 = January.
pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// Today's date on this computer's clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date as the house style shows it: "4 June 2025".
pub fn format_long(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(day: &str, month: &str, year: &str) -> DateInput {
        DateInput {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    fn message(result: Result<NaiveDate, FieldError>) -> String {
        result.err().map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn accepts_real_dates_with_or_without_leading_zeros() {
        let expected = NaiveDate::from_ymd_opt(2025, 6, 4);
        assert_eq!(input("4", "6", "2025").parse("d", "Date").ok(), expected);
        assert_eq!(input("04", "06", "2025").parse("d", "Date").ok(), expected);
    }

    #[test]
    fn thirty_first_of_february_is_not_a_real_date() {
        let got = input("31", "02", "2025").parse("referred_on", "Date referred");
        assert_eq!(message(got), "Date referred must be a real date");
    }

    #[test]
    fn leap_day_is_real_only_in_leap_years() {
        assert!(input("29", "2", "2024").parse("d", "Date").is_ok());
        assert!(input("29", "2", "2025").parse("d", "Date").is_err());
    }

    #[test]
    fn names_what_is_missing() {
        assert_eq!(
            message(input("", "", "").parse("d", "Date referred")),
            "Enter the date referred"
        );
        assert_eq!(
            message(input("3", "", "").parse("d", "Date referred")),
            "Date referred must include a month and year"
        );
    }

    #[test]
    fn rejects_words_signs_and_short_years() {
        assert!(input("x", "1", "2025").parse("d", "Date").is_err());
        assert!(input("-1", "1", "2025").parse("d", "Date").is_err());
        assert!(input("1", "1", "25").parse("d", "Date").is_err());
        assert!(input("1", "13", "2025").parse("d", "Date").is_err());
    }

    #[test]
    fn refuses_years_before_1900_even_with_four_numbers() {
        assert_eq!(
            message(input("1", "2", "0222").parse("d", "Date referred")),
            "Date referred must be the same as or after 1 January 1900"
        );
        assert!(input("31", "12", "1899").parse("d", "Date").is_err());
        assert_eq!(
            input("1", "1", "1900").parse("d", "Date"),
            Ok(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap())
        );
    }

    #[test]
    fn iso_text_splits_only_when_shaped_like_iso() {
        assert_eq!(
            DateInput::from_iso("2025-02-31"),
            Some(input("31", "02", "2025"))
        );
        assert_eq!(DateInput::from_iso("31/02/2025"), None);
        assert_eq!(DateInput::from_iso("2025-2-3"), None);
    }

    #[test]
    fn formats_as_house_style() {
        let date = NaiveDate::from_ymd_opt(2025, 6, 4).expect("real date");
        assert_eq!(format_long(date), "4 June 2025");
        let date = NaiveDate::from_ymd_opt(2024, 12, 31).expect("real date");
        assert_eq!(format_long(date), "31 December 2024");
    }
}
