//! Walks through the app's session: the first one whole and apart, the next
//! carrying on in place, and a check asked during a walk waiting for it
//! rather than walking the whole log a second time beside it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Barrier;
use std::time::{Duration, Instant};

use super::*;
use crate::audit_view::chain_status::tests::pause_at_first_step;
use crate::backup::snapshot::tests::{add_case, register_file_in, PASS};
use crate::remember::MemoryKeyStore;

/// An unlocked session on a register file holding a few cases' entries.
fn unlocked_session(dir: &std::path::Path) -> Mutex<Session> {
    let mut register = register_file_in(dir);
    for n in 0..5 {
        add_case(&mut register, &format!("C-{n}"));
    }
    let path = register.path().to_owned();
    drop(register);
    let mut session = Session::at(path.clone(), path, Box::new(MemoryKeyStore::new()));
    session.unlock(PASS).expect("unlocked");
    Mutex::new(session)
}

#[test]
fn the_first_walk_is_whole_and_the_next_carries_on_from_it() {
    let dir = tempfile::tempdir().expect("dir");
    let session = unlocked_session(dir.path());
    let walks = ChainWalks::default();
    let first = walks.check(&session).expect("walked");
    assert!(first.ok && first.whole);

    add_case(
        session.lock().expect("session").register().expect("open"),
        "C-new",
    );
    let next = walks.check(&session).expect("carried on");
    assert!(next.ok);
    assert!(!next.whole, "only the entries since the first walk");
    assert!(next.verified > first.verified);
}

#[test]
fn a_check_asked_during_a_walk_waits_for_it_and_carries_on_from_it() {
    let dir = tempfile::tempdir().expect("dir");
    let session = unlocked_session(dir.path());
    let walks = ChainWalks::default();
    let paused = Barrier::new(2);
    let resume = Barrier::new(2);
    let asking = Barrier::new(2);
    let (background, screen) = std::thread::scope(|scope| {
        let background = scope.spawn(|| {
            let never = AtomicBool::new(false);
            let report = pause_at_first_step(&paused, &resume);
            walks.check_watched(&session, &Watch::new(&never, &report))
        });
        // The background walk is under way, holding neither the session
        // (the screen's step could be taken) nor finished.
        paused.wait();
        let screen = scope.spawn(|| {
            asking.wait();
            walks.check(&session)
        });
        asking.wait();
        // Time for the screen's check to reach the walk under way: without
        // the one-at-a-time rule it would find nothing verified and start
        // a whole walk of its own now.
        std::thread::sleep(Duration::from_millis(200));
        resume.wait();
        (
            background.join().expect("background walk ended"),
            screen.join().expect("screen's check ended"),
        )
    });
    let background = background.expect("walked");
    let screen = screen.expect("checked");
    assert!(background.ok && background.whole);
    assert!(screen.ok);
    assert!(!screen.whole, "the screen's check carried on from the walk");
    assert_eq!(screen.verified, background.verified);
}

#[test]
fn a_locked_register_is_refused_and_the_next_walk_still_runs() {
    let dir = tempfile::tempdir().expect("dir");
    let session = unlocked_session(dir.path());
    let walks = ChainWalks::default();
    session.lock().expect("session").lock().expect("locked");
    let err = walks.check(&session).expect_err("locked");
    assert_eq!(err.code(), crate::ErrorCode::Locked);
    session
        .lock()
        .expect("session")
        .unlock(PASS)
        .expect("unlocked");
    assert!(walks.check(&session).expect("walked").whole);
}

#[test]
fn the_background_walk_starts_once_the_app_is_quiet() {
    let dir = tempfile::tempdir().expect("dir");
    let session = unlocked_session(dir.path());
    let walks = ChainWalks::default();
    let asked = std::cell::Cell::new(0);
    // Busy the first three times it is asked, quiet after.
    let busy = || {
        asked.set(asked.get() + 1);
        asked.get() <= 3
    };
    let status = walks.check_giving_way(&session, &busy).expect("walked");
    assert!(status.ok && status.whole);
    assert!(
        asked.get() > 3,
        "asked again until quiet, then while walking"
    );
}

#[test]
fn a_screen_waiting_for_the_answer_stops_the_background_walk_giving_way() {
    let dir = tempfile::tempdir().expect("dir");
    let session = unlocked_session(dir.path());
    let walks = ChainWalks::default();
    let paused = Barrier::new(2);
    let calls = AtomicUsize::new(0);
    let started = Instant::now();
    // Quiet when the walk starts, busy from then on (for ten seconds, so a
    // walk that never stops giving way fails below rather than hanging).
    let busy = || {
        let call = calls.fetch_add(1, Ordering::SeqCst);
        if call == 1 {
            paused.wait();
        }
        call > 0 && started.elapsed() < Duration::from_secs(10)
    };
    let (background, screen, waited) = std::thread::scope(|scope| {
        let background = scope.spawn(|| walks.check_giving_way(&session, &busy));
        // The background walk is under way and giving way.
        paused.wait();
        let asked = Instant::now();
        let screen = walks.check(&session);
        let waited = asked.elapsed();
        (
            background.join().expect("background walk ended"),
            screen,
            waited,
        )
    });
    let (background, screen) = (background.expect("walked"), screen.expect("checked"));
    assert!(
        waited < Duration::from_secs(5),
        "the screen waited {waited:?}: the walk kept giving way"
    );
    assert!(background.ok && background.whole);
    assert!(
        screen.ok && !screen.whole,
        "carried on from the background walk"
    );
    assert_eq!(background.verified, screen.verified);
}

#[test]
fn a_screen_check_stops_counting_as_waiting_once_answered_or_refused() {
    let walks = ChainWalks::default();
    let session = Mutex::new(Session::at(
        "/nowhere/register.casereview".into(),
        "/nowhere/register.casereview".into(),
        Box::new(MemoryKeyStore::new()),
    ));
    walks.check(&session).expect_err("no register is open");
    assert_eq!(walks.asked.load(Ordering::SeqCst), 0);
    walks
        .check(&unlocked_session(tempfile::tempdir().expect("dir").path()))
        .expect("walked");
    assert_eq!(walks.asked.load(Ordering::SeqCst), 0);
}
