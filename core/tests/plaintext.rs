//! No case text in clear on disk: after writes through the core, as the app
//! makes them, every file in the register's folder (the register, its
//! `-wal`, `-shm` and `-journal`, a lock file, any temporary file) and every
//! backup is searched for a known case text, and none holds it. SQLite's
//! temporary tables and sort files stay in memory (`temp_store`), so there
//! are none on disk to search.

mod common;

use std::path::{Path, PathBuf};

use casereview_core::{CaseInput, DateInput, Register};
use chrono::NaiveDate;

/// Case text no register page, journal or backup may hold in clear.
const MARKER: &str = "Quillfeather-7731 disclosed at the dentist";
/// A second text, written by an update, so the WAL holds a changed page.
const UPDATED: &str = "Larkspur-2209 moved to a new school";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The files under `dir` whose bytes contain `text` (as UTF-8 or UTF-16).
fn holding(dir: &Path, text: &str) -> Vec<PathBuf> {
    let utf8 = text.as_bytes().to_vec();
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut all = Vec::new();
    files(dir, &mut all);
    all.into_iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            [&utf8, &utf16]
                .iter()
                .any(|needle| bytes.windows(needle.len()).any(|w| w == needle.as_slice()))
        })
        .collect()
}

#[test]
fn the_search_finds_text_in_a_plain_file() {
    // The control: the search would see the text if it were there.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), format!("x {MARKER} y")).expect("write");
    assert_eq!(holding(dir.path(), MARKER).len(), 1);
}

#[test]
fn no_file_the_app_writes_holds_case_text_in_clear() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("register");
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&folder).expect("register folder");
    std::fs::create_dir_all(&backups).expect("backup folder");
    let path = common::create(&folder);

    let mut register = Register::open(&path, common::PASSPHRASE).expect("opens");
    let mut input = CaseInput {
        code: "CSPR-2025-31".into(),
        kind: "child".into(),
        referred_on: DateInput::from_iso("2025-06-04").expect("iso"),
        referrer: "Police".into(),
        summary: MARKER.into(),
    };
    let case = register.create_case(&input, today()).expect("case");
    input.summary = format!("{MARKER}; {UPDATED}");
    register
        .update_case(&case.id.to_string(), &input, today())
        .expect("update");
    register.add_theme(UPDATED).expect("theme");
    // The writes are there, through the app's own reading of them.
    let read = register.get_case(&case.id.to_string()).expect("read back");
    assert!(read.summary.contains(UPDATED));

    // While the register is open: main file, WAL, shared memory, lock.
    let mut names = Vec::new();
    files(&folder, &mut names);
    assert!(
        names.iter().any(|p| p.to_string_lossy().ends_with("-wal")),
        "the WAL is on disk while the register is open: {names:?}"
    );
    for text in [MARKER, UPDATED] {
        assert_eq!(
            holding(&folder, text),
            Vec::<PathBuf>::new(),
            "open: {text}"
        );
    }

    register
        .backup_to(&backups.join("register.backup"))
        .expect("backup");
    for text in [MARKER, UPDATED] {
        assert_eq!(
            holding(&backups, text),
            Vec::<PathBuf>::new(),
            "backup: {text}"
        );
        assert_eq!(
            holding(&folder, text),
            Vec::<PathBuf>::new(),
            "after backup: {text}"
        );
    }

    // Closed: the WAL is checkpointed into the main file, still encrypted.
    drop(register);
    for text in [MARKER, UPDATED] {
        assert_eq!(
            holding(dir.path(), text),
            Vec::<PathBuf>::new(),
            "closed: {text}"
        );
    }

    // And it opens again with the text intact.
    let register = Register::open(&path, common::PASSPHRASE).expect("reopens");
    let read = register.get_case(&case.id.to_string()).expect("read back");
    assert!(read.summary.contains(MARKER));
}

#[test]
fn sqlite_keeps_temporary_data_in_memory() {
    // This build of SQLCipher defaults temporary tables, indices and sort
    // files to memory (TEMP_STORE=2: unless a connection asks for files;
    // 3: always); the store also asks for memory on every connection.
    let conn = rusqlite::Connection::open_in_memory().expect("connection");
    let mut options = conn.prepare("PRAGMA compile_options").expect("pragma");
    let options: Vec<String> = options
        .query_map([], |r| r.get(0))
        .expect("options")
        .filter_map(Result::ok)
        .collect();
    assert!(
        options
            .iter()
            .any(|o| o == "TEMP_STORE=2" || o == "TEMP_STORE=3"),
        "compile options: {options:?}"
    );
}
