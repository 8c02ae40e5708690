//! Whether the change log's hash chain verifies, for the audit trail screen,
//! without walking the whole log every time (issue 7: 423,118 entries take
//! about two seconds, and the session waited for them).
//!
//! The register remembers, in memory only, the last entry a walk verified
//! ([`ChainPoint`]); the next check carries on from it, reading only the
//! entries added since (and that entry itself, hashed again). The answer is
//! the same as a whole walk's unless an entry BEFORE that point was changed
//! while the register was open, which only a whole walk finds: the one made
//! at the first check after each unlock, and `casereview check` (CLI), which
//! always walks it all (`register.rs`, `integrity`).
//!
//! Why an entry before the point can change at all: the instance lock
//! (`instance_lock.rs`) keeps out other windows and the CLI, which open the
//! register through the same code, but not a program that opens the file
//! itself (sqlcipher with the passphrase) — exactly what the chain exists to
//! catch. So the remembered entry is read and hashed again before carrying on,
//! and a whole walk is made when it is not there as it was.
//!
//! The first walk of a large register is done apart from the session, like
//! the daily backup (`backup/snapshot.rs`), and so is any walk of more than a
//! few thousand new entries (later ones are done at once, on the register's
//! own connection). Briefly under the session, the
//! register hands out an [`AuditCheck`] (a `Send` value with its path, its
//! passphrase and the remembered point); that walks the chain on a second,
//! read-only connection holding one snapshot, on any thread; then, briefly
//! again, [`AuditChecked::remember_in`] keeps the new point, if the register
//! is still the one it was taken from.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use zeroize::Zeroizing;

use super::totals::Totals;
use super::AuditChainStatus;
use crate::audit_chain::{self, ChainCheck, ChainPoint};
use crate::backup::snapshot::open_snapshot;
use crate::error::Result;
use crate::jobs::Watch;
use crate::register::Register;
use crate::session::Session;

/// Numbers each opened register, so a walk finished after the register was
/// locked, restored or rekeyed is not kept for the new one.
static OPENED: AtomicU64 = AtomicU64::new(0);

/// What one opened register remembers of its chain, and of its audit
/// trail's counts. Never written to disk: a register opened again is walked
/// and counted whole again.
#[derive(Debug)]
pub struct AuditMemory {
    opened: u64,
    /// Behind its own lock so that a check, which only reads the register,
    /// can be made through `&Register` like every other read.
    point: Mutex<Option<ChainPoint>>,
    /// The audit trail's counts, by filter (`totals.rs`).
    pub(super) totals: Totals,
}

impl AuditMemory {
    /// Nothing verified yet, for a register just opened (or its file just
    /// replaced, which makes what was verified meaningless).
    pub(crate) fn new() -> Self {
        Self {
            opened: OPENED.fetch_add(1, Ordering::Relaxed),
            point: Mutex::new(None),
            totals: Totals::default(),
        }
    }

