//! The session's lock, drafts and "remember on this device", on real
//! encrypted registers in a temporary folder, with an in-memory key store
//! (the real keyring's failure is shown in `os_keyring.rs`).

use std::path::{Path, PathBuf};

use super::*;
use crate::remember::MemoryKeyStore;
use crate::ErrorCode;

const GOOD: &str = "amber kettle ferry lantern";
const NEXT: &str = "copper meadow violin harbour";
const SECRET_DRAFT: &str = "Half-typed note about Child Q and the school nurse";

fn register_in(dir: &Path) -> PathBuf {
    let path = dir.join("register.casereview");
    Register::create(&CreateRegisterInput {
        path: path.display().to_string(),
        user_name: "Subgroup chair".to_owned(),
        passphrase: GOOD.to_owned(),
        confirm: GOOD.to_owned(),
    })
    .expect("created");
    path
}

fn session(path: &Path, keys: &MemoryKeyStore) -> Session {
    Session::at(path.to_owned(), path.to_owned(), Box::new(keys.clone()))
}

/// A register in `dir`, unlocked with its passphrase remembered on this
/// device: the start of every test of what the keyring does after a change.
fn unlocked_remembering(dir: &Path) -> (Session, PathBuf, MemoryKeyStore) {
    let path = register_in(dir);
    let keys = MemoryKeyStore::new();
    let mut s = session(&path, &keys);
    s.unlock_remembering(GOOD, true).expect("unlocked");
    (s, path, keys)
}

fn drafts() -> Vec<Draft> {
    vec![Draft {
        key: "step-form:case-1".to_owned(),
        content: serde_json::json!({ "view": "case", "fields": { "note": [SECRET_DRAFT] } })
            .to_string(),
    }]
}

/// Every file in the register's folder (the register, and any WAL or
/// journal SQLite left), read whole.
fn every_file_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let path = e.expect("entry").path();
            let bytes = std::fs::read(&path).expect("read file");
            (path, bytes)
        })
        .collect()
}

#[test]
fn drafts_kept_at_a_lock_come_back_once_after_unlocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let mut s = session(&path, &MemoryKeyStore::new());
    s.unlock(GOOD).expect("unlocked");
    let status = s.lock_keeping(&drafts()).expect("locked");
    assert_eq!(status.state, RegisterState::Locked);
    assert_eq!(
        s.take_drafts().expect_err("locked").code(),
        ErrorCode::Locked
    );
    s.unlock(GOOD).expect("unlocked again");
    assert_eq!(s.take_drafts().expect("taken"), drafts());
    assert!(
        s.take_drafts().expect("taken again").is_empty(),
        "handed back once"
    );
}

#[test]
fn drafts_are_never_written_in_plain_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let mut s = session(&path, &MemoryKeyStore::new());
    s.unlock(GOOD).expect("unlocked");
    s.lock_keeping(&drafts()).expect("locked");
    let files = every_file_in(dir.path());
    assert!(!files.is_empty());
    for (file, bytes) in &files {
        let found = bytes
            .windows(SECRET_DRAFT.len())
            .any(|w| w == SECRET_DRAFT.as_bytes());
        assert!(!found, "{} holds the draft in plain text", file.display());
    }
    // ... and it is in there, encrypted: the passphrase gets it back.
    s.unlock(GOOD).expect("unlocked");
    assert_eq!(s.take_drafts().expect("taken"), drafts());
}

#[test]
fn bad_drafts_are_refused_before_locking_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let mut s = session(&path, &MemoryKeyStore::new());
    s.unlock(GOOD).expect("unlocked");
    s.lock_keeping(&drafts()).expect("first lock keeps drafts");
    s.unlock(GOOD).expect("unlocked");
    let bad = vec![Draft {
        key: "case-form:new".to_owned(),
        content: "{not json".to_owned(),
    }];
    let err = s.lock_keeping(&bad).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(s.status().expect("status").state, RegisterState::Unlocked);
    // The drafts of the first lock are still there to be handed back.
    assert_eq!(s.take_drafts().expect("taken"), drafts());
    assert_eq!(s.lock().expect("plain lock").state, RegisterState::Locked);
}

