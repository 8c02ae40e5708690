//! Remembered column mappings: the mapping a user last confirmed for a
//! tracker layout, kept in the register under the header row's signature
//! (see [`super::header::signature`]) and offered first the next time a
//! tracker with the same headings is imported. Headings only: no case content.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::header::{column_letter, ImportField};
use super::ColumnMapping;
use crate::change_log::{Action, Writer};
use crate::error::Result;
use crate::stamp;

/// One column of a remembered mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Remembered {
    column: u32,
    field: Option<ImportField>,
}

/// The mapping remembered for `signature`, laid over `headers`, if there is one.
pub fn recall(
    conn: &Connection,
    signature: &str,
    headers: &[String],
) -> Result<Option<Vec<ColumnMapping>>> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT mapping FROM import_mappings WHERE signature = ?1",
            [signature],
            |r| r.get(0),
        )
        .optional()?;
    let Some(stored) = stored else {
        return Ok(None);
    };
    let remembered: Vec<Remembered> = serde_json::from_str(&stored)?;
    let mapping = headers
        .iter()
        .enumerate()
        .map(|(column, header)| {
            let field = remembered
                .iter()
                .find(|r| r.column as usize == column)
                .and_then(|r| r.field);
            ColumnMapping {
                column: column as u32,
                letter: column_letter(column as u32),
                header: header.split_whitespace().collect::<Vec<_>>().join(" "),
                field,
                score: if field.is_some() { 1.0 } else { 0.0 },
            }
        })
        .collect();
    Ok(Some(mapping))
}

/// Remembers `mapping` as the one confirmed for `signature`, replacing any before.
pub fn remember(w: &Writer<'_>, signature: &str, mapping: &[ColumnMapping]) -> Result<()> {
    let remembered: Vec<Remembered> = mapping
        .iter()
        .map(|c| Remembered {
            column: c.column,
            field: c.field,
        })
        .collect();
    let before: Option<String> =
        w.tx.query_row(
            "SELECT mapping FROM import_mappings WHERE signature = ?1",
            [signature],
            |r| r.get(0),
        )
        .optional()?;
    let json = serde_json::to_string(&remembered)?;
    if before.as_deref() == Some(json.as_str()) {
        return Ok(());
    }
    w.tx.execute(
        "INSERT INTO import_mappings (signature, mapping, confirmed_at, confirmed_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping,
             confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by",
        params![signature, json, stamp::to_text(w.at), w.who],
    )?;
    let before = before
        .map(|b| serde_json::from_str::<serde_json::Value>(&b))
        .transpose()?;
    let after = serde_json::json!({ "signature": signature, "mapping": remembered });
    let action = if before.is_some() {
        Action::Update
    } else {
        Action::Create
    };
    w.log(
        "import_mapping",
        signature,
        action,
        before.as_ref(),
        Some(&after),
    )
}
