//! The daily backup copied on another thread from its own connection: paused
//! part-way by its progress callback (barriers, no sleeps), while the register
//! is written and read; then what it holds.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Barrier, Mutex};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::cases::CaseInput;
use crate::dates::DateInput;
use crate::jobs::JobProgress;
use crate::register::CreateRegisterInput;

/// The passphrase of the registers these tests create in a folder.
pub(crate) const PASS: &str = "amber kettle ferry lantern";

/// A new register file `register.casereview` in `dir`, made by "Chair"
/// with [`PASS`].
pub(crate) fn register_file_in(dir: &Path) -> Register {
    Register::create(&CreateRegisterInput {
        path: dir.join("register.casereview").display().to_string(),
        user_name: "Chair".into(),
        passphrase: PASS.into(),
        confirm: PASS.into(),
    })
    .expect("create")
}

/// A register of several megabytes, so its copy takes several steps
/// (`PAGES_PER_STEP` pages each) and can be paused between two of them.
pub(crate) fn large_register_in(dir: &Path) -> Register {
    let mut register = register_file_in(dir);
    add_filler(&register);
    add_case(&mut register, "C-1");
    register
}

/// About 4 MB of rows no screen shows, written straight into the file.
pub(crate) fn add_filler(register: &Register) {
    register
        .conn()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
             INSERT INTO meta (key, value) SELECT 'test-filler-' || i, hex(randomblob(2000)) FROM n",
        )
        .expect("filler");
}

pub(crate) fn add_case(register: &mut Register, code: &str) {
    register
        .create_case(
            &CaseInput {
                code: code.into(),
                kind: "child".into(),
                referred_on: DateInput::from_iso("2025-05-01").unwrap_or_default(),
                referrer: "Police".into(),
                summary: "Infant with unexplained injuries".into(),
            },
            NaiveDate::from_ymd_opt(2025, 6, 4).expect("date"),
        )
        .expect("case added");
}

fn june(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, day, hour, 5, 0)
        .single()
        .expect("time")
}

/// Runs `backup` on another thread, stopping it after its first step until
/// `meanwhile` (on this thread) is done. Returns the backup's outcome and how
/// far it had got when it stopped.
pub(crate) fn run_paused_while<T>(
    backup: SnapshotBackup,
    meanwhile: impl FnOnce() -> T,
) -> (Result<AutomaticBackup>, Option<JobProgress>, T) {
    let paused = Barrier::new(2);
    let resume = Barrier::new(2);
    let seen: Mutex<Option<JobProgress>> = Mutex::new(None);
    std::thread::scope(|scope| {
        let copier = scope.spawn(|| {
            let never = AtomicBool::new(false);
            let report = |progress: JobProgress| {
                // Only the first step is kept, and paused after.
                let first = seen
                    .lock()
                    .map(|mut s| {
                        let first = s.is_none();
                        if first {
                            *s = Some(progress);
                        }
                        first
                    })
                    .unwrap_or(false);
                if first {
                    paused.wait();
                    resume.wait();
                }
            };
            backup.run_watched(&Watch::new(&never, &report))
        });
        paused.wait();
        let value = meanwhile();
        resume.wait();
        let outcome = copier.join().expect("the backup thread ended");
        let first = seen.lock().ok().and_then(|mut s| s.take());
        (outcome, first, value)
    })
}

#[test]
fn the_register_is_written_and_read_while_the_daily_backup_is_part_way_and_it_holds_the_start() {
    let dir = tempfile::tempdir().expect("dir");
    let mut register = large_register_in(dir.path());
    let before = register.check().expect("checked");
    let backup = register
        .daily_backup_due(june(4, 9))
        .expect("decided")
        .expect("none yet, so due");

    let (outcome, first, cases_meanwhile) = run_paused_while(backup, || {
        // The backup holds its own read transaction open right now: a write
        // and reads through the register still go straight through (a write
        // held up would fail with `database is locked` after the busy
        // timeout, not pass).
        add_case(&mut register, "C-2");
        register
            .check()
            .expect("checked while copying")
            .ensure_ok("x")
            .expect("whole");
        register.list_cases().expect("listed").len()
    });

    let first = first.expect("the copy reported its progress");
    assert!(
        first.done > 0 && first.done < first.total,
        "paused part-way: {first:?}"
    );
    assert_eq!(
        cases_meanwhile, 2,
        "the write made during the copy is read back"
    );
    let done = outcome.expect("the backup finished");
    let path = Path::new(&done.summary.path);
    assert!(path.starts_with(dir.path().join("backups")));
    // It opens with the passphrase and passes integrity and the audit chain,
    // and holds the register as it was when the copy began: the case and
    // change-log entry added while it ran are not in it.
    let verified = crate::backup::verify(path, PASS).expect("opens and verifies");
    assert_eq!(verified.cases, 1);
    assert_eq!(verified.changes, before.changes);
    let after = register.check().expect("checked");
    assert_eq!(after.cases, 2, "nothing written during the copy was lost");
    assert_eq!(after.changes, before.changes + 1);
    // Only the backup itself is left in the folder: no `.partial`.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_daily_backup_that_cannot_be_written_leaves_no_backup_and_the_register_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let register = large_register_in(dir.path());
    let backup = register
        .daily_backup_due(june(4, 9))
        .expect("decided")
        .expect("due");
    // The folder goes between deciding and copying (a stick pulled out).
    std::fs::remove_dir_all(dir.path().join("backups")).expect("removed");
    let error = backup.run().expect_err("nowhere to write");
    assert_eq!(error.code(), crate::ErrorCode::Validation);
    assert!(!dir.path().join("backups").exists());
    register
        .check()
        .expect("checked")
        .ensure_ok("The register")
        .expect("untouched");
}

#[test]
fn a_daily_backup_is_not_due_again_within_the_day() {
    let dir = tempfile::tempdir().expect("dir");
    let register = large_register_in(dir.path());
    let backup = register.daily_backup_due(june(4, 9)).expect("decided");
    backup.expect("due").run().expect("taken");
    assert!(register
        .daily_backup_due(june(4, 20))
        .expect("decided")
        .is_none());
}
