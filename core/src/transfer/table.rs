//! An entity's rows as the register stores them, read out for export and
//! written back on import: column names and SQLite values, nothing
//! interpreted, so what goes out comes back exactly.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::entities::Entity;
use crate::error::{Error, Result};
use crate::sensitive;

/// One entity's rows, its columns in the schema's order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A column of the schema as SQLite describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnInfo {
    pub name: String,
    /// The declared type: INTEGER, TEXT or REAL (the tables are STRICT).
    pub kind: String,
    pub not_null: bool,
    pub has_default: bool,
    /// Position in the primary key (1-based), 0 if not part of it.
    pub pk: i64,
}

/// The columns of `table`, in the schema's order; empty if there is no such table.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<ColumnInfo>> {
    let mut stmt = conn.prepare(
        "SELECT name, upper(type), \"notnull\", dflt_value IS NOT NULL, pk
         FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let rows = stmt.query_map([table], |r| {
        Ok(ColumnInfo {
            name: r.get(0)?,
            kind: r.get(1)?,
            not_null: r.get(2)?,
            has_default: r.get(3)?,
            pk: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every table of the schema (SQLite's own `sqlite_` tables included).
#[cfg(test)]
pub(crate) fn schema_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// Reads `entity` whole, ordered by its primary key so two registers holding
/// the same records export the same bytes, whatever order they were written
/// in. Sensitive columns are left out unless `include_sensitive`.
pub(crate) fn read(conn: &Connection, entity: &Entity, include_sensitive: bool) -> Result<Table> {
    let info = columns(conn, entity.name)?;
    let kept: Vec<&ColumnInfo> = info
        .iter()
        .filter(|c| include_sensitive || !sensitive::is_sensitive(entity.name, &c.name))
        .collect();
    let mut keys: Vec<&ColumnInfo> = info.iter().filter(|c| c.pk > 0).collect();
    keys.sort_by_key(|c| c.pk);
    let order = if keys.is_empty() {
        "rowid".to_owned()
    } else {
        keys.iter()
            .map(|c| quoted(&c.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let list = kept
        .iter()
        .map(|c| quoted(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let filter = entity
        .except
        .map(|condition| format!(" WHERE {condition}"))
        .unwrap_or_default();
    let sql = format!(
        "SELECT {list} FROM {} {filter} ORDER BY {order}",
        quoted(entity.name)
    );
    let mut stmt = conn.prepare(&sql)?;
    let width = kept.len();
    let rows = stmt.query_map([], |r| {
        (0..width)
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    if rows.iter().flatten().any(|v| matches!(v, Value::Blob(_))) {
        // No column holds binary data; one that did could not go into CSV.
        return Err(Error::Internal(format!(
            "{} holds binary data, which the export cannot carry",
            entity.name
        )));
    }
    Ok(Table {
        name: entity.name.to_owned(),
        columns: kept.iter().map(|c| c.name.clone()).collect(),
        rows,
    })
}

/// An identifier quoted for SQL. Names come from the schema or are checked
/// against it before use, so this is about correctness, not trust.
pub(crate) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
