//! The change log as a hash chain: each entry carries the SHA-256 of the
//! previous entry's hash and its own content, so an entry altered or removed
//! outside the app is found by `check` and named.
//!
//! This proves the log was not changed by hand or by another program; someone
//! holding the passphrase *and* rewriting every later hash is beyond what a
//! chain kept inside the same file can show (a backup's chain still can).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::dates::format_long;
use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};
use crate::migrations;
use crate::stamp;

/// The schema version that gave the change log its `hash` column; older
/// registers (and older backups) have no chain to verify until migrated.
pub const CHAINED_SINCE: i64 = 6;

/// Marks what the hash covers and how it is laid out. Changing the layout means
/// a new tag and a new migration that rehashes: never a silent change here,
/// because migration 6 hashed existing registers with this one.
const LAYOUT: &[u8] = b"casereview change_log v1\n";

/// One change-log entry as stored, in the form the hash covers.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub who: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Why the chain stops verifying at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuditBreakKind {
    /// The entry's content or hash differs from what was written.
    Altered,
    /// The entry is missing: deleted, or the log was cut short.
    Removed,
    /// The entry has no hash: it was added outside the app.
    Unhashed,
}

/// The first entry at which the change log stops verifying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditBreak {
    /// The entry's place in the log (1 is the first change ever made).
    #[ts(type = "number")]
    pub seq: i64,
    pub kind: AuditBreakKind,
    /// The entry's id, kind of record and time; `None` when it was removed.
    pub id: Option<String>,
    pub entity: Option<String>,
    pub at: Option<String>,
    /// The finding in words, naming the entry.
    pub detail: String,
}

impl AuditBreak {
    /// The error that names this break, for `check` and for a refused restore.
    pub fn to_error(&self, context: &str) -> Error {
        Error::AuditBroken(format!(
            "{context}: {}. The file has been changed outside Case Review Manager; keep it aside and restore from a backup made before then.",
            self.detail
        ))
    }
}

/// SHA-256 over the previous entry's hash and this entry's content, as
/// lowercase hex. Every field is length-prefixed, so no two different entries
/// run together into the same bytes.
pub(crate) fn hash(previous: Option<&str>, entry: &Entry) -> String {
    let mut digest = Sha256::new();
    digest.update(LAYOUT);
    let seq = entry.seq.to_string();
    let fields = [
        previous,
        Some(seq.as_str()),
        Some(entry.id.as_str()),
        Some(entry.at.as_str()),
        Some(entry.who.as_str()),
        Some(entry.entity.as_str()),
        Some(entry.entity_id.as_str()),
        Some(entry.action.as_str()),
        entry.before.as_deref(),
        entry.after.as_deref(),
    ];
    for field in fields {
        match field {
            None => digest.update([0u8]),
            Some(text) => {
                digest.update([1u8]);
                digest.update((text.len() as u64).to_be_bytes());
                digest.update(text.as_bytes());
            }
        }
    }
    digest
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Where the next entry goes: its sequence number and the hash it chains on.
///
/// The number is the one SQLite's AUTOINCREMENT would give (one past the
/// highest ever used), set explicitly because it is part of the hashed content.
/// Two writers cannot both take it: in WAL mode a transaction that read an
/// older snapshot cannot then write, so the chain never forks.
pub(crate) fn next_link(tx: &Transaction<'_>) -> Result<(i64, Option<String>)> {
    let highest: i64 = tx.query_row(
        "SELECT max(
             coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0),
             coalesce((SELECT max(seq) FROM change_log), 0))",
        [],
        |r| r.get(0),
    )?;
    let previous: Option<Option<String>> = tx
        .query_row(
            "SELECT hash FROM change_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok((highest + 1, previous.flatten()))
}

/// Gives every existing entry its hash, oldest first. Run once, by migration 6,
/// inside its transaction while the update guard is lifted.
pub(crate) fn backfill(tx: &Transaction<'_>) -> Result<()> {
    let entries = read_all(tx)?;
    let mut previous: Option<String> = None;
    for (entry, _) in &entries {
        let hashed = hash(previous.as_deref(), entry);
        tx.execute(
            "UPDATE change_log SET hash = ?1 WHERE seq = ?2",
            params![hashed, entry.seq],
        )?;
        previous = Some(hashed);
    }
    tracing::info!(entries = entries.len(), "hashed the existing change log");
    Ok(())
}

