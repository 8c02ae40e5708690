//! The session while its daily backup is copied on another thread (issue 7):
//! locking and unlocking go on; a passphrase change or a restore stops the
//! backup, which is taken again later, and goes ahead; one that cannot stop
//! it in time is refused with `backup_running` and changes nothing, and once
//! the backup has ended it works again. The copy is paused part-way by its
//! progress callback.

use std::path::{Path, PathBuf};

use super::*;
use crate::backup::snapshot::tests::{add_case, large_register_in, run_paused_while};
use crate::remember::MemoryKeyStore;
use crate::ErrorCode;

const GOOD: &str = "amber kettle ferry lantern";
const NEXT: &str = "copper meadow violin harbour";

/// An unlocked session on a register of several megabytes with one case,
/// and a backup of it taken by hand (to restore from).
fn unlocked(dir: &Path) -> (Session, PathBuf, PathBuf) {
    let register = large_register_in(dir);
    let path = register.path().to_owned();
    let earlier = dir.join("earlier.casereview-backup");
    register.backup_to(&earlier).expect("backed up by hand");
    drop(register);
    let mut s = Session::at(path.clone(), path.clone(), Box::new(MemoryKeyStore::new()));
    // The copies paused by `run_paused_while` do not watch the stop flag, so
    // they stand for a backup that cannot stop: no test waits long for one.
    s.backup_stop_wait = std::time::Duration::from_millis(20);
    s.unlock(GOOD).expect("unlocked");
    (s, path, earlier)
}

fn code<T>(result: Result<T>) -> Option<ErrorCode> {
    result.err().map(|e| e.code())
}

/// Runs `backup` on another thread until it is part-way, then `action` on
/// this one; the copy goes on only once asked to stop, so `action` meets it
/// running every time. The backup's outcome and `action`'s.
fn stopped_by<T>(
    backup: SnapshotBackup,
    action: impl FnOnce() -> T,
) -> (Result<crate::backup::automatic::AutomaticBackup>, T) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Barrier;

    let stop = backup.stop_signal().expect("tracked by the session");
    let started = Barrier::new(2);
    let first = AtomicBool::new(true);
    std::thread::scope(|scope| {
        let copier = scope.spawn(|| {
            backup.run_reporting(&|_| {
                if first.swap(false, Ordering::AcqRel) {
                    started.wait();
                    while !stop.flag().load(Ordering::Acquire) {
                        std::thread::yield_now();
                    }
                }
            })
        });
        started.wait();
        let done = action();
        (copier.join().expect("the backup thread ended"), done)
    })
}

/// The files in the register's backup folder.
fn backups_of(path: &Path) -> Vec<String> {
    std::fs::read_dir(crate::backup::automatic::default_folder(path))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_passphrase_change_stops_the_daily_backup_and_goes_ahead_and_the_backup_is_due_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, path, _) = unlocked(dir.path());
    let backup = s.daily_backup().expect("decided").expect("due");
    let (outcome, changed) = stopped_by(backup, || s.change_passphrase(GOOD, NEXT, NEXT));
    changed.expect("changed: the backup gave way");
    assert_eq!(code(outcome), Some(ErrorCode::Cancelled));
    // The stopped backup left nothing behind, not even its working copy.
    assert!(backups_of(&path).is_empty(), "{:?}", backups_of(&path));
    // The passphrase changed; and the day's backup is still due, and taken.
    s.lock().expect("locked");
    assert_eq!(code(s.unlock(GOOD)), Some(ErrorCode::WrongPassphrase));
    s.unlock(NEXT).expect("the new passphrase opens it");
    let again = s.daily_backup().expect("decided").expect("due again");
    let done = again.run().expect("taken");
    crate::backup::verify(Path::new(&done.summary.path), NEXT).expect("opens");
}

