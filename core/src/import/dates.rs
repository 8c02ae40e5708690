//! Dates as trackers write them: real Excel dates, "31/03/2022", "31.03.22",
//! "31 March 2022", "March 2022" (the month's last day), "Q4 2021/22" (the
//! quarter's last day), "end of June 2022", and the words that stand in for a
//! date ("Ongoing", "TBC", "Complete"), which are kept as text, never guessed.
//!
//! Day-first throughout: these are English trackers, where 04/06/2022 is 4 June.

use chrono::NaiveDate;

use crate::clocks::Quarter;

/// What a tracker's date cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackerDate {
    /// Nothing in the cell.
    Blank,
    /// A date, exact or the last day of the month, quarter or year it names.
    Date(NaiveDate),
    /// Words with no date in them ("Ongoing", "TBC", "Complete"), as written.
    Words(String),
    /// Numbers that do not make a date ("31/02/2022", "March 22"), as written.
    Unreadable(String),
}

/// Two-digit years and the range of years believed: an action plan's dates
/// fall in this century; anything outside is a typing slip, not a date.
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2100;

/// Excel's serial day numbers for 1 January 2000 and 31 December 2099: a
/// bare number in this range in a date column is a date that lost its format
/// (as when a workbook is saved as CSV).
const SERIAL_RANGE: std::ops::RangeInclusive<f64> = 36_526.0..=73_050.0;