/// The last entry a walk verified, with what its hash covers from before
/// it, so a later walk can carry on from it instead of from the first entry.
/// Every entry up to it verified when it was taken, so it stands for
/// `seq` verified entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainPoint {
    pub seq: i64,
    /// The entry's hash, which the next entry chains on.
    hash: String,
    /// The hash before it (the previous entry's), so the entry itself can
    /// be hashed again when a walk carries on from it.
    previous: Option<String>,
}

/// The outcome of walking the chain: how many entries verified, and the first
/// break if there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCheck {
    pub verified: i64,
    pub first_break: Option<AuditBreak>,
    /// The last entry that verified, to carry on from next time.
    pub last: Option<ChainPoint>,
    /// Whether every entry was read (not carried on from a point).
    pub whole: bool,
}

/// Walks the whole chain and reports the first entry that does not verify.
/// A register older than the chain has nothing to verify yet.
pub fn verify(conn: &Connection) -> Result<ChainCheck> {
    verify_from(conn, None, &Watch::none())
}

/// Verifies the chain carrying on from `from`, an entry an earlier walk of
/// the same register verified: the same answer as [`verify`] (count, first
/// break) as long as nothing up to `from` was changed since. Only entries
/// after `from`, and `from` itself (hashed again, on the hash remembered
/// before it), are read; an entry before it altered or removed since is NOT
/// seen, which only a whole walk finds. When `from` is not there as it was
/// (removed, altered, the log replaced), this walks the whole chain.
///
/// `watch` hears how far the walk has got and may cancel it.
pub fn verify_from(
    conn: &Connection,
    from: Option<&ChainPoint>,
    watch: &Watch<'_>,
) -> Result<ChainCheck> {
    if migrations::version(conn)? < CHAINED_SINCE {
        return Ok(ChainCheck {
            verified: 0,
            first_break: None,
            last: None,
            whole: true,
        });
    }
    if let Some(point) = from {
        match resume(conn, point)? {
            Some(start) => return walk(conn, start, watch),
            None => tracing::warn!(
                seq = point.seq,
                "the change-log entry last verified is not as it was; checking the whole chain"
            ),
        }
    }
    walk(conn, Start::beginning(), watch)
}

/// Where a walk begins: the first entry it reads and what it knows of the
/// entries before.
struct Start {
    /// The lowest `seq` read: every entry for a whole walk, so one numbered
    /// below 1 is still found out of place.
    read_from: i64,
    expected_seq: i64,
    verified: i64,
    previous: Option<String>,
    /// The hash before `previous`, kept to name the last verified point.
    before_previous: Option<String>,
    previous_at: Option<String>,
    whole: bool,
}

impl Start {
    fn beginning() -> Self {
        Self {
            read_from: i64::MIN,
            expected_seq: 1,
            verified: 0,
            previous: None,
            before_previous: None,
            previous_at: None,
            whole: true,
        }
    }
}

/// Carries on after `point` if its entry is still there as it was verified:
/// the same stored hash, and its content still hashing to it.
fn resume(conn: &Connection, point: &ChainPoint) -> Result<Option<Start>> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM change_log WHERE seq = ?1"),
            [point.seq],
            row,
        )
        .optional()?;
    let Some((entry, Some(stored))) = found else {
        return Ok(None);
    };
    if stored != point.hash || hash(point.previous.as_deref(), &entry) != point.hash {
        return Ok(None);
    }
    Ok(Some(Start {
        read_from: point.seq + 1,
        expected_seq: point.seq + 1,
        verified: point.seq,
        previous: Some(stored),
        before_previous: point.previous.clone(),
        previous_at: Some(entry.at),
        whole: false,
    }))
}

