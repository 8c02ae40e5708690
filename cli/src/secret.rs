//! Getting the register passphrase: from `CASEREVIEW_PASSPHRASE` for scripts,
//! else typed at the terminal without echo. A replacement passphrase (`rekey`)
//! comes from `CASEREVIEW_NEW_PASSPHRASE` the same way.

use casereview_core::{Error, Result};

const ENV: &str = "CASEREVIEW_PASSPHRASE";
const NEW_ENV: &str = "CASEREVIEW_NEW_PASSPHRASE";

/// The passphrase to unlock an existing register.
pub fn passphrase() -> Result<String> {
    match std::env::var(ENV) {
        Ok(value) => Ok(value),
        Err(_) => prompt("Passphrase: ", ENV),
    }
}

/// A new passphrase and its confirmation (the same value when from the environment).
pub fn new_passphrase() -> Result<(String, String)> {
    match std::env::var(ENV) {
        Ok(value) => Ok((value.clone(), value)),
        Err(_) => Ok((
            prompt("New passphrase: ", ENV)?,
            prompt("Enter the passphrase again: ", ENV)?,
        )),
    }
}

/// The passphrase to replace the current one with, and its confirmation.
pub fn replacement_passphrase() -> Result<(String, String)> {
    match std::env::var(NEW_ENV) {
        Ok(value) => Ok((value.clone(), value)),
        Err(_) => Ok((
            prompt("New passphrase: ", NEW_ENV)?,
            prompt("Enter the new passphrase again: ", NEW_ENV)?,
        )),
    }
}

/// Asks at the terminal without echo; `env` is the variable a script can set instead.
fn prompt(label: &str, env: &str) -> Result<String> {
    rpassword::prompt_password(label).map_err(|e| {
        Error::Internal(format!(
            "could not read the passphrase from the terminal ({e}); set {env} instead"
        ))
    })
}
