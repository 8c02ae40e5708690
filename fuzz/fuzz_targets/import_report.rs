//! Fuzzes writing an import: the preview goes to the web view and comes back
//! with the user's confirmation, so the report is untrusted JSON. Any report
//! must be written whole or refused with a clear error, and a refused one
//! must leave the register exactly as it was (its change log unchanged).
//! Seeds are the previews of the test trackers.
#![no_main]

use casereview_core::import::ImportReport;
use casereview_core::{ErrorCode, Register};
use casereview_fuzz::today;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(report) = serde_json::from_slice::<ImportReport>(data) else {
        return;
    };
    // A fresh register each run: a written import would change the next.
    let mut register = Register::in_memory("Fuzzer").expect("an in-memory register");
    let before = register.changes(None).expect("the change log").len();
    match register.apply_import(&report, today()) {
        Ok(written) => assert!(written.written),
        Err(error) => {
            assert!(
                !matches!(error.code(), ErrorCode::Internal | ErrorCode::Database),
                "unexpected error writing an import: {:?}: {error}",
                error.code()
            );
            let after = register.changes(None).expect("the change log").len();
            assert_eq!(
                before, after,
                "a refused import left changes behind: {error}"
            );
        }
    }
});
