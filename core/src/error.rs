//! The core's errors, and the `{code, message, fields}` body they become when
//! they cross to the web view or the CLI's `--json` output.
//!
//! The UI branches on the stable `code`, never on the message text; the message
//! is written for the person at the keyboard.

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("The passphrase is not correct for this register. Check it and try again.")]
    WrongPassphrase,
    #[error("{0} is not an encrypted case review register, or is one that was cut short. If it should be your register, restore it from a backup.")]
    NotARegister(String),
    #[error(
        "This register was written by a newer version of Case Review Manager (schema {found}, this version understands up to {supported}). Install the newer version to open it; the register has not been changed."
    )]
    RegisterTooNew { found: i64, supported: i64 },
    #[error(
        "A register already exists at {0}. Choose another location or unlock the existing one."
    )]
    RegisterExists(String),
    #[error("No register was found at {0}. Create one first.")]
    NoRegister(String),
    #[error("The register is locked. Unlock it with its passphrase first.")]
    Locked,
    #[error("{}", summarise(.0))]
    Validation(Vec<FieldError>),
    #[error("{0} was not found.")]
    NotFound(String),
    /// A journey step out of order; the message names the stage and the steps allowed.
    #[error("{0}")]
    InvalidTransition(String),
    /// A change to a closed quarter review, whose updates are a fixed record.
    #[error("{0} is closed: its updates are a fixed record and cannot be changed. Change the action itself, or record it in the current quarter.")]
    QuarterClosed(String),
    #[error("{0}")]
    NotEmpty(String),
    /// The hash-chained change log does not verify: an entry was altered or
    /// removed outside the app. The message names the first broken entry.
    #[error("{0}")]
    AuditBroken(String),
    /// SQLite's or SQLCipher's integrity check found damage; the message says what.
    #[error("{0}")]
    IntegrityFailed(String),
    /// The drive is full (SQLite's SQLITE_FULL): the change was rolled back.
    #[error(
        "There is not enough free space on the drive to save this change, so it was not saved. Everything saved before it is safe. Free some space on the drive (or move the register to one with more room) and try again."
    )]
    DiskFull,
    /// The register's file or folder cannot be written: a read-only drive or
    /// share, a write-protected stick. The message names the place.
    #[error(
        "{0} is in a place that cannot be written to (a read-only drive, share or folder, or a write-protected USB stick), so nothing was changed. Copy the register to a folder you can write to and open it there."
    )]
    ReadOnly(String),
    /// The register's file went away: a removed drive or a disconnected
    /// share, or the file was moved or deleted while open.
    #[error(
        "{0} cannot be found: the drive or share it is on may have been removed or disconnected, or the file was moved or deleted. Nothing more was saved. Reconnect the drive and open the register again; if the file is gone, restore it from a backup."
    )]
    RegisterMissing(String),
    /// SQLite or SQLCipher could not read part of the file: it was truncated
    /// or its bytes were changed. The message carries what SQLite said.
    #[error(
        "The register cannot be read because part of the file is damaged ({0}). It has not been changed. Keep the file aside and restore the register from your latest backup."
    )]
    RegisterDamaged(String),
    /// Another copy of the app (or the command line) has the register open;
    /// the message names the file.
    #[error(
        "{0} is open in another window of Case Review Manager or in the command line, on this or another computer. Close it there first, then try again. Nothing was changed."
    )]
    RegisterInUse(String),
    #[error("Could not read or write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("The register could not be read or written: {0}")]
    Database(#[source] rusqlite::Error),
    /// A file given to import that no spreadsheet reader can read, or whose
    /// cells spread too far to read into memory (`import/workbook.rs`).
    #[error("{0}")]
    NotASpreadsheet(String),
    /// An import stopped part-way; nothing of it was written. The message
    /// names the sheet and row and says why.
    #[error("{0}")]
    ImportFailed(String),
    /// A long import or export the user cancelled; the message says that
    /// nothing of it was written.
    #[error("{0}")]
    Cancelled(String),
    /// An export with more rows than Excel can show; the message gives the
    /// count, the limit and what to do instead.
    #[error("{0}")]
    TooManyRows(String),
    /// The OS keyring could not be reached or refused; the passphrase is
    /// then asked for as usual. The message says what the keyring said.
    #[error(
        "The passphrase cannot be remembered on this device: {0}. Enter it each time instead."
    )]
    KeyringUnavailable(String),
    /// A file given to import-all that is not a whole-register export, or is
    /// damaged or edited so it no longer holds together; nothing was written.
    #[error("{0}")]
    NotAnExport(String),
    /// A whole-register export from a newer version of the app (its format
    /// or its register's schema); nothing was written.
    #[error("{0}")]
    ExportTooNew(String),
    /// A whole-register export made without its sensitive fields, which
    /// cannot be imported as a whole register; nothing was written.
    #[error("{0}")]
    ExportIncomplete(String),
    /// A backup is being copied from the register in the background (the
    /// daily one), and this step would replace the file it is read from.
    #[error(
        "A backup of the register is being made right now. Wait a minute for it to finish, then try again. Nothing was changed."
    )]
    BackupRunning,
    #[error("Unexpected problem: {0}")]
    Internal(String),
}

