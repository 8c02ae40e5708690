//! The daily backup copied apart from the register (issue 7). On a large
//! register the copy takes tens of seconds; taken through the register's own
//! connection it held the session all that time, and every other screen
//! waited for it. Instead the register, briefly, decides the backup is due and
//! where it goes (`automatic.rs`), and hands out a [`SnapshotBackup`]: a
//! `Send` value owning the register's path, the destination and the
//! passphrase. Run on any thread, it opens a SECOND, read-only connection to
//! the register and copies from that, through the same writing and
//! verification as every backup (`backup.rs`: a `.partial` file, verified,
//! then renamed). Afterwards only the backup folder is touched (the
//! rotation), so the register is never needed again.
//!
//! The register is in WAL mode: a read transaction on the second connection
//! sees one consistent snapshot while the first goes on writing. The backup
//! holds the register as it was when its copy began; changes made while it
//! runs are in the register only (and in the next backup).
//!
//! While it runs: locking closes only the register's connection, and the
//! backup's own finishes; a passphrase change or a restore, which would
//! replace the file under it, is refused (`running.rs`); closing the app ends
//! the process, and an unfinished copy is only a `.partial` file, never a
//! backup, removed later (`stale.rs`).

use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::automatic::{AutomaticBackup, Plan};
use super::running::{RunningBackup, StopSignal};
use super::BackupSummary;
use crate::error::Result;
use crate::jobs::{JobProgress, Watch};
use crate::register::Register;
use crate::store;

/// A daily backup decided on, to be copied without the register.
pub struct SnapshotBackup {
    plan: Plan,
    /// Opens the second connection, keys the copy and verifies it. SQLCipher
    /// never hands back the key it derived, so it is the passphrase; wiped
    /// when the backup ends, whatever the outcome.
    passphrase: Zeroizing<String>,
    /// Tells the session a backup is running until this is dropped.
    running: Option<RunningBackup>,
}

impl SnapshotBackup {
    pub(crate) fn new(register: &Register, plan: Plan) -> Result<Self> {
        Ok(Self {
            plan,
            passphrase: Zeroizing::new(register.passphrase()?.to_owned()),
            running: None,
        })
    }

    /// Keeps `running` until this backup has ended, so its owner (the
    /// session) knows it is running.
    pub(crate) fn tracked_by(self, running: RunningBackup) -> Self {
        Self {
            running: Some(running),
            ..self
        }
    }

    /// Copies, verifies and names the backup, then applies the rotation.
    /// Stops, with [`Error::Cancelled`](crate::Error::Cancelled) and no
    /// backup written, when the session asks it to (`running.rs`).
    pub fn run(self) -> Result<AutomaticBackup> {
        self.run_reporting(&|_| {})
    }

    /// [`run`](Self::run), telling `report` how far the copy has got.
    pub(crate) fn run_reporting(self, report: &dyn Fn(JobProgress)) -> Result<AutomaticBackup> {
        let Some(stop) = self.stop_signal() else {
            return self.run_watched(&Watch::none());
        };
        let watch = Watch::new(stop.flag(), report).saying(
            "The daily backup was stopped for a passphrase change or a restore: it will be taken again later.",
        );
        self.run_watched(&watch)
    }

    /// The flag the session sets to stop this backup, once it is tracked.
    pub(crate) fn stop_signal(&self) -> Option<StopSignal> {
        self.running.as_ref().map(RunningBackup::stop_signal)
    }

    /// [`run`](Self::run), telling `watch` how far the copy has got.
    pub fn run_watched(self, watch: &Watch<'_>) -> Result<AutomaticBackup> {
        let Self {
            plan,
            passphrase,
            running,
        } = self;
        let copied = copy_snapshot(&plan.register, &passphrase, &plan.dest, watch);
        drop(passphrase);
        let done = plan.finish(copied?);
        tracing::info!(deleted = done.deleted.len(), "daily backup taken");
        // Only now, with its connection closed and its files settled, may
        // the register's file be replaced again.
        drop(running);
        Ok(done)
    }
}

/// Writes a backup of the register at `register` to `dest` from one snapshot,
/// read on a connection of its own that is closed before this returns.
fn copy_snapshot(
    register: &Path,
    passphrase: &str,
    dest: &Path,
    watch: &Watch<'_>,
) -> Result<BackupSummary> {
    let source = open_snapshot(register, passphrase)?;
    // The read transaction ends as the connection closes, at the end of
    // this function, whether the copy succeeded or not.
    super::write_backup(&source, passphrase, dest, watch)
}

/// A second, read-only connection to the register at `register`, holding
/// one snapshot of it until the connection closes: the daily backup copies
/// from it, and the audit trail's chain check reads from it
/// (`audit_view/chain_status.rs`), both without the session.
pub(crate) fn open_snapshot(register: &Path, passphrase: &str) -> Result<Connection> {
    let source = store::open_read_only(register, passphrase)?;
    hold_snapshot(&source)?;
    Ok(source)
}

/// Starts a read transaction that lasts until the connection closes. Without
/// it, SQLite's online backup starts again from the first page whenever
/// another connection changes the register between two steps, so a copy of a
/// large register with the chair at work might never finish; with it, every
/// step reads the same snapshot, and the writer is not held up (in WAL mode
/// one writer goes on beside readers).
fn hold_snapshot(source: &Connection) -> Result<()> {
    source.execute_batch("BEGIN DEFERRED")?;
    // A deferred transaction takes its snapshot at its first read.
    source.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(())
}

// The whole point: it can be handed to another thread.
const _: () = {
    const fn send<T: Send>() {}
    send::<SnapshotBackup>();
};

#[cfg(test)]
pub(crate) mod tests;
