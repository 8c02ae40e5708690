//! The clocks around the days that trip spreadsheets up: Christmas, Easter,
//! the one-off bank holidays, weekends as day 0, and month ends.

use super::*;
use chrono::Datelike;
use proptest::prelude::*;

fn d(iso: &str) -> NaiveDate {
    iso.parse().expect("test date")
}

fn due(rule: Rule, from: &str) -> NaiveDate {
    let settings = ClockSettings::default();
    rule.due(d(from), &settings, &settings.calendar())
}

#[test]
fn sin_skips_christmas_and_boxing_day() {
    // Friday 20 December 2024: 23, 24, 27, 30, 31 December.
    assert_eq!(due(Rule::Sin, "2024-12-20"), d("2024-12-31"));
}

#[test]
fn sin_skips_christmas_substitute_days() {
    // 2021: Christmas and Boxing Day fell at the weekend; 27 and 28 Dec were holidays.
    assert_eq!(
        due(Rule::Sin, "2021-12-23"),
        d("2022-01-04"),
        "24, [27, 28], 29, 30, 31, [3 Jan], 4"
    );
}

#[test]
fn sin_skips_good_friday_and_easter_monday() {
    // Wednesday 16 April 2025: 17, [18, 21], 22, 23, 24, 25.
    assert_eq!(due(Rule::Sin, "2025-04-16"), d("2025-04-25"));
}

#[test]
fn one_off_holidays_count_as_closed() {
    assert_eq!(
        due(Rule::Sin, "2022-06-01"),
        d("2022-06-10"),
        "Platinum Jubilee, 2 and 3 June 2022"
    );
    assert_eq!(
        due(Rule::Sin, "2023-05-04"),
        d("2023-05-12"),
        "Coronation, 8 May 2023"
    );
    assert_eq!(
        due(Rule::RapidReview, "2022-09-12"),
        d("2022-10-04"),
        "State Funeral, 19 September 2022"
    );
    assert_eq!(
        due(Rule::RapidReview, "2020-05-01"),
        d("2020-05-26"),
        "VE Day moved to 8 May 2020, and spring holiday 25 May"
    );
}

#[test]
fn rapid_review_clock_over_christmas_and_easter() {
    // SIN sent Friday 13 December 2024: 16-20 (5), 23, 24 (7), [25, 26], 27 (8),
    // 30, 31 (10), [1 Jan], 2, 3 (12), 6, 7, 8 (15).
    assert_eq!(due(Rule::RapidReview, "2024-12-13"), d("2025-01-08"));
    // SIN sent Monday 14 April 2025: 15, 16, 17 (3), [18, 21], 22-25 (7), 28 Apr-2 May (12),
    // [5 May], 6, 7, 8 (15).
    assert_eq!(due(Rule::RapidReview, "2025-04-14"), d("2025-05-08"));
}

#[test]
fn a_weekend_start_is_day_zero() {
    assert_eq!(due(Rule::Sin, "2025-06-07"), d("2025-06-13"));
    assert_eq!(due(Rule::Sin, "2025-06-08"), d("2025-06-13"));
}

#[test]
fn local_closure_days_push_deadlines_back() {
    let settings = ClockSettings {
        local_closures: vec![d("2025-06-10")],
        ..ClockSettings::default()
    };
    assert_eq!(
        Rule::Sin.due(d("2025-06-06"), &settings, &settings.calendar()),
        d("2025-06-16")
    );
}

#[test]
fn six_months_keeps_the_day_or_takes_the_months_last() {
    assert_eq!(due(Rule::CsprPublication, "2024-08-31"), d("2025-02-28"));
    assert_eq!(
        due(Rule::CsprPublication, "2023-08-31"),
        d("2024-02-29"),
        "leap year"
    );
    assert_eq!(due(Rule::CsprPublication, "2025-03-31"), d("2025-09-30"));
    assert_eq!(due(Rule::Sar, "2025-01-15"), d("2025-07-15"));
    assert_eq!(due(Rule::Sar, "2025-09-30"), d("2026-03-30"));
}

#[test]
fn every_shipped_holiday_is_a_weekday_in_range_and_listed_once() {
    let mut seen = std::collections::BTreeSet::new();
    for &(y, m, day, name) in bank_holidays::BANK_HOLIDAYS {
        let date = NaiveDate::from_ymd_opt(y, m, day).expect("real date");
        assert!(
            !matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun),
            "{name} {date} is at a weekend"
        );
        assert!((bank_holidays::FIRST_YEAR..=bank_holidays::LAST_YEAR).contains(&y));
        assert!(seen.insert(date), "{date} listed twice");
    }
    for year in bank_holidays::FIRST_YEAR..=bank_holidays::LAST_YEAR {
        let count = bank_holidays::BANK_HOLIDAYS
            .iter()
            .filter(|h| h.0 == year)
            .count();
        // Eight a year, plus the one-off days: the Platinum Jubilee and the
        // State Funeral in 2022 (the spring holiday moved, not added), the
        // Coronation in 2023 (VE Day 2020 replaced the early May holiday).
        let expected = match year {
            2022 => 10,
            2023 => 9,
            _ => 8,
        };
        assert_eq!(
            count, expected,
            "{year} should have {expected} bank holidays"
        );
    }
}

