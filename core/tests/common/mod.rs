//! What the core's integration tests share: a register on disk, cases in it,
//! and every byte SQLite keeps for it.
#![allow(dead_code)] // each test binary uses its own part of this

use std::path::{Path, PathBuf};

use casereview_core::{CaseInput, CreateRegisterInput, DateInput, Register};
use chrono::NaiveDate;

pub const PASSPHRASE: &str = "amber kettle ferry lantern";
/// A case summary to look for in files that must not hold it in clear.
pub const SUMMARY: &str = "A distinctive summary phrase";

/// Creates a register in `dir` and returns its path.
pub fn create(dir: &Path) -> PathBuf {
    let path = dir.join("register.casereview");
    Register::create(&CreateRegisterInput {
        path: path.display().to_string(),
        user_name: "Subgroup chair".into(),
        passphrase: PASSPHRASE.into(),
        confirm: PASSPHRASE.into(),
    })
    .expect("register created");
    path
}

/// Adds a child case with `code` (and [`SUMMARY`]) to the register at `path`.
pub fn add_case(path: &Path, code: &str) {
    let mut register = Register::open(path, PASSPHRASE).expect("opens");
    let input = CaseInput {
        code: code.into(),
        kind: "child".into(),
        referred_on: DateInput::from_iso("2025-06-04").expect("iso"),
        referrer: "Police".into(),
        summary: SUMMARY.into(),
    };
    let today = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
    register.create_case(&input, today).expect("case added");
}

/// Every file SQLite keeps for the register, WAL included.
pub fn all_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("main file");
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        bytes.extend(std::fs::read(PathBuf::from(side)).unwrap_or_default());
    }
    bytes
}
