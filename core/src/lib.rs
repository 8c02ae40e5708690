//! The UI-free core of Case Review Manager: the domain (cases and their journey),
//! the encrypted register and its change log, dates and clocks, imports and
//! exports. The desktop shell and the `casereview` CLI are thin layers over it;
//! nothing else opens the database.

pub mod actions;
pub mod audit_chain;
pub mod audit_view;
pub mod auto_lock;
pub mod backup;
pub mod cases;
pub mod change_log;
pub mod clocks;
pub mod dashboard;
pub mod dates;
pub mod demo;
pub mod drafts;
pub mod error;
pub mod events;
pub mod exports;
mod file_identity;
pub mod import;
mod index_walk;
pub mod instance_lock;
pub mod jobs;
pub mod journey;
mod kept;
pub mod logging;
pub mod migrations;
mod natural;
#[cfg(feature = "os-keyring")]
mod os_keyring;
pub mod panels;
pub mod passphrase;
pub mod paths;
pub mod plan_views;
#[cfg(test)]
mod print_check;
pub mod quarter_reviews;
pub mod rapid_review;
pub mod recommendations;
pub mod register;
mod rekey;
pub mod remember;
pub mod reports;
pub mod reviews;
pub mod sensitive;
pub mod session;
pub mod similarity;
pub mod stamp;
mod store;
pub mod synthetic;
pub mod text;
pub mod themes;
pub mod transfer;
pub mod warm;

pub use cases::{Case, CaseInput, CaseKind, Stage};
pub use change_log::Change;
pub use dates::DateInput;
pub use error::{Error, ErrorBody, ErrorCode, FieldError, Result};
pub use register::{CreateRegisterInput, IntegrityReport, Register};
pub use session::{AppStatus, RegisterState, Session};