/// Locking closes the SQLCipher connection: the process no longer holds the
/// register's file (or its WAL) open.
#[cfg(target_os = "linux")]
#[test]
fn locking_closes_the_register_file() {
    fn open_handles_on(path: &Path) -> usize {
        let name = path.display().to_string();
        std::fs::read_dir("/proc/self/fd")
            .expect("fd list")
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter(|target| target.display().to_string().starts_with(&name))
            .count()
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let mut s = session(&path, &MemoryKeyStore::new());
    s.unlock(GOOD).expect("unlocked");
    assert!(open_handles_on(&path) > 0, "an unlocked register is open");
    s.lock().expect("locked");
    assert_eq!(open_handles_on(&path), 0, "the lock closed every handle");
    assert_eq!(
        s.register().err().map(|e| e.code()),
        Some(ErrorCode::Locked)
    );
}

#[test]
fn a_remembered_passphrase_unlocks_the_next_start_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let keys = MemoryKeyStore::new();
    let mut first = session(&path, &keys);
    assert_eq!(
        first
            .unlock_remembered()
            .expect("nothing kept")
            .status
            .state,
        RegisterState::Locked
    );
    let outcome = first.unlock_remembering(GOOD, true).expect("unlocked");
    assert!(outcome.status.remembered);
    assert_eq!(outcome.keyring_problem, None);
    assert_eq!(keys.peek(&path).as_deref(), Some(GOOD));
    // The app closes ...
    drop(first);

    // ... and its next start opens without asking ...
    let mut next = session(&path, &keys);
    let outcome = next.unlock_remembered().expect("start");
    assert_eq!(outcome.status.state, RegisterState::Unlocked);
    assert!(outcome.status.remembered);
    // ... but after a lock the passphrase must be typed again.
    next.lock().expect("locked");
    let outcome = next.unlock_remembered().expect("after lock");
    assert_eq!(outcome.status.state, RegisterState::Locked);
    assert!(
        outcome.status.remembered,
        "the box stays ticked on the unlock screen"
    );
}

#[test]
fn unticking_the_box_forgets_the_passphrase() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let keys = MemoryKeyStore::new();
    keys.set(&path, GOOD).expect("kept");
    let mut s = session(&path, &keys);
    s.unlock_remembered().expect("start");
    s.lock().expect("locked");
    let outcome = s.unlock_remembering(GOOD, false).expect("unlocked");
    assert!(!outcome.status.remembered);
    assert_eq!(keys.peek(&path), None);
    let mut next = session(&path, &keys);
    assert_eq!(
        next.unlock_remembered().expect("start").status.state,
        RegisterState::Locked
    );
}

#[test]
fn a_wrong_passphrase_is_never_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let keys = MemoryKeyStore::new();
    let mut s = session(&path, &keys);
    let err = s
        .unlock_remembering("wrong guess at it", true)
        .expect_err("refused");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    assert_eq!(keys.peek(&path), None);
    assert_eq!(s.status().expect("status").state, RegisterState::Locked);
}

#[test]
fn without_a_keyring_the_app_still_unlocks_and_says_why_it_cannot_remember() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let keys = MemoryKeyStore::unavailable();
    let mut s = session(&path, &keys);
    let start = s.unlock_remembered().expect("start still works");
    assert_eq!(
        start.status.state,
        RegisterState::Locked,
        "falls back to asking"
    );
    let said = start.keyring_problem.expect("a message");
    assert!(
        said.contains("cannot be remembered on this device"),
        "{said}"
    );

    let outcome = s.unlock_remembering(GOOD, true).expect("unlocked anyway");
    assert_eq!(outcome.status.state, RegisterState::Unlocked);
    assert!(!outcome.status.remembered);
    assert!(outcome.keyring_problem.is_some());
    // Unticked with no keyring and nothing known to be kept: no warning.
    s.lock().expect("locked");
    let quiet = s.unlock_remembering(GOOD, false).expect("unlocked");
    assert_eq!(quiet.keyring_problem, None);
}

#[test]
fn a_stale_remembered_passphrase_is_forgotten_and_the_app_asks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let keys = MemoryKeyStore::new();
    keys.set(&path, "an old passphrase from before")
        .expect("kept");
    let mut s = session(&path, &keys);
    let outcome = s.unlock_remembered().expect("start");
    assert_eq!(outcome.status.state, RegisterState::Locked);
    assert!(!outcome.status.remembered);
    assert!(outcome
        .keyring_problem
        .is_some_and(|m| m.contains("no longer opens")));
    assert_eq!(keys.peek(&path), None);
}

#[test]
fn changing_the_passphrase_updates_the_remembered_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, path, keys) = unlocked_remembering(dir.path());
    let changed = s.change_passphrase(GOOD, NEXT, NEXT).expect("changed");
    assert_eq!(changed.keyring_problem, None, "nothing to report");
    assert_eq!(keys.peek(&path).as_deref(), Some(NEXT));
    s.lock().expect("locked");
    let mut next = session(&path, &keys);
    assert_eq!(
        next.unlock_remembered().expect("start").status.state,
        RegisterState::Unlocked
    );
}

