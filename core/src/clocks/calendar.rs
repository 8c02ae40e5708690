//! The working-day calendar: weekends, England and Wales bank holidays, and a
//! partnership's own closure days.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::bank_holidays::{BANK_HOLIDAYS, FIRST_YEAR, LAST_YEAR};

/// Which days are working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    closed: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// England and Wales bank holidays plus `local_closures`.
    pub fn england_and_wales(local_closures: &[NaiveDate]) -> Self {
        let mut closed: BTreeSet<NaiveDate> = BANK_HOLIDAYS
            .iter()
            .filter_map(|&(y, m, d, _)| NaiveDate::from_ymd_opt(y, m, d))
            .collect();
        closed.extend(local_closures.iter().copied());
        Self { closed }
    }

    /// Monday to Friday and not closed.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.closed.contains(&date)
    }

    /// Whether the bank-holiday list covers `date`'s year.
    pub fn covers(&self, date: NaiveDate) -> bool {
        (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
    }

    /// The `n`th working day after `from` (`from` itself is day 0, whatever it is).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut date = from;
        let mut counted = 0;
        while counted < n {
            match date.succ_opt() {
                Some(next) => date = next,
                None => return date,
            }
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        date
    }

    /// Working days after `from` up to and including `to`; negative when `to`
    /// is before `from`. So a due date `add_working_days(d, n)` is `n` after `d`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let count = start
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= end)
            .filter(|d| self.is_working_day(*d))
            .count();
        sign * count as i64
    }
}
