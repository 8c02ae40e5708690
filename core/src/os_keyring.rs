//! The OS keyring as a [`KeyStore`]: the Secret Service on Linux (GNOME
//! Keyring, KWallet), Keychain on macOS, Credential Manager on Windows,
//! through the `keyring` crate. Built only with the `os-keyring` feature, so
//! the CLI and the core's own builds need no D-Bus at all.
//!
//! Every failure of the keyring (no service running, a locked collection, a
//! refusal) becomes `keyring_unavailable`, and the app then asks for the
//! passphrase as it would without the keyring.

use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::remember::KeyStore;

/// The service name entries are filed under; the register's path is the user.
const SERVICE: &str = "case-review-manager";

/// The keyring of the OS the app runs on.
pub struct OsKeyring;

impl KeyStore for OsKeyring {
    fn get(&self, register: &Path) -> Result<Option<Zeroizing<String>>> {
        match entry(register)?.get_password() {
            Ok(passphrase) => Ok(Some(Zeroizing::new(passphrase))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(&e)),
        }
    }

    fn set(&self, register: &Path, passphrase: &str) -> Result<()> {
        entry(register)?
            .set_password(passphrase)
            .map_err(|e| unavailable(&e))
    }

    fn delete(&self, register: &Path) -> Result<()> {
        match entry(register)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(&e)),
        }
    }
}

fn entry(register: &Path) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &register.display().to_string()).map_err(|e| unavailable(&e))
}

fn unavailable(error: &keyring::Error) -> Error {
    // The keyring's own words, which never include the secret; logged
    // without the path, which can name a partnership.
    tracing::warn!(%error, "the OS keyring is unavailable");
    let said = match error {
        keyring::Error::NoDefaultStore => {
            "no keyring service is running (for example GNOME Keyring or KWallet)".to_owned()
        }
        keyring::Error::NoStorageAccess(_) => "the keyring is locked or refused access".to_owned(),
        other => format!("the keyring reported a problem ({other})"),
    };
    Error::KeyringUnavailable(said)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    /// Uses the real OS keyring. On a machine with no keyring service (a
    /// build server, this project's CI) every call fails with the clear
    /// `keyring_unavailable` error rather than panicking or hanging; where a
    /// keyring runs, a passphrase round-trips and is removed again.
    #[test]
    fn the_real_keyring_works_or_says_clearly_that_it_cannot() {
        let dir = tempfile::tempdir().expect("temp dir");
        let register = dir.path().join("keyring-test.casereview");
        match OsKeyring.set(&register, "amber kettle ferry lantern") {
            Ok(()) => {
                let got = OsKeyring.get(&register).expect("read back");
                assert_eq!(
                    got.as_deref().map(String::as_str),
                    Some("amber kettle ferry lantern")
                );
                OsKeyring.delete(&register).expect("removed");
                assert!(OsKeyring.get(&register).expect("read again").is_none());
            }
            Err(err) => {
                assert_eq!(err.code(), ErrorCode::KeyringUnavailable, "{err}");
                assert!(err.to_string().contains("cannot be remembered"), "{err}");
                let read = OsKeyring.get(&register).expect_err("no keyring to read");
                assert_eq!(read.code(), ErrorCode::KeyringUnavailable);
            }
        }
    }
}
