//! Issue 7 measured: how long a dashboard read (the reminders) waits for the
//! session while the daily backup of a register runs beside it.
//!
//! The session sits behind one `Mutex`, as in the app's shell. A thread takes
//! the daily backup the way the shell does: `before` holds the session for the
//! whole copy (the code before issue 7, `automatic_backup` under the lock);
//! `after` holds it only for `Session::daily_backup` and copies outside it.
//! One second into the copy the main thread asks for the session and the
//! reminders, and says how long that took, next to the same read with no
//! backup running and the backup's own time.
//!
//! Usage (on a COPY of a register; its `backups` folder is emptied first and
//! after each run): `CASEREVIEW_PASSPHRASE=... cargo run --release -p
//! casereview-core --example backup_wait -- <register> <before|after> [runs]`

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use casereview_core::backup::automatic::default_folder;
use casereview_core::remember::NoKeyStore;
use casereview_core::{Result, Session};

/// How far into the copy the read is asked for.
const INTO_THE_COPY: Duration = Duration::from_secs(1);
/// Reminder actions the dashboard shows per group.
const SHOWN: u32 = 5;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(mode)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: backup_wait <register copy> <before|after> [runs]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let passphrase = std::env::var("CASEREVIEW_PASSPHRASE").unwrap_or_default();
    let path = PathBuf::from(path);
    let today = chrono::Utc::now().date_naive();
    let folder = default_folder(&path);
    for run in 1..=runs {
        empty(&folder);
        let mut session = Session::at(path.clone(), path.clone(), Box::new(NoKeyStore));
        session.unlock(&passphrase)?;
        let quiet = Instant::now();
        session.register()?.reminders_shown(today, SHOWN)?;
        let quiet = quiet.elapsed();
        let session = Mutex::new(session);
        let (started, backup_started) = mpsc::channel();
        let (waited, backup_time) = std::thread::scope(|scope| {
            let copier = scope.spawn(|| backup(&session, mode, &started));
            let _ = backup_started.recv();
            std::thread::sleep(INTO_THE_COPY);
            let asked = Instant::now();
            let read = session
                .lock()
                .map_err(|_| casereview_core::Error::Internal("poisoned".into()))
                .and_then(|mut s| s.register()?.reminders_shown(today, SHOWN));
            let waited = asked.elapsed();
            read.map(|_| ()).expect("the reminders");
            let took = copier.join().expect("joined").expect("backed up");
            (waited, took)
        });
        println!(
            "{mode} run {run}: reminders alone {:.3} s; during the backup {:.3} s; backup {:.1} s",
            quiet.as_secs_f64(),
            waited.as_secs_f64(),
            backup_time.as_secs_f64()
        );
    }
    empty(&folder);
    Ok(())
}

/// Takes the daily backup as the shell did (`before`) or does (`after`);
/// says on `started` once the copy is under way.
fn backup(session: &Mutex<Session>, mode: &str, started: &mpsc::Sender<()>) -> Result<Duration> {
    let poisoned = || casereview_core::Error::Internal("poisoned".into());
    let begun = Instant::now();
    if mode == "before" {
        let mut held = session.lock().map_err(|_| poisoned())?;
        let _ = started.send(());
        held.register()?
            .automatic_backup(casereview_core::stamp::now())?;
    } else {
        let job = session.lock().map_err(|_| poisoned())?.daily_backup()?;
        let _ = started.send(());
        job.expect("due: the folder is empty").run()?;
    }
    Ok(begun.elapsed())
}

/// Removes every file in the backup folder (the runs' backups).
fn empty(folder: &Path) {
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