/// Words that lead into a date without changing it ("by", "end of").
const LEAD_INS: &[&str] = &[
    "by the end of",
    "by end of",
    "the end of",
    "end of",
    "no later than",
    "by",
    "before",
    "due",
    "end",
    "deadline",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads a date cell's text; `year_start_month` says which months "Q4 2021/22" covers.
pub fn parse(text: &str, year_start_month: u32) -> TrackerDate {
    let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if shown.is_empty() {
        return TrackerDate::Blank;
    }
    let lower = without_lead_ins(&shown.to_lowercase());
    let lower = without_time(&lower);
    let found = iso(&lower)
        .or_else(|| numeric(&lower))
        .or_else(|| serial_text(&lower))
        .or_else(|| quarter(&lower, year_start_month))
        .or_else(|| reporting_year(&lower, year_start_month))
        .or_else(|| with_month_name(&lower));
    match found {
        Some(date) => TrackerDate::Date(date),
        None if shown.chars().any(|c| c.is_ascii_digit()) => TrackerDate::Unreadable(shown),
        None => TrackerDate::Words(shown),
    }
}

/// The date Excel's serial day number `serial` stands for, if it is in range.
pub fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !SERIAL_RANGE.contains(&serial) {
        return None;
    }
    // Excel counts from 30 December 1899 (its day 1 is 1 January 1900, and it
    // believes 1900 was a leap year; from March 1900 on this epoch is right).
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

fn without_lead_ins(text: &str) -> String {
    let mut rest = text.trim();
    loop {
        let before = rest;
        for lead in LEAD_INS {
            if let Some(after) = rest.strip_prefix(lead) {
                // A whole word only: "endeavour" does not start with "end".
                if after.starts_with([' ', ':', '-']) {
                    rest = after.trim_start_matches([' ', ':', '-']);
                    break;
                }
            }
        }
        if rest == before {
            return rest.to_owned();
        }
    }
}

/// "31/03/2022 00:00:00" and "2022-03-31T00:00:00" without their time.
fn without_time(text: &str) -> String {
    let text = text
        .split('t')
        .next()
        .filter(|d| iso(d).is_some())
        .unwrap_or(text);
    let mut words: Vec<&str> = text.split(' ').collect();
    if words.len() > 1 && words.last().is_some_and(|w| w.contains(':')) {
        words.pop();
    }
    words.join(" ")
}

fn year(number: u32, digits: usize) -> Option<i32> {
    let year = match digits {
        2 => 2000 + i32::try_from(number).ok()?,
        4 => i32::try_from(number).ok()?,
        _ => return None,
    };
    (FIRST_YEAR..=LAST_YEAR).contains(&year).then_some(year)
}

/// Digits only, at most `max` of them, as a number.
fn digits(text: &str, max: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// "2022-03-31", as the app's own CSV export writes dates.
fn iso(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    let y = year(digits(y, 4)?, 4)?;
    NaiveDate::from_ymd_opt(y, digits(m, 2)?, digits(d, 2)?)
}

/// "31/03/2022", "31.03.22", "31-3-2022": day, month, year.
fn numeric(text: &str) -> Option<NaiveDate> {
    let separator = ['/', '.', '-'].into_iter().find(|s| text.contains(*s))?;
    let parts: Vec<&str> = text.split(separator).map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let y = year(digits(y, 4)?, y.len())?;
    NaiveDate::from_ymd_opt(y, digits(m, 2)?, digits(d, 2)?)
}

/// "44651": an Excel serial day number that lost its date format.
fn serial_text(text: &str) -> Option<NaiveDate> {
    let number = digits(text, 5)?;
    from_serial(f64::from(number))
}

/// "2021/22", "21/22", "2021-22", "2021/2022": the reporting year's first
/// calendar year, when the second part follows the first.
fn year_pair(text: &str) -> Option<i32> {
    let (first, second) = text.split_once('/').or_else(|| text.split_once('-'))?;
    let start = year(digits(first, 4)?, first.len())?;
    let end = digits(second, 4)?;
    let follows = match second.len() {
        2 => i64::from(end) == i64::from(start + 1).rem_euclid(100),
        4 => i64::from(end) == i64::from(start) + 1,
        _ => false,
    };
    follows.then_some(start)
}

/// "Q4 2021/22", "2021/22 Q4", "2021/22-Q4", "Quarter 4 2021/22": the
/// quarter's last day. "Q4 2022" is read only when reporting years are
/// calendar years; otherwise it is ambiguous and left unread.
fn quarter(text: &str, year_start_month: u32) -> Option<NaiveDate> {
    let spaced = text.replace("quarter ", "q").replace("-q", " q");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let [a, b] = words.as_slice() else {
        return None;
    };
    let (q, y) = if a.starts_with('q') { (a, b) } else { (b, a) };
    let number = digits(q.strip_prefix('q')?, 1).filter(|n| (1..=4).contains(n))?;
    let start_year = match year_pair(y) {
        Some(start) => start,
        None if year_start_month == 1 => year(digits(y, 4)?, 4)?,
        None => return None,
    };
    Some(
        Quarter {
            year: start_year,
            number,
            year_start_month: normal_start(year_start_month),
        }
        .last_day(),
    )
}

/// "2021/22" alone (usually after "end of"): the reporting year's last day.
fn reporting_year(text: &str, year_start_month: u32) -> Option<NaiveDate> {
    let start = year_pair(text)?;
    Some(
        Quarter {
            year: start,
            number: 4,
            year_start_month: normal_start(year_start_month),
        }
        .last_day(),
    )
}

fn normal_start(month: u32) -> u32 {
    if (1..=12).contains(&month) {
        month
    } else {
        4
    }
}

/// "31 March 2022", "31st Mar 22", "March 31, 2022", "March 2022" (the
/// month's last day), "Mar-22" and "March '22" (a two-digit year is read as
/// a year only when written so; "March 22" might be 22 March).
fn with_month_name(text: &str) -> Option<NaiveDate> {
    let marked_year = text.contains('-') || text.contains('\'') || text.contains('’');
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '\'' | '’' | '.' | '/'))
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the"))
        .collect();
    let mut month = None;
    let mut numbers: Vec<&str> = Vec::new();
    for word in &words {
        if let Some(m) = month_number(word) {
            if month.replace(m).is_some() {
                return None;
            }
        } else {
            let bare = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|s| word.strip_suffix(s).filter(|n| digits(n, 2).is_some()))
                .unwrap_or(word);
            digits(bare, 4)?;
            numbers.push(bare);
        }
    }
    let month = month?;
    match numbers.as_slice() {
        [y] if y.len() == 4 || (y.len() == 2 && marked_year) => {
            month_end(year(digits(y, 4)?, y.len())?, month)
        }
        // "31 March 2022" and "March 31, 2022" both give [31, 2022];
        // "2022 March 31" gives the year first.
        [a, b] => {
            let (d, y) = if a.len() == 4 { (b, a) } else { (a, b) };
            if d.len() > 2 {
                return None;
            }
            NaiveDate::from_ymd_opt(year(digits(y, 4)?, y.len())?, month, digits(d, 2)?)
        }
        _ => None,
    }
}