#[test]
fn back_up_now_during_the_daily_backup_stops_it_and_leaves_one_backup_that_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, path, _) = unlocked(dir.path());
    let backup = s.daily_backup().expect("decided").expect("due");
    // "Back up now" (and the backup on closing) in the same second as the
    // daily one: before, both took the same name and one failed.
    let (outcome, taken) = stopped_by(backup, || s.closing_backup());
    let taken = taken
        .expect("taken")
        .expect("not skipped: none was taken before");
    assert_eq!(code(outcome), Some(ErrorCode::Cancelled));
    assert_eq!(backups_of(&path).len(), 1, "{:?}", backups_of(&path));
    crate::backup::verify(Path::new(&taken.summary.path), GOOD).expect("opens");
}

#[test]
fn a_passphrase_change_or_restore_during_a_daily_backup_that_cannot_stop_is_refused_and_nothing_is_lost(
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, path, earlier) = unlocked(dir.path());
    let backup = s.daily_backup().expect("decided").expect("due");

    let (outcome, _, ()) = run_paused_while(backup, || {
        assert!(
            s.daily_backup().expect("decided").is_none(),
            "one daily backup at a time"
        );
        assert_eq!(
            code(s.change_passphrase(GOOD, NEXT, NEXT)),
            Some(ErrorCode::BackupRunning)
        );
        assert_eq!(
            code(s.restore_backup(&earlier, GOOD)),
            Some(ErrorCode::BackupRunning)
        );
        // Still unlocked, and still taking changes.
        add_case(s.register().expect("unlocked"), "C-2");
        // Locking closes only the register's connection; unlocking again
        // opens it beside the backup's.
        s.lock().expect("locked");
        s.unlock(GOOD).expect("unlocked again");
    });

    let done = outcome.expect("the backup finished");
    crate::backup::verify(Path::new(&done.summary.path), GOOD).expect("opens");
    let register = s.register().expect("unlocked");
    assert_eq!(register.list_cases().expect("cases").len(), 2);
    // Nothing was replaced: no register kept aside, no re-encrypted copy.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("kept-aside") || n.contains("rekey")),
        "{names:?}"
    );
    s.lock().expect("locked");
    assert_eq!(code(s.unlock(NEXT)), Some(ErrorCode::WrongPassphrase));

    // Once it has ended, both work again.
    s.unlock(GOOD).expect("unlocked");
    s.change_passphrase(GOOD, NEXT, NEXT).expect("changed now");
    s.restore_backup(&earlier, GOOD).expect("restored now");
    assert_eq!(
        path,
        PathBuf::from(s.status().expect("status").register_path)
    );
}

#[test]
fn a_daily_backup_locked_out_before_its_copy_began_still_finishes_and_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, _, _) = unlocked(dir.path());
    let backup = s.daily_backup().expect("decided").expect("due");
    // The register's connection closes (its WAL folded in and removed)
    // before the backup opens its own.
    s.lock().expect("locked");
    let done = backup.run().expect("copied from the locked register");
    let summary = crate::backup::verify(Path::new(&done.summary.path), GOOD).expect("opens");
    assert_eq!(summary.cases, 1);
    s.unlock(GOOD).expect("unlocks as before");
    assert!(
        s.daily_backup().expect("decided").is_none(),
        "taken today: not due"
    );
}

#[test]
fn a_daily_backup_that_failed_lets_the_passphrase_be_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, _, _) = unlocked(dir.path());
    let backup = s.daily_backup().expect("decided").expect("due");
    std::fs::remove_dir_all(dir.path().join("backups")).expect("folder gone");
    assert!(backup.run().is_err());
    s.change_passphrase(GOOD, NEXT, NEXT)
        .expect("no backup running any more");
}

#[test]
fn a_locked_session_has_no_daily_backup_to_take() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut s, _, _) = unlocked(dir.path());
    s.lock().expect("locked");
    assert_eq!(code(s.daily_backup()), Some(ErrorCode::Locked));
}
