//! The chain check carried on from the last entry verified: the same answer
//! as a whole walk after more changes, breaks after the point found, what it
//! cannot see before the point, and the walk apart from the session holding
//! one snapshot while the register is written (paused by its progress
//! callback with barriers, no sleeps).

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Barrier;

use rusqlite::params;

use super::*;
use crate::audit_chain::AuditBreakKind;
use crate::backup::snapshot::tests::{add_case, register_file_in, PASS};
use crate::change_log::Action;
use crate::jobs::JobProgress;

/// Adds `count` change-log entries.
fn log(register: &mut Register, count: usize) {
    for n in 0..count {
        let after = serde_json::json!({ "n": n });
        register
            .write(|w| w.log("case", "c1", Action::Update, None, Some(&after)))
            .expect("logged");
    }
}

/// Changes the stored `after` of entry `seq`, as a program other than the app
/// could: its hash is left as it was.
fn alter(register: &Register, seq: i64) {
    let conn = register.conn();
    conn.execute_batch("DROP TRIGGER IF EXISTS change_log_no_update;")
        .expect("guard lifted");
    conn.execute(
        "UPDATE change_log SET after = '{\"n\":\"forged\"}' WHERE seq = ?1",
        params![seq],
    )
    .expect("altered");
}

/// What a whole walk of the register finds now.
fn whole_walk(register: &Register) -> ChainCheck {
    audit_chain::verify(register.conn()).expect("walked")
}

/// The status and what a whole walk says agree on everything shown.
fn assert_same_as_whole_walk(status: &AuditChainStatus, register: &Register) {
    let whole = whole_walk(register);
    assert_eq!(status.verified, whole.verified);
    assert_eq!(status.first_break, whole.first_break);
    assert_eq!(status.ok, whole.first_break.is_none());
}

#[test]
fn carrying_on_after_more_changes_answers_as_a_whole_walk() {
    let mut register = Register::in_memory("Chair").expect("register");
    log(&mut register, 5);
    let first = register.audit_chain_status().expect("first");
    assert!(first.ok && first.whole, "the first check reads it all");
    assert_eq!(first.verified, 5);
    log(&mut register, 7);
    let later = register.audit_chain_status().expect("later");
    assert!(!later.whole, "carried on from entry 5");
    assert_eq!(later.verified, 12);
    assert_same_as_whole_walk(&later, &register);
    assert_eq!(
        register.audit.point(),
        whole_walk(&register).last,
        "remembers the same last entry a whole walk ends on"
    );
    let unchanged = register.audit_chain_status().expect("nothing new");
    assert_eq!((unchanged.verified, unchanged.whole), (12, false));
}

#[test]
fn an_entry_altered_or_removed_after_the_remembered_point_is_found() {
    let mut register = Register::in_memory("Chair").expect("register");
    log(&mut register, 5);
    register.audit_chain_status().expect("remembers entry 5");
    log(&mut register, 5);
    alter(&register, 8);
    let status = register.audit_chain_status().expect("checked");
    let found = status.first_break.clone().expect("found");
    assert_eq!((found.seq, found.kind), (8, AuditBreakKind::Altered));
    assert_eq!(
        (status.verified, status.ok, status.whole),
        (7, false, false)
    );
    assert_same_as_whole_walk(&status, &register);
    // Found again next time: the point stays before the break.
    let again = register.audit_chain_status().expect("again");
    assert_eq!(again.first_break.map(|b| b.seq), Some(8));

    let mut cut = Register::in_memory("Chair").expect("register");
    log(&mut cut, 5);
    cut.audit_chain_status().expect("remembers entry 5");
    log(&mut cut, 3);
    cut.conn()
        .execute_batch("DROP TRIGGER change_log_no_delete; DELETE FROM change_log WHERE seq >= 7;")
        .expect("cut short");
    let status = cut.audit_chain_status().expect("checked");
    let found = status.first_break.clone().expect("found");
    assert_eq!((found.seq, found.kind), (7, AuditBreakKind::Removed));
    assert!(found.detail.contains("entries 7 to 8"), "{}", found.detail);
    assert_same_as_whole_walk(&status, &cut);
}

/// What carrying on cannot see: an entry before the remembered point changed
/// while the register is open (by a program other than the app). A whole
/// walk finds it: the first check after the next unlock (a new memory) and
/// `casereview check`.
#[test]
fn an_entry_altered_before_the_remembered_point_is_found_only_by_a_whole_walk() {
    let mut register = Register::in_memory("Chair").expect("register");
    log(&mut register, 10);
    register.audit_chain_status().expect("remembers entry 10");
    alter(&register, 3);
    let carried_on = register.audit_chain_status().expect("carried on");
    assert!(
        carried_on.ok && !carried_on.whole,
        "not seen from entry 10 on"
    );
    assert_eq!(carried_on.verified, 10);

    let found = whole_walk(&register)
        .first_break
        .expect("a whole walk finds it");
    assert_eq!((found.seq, found.kind), (3, AuditBreakKind::Altered));
    let report = register.check().expect("the CLI's check");
    assert_eq!(report.audit_break.map(|b| b.seq), Some(3));
    register.audit = AuditMemory::new();
    let reopened = register.audit_chain_status().expect("as after unlocking");
    assert!(reopened.whole);
    assert_eq!(reopened.first_break.map(|b| b.seq), Some(3));
    assert_eq!(reopened.verified, 2);
}