fn month_number(word: &str) -> Option<u32> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    // "Sept" is how many people shorten September.
    let word = if word == "sept" { "sep" } else { word };
    MONTHS
        .iter()
        .position(|m| m.starts_with(word))
        .map(|i| i as u32 + 1)
}

/// The last day of `month` in `year`.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    /// "31/03/2022".
    fn uk(date: NaiveDate) -> String {
        format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
    }

    fn d(y: i32, m: u32, day: u32) -> TrackerDate {
        TrackerDate::Date(NaiveDate::from_ymd_opt(y, m, day).expect("real date"))
    }

    fn read(text: &str) -> TrackerDate {
        parse(text, 4)
    }

    #[test]
    fn reads_every_form_trackers_use() {
        assert_eq!(read("31/03/2022"), d(2022, 3, 31));
        assert_eq!(read("31.03.22"), d(2022, 3, 31));
        assert_eq!(read("1/4/2022"), d(2022, 4, 1), "day first, without zeros");
        assert_eq!(read("31-03-2022"), d(2022, 3, 31));
        assert_eq!(read("2022-03-31"), d(2022, 3, 31), "the app's own CSV");
        assert_eq!(read("31/03/2022 00:00:00"), d(2022, 3, 31));
        assert_eq!(read("31 March 2022"), d(2022, 3, 31));
        assert_eq!(read("31st March 2022"), d(2022, 3, 31));
        assert_eq!(read("31st of March 2022"), d(2022, 3, 31));
        assert_eq!(read("31 Mar 22"), d(2022, 3, 31));
        assert_eq!(read("March 31, 2022"), d(2022, 3, 31));
        assert_eq!(read("4 Sept 2022"), d(2022, 9, 4));
        assert_eq!(
            read("44651"),
            d(2022, 3, 31),
            "a serial that lost its format"
        );
    }

    #[test]
    fn a_month_means_its_last_day() {
        assert_eq!(read("March 2022"), d(2022, 3, 31));
        assert_eq!(read("February 2024"), d(2024, 2, 29), "a leap year");
        assert_eq!(read("Feb 2023"), d(2023, 2, 28));
        assert_eq!(read("Mar-22"), d(2022, 3, 31), "as Excel shows month-year");
        assert_eq!(read("December '22"), d(2022, 12, 31));
        assert_eq!(read("end of June 2022"), d(2022, 6, 30));
        assert_eq!(read("End June 2022"), d(2022, 6, 30));
        assert_eq!(read("by the end of June 2022"), d(2022, 6, 30));
        assert_eq!(read("By 31 July 2022"), d(2022, 7, 31));
    }

    #[test]
    fn a_quarter_means_its_last_day_in_the_registers_reporting_year() {
        assert_eq!(read("Q4 2021/22"), d(2022, 3, 31));
        assert_eq!(read("Q1 2022/23"), d(2022, 6, 30));
        assert_eq!(read("q3 21/22"), d(2021, 12, 31));
        assert_eq!(read("2021/22 Q4"), d(2022, 3, 31));
        assert_eq!(
            read("2024/25-Q3"),
            d(2024, 12, 31),
            "the app's quarter code"
        );
        assert_eq!(read("Quarter 2 2021-22"), d(2021, 9, 30));
        assert_eq!(read("end of Q2 2021/2022"), d(2021, 9, 30));
        assert_eq!(
            read("end of 2021/22"),
            d(2022, 3, 31),
            "a whole reporting year"
        );
        // A partnership reporting October to September.
        assert_eq!(parse("Q1 2021/22", 10), d(2021, 12, 31));
        assert_eq!(parse("Q4 2021/22", 10), d(2022, 9, 30));
        // Calendar reporting years may name a quarter by one year.
        assert_eq!(parse("Q2 2022", 1), d(2022, 6, 30));
        assert!(
            matches!(read("Q2 2022"), TrackerDate::Unreadable(_)),
            "ambiguous from April"
        );
    }

    #[test]
    fn words_are_kept_as_written_and_bad_numbers_are_not_guessed() {
        for words in ["Ongoing", "TBC", "Complete", "tba", "Quarterly review"] {
            assert_eq!(read(words), TrackerDate::Words(words.into()));
        }
        assert_eq!(read("  Ongoing \n"), TrackerDate::Words("Ongoing".into()));
        for bad in [
            "31/02/2022",
            "13/13/2022",
            "March 22",
            "Q5 2021/22",
            "Q4 2021/23",
            "31/03/1850",
            "12345678901234567890/1/1",
        ] {
            assert_eq!(read(bad), TrackerDate::Unreadable(bad.into()), "{bad}");
        }
        assert_eq!(read("   "), TrackerDate::Blank);
    }

    #[test]
    fn serial_numbers_outside_this_century_are_not_dates() {
        assert_eq!(from_serial(44_651.0), NaiveDate::from_ymd_opt(2022, 3, 31));
        assert_eq!(from_serial(44_651.75), NaiveDate::from_ymd_opt(2022, 3, 31));
        assert_eq!(from_serial(3.0), None);
        assert_eq!(from_serial(f64::NAN), None);
        assert_eq!(from_serial(f64::INFINITY), None);
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (2000i32..2099, 1u32..=12, 1u32..=31)
            .prop_filter_map("real date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC*", start in 0u32..20) {
            let _ = parse(&text, start);
        }

        #[test]
        fn never_panics_on_date_like_text(text in "[0-9qQ/.\\- ]{0,24}[a-zA-Z ]{0,12}[0-9'/-]{0,8}") {
            let _ = parse(&text, 4);
        }

        #[test]
        fn written_dates_read_back(date in any_date()) {
            let long = format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year());
            prop_assert_eq!(read(&uk(date)), TrackerDate::Date(date));
            prop_assert_eq!(read(&date.format("%d.%m.%y").to_string()), TrackerDate::Date(date));
            prop_assert_eq!(read(&long), TrackerDate::Date(date));
            prop_assert_eq!(read(&date.to_string()), TrackerDate::Date(date));
        }

        #[test]
        fn a_month_and_year_is_that_months_last_day(date in any_date()) {
            let text = format!("{} {}", MONTHS[date.month0() as usize], date.year());
            let TrackerDate::Date(end) = read(&text) else {
                return Err(TestCaseError::fail(format!("{text} not read")));
            };
            prop_assert_eq!((end.year(), end.month()), (date.year(), date.month()));
            prop_assert!(end.succ_opt().is_some_and(|next| next.day() == 1));
        }

        #[test]
        fn a_quarter_is_the_last_day_of_the_quarter_containing_it(date in any_date(), start in 1u32..=12) {
            let q = Quarter::containing(date, start);
            let text = format!("Q{} {}", q.number, q.year_label());
            prop_assert_eq!(parse(&text, start), TrackerDate::Date(q.last_day()));
        }
    }
}
