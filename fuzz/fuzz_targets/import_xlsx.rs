//! Fuzzes the tracker importer's workbook path: any bytes, named as an Excel
//! file, read by calamine and planned as an import. Seeds are the messy test
//! trackers, so mutations start from real zip files. The import must return a
//! report or a clear error (`not_a_spreadsheet`, `validation`,
//! `import_failed`), never panic or fail some other way.
#![no_main]

use casereview_core::import::ImportOptions;
use casereview_fuzz::{assert_import_error, today, with_register};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    with_register(|register| {
        let result =
            register.plan_import_bytes("tracker.xlsx", data, &ImportOptions::default(), today());
        if let Err(error) = result {
            assert_import_error(&error);
        }
    });
});