#[test]
fn the_remembered_entry_itself_altered_means_a_whole_walk() {
    let mut register = Register::in_memory("Chair").expect("register");
    log(&mut register, 6);
    register.audit_chain_status().expect("remembers entry 6");
    log(&mut register, 2);
    alter(&register, 6);
    let status = register.audit_chain_status().expect("checked");
    assert!(status.whole, "the point is not as it was: walked whole");
    assert_eq!(status.first_break.as_ref().map(|b| b.seq), Some(6));
    assert_same_as_whole_walk(&status, &register);
}

fn register_in(dir: &Path) -> Register {
    let mut register = register_file_in(dir);
    for n in 0..5 {
        add_case(&mut register, &format!("C-{n}"));
    }
    register
}

fn entries(register: &Register) -> i64 {
    register
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .expect("counted")
}

/// A walk's progress callback that, at its first step, waits at `paused`
/// for the test and then at `resume` until the test lets it go on.
pub(crate) fn pause_at_first_step<'a>(
    paused: &'a Barrier,
    resume: &'a Barrier,
) -> impl Fn(JobProgress) + 'a {
    let first = std::cell::Cell::new(true);
    move |_| {
        if first.replace(false) {
            paused.wait();
            resume.wait();
        }
    }
}

#[test]
fn the_walk_apart_holds_one_snapshot_while_the_register_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let mut register = register_in(dir.path());
    let before = entries(&register);
    let AuditChainStep::Apart(check) = register.audit_chain_step().expect("step") else {
        panic!("nothing verified yet: the first walk is apart");
    };
    let paused = Barrier::new(2);
    let resume = Barrier::new(2);
    let (checked, written) = std::thread::scope(|scope| {
        let walker = scope.spawn(|| {
            let never = AtomicBool::new(false);
            let report = pause_at_first_step(&paused, &resume);
            check.run_watched(&Watch::new(&never, &report))
        });
        paused.wait();
        // The walk holds its read transaction open right now; the register
        // writes straight through (held up, it would fail `database is
        // locked` after the busy timeout).
        add_case(&mut register, "C-late");
        let written = entries(&register);
        resume.wait();
        (walker.join().expect("the walk ended"), written)
    });
    assert!(written > before, "the case was logged during the walk");
    let status = register.remember_audit(checked.expect("walked"));
    assert!(status.ok && status.whole);
    assert_eq!(
        status.verified, before,
        "the register as it was when the walk began"
    );
    // The next check carries on, at once, from that snapshot's last entry.
    let AuditChainStep::Done(next) = register.audit_chain_step().expect("step") else {
        panic!("one new entry is checked in place");
    };
    assert_eq!((next.verified, next.whole), (written, false));
    assert_same_as_whole_walk(&next, &register);
}

#[test]
fn a_walk_finished_after_the_register_was_reopened_is_not_remembered() {
    let dir = tempfile::tempdir().expect("dir");
    let register = register_in(dir.path());
    let path = register.path().to_owned();
    let check = register.audit_check().expect("handed out");
    drop(register);
    let reopened = Register::open(&path, PASS).expect("unlocked again");
    let status = reopened.remember_audit(check.run().expect("walked"));
    assert!(status.ok);
    assert_eq!(reopened.audit.point(), None, "the new register walks whole");
    let status = reopened.audit_chain_status().expect("checked");
    assert!(status.whole);
}

#[test]
fn an_in_memory_register_cannot_be_walked_apart() {
    let register = Register::in_memory("Chair").expect("register");
    let err = register.audit_check().err().expect("no file");
    assert_eq!(err.code(), crate::ErrorCode::Internal);
}

#[test]
fn a_passphrase_change_replaces_the_file_and_forgets_the_point() {
    let dir = tempfile::tempdir().expect("dir");
    let mut register = register_in(dir.path());
    register.audit_chain_status().expect("checked");
    assert!(register.audit.point().is_some());
    let new = "copper meadow violin harbour";
    register.change_passphrase(PASS, new, new).expect("changed");
    assert_eq!(register.audit.point(), None);
    let status = register.audit_chain_status().expect("checked again");
    assert!(status.ok && status.whole);
}