#[test]
fn deadlines_say_met_late_due_or_overdue() {
    let settings = ClockSettings::default();
    let cal = settings.calendar();
    let eval = |done: Option<&str>, today: &str| {
        Deadline::evaluate(
            Rule::Sin,
            d("2025-06-02"),
            done.map(d),
            d(today),
            &settings,
            &cal,
        )
    };
    // Due Monday 9 June 2025.
    let met = eval(Some("2025-06-09"), "2025-06-20");
    assert_eq!((met.due, met.state), (d("2025-06-09"), DeadlineState::Met));
    let late = eval(Some("2025-06-11"), "2025-06-20");
    assert_eq!(
        (late.state, late.working_days_late),
        (DeadlineState::Late, Some(2))
    );
    let running = eval(None, "2025-06-05");
    assert_eq!(
        (running.state, running.working_days_left),
        (DeadlineState::Due, Some(2))
    );
    let today = eval(None, "2025-06-09");
    assert_eq!(
        (today.state, today.working_days_left),
        (DeadlineState::Due, Some(0))
    );
    let overdue = eval(None, "2025-06-16");
    assert_eq!(
        (overdue.state, overdue.working_days_late),
        (DeadlineState::Overdue, Some(5))
    );
    assert!(!overdue.beyond_holiday_list);
}

#[test]
fn a_deadline_beyond_the_shipped_list_is_flagged() {
    let settings = ClockSettings::default();
    let cal = settings.calendar();
    let late_2030 = Deadline::evaluate(
        Rule::Sin,
        d("2030-12-30"),
        None,
        d("2030-12-30"),
        &settings,
        &cal,
    );
    assert!(late_2030.beyond_holiday_list, "due in January 2031");
    let in_2030 = Deadline::evaluate(
        Rule::Sin,
        d("2030-12-02"),
        None,
        d("2030-12-02"),
        &settings,
        &cal,
    );
    assert!(!in_2030.beyond_holiday_list);
}

#[test]
fn quarters_carry_their_months() {
    let label = |iso: &str, start: u32| Quarter::containing(d(iso), start).label();
    assert_eq!(
        label("2024-11-05", 4),
        "Q3 2024/25 (October to December 2024)"
    );
    assert_eq!(label("2025-02-10", 4), "Q4 2024/25 (January to March 2025)");
    assert_eq!(label("2025-04-01", 4), "Q1 2025/26 (April to June 2025)");
    assert_eq!(
        label("2024-10-01", 10),
        "Q1 2024/25 (October to December 2024)"
    );
    assert_eq!(
        label("2025-09-30", 10),
        "Q4 2024/25 (July to September 2025)"
    );
    assert_eq!(
        label("2025-01-15", 2),
        "Q4 2024/25 (November 2024 to January 2025)"
    );
    assert_eq!(label("2025-05-20", 1), "Q2 2025 (April to June 2025)");
    assert_eq!(
        label("2099-12-31", 4),
        "Q3 2099/00 (October to December 2099)"
    );
    let q = Quarter::containing(d("2024-11-05"), 4);
    assert_eq!(
        (q.first_day(), q.last_day()),
        (d("2024-10-01"), d("2024-12-31"))
    );
}

#[test]
fn quarter_codes_read_back_only_when_well_formed() {
    let q = Quarter::containing(d("2024-11-05"), 4);
    assert_eq!(q.code(), "2024/25-Q3");
    assert_eq!(Quarter::parse_code("2024/25-Q3", 4), Some(q));
    assert_eq!(
        Quarter::parse_code("2024/26-Q3", 4),
        None,
        "the years must follow"
    );
    assert_eq!(Quarter::parse_code("2024/25-Q5", 4), None);
    assert_eq!(Quarter::parse_code("Q3 2024", 4), None);
    assert_eq!(
        Quarter::parse_code("2025-Q2", 1)
            .map(|q| q.label())
            .as_deref(),
        Some("Q2 2025 (April to June 2025)")
    );
}

proptest! {
    /// Counting back the working days to a computed due date gives N again,
    /// and the due date is itself a working day (for N > 0).
    #[test]
    fn due_dates_are_n_working_days_on(offset in 0i64..4500, n in 0u32..40) {
        let cal = ClockSettings::default().calendar();
        let from = d("2018-01-01") + chrono::Duration::days(offset);
        let due = cal.add_working_days(from, n);
        prop_assert_eq!(cal.working_days_between(from, due), i64::from(n));
        prop_assert_eq!(cal.working_days_between(due, from), -i64::from(n));
        if n > 0 { prop_assert!(cal.is_working_day(due)); }
    }

    #[test]
    fn every_date_is_in_a_quarter_that_contains_it(offset in 0i64..20000, start in 1u32..=12) {
        let date = d("1990-01-01") + chrono::Duration::days(offset);
        let q = Quarter::containing(date, start);
        prop_assert!(q.first_day() <= date && date <= q.last_day());
        prop_assert!((1..=4).contains(&q.number));
    }
}
