//! The review process's clocks, in one place: working days in England and
//! Wales, the statutory and local deadlines, and financial-year quarters.
//!
//! - A working day is Monday to Friday and neither an England and Wales bank
//!   holiday ([`bank_holidays`]) nor a local closure day the partnership added.
//! - "Within N working days of D" is the Nth working day after D (D is day 0).
//! - "N months from D" is the same day number N calendar months later, or that
//!   month's last day when it has no such day (31 August + 6 months = 28 or 29
//!   February).
//!
//! Every number here is a [`ClockSettings`] field the partnership can change;
//! the defaults are those of Working Together 2023 and common local practice.

pub mod bank_holidays;
mod calendar;
mod quarters;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use calendar::Calendar;
pub use quarters::Quarter;

/// A partnership's clock settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ClockSettings {
    /// Serious Incident Notification: working days after the local authority became aware.
    pub sin_working_days: u32,
    /// Rapid Review to the National Panel: working days after the SIN was sent.
    pub rapid_review_working_days: u32,
    /// Local CSPR publication target: calendar months after the decision.
    pub cspr_publication_months: u32,
    /// SAR completion target (local; no statutory timescale): months after the decision.
    pub sar_completion_months: u32,
    /// First month of the reporting year (4 = April; some partnerships use 10).
    pub year_start_month: u32,
    /// Local closure days, on top of the bank holidays.
    #[ts(type = "Array<string>")]
    pub local_closures: Vec<NaiveDate>,
}

impl Default for ClockSettings {
    fn default() -> Self {
        Self {
            sin_working_days: 5,
            rapid_review_working_days: 15,
            cspr_publication_months: 6,
            sar_completion_months: 6,
            year_start_month: 4,
            local_closures: Vec::new(),
        }
    }
}

impl ClockSettings {
    /// The working-day calendar these settings describe.
    pub fn calendar(&self) -> Calendar {
        Calendar::england_and_wales(&self.local_closures)
    }
}

/// A clock the app keeps for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Rule {
    /// Serious Incident Notification due after the LA became aware.
    Sin,
    /// Rapid Review due to the National Panel after the SIN was sent.
    RapidReview,
    /// Local CSPR published after the decision to undertake it.
    CsprPublication,
    /// SAR completed after the decision to undertake it.
    Sar,
}

impl Rule {
    pub const ALL: [Rule; 4] = [
        Rule::Sin,
        Rule::RapidReview,
        Rule::CsprPublication,
        Rule::Sar,
    ];

    /// The name used on the command line (`sin`, `rapid-review`, `cspr-publication`, `sar`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Rule::Sin => "sin",
            Rule::RapidReview => "rapid-review",
            Rule::CsprPublication => "cspr-publication",
            Rule::Sar => "sar",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.cli_name() == text.trim())
    }

    /// How people name the clock.
    pub fn label(self) -> &'static str {
        match self {
            Rule::Sin => "Serious Incident Notification due",
            Rule::RapidReview => "Rapid Review due to the National Panel",
            Rule::CsprPublication => "LCSPR publication target",
            Rule::Sar => "SAR completion target",
        }
    }

    /// The due date when the clock starts on `from`.
    pub fn due(self, from: NaiveDate, settings: &ClockSettings, calendar: &Calendar) -> NaiveDate {
        match self {
            Rule::Sin => calendar.add_working_days(from, settings.sin_working_days),
            Rule::RapidReview => {
                calendar.add_working_days(from, settings.rapid_review_working_days)
            }
            Rule::CsprPublication => add_months(from, settings.cspr_publication_months),
            Rule::Sar => add_months(from, settings.sar_completion_months),
        }
    }
}

/// The same day number `months` later, or that month's last day.
pub fn add_months(from: NaiveDate, months: u32) -> NaiveDate {
    // chrono clamps to the month's last day, which is the rule; it fails only
    // past the year 262,000, where keeping the start date is the safe answer.
    from.checked_add_months(Months::new(months)).unwrap_or(from)
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineState {
    /// Done on or before the due date.
    Met,
    /// Done, after the due date.
    Late,
    /// Not done yet; the due date has not passed.
    Due,
    /// Not done, and the due date has passed.
    Overdue,
}

/// One clock on one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Deadline {
    pub rule: Rule,
    pub label: String,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub due: NaiveDate,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    pub state: DeadlineState,
    /// Working days from today to the due date, while the clock runs.
    #[ts(type = "number | null")]
    pub working_days_left: Option<i64>,
    /// Working days past the due date, when late or overdue.
    #[ts(type = "number | null")]
    pub working_days_late: Option<i64>,
    /// The due date lies beyond the shipped bank-holiday list, so it may move
    /// once the holidays for that year are announced.
    pub beyond_holiday_list: bool,
}

impl Deadline {
    /// Evaluates a clock started on `from`, done on `done_on` if done, as of `today`.
    pub fn evaluate(
        rule: Rule,
        from: NaiveDate,
        done_on: Option<NaiveDate>,
        today: NaiveDate,
        settings: &ClockSettings,
        calendar: &Calendar,
    ) -> Self {
        let due = rule.due(from, settings, calendar);
        let (state, left, late) = match done_on {
            Some(done) if done <= due => (DeadlineState::Met, None, None),
            Some(done) => (
                DeadlineState::Late,
                None,
                Some(calendar.working_days_between(due, done)),
            ),
            None if today <= due => (
                DeadlineState::Due,
                Some(calendar.working_days_between(today, due)),
                None,
            ),
            None => (
                DeadlineState::Overdue,
                None,
                Some(calendar.working_days_between(due, today)),
            ),
        };
        Self {
            rule,
            label: rule.label().to_owned(),
            from,
            due,
            done_on,
            state,
            working_days_left: left,
            working_days_late: late,
            beyond_holiday_list: !calendar.covers(due),
        }
    }
}

#[cfg(test)]
mod tests;
