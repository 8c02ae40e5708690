//! The identity and time stamps every record carries: a UUIDv7 id (time-ordered,
//! so ids sort by creation and later merge cleanly across laptops) and UTC times.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use uuid::Uuid;

/// A new time-ordered record id.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The current time, in UTC, to the millisecond: the precision stored, so a
/// record in memory equals the same record read back.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

/// How timestamps are stored: RFC 3339 in UTC with milliseconds, which sorts
/// as text in time order.
pub fn to_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads a stored timestamp back.
pub fn from_text(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_7_and_ordered() {
        let first = new_id();
        let second = new_id();
        assert_eq!(first.get_version_num(), 7);
        assert!(first < second, "v7 ids must sort in creation order");
    }

    #[test]
    fn timestamps_round_trip_through_text() {
        let at = now();
        let back = from_text(&to_text(at)).expect("stored text parses");
        assert_eq!(at, back, "stored precision is the in-memory precision");
    }
}
