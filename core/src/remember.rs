//! "Remember on this device": where a register's passphrase may be kept so
//! the next start unlocks without asking. The session talks to a [`KeyStore`]
//! so that the OS keyring (see `os_keyring.rs`, behind the `os-keyring`
//! feature) and the in-memory store tests use are interchangeable.
//!
//! Entries are keyed by the register's path, so two registers on one device
//! never share an entry.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// A place to keep one passphrase per register.
pub trait KeyStore: Send {
    /// The passphrase kept for the register at `register`, if any.
    fn get(&self, register: &Path) -> Result<Option<Zeroizing<String>>>;
    /// Keeps `passphrase` for `register`, replacing what was kept.
    fn set(&self, register: &Path, passphrase: &str) -> Result<()>;
    /// Forgets the passphrase for `register`; forgetting what was never kept
    /// is not an error.
    fn delete(&self, register: &Path) -> Result<()>;
}

/// A store that is never available: the app built without keyring support.
/// Every call says so, and the app asks for the passphrase as usual.
pub struct NoKeyStore;

impl KeyStore for NoKeyStore {
    fn get(&self, _: &Path) -> Result<Option<Zeroizing<String>>> {
        Err(no_keyring())
    }
    fn set(&self, _: &Path, _: &str) -> Result<()> {
        Err(no_keyring())
    }
    fn delete(&self, _: &Path) -> Result<()> {
        // Nothing can have been kept, so there is nothing to forget.
        Ok(())
    }
}

fn no_keyring() -> Error {
    Error::KeyringUnavailable("this build of the app has no keyring support".to_owned())
}

/// The store the app uses: the OS keyring when built with it.
pub fn default_store() -> Box<dyn KeyStore> {
    #[cfg(feature = "os-keyring")]
    {
        Box::new(crate::os_keyring::OsKeyring)
    }
    #[cfg(not(feature = "os-keyring"))]
    {
        Box::new(NoKeyStore)
    }
}

/// A store in memory, for tests; clones share their entries (and their
/// failures) so a test can look inside, or break it, after handing one to a
/// session. `unavailable()` makes one that fails like an OS keyring with no
/// service running.
#[derive(Clone, Default)]
pub struct MemoryKeyStore {
    entries: Arc<Mutex<HashMap<PathBuf, Zeroizing<String>>>>,
    unavailable: Arc<AtomicBool>,
    /// Keeping a passphrase fails; reading and forgetting still work (a
    /// keyring that is full or read-only).
    refuses_to_keep: Arc<AtomicBool>,
}

impl MemoryKeyStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A store whose every call fails as a missing keyring service would.
    pub fn unavailable() -> Self {
        let store = Self::default();
        store.set_unavailable(true);
        store
    }

    /// From now on every call fails (`true`), as when the keyring service
    /// stops, or works again (`false`), keeping what it held.
    pub fn set_unavailable(&self, unavailable: bool) {
        self.unavailable.store(unavailable, Ordering::SeqCst);
    }

    /// From now on keeping a passphrase fails, while forgetting one works.
    pub fn refuse_to_keep(&self) {
        self.refuses_to_keep.store(true, Ordering::SeqCst);
    }

    /// What is kept for `register` (for tests to check).
    pub fn peek(&self, register: &Path) -> Option<String> {
        self.lock()
            .ok()
            .and_then(|entries| entries.get(register).map(|p| p.to_string()))
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, HashMap<PathBuf, Zeroizing<String>>>> {
        if self.unavailable.load(Ordering::SeqCst) {
            return Err(Error::KeyringUnavailable(
                "no keyring service is running".to_owned(),
            ));
        }
        self.entries
            .lock()
            .map_err(|_| Error::Internal("the in-memory key store was poisoned".to_owned()))
    }
}

impl KeyStore for MemoryKeyStore {
    fn get(&self, register: &Path) -> Result<Option<Zeroizing<String>>> {
        Ok(self.lock()?.get(register).cloned())
    }
    fn set(&self, register: &Path, passphrase: &str) -> Result<()> {
        if self.refuses_to_keep.load(Ordering::SeqCst) {
            return Err(Error::KeyringUnavailable(
                "the keyring refused to keep it".to_owned(),
            ));
        }
        self.lock()?
            .insert(register.to_owned(), Zeroizing::new(passphrase.to_owned()));
        Ok(())
    }
    fn delete(&self, register: &Path) -> Result<()> {
        self.lock()?.remove(register);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn memory_store_keeps_one_passphrase_per_register() {
        let store = MemoryKeyStore::new();
        let (a, b) = (Path::new("/r/a.casereview"), Path::new("/r/b.casereview"));
        store.set(a, "first").expect("set");
        store.set(b, "second").expect("set");
        store.set(a, "changed").expect("replace");
        assert_eq!(
            store.get(a).expect("get").as_deref().map(String::as_str),
            Some("changed")
        );
        store.delete(a).expect("delete");
        store.delete(a).expect("deleting twice is fine");
        assert!(store.get(a).expect("get").is_none());
        assert_eq!(store.peek(b).as_deref(), Some("second"));
    }

    #[test]
    fn a_build_without_keyring_says_so() {
        let err = NoKeyStore
            .set(Path::new("/r/a.casereview"), "x")
            .expect_err("no keyring");
        assert_eq!(err.code(), ErrorCode::KeyringUnavailable);
        assert!(err.to_string().contains("Enter it each time"), "{err}");
        assert!(NoKeyStore.delete(Path::new("/r/a.casereview")).is_ok());
    }
}