#[test]
fn a_refused_passphrase_change_leaves_the_remembered_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, path, keys) = unlocked_remembering(dir.path());
    let err = s
        .change_passphrase("not the current one", NEXT, NEXT)
        .expect_err("refused");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    assert_eq!(keys.peek(&path).as_deref(), Some(GOOD));
}

/// A keyring that will not keep the new passphrase: the change still
/// counts, the stale entry is forgotten, and the outcome tells the chair
/// (not only the log) what to do.
#[test]
fn a_passphrase_change_the_keyring_cannot_follow_says_so_and_forgets_the_old_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, path, keys) = unlocked_remembering(dir.path());
    keys.refuse_to_keep();
    let changed = s
        .change_passphrase(GOOD, NEXT, NEXT)
        .expect("changed anyway");
    let said = changed.keyring_problem.expect("the chair is told");
    assert!(said.contains("has forgotten"), "{said}");
    assert_eq!(keys.peek(&path), None, "the stale passphrase is gone");
    assert!(
        !s.status().expect("status").remembered,
        "the unlock screen shows the box unticked"
    );
    // The change itself counts: only the new passphrase opens the register.
    s.lock().expect("locked");
    let mut next = session(&path, &keys);
    let err = next.unlock(GOOD).expect_err("old one");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    next.unlock(NEXT).expect("new one opens it");
}

/// A keyring that stopped altogether cannot even forget: the outcome says
/// the next start will ask, and that start does, forgetting the stale entry.
#[test]
fn a_passphrase_change_with_the_keyring_gone_says_the_next_start_will_ask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, path, keys) = unlocked_remembering(dir.path());
    keys.set_unavailable(true);
    let changed = s
        .change_passphrase(GOOD, NEXT, NEXT)
        .expect("changed anyway");
    let said = changed.keyring_problem.expect("the chair is told");
    assert!(said.contains("will ask for the passphrase"), "{said}");
    s.lock().expect("locked");
    // The keyring is back at the next start, still holding the old
    // passphrase, which no longer opens the register: the start asks, as
    // the message said, and forgets it.
    next_start_asks_and_forgets(&path, &keys, GOOD);
}

/// A register remembered on a USB stick that is not plugged in: the app says
/// the register is missing (not "create one"), names the path it expected,
/// creates nothing there, and opens it again once the stick is back.
#[test]
fn a_register_on_a_removed_drive_is_missing_not_absent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (stick, path) = register_on_stick(dir.path());
    let default = dir.path().join("app-data").join("register.casereview");
    let keys = MemoryKeyStore::new();
    keys.clone()
        .set(&path, GOOD)
        .expect("passphrase remembered");
    let start =
        |keys: &MemoryKeyStore| Session::at(path.clone(), default.clone(), Box::new(keys.clone()));
    assert_eq!(
        start(&keys).status().expect("status").state,
        RegisterState::Locked
    );

    // The stick is pulled out.
    let away = dir.path().join("stick-elsewhere");
    std::fs::rename(&stick, &away).expect("stick removed");
    let mut s = start(&keys);
    let status = s.status().expect("status");
    assert_eq!(status.state, RegisterState::RegisterMissing);
    assert_eq!(status.register_path, path.display().to_string());
    let outcome = s.unlock_remembered().expect("no error at start");
    assert_eq!(outcome.status.state, RegisterState::RegisterMissing);
    assert_eq!(
        s.unlock(GOOD).expect_err("nothing to open").code(),
        ErrorCode::RegisterMissing
    );
    assert!(
        !path.exists() && !stick.exists(),
        "nothing was created at the missing path"
    );
    assert_eq!(
        keys.peek(&path).as_deref(),
        Some(GOOD),
        "the remembered passphrase is kept"
    );

    // Plugged back in: "Try again" finds it locked, and it opens.
    std::fs::rename(&away, &stick).expect("stick back");
    assert_eq!(s.status().expect("status").state, RegisterState::Locked);
    assert_eq!(
        s.unlock(GOOD).expect("unlocked").state,
        RegisterState::Unlocked
    );
}

/// A register in a "stick" folder under `dir`: the folder and the register.
fn register_on_stick(dir: &Path) -> (PathBuf, PathBuf) {
    let stick = dir.join("stick");
    std::fs::create_dir(&stick).expect("stick folder");
    let path = register_in(&stick);
    (stick, path)
}

