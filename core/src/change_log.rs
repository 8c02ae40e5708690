//! The append-only change log: every create, update and (rare) delete of every
//! record, with who did it, when, and the record before and after as JSON. It is
//! the audit trail, and later the basis for syncing laptops. Triggers in the
//! schema refuse any UPDATE or DELETE of a logged row, and each entry is
//! hash-chained to the one before it (audit_chain.rs).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::audit_chain::{self, Entry};
use crate::error::Result;
use crate::stamp;

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    Create,
    Update,
    Delete,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// One row of the change log, as read back.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Change {
    #[ts(type = "string")]
    pub id: uuid::Uuid,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub who: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
}

/// A write in progress: the transaction, who is making it and when. Every
/// change to a record goes through one, so none escapes the log.
pub struct Writer<'a> {
    pub(crate) tx: &'a Transaction<'a>,
    pub(crate) who: &'a str,
    pub(crate) at: DateTime<Utc>,
}

impl Writer<'_> {
    /// Appends one entry to the change log in this transaction, chained by
    /// its hash to the entry before it.
    pub fn log<T: Serialize>(
        &self,
        entity: &str,
        entity_id: &str,
        action: Action,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<()> {
        let (seq, previous) = audit_chain::next_link(self.tx)?;
        // Hashed exactly as stored, so `check` can recompute it from the row.
        let entry = Entry {
            seq,
            id: stamp::new_id().to_string(),
            at: stamp::to_text(self.at),
            who: self.who.to_owned(),
            entity: entity.to_owned(),
            entity_id: entity_id.to_owned(),
            action: action.as_str().to_owned(),
            before: before.map(serde_json::to_string).transpose()?,
            after: after.map(serde_json::to_string).transpose()?,
        };
        let hash = audit_chain::hash(previous.as_deref(), &entry);
        self.tx.execute(
            "INSERT INTO change_log (seq, id, at, who, entity, entity_id, action, before, after, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                entry.seq,
                entry.id,
                entry.at,
                entry.who,
                entry.entity,
                entry.entity_id,
                entry.action,
                entry.before,
                entry.after,
                hash
            ],
        )?;
        Ok(())
    }
}

/// The log for one record (or all, when `entity_id` is `None`), oldest first.
pub fn list(conn: &Connection, entity_id: Option<&str>) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, who, entity, entity_id, action, before, after FROM change_log
         WHERE ?1 IS NULL OR entity_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([entity_id], |r| {
        let id: String = r.get(0)?;
        let at: String = r.get(1)?;
        let before: Option<String> = r.get(6)?;
        let after: Option<String> = r.get(7)?;
        Ok((
            id,
            at,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            before,
            after,
        ))
    })?;
    let mut changes = Vec::new();
    for row in rows {
        let (id, at, who, entity, entity_id, action, before, after) = row?;
        changes.push(Change {
            id: uuid::Uuid::parse_str(&id).map_err(|e| corrupt("change id", e))?,
            at: stamp::from_text(&at).map_err(|e| corrupt("change time", e))?,
            who,
            entity,
            entity_id,
            action,
            before: before.as_deref().map(serde_json::from_str).transpose()?,
            after: after.as_deref().map(serde_json::from_str).transpose()?,
        });
    }
    Ok(changes)
}

pub(crate) fn corrupt(what: &str, error: impl std::fmt::Display) -> crate::error::Error {
    crate::error::Error::Internal(format!("stored {what} is unreadable: {error}"))
}
