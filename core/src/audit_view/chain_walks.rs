//! One walk of the audit chain at a time, apart from the session (issue 7).
//!
//! The first chain check after unlocking walks the whole change log (1.8 s
//! on the large register). The shell starts that walk in the background
//! once the dashboard is up, so the audit trail's first visit finds it done
//! or under way. A check asked meanwhile (the audit trail opened during the
//! walk) waits here for it, then carries on from where it got to, in place:
//! without this, the screen would start a second whole walk of its own
//! beside the first.

use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{AuditChainStatus, AuditChainStep};
use crate::error::{Error, Result};
use crate::jobs::Watch;
use crate::session::Session;

/// The app's walks of the chain, taken one at a time. The session is held
/// only to hand a walk out and to keep where it got to, never during it.
#[derive(Debug, Default)]
pub struct ChainWalks {
    one_at_a_time: Mutex<()>,
}

impl ChainWalks {
    /// Whether the register's chain verifies: at once when few entries were
    /// added since the last walk, or else after a walk apart from the
    /// session, waiting first for any walk already under way.
    pub fn check(&self, session: &Mutex<Session>) -> Result<AuditChainStatus> {
        self.check_watched(session, &Watch::none())
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
        let check = match lock(session)?.register()?.audit_chain_step()? {
            AuditChainStep::Done(status) => return Ok(status),
            AuditChainStep::Apart(check) => check,
        };
        let checked = check.run_watched(watch)?;
        let mut session = lock(session)?;
        Ok(checked.remember_in(&mut session))
    }
}

fn lock(session: &Mutex<Session>) -> Result<MutexGuard<'_, Session>> {
    session.lock().map_err(|_| {
        Error::Internal(
            "the session was left inconsistent by an earlier failure; restart the app".into(),
        )
    })
}

#[cfg(test)]
mod tests;