/// A session opening the stick's register, whose default place (under
/// `dir`'s "app-data", nothing there yet) is where a restore goes when the
/// stick is gone: the stick folder, the register, the default place, the
/// key store and the session.
fn session_on_stick(dir: &Path) -> (PathBuf, PathBuf, PathBuf, MemoryKeyStore, Session) {
    let (stick, path) = register_on_stick(dir);
    let default = dir.join("app-data").join("register.casereview");
    let keys = MemoryKeyStore::new();
    let s = Session::at(path.clone(), default.clone(), Box::new(keys.clone()));
    (stick, path, default, keys, s)
}

/// Backs the stick's register up to the laptop, locks it, and takes the
/// stick (its folder) away; returns the backup.
fn back_up_then_lose_the_stick(s: &mut Session, dir: &Path, stick: &Path) -> PathBuf {
    let backup = dir.join("laptop.casereview-backup");
    s.unlock(GOOD).expect("unlocked");
    s.register()
        .expect("open")
        .backup_to(&backup)
        .expect("backup");
    s.lock().expect("locked");
    std::fs::rename(stick, dir.join("lost")).expect("stick gone");
    backup
}

/// A stick lost for good: restoring a backup kept elsewhere cannot go into
/// the stick's folder, so it goes to the default place and opens there.
#[test]
fn a_restore_while_the_drive_is_gone_goes_to_the_default_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (stick, path, default, keys, mut s) = session_on_stick(dir.path());
    let backup = back_up_then_lose_the_stick(&mut s, dir.path(), &stick);
    assert_eq!(
        s.status().expect("status").state,
        RegisterState::RegisterMissing
    );

    let outcome = s.restore_backup(&backup, GOOD).expect("restored");
    assert_eq!(outcome.restored.path, default.display().to_string());
    assert_eq!(outcome.kept_aside, None);
    let status = s.status().expect("status");
    assert_eq!(status.state, RegisterState::Unlocked);
    assert_eq!(status.register_path, default.display().to_string());
    assert!(!stick.exists(), "nothing was made where the stick was");

    // With the stick back, a second restore goes to its own place again.
    s.lock().expect("locked");
    let mut back = Session::at(path.clone(), default.clone(), Box::new(keys.clone()));
    std::fs::rename(dir.path().join("lost"), &stick).expect("stick back");
    let outcome = back.restore_backup(&backup, GOOD).expect("restored");
    assert_eq!(outcome.restored.path, path.display().to_string());
    assert!(
        outcome.kept_aside.is_some(),
        "the stick's register is kept aside"
    );
}

/// A remembered passphrase follows the register to the default place, and
/// the missing place's entry is forgotten, not left in the keyring.
#[test]
fn a_restore_to_the_default_place_moves_the_remembered_passphrase_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (stick, path, default, keys, mut s) = session_on_stick(dir.path());
    s.unlock_remembering(GOOD, true).expect("unlocked");
    assert_eq!(keys.peek(&path).as_deref(), Some(GOOD));
    s.lock().expect("locked");
    let backup = back_up_then_lose_the_stick(&mut s, dir.path(), &stick);

    let outcome = s.restore_backup(&backup, GOOD).expect("restored");
    assert_eq!(outcome.keyring_problem, None);
    assert_eq!(keys.peek(&default).as_deref(), Some(GOOD));
    assert_eq!(keys.peek(&path), None, "the missing place's entry is gone");
}

/// With something already at the default place, the restore does not go
/// there: it fails as it would, and both files stay as they were.
#[test]
fn a_restore_while_the_drive_is_gone_never_replaces_the_default_register() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (stick, path) = register_on_stick(dir.path());
    let app_data = dir.path().join("app-data");
    std::fs::create_dir(&app_data).expect("app data folder");
    let default = register_in(&app_data);
    let before = std::fs::read(&default).expect("default register");
    let keys = MemoryKeyStore::new();
    let mut s = Session::at(path.clone(), default.clone(), Box::new(keys.clone()));
    let backup = back_up_then_lose_the_stick(&mut s, dir.path(), &stick);

    assert!(s.restore_backup(&backup, GOOD).is_err());
    assert_eq!(std::fs::read(&default).expect("default register"), before);
    assert!(!stick.exists());
}

/// At the default place a missing register is a first start.
#[test]
fn no_register_at_the_default_place_is_a_first_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("register.casereview");
    let s = session(&path, &MemoryKeyStore::new());
    assert_eq!(s.status().expect("status").state, RegisterState::NoRegister);
}

