//! Fuzzes restoring from a backup file, which may be anything a user picks:
//! the bytes are written to a file and restored with the passphrase the
//! seeds were made with. Restore must refuse what is not a good backup with
//! a clear error and leave no file at the destination, never panic.
//!
//! SQLCipher checks each page's HMAC before SQLite reads it, so a changed
//! byte fails that check: this target proves the refusals, not SQLite's page
//! reader. Each run derives a key (deliberately slow), so it runs few inputs.
#![no_main]

use std::cell::RefCell;

use casereview_core::{backup, ErrorCode};
use libfuzzer_sys::fuzz_target;
use tempfile::TempDir;

/// The passphrase of the seed backups (fuzz/corpus/backup_file).
const PASSPHRASE: &str = "correct horse battery staple";

thread_local! {
    static DIR: RefCell<Option<TempDir>> = const { RefCell::new(None) };
}

fuzz_target!(|data: &[u8]| {
    DIR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(TempDir::new().expect("a temporary folder"));
        }
        let Some(dir) = slot.as_ref() else { return };
        let source = dir.path().join("backup.casereview");
        let to = dir.path().join("restored.casereview");
        std::fs::write(&source, data).expect("write the backup");
        match backup::restore(&source, PASSPHRASE, &to) {
            Ok(summary) => {
                assert!(to.is_file(), "restore succeeded but wrote nothing");
                assert!(summary.bytes > 0);
            }
            Err(error) => {
                assert!(
                    !matches!(error.code(), ErrorCode::Internal),
                    "unexpected error restoring a backup: {error}"
                );
                assert!(
                    !to.exists(),
                    "a refused restore left a file behind: {error}"
                );
            }
        }
        for leftover in [to.clone(), dir.path().join("restored.casereview-wal")] {
            let _ = std::fs::remove_file(leftover);
        }
    });
});
