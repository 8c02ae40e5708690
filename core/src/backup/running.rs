//! Knowing that a backup is being copied in the background (issue 7). The
//! daily backup reads the register through its own connection, apart from
//! the session (see `snapshot.rs`), so the session can be locked, unlocked
//! and used while it runs. Two steps would pull the file out from under that
//! connection: a passphrase change renames a re-encrypted copy over the
//! register, and a restore moves the register aside. The session keeps a
//! [`BackupTracker`]; the backup holds the [`RunningBackup`] it hands out
//! until its connection is closed.
//!
//! Before either of those steps the session stops the backup
//! ([`BackupTracker::stop`]): the chair asked for the step, and the daily
//! backup is only due, so it gives way and is taken again at the next hourly
//! check. The copy stops at its next step, in a moment; only a backup that
//! does not stop within [`STOP_WAIT`] (it cannot be cancelled, or the disk
//! hangs) makes the step refused ([`Error::BackupRunning`]), rather than
//! hang the app, which waits holding the session.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a passphrase change or a restore waits for a backup it stopped.
pub const STOP_WAIT: Duration = Duration::from_secs(5);

/// What the session and the backup share.
#[derive(Debug, Default)]
struct Shared {
    running: AtomicBool,
    /// Set to stop the running backup; read by its copy at every step.
    cancel: AtomicBool,
}

/// The session's side: whether a background backup is running.
#[derive(Debug, Default)]
pub struct BackupTracker(Arc<Shared>);

/// Held by a background backup while it runs; dropping it says it has ended.
#[derive(Debug)]
pub struct RunningBackup(Arc<Shared>);

impl BackupTracker {
    /// The token for a new background backup, or `None` when one is already
    /// running: one copy at a time is enough, and a second would only slow
    /// the first.
    pub fn start(&self) -> Option<RunningBackup> {
        // Acquire/Release pair with the drop below, so whatever the backup
        // did before it ended (closing its connection) is seen as done.
        self.0
            .running
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .ok()
            .map(|_| {
                self.0.cancel.store(false, Ordering::Release);
                RunningBackup(self.0.clone())
            })
    }

    /// Whether a background backup is running now.
    pub fn is_running(&self) -> bool {
        self.0.running.load(Ordering::Acquire)
    }

    /// Stops the running backup, if any, and waits up to `wait` for it to
    /// end; [`Error::BackupRunning`] if it has not. For steps that replace or
    /// move the register's file.
    pub fn stop(&self, wait: Duration) -> Result<()> {
        if !self.is_running() {
            return Ok(());
        }
        self.0.cancel.store(true, Ordering::Release);
        let started = Instant::now();
        while self.is_running() && started.elapsed() < wait {
            std::thread::sleep(Duration::from_millis(5));
        }
        if self.is_running() {
            tracing::warn!("a daily backup did not stop when asked");
        } else {
            tracing::info!("daily backup stopped for a passphrase change or restore");
        }
        self.ensure_idle()
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

impl RunningBackup {
    /// What [`BackupTracker::stop`] sets, for the backup's copy to watch.
    pub(crate) fn stop_signal(&self) -> StopSignal {
        StopSignal(self.0.clone())
    }
}

/// The running backup's stop flag, apart from the token it ends with (the
/// copy watches the one while the backup owns the other).
pub(crate) struct StopSignal(Arc<Shared>);

impl StopSignal {
    pub(crate) fn flag(&self) -> &AtomicBool {
        &self.0.cancel
    }
}

impl Drop for RunningBackup {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::Release);
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

    #[test]
    fn stopping_sets_the_flag_and_waits_for_the_backup_to_end() {
        let tracker = BackupTracker::default();
        assert!(tracker.stop(Duration::ZERO).is_ok(), "nothing to stop");
        let running = tracker.start().expect("started");
        assert!(!running.stop_signal().flag().load(Ordering::Acquire));
        // A backup that sees the flag and ends, as the copy does at its next step.
        let backup = std::thread::spawn(move || {
            while !running.stop_signal().flag().load(Ordering::Acquire) {
                std::thread::yield_now();
            }
            drop(running);
        });
        assert!(tracker.stop(STOP_WAIT).is_ok());
        backup.join().expect("joined");
        // The next backup starts with the flag down.
        let next = tracker.start().expect("started again");
        assert!(!next.stop_signal().flag().load(Ordering::Acquire));
    }

    #[test]
    fn a_backup_that_does_not_stop_in_time_refuses_the_step() {
        let tracker = BackupTracker::default();
        let running = tracker.start().expect("started");
        assert_eq!(
            tracker
                .stop(Duration::from_millis(20))
                .map_err(|e| e.code()),
            Err(crate::ErrorCode::BackupRunning)
        );
        assert!(
            running.stop_signal().flag().load(Ordering::Acquire),
            "asked to stop"
        );
    }
}
