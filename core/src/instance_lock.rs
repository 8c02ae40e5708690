//! One app or command at a time per register: an OS file lock on a small
//! `.lock` file beside the register, taken when the register is opened or
//! created and released when it is locked or closed.
//!
//! Why an OS lock rather than SQLite's own locking: SQLite lets two processes
//! share a file in WAL mode, so two app windows would both "work" and each
//! would show a register the other keeps changing under it. Why a separate
//! file rather than the register itself: on Windows a lock on the register
//! would stop SQLite reading it, and on Unix closing any descriptor of the
//! register would drop SQLite's own POSIX locks. The OS drops the lock when
//! the process ends however it ends (a crash, SIGKILL, a power cut), so a dead
//! holder never blocks the next open and there is no stale lock to clean up.
//!
//! The lock file is removed when the lock is released, so a closed register
//! leaves only its own file behind. That is safe because a holder removes it
//! while still holding the lock, and whoever takes a lock checks that the
//! file it locked is still the one at the path, trying again if not.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::file_identity::FileIdentity;

/// How long an open waits for another holder to let go before saying the
/// register is in use.
pub const GRACE: Duration = Duration::from_secs(2);
const RETRY: Duration = Duration::from_millis(50);

/// Held while a register is open; dropping it releases the lock.
#[derive(Debug)]
pub struct InstanceLock {
    file: File,
    path: PathBuf,
}

/// The lock file for `register`: its name with `.lock` added.
pub fn lock_path(register: &Path) -> PathBuf {
    let mut name = register.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl InstanceLock {
    /// Takes the lock for `register`, or says who has it. Waits a moment
    /// ([`GRACE`]) first, so a window that is just closing (the app quit and
    /// started again at once) is not reported as open; never longer, so a
    /// second window says so rather than hanging.
    pub fn acquire(register: &Path) -> Result<Self> {
        let path = lock_path(register);
        let shown = register.display().to_string();
        let deadline = Instant::now() + GRACE;
        loop {
            let file = open(&path, &shown)?;
            match file.try_lock() {
                // Locked, but perhaps a file its holder removed just before
                // letting go: only the file at the path counts.
                Ok(()) if still_at_path(&file, &path) => return Ok(Self { file, path }),
                Ok(()) => {}
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(RETRY);
                }
                Err(TryLockError::WouldBlock) => return Err(Error::RegisterInUse(shown)),
                Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
    }
}

fn open(path: &Path, shown: &str) -> Result<File> {
    // Never truncated: another process may hold it.
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| match e.kind() {
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                Error::ReadOnly(shown.to_owned())
            }
            ErrorKind::NotFound => Error::RegisterMissing(shown.to_owned()),
            _ => Error::io(path, e),
        })
}

fn still_at_path(file: &File, path: &Path) -> bool {
    match (FileIdentity::of_open(file, path), FileIdentity::of(path)) {
        (Ok(open), Ok(named)) => open == named,
        _ => false,
    }
}

impl Drop for InstanceLock {
    fn drop(&mut self) {
        // Removed while still held (see the module doc); where the OS cannot
        // tell files apart the empty file is left for the next open.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let register = dir.path().join("register.casereview");
        let first = InstanceLock::acquire(&register).expect("first");
        let err = InstanceLock::acquire(&register).expect_err("second refused");
        assert_eq!(err.code(), crate::ErrorCode::RegisterInUse);
        assert!(err.to_string().contains("register.casereview"), "{err}");
        drop(first);
        assert!(!lock_path(&register).exists(), "nothing left behind");
        let again = InstanceLock::acquire(&register).expect("free again once released");
        assert!(lock_path(&register).ends_with("register.casereview.lock"));
        assert!(lock_path(&register).exists());
        drop(again);
    }

    #[test]
    fn a_holder_that_lets_go_within_the_grace_period_is_waited_for() {
        let dir = tempfile::tempdir().expect("temp dir");
        let register = dir.path().join("register.casereview");
        let first = InstanceLock::acquire(&register).expect("first");
        let closing = std::thread::spawn(move || {
            std::thread::sleep(GRACE / 4);
            drop(first);
        });
        InstanceLock::acquire(&register).expect("taken once the first closed");
        closing.join().expect("joined");
    }

    #[test]
    fn different_registers_do_not_block_each_other() {
        let dir = tempfile::tempdir().expect("temp dir");
        let _a = InstanceLock::acquire(&dir.path().join("a.casereview")).expect("a");
        let _b = InstanceLock::acquire(&dir.path().join("b.casereview")).expect("b");
    }
}
