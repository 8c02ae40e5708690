//! Record ids inside logged values, named as people know the records: a case
//! by its code, an action by its reference, a recommendation by its number
//! and where it came from, a panel meeting by its date. The audit trail shows
//! "Child S" where the log holds `case_id: 01a2…`, and never a raw id.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use crate::dates::format_long;
use crate::error::Result;

/// Shown for an id that names no record the register still holds.
pub const UNKNOWN_RECORD: &str = "another record";

/// One statement answers for every kind of record an id may point to; each
/// part is a primary-key lookup, so naming a page of entries costs a few
/// index reads per distinct id.
const NAME_SQL: &str = "
    SELECT 'name', code FROM cases WHERE id = ?1
    UNION ALL SELECT 'name', reference FROM actions WHERE id = ?1
    UNION ALL SELECT 'name', code FROM sources WHERE id = ?1
    UNION ALL SELECT 'name', name FROM themes WHERE id = ?1
    UNION ALL SELECT 'name', 'Recommendation ' || r.reference || ' of ' || coalesce(c.code, s.code, '')
        FROM recommendations r
        LEFT JOIN cases c ON c.id = r.case_id
        LEFT JOIN sources s ON s.id = r.source_id
        WHERE r.id = ?1
    UNION ALL SELECT 'meeting', held_on FROM panel_meetings WHERE id = ?1
    UNION ALL SELECT 'step', occurred_on FROM case_events WHERE id = ?1
    LIMIT 1";

/// The names of the ids met so far, read once each.
#[derive(Default)]
pub(super) struct Names(HashMap<String, String>);

impl Names {
    /// Replaces every record id in `value` (at any depth) by the record's
    /// name. A field called `id` is the logged record's own id: it says
    /// nothing to a reader and is left for the diff to drop.
    pub(super) fn apply(&mut self, conn: &Connection, value: &mut Value) -> Result<()> {
        match value {
            Value::String(text) if is_id(text) => {
                let name = self.name(conn, text)?;
                *text = name;
            }
            Value::Array(items) => {
                for item in items {
                    self.apply(conn, item)?;
                }
            }
            Value::Object(map) => {
                for (key, item) in map.iter_mut() {
                    if key != "id" {
                        self.apply(conn, item)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn name(&mut self, conn: &Connection, id: &str) -> Result<String> {
        if let Some(name) = self.0.get(id) {
            return Ok(name.clone());
        }
        let found: Option<(String, String)> = conn
            .prepare_cached(NAME_SQL)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let name = match found {
            Some((kind, text)) => describe(&kind, &text),
            None => UNKNOWN_RECORD.to_owned(),
        };
        self.0.insert(id.to_owned(), name.clone());
        Ok(name)
    }
}

/// A looked-up record as words; dated records by their date, as the forms
/// show dates ("4 June 2025").
fn describe(kind: &str, text: &str) -> String {
    let day = || {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(|_| text.to_owned(), format_long)
    };
    match kind {
        "meeting" => format!("Panel meeting on {}", day()),
        "step" => format!("Journey step on {}", day()),
        _ => text.to_owned(),
    }
}

/// Record ids are hyphenated UUIDs; nothing else people type looks like one.
fn is_id(text: &str) -> bool {
    text.len() == 36 && uuid::Uuid::parse_str(text).is_ok()
}
