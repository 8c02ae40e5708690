//! What the fuzz targets share: a register to plan imports against, a fixed
//! "today" (so a run is repeatable), and the errors each parser may give.

use std::cell::RefCell;

use casereview_core::{Error, ErrorCode, Register};
use chrono::NaiveDate;

thread_local! {
    // Planning an import only reads the register, so one serves every run.
    static REGISTER: RefCell<Option<Register>> = const { RefCell::new(None) };
}

/// The day every target plans and writes on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 4).unwrap_or_default()
}

/// Runs `f` on the shared in-memory register, made on first use.
pub fn with_register(f: impl FnOnce(&Register)) {
    REGISTER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            allow_caught_panics();
            *slot = Some(Register::in_memory("Fuzzer").expect("an in-memory register"));
        }
        if let Some(register) = slot.as_ref() {
            f(register);
        }
    });
}

/// libFuzzer's panic hook aborts on every panic, even one the core catches
/// (the importer turns a reader's panic on a damaged file into a clear
/// error). This hook only prints; a panic that escapes the target still
/// aborts, in libfuzzer-sys's own `catch_unwind` around each run.
pub fn allow_caught_panics() {
    std::panic::set_hook(Box::new(|info| eprintln!("{info}")));
}

/// Reading and planning a tracker may refuse the file, a field or a row,
/// and must say so with one of these codes; anything else (a database or
/// internal error) is a bug the fuzzer has found.
pub fn assert_import_error(error: &Error) {
    assert!(
        matches!(
            error.code(),
            ErrorCode::NotASpreadsheet | ErrorCode::Validation | ErrorCode::ImportFailed
        ),
        "unexpected error from the importer: {:?}: {error}",
        error.code()
    );
    assert!(
        !error.to_string().trim().is_empty(),
        "an error with no message"
    );
}
