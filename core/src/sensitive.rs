//! Which stored fields are sensitive: free text that can describe the child or
//! adult, their family and what happened to them. Exports leave these out
//! unless the user ticks "include sensitive fields" for that one export.
//!
//! The register holds no names, dates of birth or addresses of the people a
//! case is about (cases carry pseudonymous codes only), so what is sensitive
//! here is narrative: case summaries, the Rapid Review's facts, agencies'
//! summaries, family-contact notes and the like. Names of professionals
//! (lead officers, reviewers, attendees) are not on the list: the board needs
//! them to hold agencies to account, and they are work roles, not the family.

/// One sensitive field: the stored entity (table) and column, and how the
/// user knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SensitiveField {
    pub entity: &'static str,
    pub column: &'static str,
    pub label: &'static str,
}

const fn field(entity: &'static str, column: &'static str, label: &'static str) -> SensitiveField {
    SensitiveField {
        entity,
        column,
        label,
    }
}

/// Every sensitive field in the register.
pub const FIELDS: &[SensitiveField] = &[
    field("cases", "summary", "case summaries"),
    field(
        "case_events",
        "note",
        "notes on the steps of a case's journey",
    ),
    // An amendment keeps the step's date and note before and after it was
    // corrected, so it holds the same notes as the step.
    field(
        "event_amendments",
        "before",
        "corrected journey steps as they were",
    ),
    field(
        "event_amendments",
        "after",
        "corrected journey steps as corrected",
    ),
    field(
        "rapid_reviews",
        "facts",
        "the Rapid Review's facts of the case",
    ),
    field(
        "rapid_reviews",
        "practice_episodes",
        "the Rapid Review's practice episodes",
    ),
    field(
        "rapid_reviews",
        "inequalities",
        "the Rapid Review's notes on inequalities",
    ),
    field(
        "rapid_reviews",
        "criteria_rationale",
        "the Rapid Review's reasons on the criteria",
    ),
    field(
        "agency_requests",
        "summary",
        "agencies' summaries of their involvement",
    ),
    field(
        "review_log",
        "detail",
        "review log entries (family contact and requests)",
    ),
    field("review_log", "outcome", "review log outcomes"),
    field(
        "parallel_proceedings",
        "reason",
        "what parallel proceedings are about",
    ),
    field("panel_meetings", "notes", "panel meeting notes"),
    // Agencies write these each quarter, and they can name the family's
    // circumstances ("Mother now engaging with …").
    field(
        "quarter_updates",
        "progress_note",
        "quarterly progress notes",
    ),
    field(
        "quarter_updates",
        "escalation_reason",
        "reasons for escalation to the Executive Board",
    ),
];

/// Whether `entity.column` is sensitive.
pub fn is_sensitive(entity: &str, column: &str) -> bool {
    FIELDS
        .iter()
        .any(|f| f.entity == entity && f.column == column)
}

/// What the tracker leaves out without the tick, as one sentence for its files.
pub const TRACKER_LEFT_OUT: &str =
    "Progress notes and escalation reasons were left out as sensitive: export again with sensitive fields included to see them.";

/// What a left-out tracker cell shows in place of its text, so a reader
/// knows there was something there rather than nothing recorded.
pub const LEFT_OUT: &str = "[left out: sensitive]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sensitive_field_is_a_column_of_the_schema() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("db");
        crate::migrations::migrate(&mut conn).expect("migrates");
        for f in FIELDS {
            let found: i64 = conn
                .query_row(
                    "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                    (f.entity, f.column),
                    |r| r.get(0),
                )
                .expect("pragma");
            assert_eq!(
                found, 1,
                "{}.{} must exist to be left out",
                f.entity, f.column
            );
        }
        assert!(is_sensitive("cases", "summary"));
        assert!(
            !is_sensitive("cases", "code"),
            "case codes are what exports carry"
        );
    }
}
