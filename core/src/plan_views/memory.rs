//! The thematic tracker as last worked out, kept while the register is open.
//!
//! Each page shows its columns with every theme's totals over all reviews
//! and reports, and those totals (and the order of the columns) need every
//! recommendation, action and link read: about 30 ms on a ten-year register
//! for each page of 20 columns, of which all but 20 were thrown away. The
//! whole tracker is worked out once and kept with the version of the data it
//! was worked out from; paging through it, or coming back to it, then only
//! copies the page's cells, until something is written.

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Connection, OptionalExtension};

use super::ThematicTracker;
use crate::error::Result;

/// What the register held when something was worked out from it. Every
/// write appends to the change log, whose last entry's hash stands for the
/// whole history before it (so a file restored or replaced in place is told
/// apart even at the same length); the connection's count of rows changed
/// also catches any write that logged nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataVersion {
    rows_changed: u64,
    last_seq: i64,
    last_hash: Option<String>,
}

impl DataVersion {
    /// The version `conn` holds now: one look at the end of the change log.
    pub(crate) fn of(conn: &Connection) -> Result<Self> {
        let last: Option<(i64, Option<String>)> = conn
            .prepare_cached("SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (last_seq, last_hash) = last.unwrap_or_default();
        Ok(Self {
            rows_changed: conn.total_changes(),
            last_seq,
            last_hash,
        })
    }
}

/// The whole tracker and the version it was worked out from.
#[derive(Debug, Default)]
pub struct ThematicMemory {
    /// Behind a lock so that a page, which only reads the register, can be
    /// asked for through `&Register` like every other read.
    kept: Mutex<Option<(DataVersion, Arc<ThematicTracker>)>>,
}

impl ThematicMemory {
    /// The tracker kept for `version`, or the one `work_out` makes (kept in
    /// its place).
    pub(crate) fn get_or(
        &self,
        version: DataVersion,
        work_out: impl FnOnce() -> Result<ThematicTracker>,
    ) -> Result<Arc<ThematicTracker>> {
        // A panic while the lock was held left either the old tracker with
        // its own version or nothing: either is still right to use.
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((at, tracker)) = kept.as_ref() {
            if *at == version {
                return Ok(Arc::clone(tracker));
            }
        }
        let tracker = Arc::new(work_out()?);
        *kept = Some((version, Arc::clone(&tracker)));
        Ok(tracker)
    }

    /// Whether a tracker is kept for `version`.
    #[cfg(test)]
    pub(crate) fn holds(&self, version: &DataVersion) -> bool {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.as_ref().is_some_and(|(at, _)| at == version)
    }
}