/// Reads the entries from `start` in `seq` order, one at a time (a large
/// register's log does not fit comfortably in memory at once), and stops at
/// the first that does not verify.
fn walk(conn: &Connection, start: Start, watch: &Watch<'_>) -> Result<ChainCheck> {
    let Start {
        read_from,
        mut expected_seq,
        mut verified,
        mut previous,
        mut before_previous,
        mut previous_at,
        whole,
    } = start;
    // For progress only: the number the last entry should have.
    let total: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
        r.get(0)
    })?;
    let total = u64::try_from(total).unwrap_or(0);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM change_log WHERE seq >= ?1 ORDER BY seq"
    ))?;
    let mut rows = stmt.query([read_from])?;
    let found = loop {
        let Some(r) = rows.next()? else {
            break None;
        };
        let (entry, stored) = row(r)?;
        if entry.seq != expected_seq {
            let between = match &previous_at {
                Some(at) => format!("between {} and {}", when(at), when(&entry.at)),
                None => format!("before {}", when(&entry.at)),
            };
            break Some(removed(
                expected_seq,
                entry.seq - 1,
                &format!("of the change log (made {between})"),
            ));
        }
        let Some(stored) = stored else {
            break Some(named(
                &entry,
                AuditBreakKind::Unhashed,
                "was added: it has no hash",
            ));
        };
        if hash(previous.as_deref(), &entry) != stored {
            break Some(named(
                &entry,
                AuditBreakKind::Altered,
                "was altered: it no longer matches its hash",
            ));
        }
        verified += 1;
        before_previous = previous.replace(stored);
        previous_at = Some(entry.at);
        expected_seq += 1;
        watch.step(
            JobStage::Checking,
            u64::try_from(verified).unwrap_or(0),
            total,
        )?;
    };
    let last = previous.map(|hash| ChainPoint {
        seq: expected_seq - 1,
        hash,
        previous: before_previous,
    });
    let first_break = match found {
        Some(found) => Some(found),
        None => removed_at_end(conn, expected_seq, previous_at.as_deref())?,
    };
    if let Some(found) = &first_break {
        tracing::warn!(
            seq = found.seq,
            kind = ?found.kind,
            "the change log's hash chain does not verify"
        );
    }
    Ok(ChainCheck {
        verified,
        first_break,
        last,
        whole,
    })
}

/// Entries cut from the end leave no gap, but SQLite remembers the highest
/// number it ever handed out.
fn removed_at_end(
    conn: &Connection,
    expected_seq: i64,
    previous_at: Option<&str>,
) -> Result<Option<AuditBreak>> {
    let highest: Option<i64> = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(highest.filter(|h| *h >= expected_seq).map(|highest| {
        let after = previous_at
            .map(|at| format!(" (made after {})", when(at)))
            .unwrap_or_default();
        removed(
            expected_seq,
            highest,
            &format!("at the end of the change log{after}"),
        )
    }))
}

/// The break for entries `first` to `last` missing from the log; `place`
/// says where they were, e.g. "at the end of the change log".
fn removed(first: i64, last: i64, place: &str) -> AuditBreak {
    AuditBreak {
        seq: first,
        kind: AuditBreakKind::Removed,
        id: None,
        entity: None,
        at: None,
        detail: format!(
            "{} {place} {} removed",
            describe_gap(first, last),
            was(first, last)
        ),
    }
}

fn named(entry: &Entry, kind: AuditBreakKind, finding: &str) -> AuditBreak {
    AuditBreak {
        seq: entry.seq,
        kind,
        id: Some(entry.id.clone()),
        entity: Some(entry.entity.clone()),
        at: Some(entry.at.clone()),
        detail: format!(
            "change-log entry {} ({} {} by {}, {}, id {}) {finding}",
            entry.seq,
            entry.entity,
            entry.action,
            entry.who,
            when(&entry.at),
            entry.id
        ),
    }
}

/// "entry 4" or "entries 4 to 6", with `was` giving the verb to match.
fn describe_gap(first: i64, last: i64) -> String {
    if first == last {
        format!("entry {first}")
    } else {
        format!("entries {first} to {last}")
    }
}

fn was(first: i64, last: i64) -> &'static str {
    if first == last {
        "was"
    } else {
        "were"
    }
}

