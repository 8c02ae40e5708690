//! Knowing that a backup is being copied in the background (issue 7). The
//! daily backup reads the register through its own connection, apart from
//! the session (see `snapshot.rs`), so the session can be locked, unlocked
//! and used while it runs. Two steps would pull the file out from under that
//! connection: a passphrase change renames a re-encrypted copy over the
//! register, and a restore moves the register aside. The session keeps a
//! [`BackupTracker`]; the backup holds the [`RunningBackup`] it hands out
//! until its connection is closed, and those two steps are refused while it
//! does ([`Error::BackupRunning`]).
//!
//! Why refuse rather than wait: the step would wait while holding the
//! session, so the app would hang for the rest of the copy with no word why;
//! refused, the chair is told to try again in a minute and nothing changes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};

/// The session's side: whether a background backup is running.
#[derive(Debug, Default)]
pub struct BackupTracker(Arc<AtomicBool>);

/// Held by a background backup while it runs; dropping it says it has ended.
#[derive(Debug)]
pub struct RunningBackup(Arc<AtomicBool>);

impl BackupTracker {
    /// The token for a new background backup, or `None` when one is already
    /// running: one copy at a time is enough, and a second would only slow
    /// the first.
    pub fn start(&self) -> Option<RunningBackup> {
        // Acquire/Release pair with the drop below, so whatever the backup
        // did before it ended (closing its connection) is seen as done.
        self.0
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .ok()
            .map(|_| RunningBackup(self.0.clone()))
    }

    /// Whether a background backup is running now.
    pub fn is_running(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }

    /// [`Error::BackupRunning`] while one runs: for steps that replace or move
    /// the register's file.
    pub fn ensure_idle(&self) -> Result<()> {
        if self.is_running() {
            return Err(Error::BackupRunning);
        }
        Ok(())
    }
}

impl Drop for RunningBackup {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_backup_at_a_time_and_idle_again_once_it_ends() {
        let tracker = BackupTracker::default();
        assert!(tracker.ensure_idle().is_ok());
        let running = tracker.start().expect("the first starts");
        assert!(tracker.start().is_none(), "a second is not started");
        assert_eq!(
            tracker.ensure_idle().map_err(|e| e.code()),
            Err(crate::ErrorCode::BackupRunning)
        );
        // Ended on another thread, as a background backup does.
        std::thread::spawn(move || drop(running))
            .join()
            .expect("joined");
        assert!(tracker.ensure_idle().is_ok());
        assert!(tracker.start().is_some(), "another may start now");
    }
}