/// The stable, machine-readable kind of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    WrongPassphrase,
    NotARegister,
    RegisterTooNew,
    RegisterExists,
    NoRegister,
    Locked,
    Validation,
    NotFound,
    InvalidTransition,
    QuarterClosed,
    NotEmpty,
    AuditBroken,
    IntegrityFailed,
    DiskFull,
    ReadOnly,
    RegisterMissing,
    RegisterDamaged,
    RegisterInUse,
    Io,
    Database,
    NotASpreadsheet,
    ImportFailed,
    Cancelled,
    TooManyRows,
    KeyringUnavailable,
    NotAnExport,
    ExportTooNew,
    ExportIncomplete,
    BackupRunning,
    Internal,
}

/// One problem with one input field, worded for the form that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    /// The input's name (`code`, `referred_on`, …), which is also the form field's id.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// What an error looks like on the wire: `{code, message, fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// Field-level problems; empty unless `code` is `validation`.
    pub fields: Vec<FieldError>,
}

impl Error {
    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::NotARegister(_) => ErrorCode::NotARegister,
            Error::RegisterTooNew { .. } => ErrorCode::RegisterTooNew,
            Error::RegisterExists(_) => ErrorCode::RegisterExists,
            Error::NoRegister(_) => ErrorCode::NoRegister,
            Error::Locked => ErrorCode::Locked,
            Error::Validation(_) => ErrorCode::Validation,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InvalidTransition(_) => ErrorCode::InvalidTransition,
            Error::QuarterClosed(_) => ErrorCode::QuarterClosed,
            Error::NotEmpty(_) => ErrorCode::NotEmpty,
            Error::AuditBroken(_) => ErrorCode::AuditBroken,
            Error::IntegrityFailed(_) => ErrorCode::IntegrityFailed,
            Error::DiskFull => ErrorCode::DiskFull,
            Error::ReadOnly(_) => ErrorCode::ReadOnly,
            Error::RegisterMissing(_) => ErrorCode::RegisterMissing,
            Error::RegisterDamaged(_) => ErrorCode::RegisterDamaged,
            Error::RegisterInUse(_) => ErrorCode::RegisterInUse,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) => ErrorCode::Database,
            Error::NotASpreadsheet(_) => ErrorCode::NotASpreadsheet,
            Error::ImportFailed(_) => ErrorCode::ImportFailed,
            Error::Cancelled(_) => ErrorCode::Cancelled,
            Error::TooManyRows(_) => ErrorCode::TooManyRows,
            Error::KeyringUnavailable(_) => ErrorCode::KeyringUnavailable,
            Error::NotAnExport(_) => ErrorCode::NotAnExport,
            Error::ExportTooNew(_) => ErrorCode::ExportTooNew,
            Error::ExportIncomplete(_) => ErrorCode::ExportIncomplete,
            Error::BackupRunning => ErrorCode::BackupRunning,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// A validation error about a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

impl From<Error> for ErrorBody {
    fn from(error: Error) -> Self {
        let fields = match &error {
            Error::Validation(fields) => fields.clone(),
            _ => Vec::new(),
        };
        ErrorBody {
            code: error.code(),
            message: error.to_string(),
            fields,
        }
    }
}

/// SQLite's result codes for the faults a person can do something about get
/// their own codes and advice; anything else stays `database`.
impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as Code;
        let Some(code) = error.sqlite_error_code() else {
            return Error::Database(error);
        };
        match code {
            Code::DiskFull => Error::DiskFull,
            Code::ReadOnly => Error::ReadOnly("The register".to_owned()),
            // SQLCipher reports a page whose HMAC does not verify (changed
            // bytes) as "out of memory"; SQLite reports a truncated file as
            // corrupt. A real allocation failure is all but impossible for
            // a process of this size, so both mean a damaged file.
            Code::DatabaseCorrupt | Code::NotADatabase | Code::OutOfMemory => {
                Error::RegisterDamaged(error.to_string())
            }
            _ => Error::Database(error),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::Internal(format!("could not encode a record as JSON: {error}"))
    }
}

fn summarise(fields: &[FieldError]) -> String {
    match fields {
        [] => "The input is not valid.".to_owned(),
        [one] => one.message.clone(),
        many => many
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_body_carries_every_field_and_a_joined_message() {
        let body = ErrorBody::from(Error::Validation(vec![
            FieldError::new("code", "Enter a case code"),
            FieldError::new("kind", "Select the kind of case"),
        ]));
        assert_eq!(body.code, ErrorCode::Validation);
        assert_eq!(body.fields.len(), 2, "the UI needs each field's message");
        assert_eq!(body.message, "Enter a case code; Select the kind of case");
    }

    #[test]
    fn codes_serialise_as_snake_case_for_the_ui() {
        let json = serde_json::to_string(&ErrorCode::WrongPassphrase).unwrap_or_default();
        assert_eq!(json, "\"wrong_passphrase\"");
    }
}