/// A stored time in words ("4 June 2025 at 10:15:02 UTC"), or as stored when
/// it does not parse (an altered entry may hold anything).
fn when(at: &str) -> String {
    match stamp::from_text(at) {
        Ok(time) => describe_time(time),
        Err(_) => format!("\"{at}\""),
    }
}

fn describe_time(time: DateTime<Utc>) -> String {
    format!(
        "{} at {} UTC",
        format_long(time.date_naive()),
        time.format("%H:%M:%S")
    )
}

/// What a walk reads of each entry: the hashed content, then the stored hash.
const COLUMNS: &str = "seq, id, at, who, entity, entity_id, action, before, after, hash";

/// One entry read with [`COLUMNS`], with its stored hash.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Entry, Option<String>)> {
    Ok((
        Entry {
            seq: r.get(0)?,
            id: r.get(1)?,
            at: r.get(2)?,
            who: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            action: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
        },
        r.get(9)?,
    ))
}

/// Every entry, oldest first, with its stored hash. `seq` order, not `rowid`,
/// because `seq` is what the chain covers.
fn read_all(conn: &Connection) -> Result<Vec<(Entry, Option<String>)>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM change_log ORDER BY seq"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64) -> Entry {
        Entry {
            seq,
            id: format!("id-{seq}"),
            at: "2025-06-04T10:15:02.000Z".into(),
            who: "Chair".into(),
            entity: "case".into(),
            entity_id: "c1".into(),
            action: "update".into(),
            before: Some("{\"a\":1}".into()),
            after: None,
        }
    }

    #[test]
    fn the_hash_depends_on_the_previous_hash_and_every_field() {
        let base = hash(None, &entry(1));
        assert_eq!(base.len(), 64, "SHA-256 as hex");
        assert_ne!(base, hash(Some("00"), &entry(1)), "chained on the previous");
        let mut moved = entry(1);
        moved.seq = 2;
        assert_ne!(base, hash(None, &moved), "the position is covered");
        let mut swapped = entry(1);
        swapped.before = None;
        swapped.after = Some("{\"a\":1}".into());
        assert_ne!(base, hash(None, &swapped), "before and after are distinct");
    }

    #[test]
    fn fields_cannot_run_into_each_other() {
        let mut one = entry(1);
        one.who = "Chair".into();
        one.entity = "case".into();
        let mut two = entry(1);
        two.who = "Chai".into();
        two.entity = "rcase".into();
        assert_ne!(hash(None, &one), hash(None, &two));
    }

    /// Someone who alters an entry and recomputes its own hash still breaks
    /// the chain: the next entry was hashed on the original.
    #[test]
    fn rehashing_an_altered_entry_moves_the_break_to_the_next_one() {
        let mut register = crate::Register::in_memory("Chair").expect("in memory");
        for n in 0..3 {
            let after = serde_json::json!({ "n": n });
            register
                .write(|w| {
                    w.log(
                        "case",
                        "c1",
                        crate::change_log::Action::Update,
                        None,
                        Some(&after),
                    )
                })
                .expect("logged");
        }
        let conn = register.conn();
        assert_eq!(verify(conn).expect("verify").verified, 3);
        let entries = read_all(conn).expect("entries");
        let mut forged = entries[1].0.clone();
        forged.after = Some("{\"n\":99}".into());
        let rehashed = hash(entries[0].1.as_deref(), &forged);
        conn.execute_batch("DROP TRIGGER change_log_no_update;")
            .expect("drop guard");
        conn.execute(
            "UPDATE change_log SET after = ?1, hash = ?2 WHERE seq = 2",
            params![forged.after, rehashed],
        )
        .expect("forge");
        let check = verify(conn).expect("verify");
        let found = check.first_break.expect("still broken");
        assert_eq!((found.seq, found.kind), (3, AuditBreakKind::Altered));
        assert_eq!(check.verified, 2, "entries 1 and 2 verify on their own");
    }

    #[test]
    fn times_are_described_in_words() {
        assert_eq!(
            when("2025-06-04T10:15:02.000Z"),
            "4 June 2025 at 10:15:02 UTC"
        );
        assert_eq!(when("garbled"), "\"garbled\"");
    }
}
