//! How many entries match the audit trail's filters, exactly, without
//! counting the whole log again for every page (issue 7: a count of 423,118
//! entries read every page of an index, 450 million instructions the first
//! time after unlocking, and a person's entries about 180 million every page).
//!
//! The register remembers, in memory only, each filter's count and the
//! newest entry it covered; the next page counts only the matching entries
//! added since, a search of the same index from that entry on. That is the
//! same number as a whole count because the log only grows on the register's
//! own connection: its entries can be neither changed nor deleted (the
//! triggers of `migrations.rs`), and each new one has a higher `seq`
//! (`AUTOINCREMENT`).
//!
//! A program opening the file itself can still delete entries (which the
//! chain check then finds missing), and the total must show that too. Such a
//! change is a commit by another connection, which changes SQLite's
//! `PRAGMA data_version`: a count is kept only with the version it was made
//! at, and used only while the version is unchanged; otherwise the whole
//! count is made again. A file replaced under the register (a restore)
//! starts a new memory with the new connection (`AuditMemory::new`).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::Result;

/// At most this many filters' counts are kept; beyond, all are forgotten
/// (a person tries a handful of filters, not hundreds).
const KEPT: usize = 64;

/// Each filter's count so far.
#[derive(Debug, Default)]
pub(super) struct Totals(Mutex<HashMap<String, Counted>>);

/// A filter's count: every matching entry up to `through`, as the file was
/// at `version`.
#[derive(Debug, Clone, Copy)]
struct Counted {
    version: i64,
    through: i64,
    total: i64,
}

impl Totals {
    /// The number of entries matching `clause` (a `WHERE` clause, or none,
    /// with its `params`), exactly as `SELECT count(*)` gives it.
    pub(super) fn count(&self, conn: &Connection, clause: &str, params: &[Value]) -> Result<i64> {
        let key = key(clause, params);
        let version = data_version(conn)?;
        let newest: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                r.get(0)
            })?;
        let known = self
            .lock()
            .get(&key)
            .copied()
            .filter(|c| c.version == version && c.through <= newest);
        let total = match known {
            Some(known) if known.through == newest => known.total,
            Some(known) => {
                let mut since = params.to_vec();
                since.push(Value::Integer(known.through));
                let joiner = if clause.is_empty() { " WHERE" } else { " AND" };
                known.total + count(conn, &format!("{clause}{joiner} seq > ?"), &since)?
            }
            None => count(conn, clause, params)?,
        };
        // Kept only if no other connection committed while counting: then
        // `newest` and the count describe the same log.
        if data_version(conn)? == version {
            let mut kept = self.lock();
            if kept.len() >= KEPT && !kept.contains_key(&key) {
                kept.clear();
            }
            kept.insert(
                key,
                Counted {
                    version,
                    through: newest,
                    total,
                },
            );
        }
        Ok(total)
    }

    /// The counts; one left by a panic mid-update is whole or absent (an
    /// insert), so it is used as it is.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Counted>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The filter as one text: its clause and its values.
fn key(clause: &str, params: &[Value]) -> String {
    let mut key = clause.to_owned();
    for param in params {
        key.push('\u{0}');
        match param {
            Value::Text(text) => key.push_str(text),
            other => key.push_str(&format!("{other:?}")),
        }
    }
    key
}

fn count(conn: &Connection, clause: &str, params: &[Value]) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM change_log{clause}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?)
}

/// Changes whenever another connection commits to the file.
fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests;
