//! Getting the register passphrase: from `CASEREVIEW_PASSPHRASE` for scripts,
//! else typed at the terminal without echo.

use casereview_core::{Error, Result};

const ENV: &str = "CASEREVIEW_PASSPHRASE";

/// The passphrase to unlock an existing register.
pub fn passphrase() -> Result<String> {
    match std::env::var(ENV) {
        Ok(value) => Ok(value),
        Err(_) => prompt("Passphrase: "),
    }
}

/// A new passphrase and its confirmation (the same value when from the environment).
pub fn new_passphrase() -> Result<(String, String)> {
    match std::env::var(ENV) {
        Ok(value) => Ok((value.clone(), value)),
        Err(_) => Ok((
            prompt("New passphrase: ")?,
            prompt("Enter the passphrase again: ")?,
        )),
    }
}

fn prompt(label: &str) -> Result<String> {
    rpassword::prompt_password(label).map_err(|e| {
        Error::Internal(format!(
            "could not read the passphrase from the terminal ({e}); set {ENV} instead"
        ))
    })
}
