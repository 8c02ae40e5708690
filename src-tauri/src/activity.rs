//! Whether the app is busy answering the window, for background work that
//! gives way to it (the warming and the audit chain's walk after
//! unlocking: `warm.rs`).
//!
//! Every command that takes the session counts ([`Busy`], held by
//! `commands::with_session`), and so does a short time after each one ends:
//! the window is still building and painting from the answer then, and the
//! next click of someone moving between screens usually follows.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long after the last answer the app still counts as busy.
const QUIET: Duration = Duration::from_millis(1000);

static RUNNING: AtomicUsize = AtomicUsize::new(0);
/// When the last command ended, in milliseconds after [`epoch`].
static LAST_ENDED: AtomicU64 = AtomicU64::new(0);

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now_ms() -> u64 {
    u64::try_from(epoch().elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Counts a command as running until dropped.
pub struct Busy(());

impl Busy {
    pub fn start() -> Self {
        // Fixes the epoch before the first command ends, so "never" (0) is
        // not mistaken for "just now".
        epoch();
        RUNNING.fetch_add(1, Ordering::SeqCst);
        Self(())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        LAST_ENDED.store(now_ms().max(1), Ordering::SeqCst);
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How many commands are running or waiting for the session (the warming's
/// own steps count too: they take it as commands do).
pub fn running() -> usize {
    RUNNING.load(Ordering::SeqCst)
}

/// A command is running, or one ended less than [`QUIET`] ago.
pub fn busy() -> bool {
    if RUNNING.load(Ordering::SeqCst) > 0 {
        return true;
    }
    let last = LAST_ENDED.load(Ordering::SeqCst);
    last != 0 && now_ms().saturating_sub(last) < QUIET.as_millis() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test: the counters are the process's own.
    #[test]
    fn busy_while_a_command_runs_and_for_a_moment_after() {
        assert!(!busy(), "nothing has run yet");
        assert_eq!(running(), 0);
        let command = Busy::start();
        assert!(busy());
        assert_eq!(running(), 1);
        drop(command);
        assert_eq!(running(), 0);
        assert!(busy(), "just ended");
        std::thread::sleep(QUIET + Duration::from_millis(50));
        assert!(!busy(), "quiet again");
    }
}
