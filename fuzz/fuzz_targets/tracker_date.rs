//! Fuzzes the date readers: a tracker's date cell as text (with any reporting
//! year start), an Excel serial number, and the three GOV.UK date fields as
//! the web view sends them. Each gives a date, words, or a clear refusal,
//! never a panic; a date read from a tracker is one the importer believes
//! (1990 to 2100), since anything outside is a typing slip.
#![no_main]

use casereview_core::dates::DateInput;
use casereview_core::import::dates::{from_serial, parse};
use casereview_core::import::TrackerDate;
use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    // Any month number, including the nonsense ones a bad setting could hold.
    let year_start_month = u32::from(first % 16);
    let text = String::from_utf8_lossy(rest);
    match parse(&text, year_start_month) {
        TrackerDate::Date(date) => assert!(
            (1990..=2101).contains(&date.year()),
            "{text:?} read as {date}, outside the years a tracker's dates fall in"
        ),
        TrackerDate::Words(words) | TrackerDate::Unreadable(words) => {
            assert!(!words.trim().is_empty(), "{text:?} kept as empty words")
        }
        TrackerDate::Blank => assert!(text.trim().is_empty(), "{text:?} read as blank"),
    }

    if let Some(bytes) = rest.get(..8) {
        let mut serial = [0u8; 8];
        serial.copy_from_slice(bytes);
        let _ = from_serial(f64::from_le_bytes(serial));
    }

    // The web view's date fields: day / month / year, as typed.
    let mut parts = text.splitn(3, '/');
    let input = DateInput {
        day: parts.next().unwrap_or_default().to_owned(),
        month: parts.next().unwrap_or_default().to_owned(),
        year: parts.next().unwrap_or_default().to_owned(),
    };
    match input.parse("target", "Target date") {
        // Every accepted date reads back as itself (years typed with leading
        // zeros, "0222", were once accepted and did not: found by this target).
        Ok(date) => assert_eq!(
            DateInput::from_date(date).parse("target", "Target date"),
            Ok(date)
        ),
        Err(error) => assert!(!error.message.is_empty()),
    }
    if let Some(iso) = DateInput::from_iso(&text) {
        let _ = iso.parse("target", "Target date");
    }
});
