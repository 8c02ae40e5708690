//! Fuzzes the tracker importer's CSV path: any bytes, named as a CSV file,
//! decoded (UTF-8 or Windows-1252), split into cells and planned as an
//! import. Seeds are the CSV test trackers. A report or a clear error, never
//! a panic.
#![no_main]

use casereview_core::import::ImportOptions;
use casereview_fuzz::{assert_import_error, today, with_register};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    with_register(|register| {
        let result =
            register.plan_import_bytes("tracker.csv", data, &ImportOptions::default(), today());
        if let Err(error) = result {
            assert_import_error(&error);
        }
    });
});