    /// The last entry verified, if any. A check that panicked while holding
    /// the lock left either the old point or a new one, both entries that
    /// verified, so the value is used as it is.
    fn point(&self) -> Option<ChainPoint> {
        self.point
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// At most this many entries added since the last check are walked on the
/// register's own connection, while the caller holds the session: a few
/// milliseconds' work (about 5 µs an entry), less than opening a second
/// connection, whose key derivation alone takes a few tenths of a second
/// (on the large register a later check takes 0.2 ms in place, the first
/// 2.6 s apart against 1.9 s in place: `examples/audit_check.rs`).
const IN_PLACE: i64 = 5_000;

/// What the screen's check needs next: nothing more, or a walk apart.
pub enum AuditChainStep {
    /// Only a few entries were added since the last check, and they were
    /// walked at once.
    Done(AuditChainStatus),
    /// A long walk (the first after unlocking, or after many changes), to
    /// run without the session.
    Apart(AuditCheck),
}

/// A chain check to run apart from the session.
pub struct AuditCheck {
    path: PathBuf,
    /// Opens the second connection; wiped when the check ends.
    passphrase: Zeroizing<String>,
    from: Option<ChainPoint>,
    opened: u64,
}

/// The outcome of an [`AuditCheck`], to show and to remember.
pub struct AuditChecked {
    check: ChainCheck,
    from: Option<ChainPoint>,
    opened: u64,
}

impl Register {
    /// Whether the hash chain verifies, walked on the register's own
    /// connection from the last entry verified since it was opened (see the
    /// module doc for what that can and cannot see).
    pub fn audit_chain_status(&self) -> Result<AuditChainStatus> {
        let (from, opened) = (self.audit.point(), self.audit.opened);
        let check = audit_chain::verify_from(self.conn(), from.as_ref(), &Watch::none())?;
        Ok(self.remember_audit(AuditChecked {
            check,
            from,
            opened,
        }))
    }

    /// The check for the audit trail screen: done at once when the register
    /// remembers a point and few entries were added since, or else handed
    /// out to run apart ([`AuditCheck`]).
    pub fn audit_chain_step(&self) -> Result<AuditChainStep> {
        if let Some(from) = self.audit.point().map(|p| p.seq) {
            let newest: i64 =
                self.conn()
                    .query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                        r.get(0)
                    })?;
            // (A remembered entry no longer as it was makes this a whole
            // walk under the session: the file was changed outside the app,
            // which is rare, and then the answer matters more than the wait.)
            if newest - from <= IN_PLACE {
                return Ok(AuditChainStep::Done(self.audit_chain_status()?));
            }
        }
        Ok(AuditChainStep::Apart(self.audit_check()?))
    }

    /// The chain check to run without the register; an in-memory register
    /// (tests) has no file to open again and answers `internal`.
    pub fn audit_check(&self) -> Result<AuditCheck> {
        Ok(AuditCheck {
            path: self.path().to_owned(),
            passphrase: Zeroizing::new(self.passphrase()?.to_owned()),
            from: self.audit.point(),
            opened: self.audit.opened,
        })
    }

    /// Keeps where `checked` got to, if it was taken from this register as
    /// it is now: another check finished meanwhile, or a lock and unlock in
    /// between, leave the memory as it is.
    fn remember_audit(&self, checked: AuditChecked) -> AuditChainStatus {
        if self.audit.opened == checked.opened {
            let mut point = self
                .audit
                .point
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if *point == checked.from {
                point.clone_from(&checked.check.last);
            }
        }
        checked.status()
    }
}

impl AuditCheck {
    /// Walks the chain on a connection of its own, closed before this returns.
    pub fn run(self) -> Result<AuditChecked> {
        self.run_watched(&Watch::none())
    }

    /// [`run`](Self::run), telling `watch` how far the walk has got.
    pub fn run_watched(self, watch: &Watch<'_>) -> Result<AuditChecked> {
        let Self {
            path,
            passphrase,
            from,
            opened,
        } = self;
        let conn = open_snapshot(&path, &passphrase)?;
        drop(passphrase);
        let check = audit_chain::verify_from(&conn, from.as_ref(), watch)?;
        Ok(AuditChecked {
            check,
            from,
            opened,
        })
    }
}

impl AuditChecked {
    /// Remembers where the check got to in the session's register, when it
    /// is still the one checked; the status either way (it holds for the
    /// register as it was when the check began).
    pub fn remember_in(self, session: &mut Session) -> AuditChainStatus {
        match session.register() {
            Ok(register) => register.remember_audit(self),
            Err(_) => self.status(),
        }
    }

    fn status(self) -> AuditChainStatus {
        AuditChainStatus {
            ok: self.check.first_break.is_none(),
            verified: self.check.verified,
            first_break: self.check.first_break,
            whole: self.check.whole,
        }
    }
}

// The whole point: it can be handed to another thread.
const _: () = {
    const fn send<T: Send>() {}
    send::<AuditCheck>();
    send::<AuditChecked>();
};

#[cfg(test)]
pub(crate) mod tests;