#[test]
fn restoring_a_backup_with_another_passphrase_updates_the_remembered_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let backup = dir.path().join("before.casereview-backup");
    let keys = MemoryKeyStore::new();
    let mut s = session(&path, &keys);
    s.unlock_remembering(GOOD, true).expect("unlocked");
    s.register()
        .expect("open")
        .backup_to(&backup)
        .expect("backup");
    s.change_passphrase(GOOD, NEXT, NEXT).expect("changed");
    assert_eq!(keys.peek(&path).as_deref(), Some(NEXT));

    // The backup still has the passphrase it was taken with.
    let restored = s.restore_backup(&backup, GOOD).expect("restored");
    assert_eq!(restored.keyring_problem, None, "nothing to report");
    assert_eq!(keys.peek(&path).as_deref(), Some(GOOD));
    s.lock().expect("locked");
    let mut next = session(&path, &keys);
    let outcome = next.unlock_remembered().expect("start");
    assert_eq!(outcome.status.state, RegisterState::Unlocked);
    assert_eq!(outcome.keyring_problem, None);
}

#[test]
fn restoring_never_remembers_a_passphrase_that_was_not_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = register_in(dir.path());
    let backup = dir.path().join("before.casereview-backup");
    let keys = MemoryKeyStore::new();
    let mut s = session(&path, &keys);
    s.unlock(GOOD).expect("unlocked");
    s.register()
        .expect("open")
        .backup_to(&backup)
        .expect("backup");
    s.restore_backup(&backup, GOOD).expect("restored");
    assert_eq!(keys.peek(&path), None);
}

/// Takes a backup of a register whose passphrase is remembered, then
/// changes the passphrase, so restoring the backup must change the
/// remembered one back.
fn remembered_with_backup(dir: &Path, keys: &MemoryKeyStore) -> (Session, PathBuf, PathBuf) {
    let path = register_in(dir);
    let backup = dir.join("before.casereview-backup");
    let mut s = session(&path, keys);
    s.unlock_remembering(GOOD, true).expect("unlocked");
    s.register()
        .expect("open")
        .backup_to(&backup)
        .expect("backup");
    s.change_passphrase(GOOD, NEXT, NEXT).expect("changed");
    (s, path, backup)
}

/// A keyring that will not keep the restored register's passphrase: the
/// restore still counts, the stale entry is forgotten, and the outcome tells
/// the chair (not only the log) what to do.
#[test]
fn a_restore_the_keyring_cannot_follow_says_so_and_forgets_the_old_passphrase() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keys = MemoryKeyStore::new();
    let (mut s, path, backup) = remembered_with_backup(dir.path(), &keys);
    keys.refuse_to_keep();
    let outcome = s.restore_backup(&backup, GOOD).expect("restored anyway");
    let said = outcome.keyring_problem.expect("the chair is told");
    assert!(said.contains("has forgotten"), "{said}");
    assert_eq!(keys.peek(&path), None, "the stale passphrase is gone");
    let status = s.status().expect("status");
    assert_eq!(status.state, RegisterState::Unlocked);
    assert!(
        !status.remembered,
        "the unlock screen shows the box unticked"
    );
}

/// A keyring that stopped altogether cannot even forget: the outcome says
/// the next start will ask, and that start does, forgetting the stale entry.
#[test]
fn a_restore_with_the_keyring_gone_says_the_next_start_will_ask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keys = MemoryKeyStore::new();
    let (mut s, path, backup) = remembered_with_backup(dir.path(), &keys);
    keys.set_unavailable(true);
    let outcome = s.restore_backup(&backup, GOOD).expect("restored anyway");
    let said = outcome.keyring_problem.expect("the chair is told");
    assert!(said.contains("will ask for the passphrase"), "{said}");
    assert_eq!(
        s.status().expect("status").state,
        RegisterState::Unlocked,
        "the restore itself counts"
    );
    s.lock().expect("locked");
    // The keyring is back at the next start, still holding the passphrase
    // from before the restore, which no longer opens the register: the start
    // asks, as the message said, and forgets it.
    next_start_asks_and_forgets(&path, &keys, NEXT);
}

/// The keyring back after it was gone, still holding `stale`, which no longer
/// opens the register: the next start asks for the passphrase and forgets it.
fn next_start_asks_and_forgets(path: &Path, keys: &MemoryKeyStore, stale: &str) {
    keys.set_unavailable(false);
    assert_eq!(keys.peek(path).as_deref(), Some(stale), "the stale entry");
    let mut next = session(path, keys);
    let start = next.unlock_remembered().expect("start");
    assert_eq!(start.status.state, RegisterState::Locked);
    assert_eq!(keys.peek(path), None);
}
