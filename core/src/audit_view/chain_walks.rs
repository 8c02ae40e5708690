//! One walk of the audit chain at a time, apart from the session, and the
//! background walk giving way to the person using the app (issue 7).
//!
//! The first chain check after unlocking walks the whole change log (1.8 s
//! on the large register). The shell walks it in the background once the
//! dashboard is up, so the audit trail's first visit finds it done. Two
//! rules keep that from costing anything else:
//!
//! - **One walk at a time.** A check asked meanwhile (the audit trail
//!   opened during the walk) waits for the walk under way, then carries on
//!   from where it got to, in place; it never starts a second whole walk
//!   beside the first.
//! - **The background walk gives way.** Even at the lowest priority, a walk
//!   beside the screens slowed the tracker's first visit after unlocking
//!   from 76–82 to 99–105 ms (two cores that share their caches). So it
//!   starts only once the app is quiet, and pauses, between steps of about
//!   1% of the log, whenever the app is busy again, unless a screen is
//!   waiting for its answer. What "busy" is, the shell says (a command
//!   answered within the last moments).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use super::{AuditChainStatus, AuditChainStep};
use crate::error::Result;
use crate::jobs::{JobProgress, Watch};
use crate::session::Session;

/// How long the background walk waits before asking again whether the app
/// is still busy.
const PAUSE: Duration = Duration::from_millis(50);

/// The app's walks of the chain, taken one at a time. The session is held
/// only to hand a walk out and to keep where it got to, never during it.
#[derive(Debug, Default)]
pub struct ChainWalks {
    one_at_a_time: Mutex<()>,
    /// Checks asked for by a screen and not yet answered: while there is one,
    /// the background walk does not pause.
    asked: AtomicUsize,
}

impl ChainWalks {
    /// Whether the register's chain verifies, for a screen: at once when
    /// few entries were added since the last walk, or else after a walk
    /// apart from the session, waiting first for any walk already under way.
    pub fn check(&self, session: &Mutex<Session>) -> Result<AuditChainStatus> {
        let _asking = Asking::new(&self.asked);
        self.check_watched(session, &Watch::none())
    }

    /// The same check in the background: started once `busy` says the app
    /// is quiet, and paused whenever it says the app is busy again, unless
    /// a screen's check is waiting.
    pub fn check_giving_way(
        &self,
        session: &Mutex<Session>,
        busy: &dyn Fn() -> bool,
    ) -> Result<AuditChainStatus> {
        let give_way = || {
            while busy() && self.asked.load(Ordering::SeqCst) == 0 {
                std::thread::sleep(PAUSE);
            }
        };
        // Before opening the walk's connection too: its key derivation is
        // a few tenths of a second that cannot be paused.
        give_way();
        let never = AtomicBool::new(false);
        let between_steps = |_: JobProgress| give_way();
        self.check_watched(session, &Watch::new(&never, &between_steps))
    }

    /// [`check`](Self::check), telling `watch` how far a walk apart has got.
    pub(crate) fn check_watched(
        &self,
        session: &Mutex<Session>,
        watch: &Watch<'_>,
    ) -> Result<AuditChainStatus> {
        // A walk that panicked left nothing half done behind this lock.
        let _walking = self
            .one_at_a_time
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let check = match Session::locked(session)?.register()?.audit_chain_step()? {
            AuditChainStep::Done(status) => return Ok(status),
            AuditChainStep::Apart(check) => check,
        };
        let checked = check.run_watched(watch)?;
        let mut session = Session::locked(session)?;
        Ok(checked.remember_in(&mut session))
    }
}

/// A screen's check counted as waiting until it is answered, or until it
/// unwinds: a count left up would stop every later walk giving way.
struct Asking<'a>(&'a AtomicUsize);

impl<'a> Asking<'a> {
    fn new(asked: &'a AtomicUsize) -> Self {
        asked.fetch_add(1, Ordering::SeqCst);
        Self(asked)
    }
}

impl Drop for Asking<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests;
