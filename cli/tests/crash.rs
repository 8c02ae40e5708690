//! Crash safety under SIGKILL: `casereview` is killed at seeded random
//! moments while it writes, changes the passphrase, backs up and restores;
//! after each kill the register must open (the dead process's lock gone),
//! pass the integrity check and the audit-chain verification, and hold every
//! write acknowledged before the kill.
//!
//! `CASEREVIEW_CRASH_TRIALS` and `CASEREVIEW_CRASH_SEED` change the number of
//! trials and the seed (bench/crash.sh runs many more); a failure prints the
//! seed and trial so it can be replayed.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use casereview_core::{backup, ErrorCode, Register};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::util::{Sandbox, PASSPHRASE};

const NEXT: &str = "copper meadow violin harbour";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    setting("CASEREVIEW_CRASH_SEED", 20_251_125)
}

fn trials(default: u64) -> u64 {
    setting("CASEREVIEW_CRASH_TRIALS", default)
}

/// `casereview --db <register> ARGS…` as a plain process, so it can be
/// killed part-way, with the sandbox's folders, `passphrase`, and `new` for
/// a `rekey`.
fn spawn_with(sb: &Sandbox, passphrase: &str, new: &str, args: &[&str]) -> Child {
    let root = sb.dir.path();
    Command::new(env!("CARGO_BIN_EXE_casereview"))
        .env_clear()
        .env("HOME", root.join("home"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_STATE_HOME", root.join("state"))
        .env("CASEREVIEW_PASSPHRASE", passphrase)
        .env("CASEREVIEW_NEW_PASSPHRASE", new)
        .args(["--today", "2025-07-01", "--db"])
        .arg(sb.db())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("casereview starts")
}

fn spawn(sb: &Sandbox, passphrase: &str, args: &[&str]) -> Child {
    spawn_with(sb, passphrase, NEXT, args)
}

/// SIGKILL (std's `kill` on Unix): no destructor, no flush, no unlock.
fn kill(child: &mut Child) {
    // It may have finished on its own just before; that is a trial too.
    let _ = child.kill();
    let _ = child.wait();
}

/// The lines the child printed, read on a thread so the test can wait for
/// one while the child runs; each arrives on the channel as it is read.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("stdout piped");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

/// Opens the register as the app would after the crash and checks it whole.
fn open_and_check(path: &Path, passphrase: &str, context: &str) -> Register {
    let register = Register::open(path, passphrase)
        .unwrap_or_else(|e| panic!("{context}: the register must open after the kill: {e}"));
    let report = register
        .check()
        .unwrap_or_else(|e| panic!("{context}: check runs: {e}"));
    assert!(
        report.ok,
        "{context}: integrity and audit chain: {report:?}"
    );
    assert!(report.audit_break.is_none(), "{context}: {report:?}");
    register
}

fn codes(register: &Register) -> BTreeSet<String> {
    register
        .list_cases()
        .expect("cases")
        .into_iter()
        .map(|c| c.code)
        .collect()
}

#[test]
fn every_acknowledged_write_survives_sigkill_at_random_moments() {
    let sb = Sandbox::create();
    sb.init();
    let seed = seed();
    let trials = trials(100);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let started = Instant::now();
    let mut acknowledged: BTreeSet<String> = BTreeSet::new();
    let (mut during_open, mut unacknowledged_but_saved) = (0u64, 0u64);
    for trial in 0..trials {
        let context = format!("seed {seed}, trial {trial}");
        let prefix = format!("T{trial} ");
        let mut child = spawn(&sb, PASSPHRASE, &["stress-writes", "--prefix", &prefix]);
        let lines = lines_of(&mut child);
        // One kill in five lands anywhere from the start (mostly while the
        // key is derived and the register opened); the rest land among the
        // writes, after the register is open.
        let mut printed: Vec<String> = Vec::new();
        if rng.random_range(0..5) == 0 {
            std::thread::sleep(Duration::from_millis(rng.random_range(0..300)));
        } else {
            printed.extend(lines.recv_timeout(Duration::from_secs(20)));
            std::thread::sleep(Duration::from_millis(rng.random_range(0..150)));
        }
        kill(&mut child);
        printed.extend(lines.iter());
        if !printed.iter().any(|l| l == "open") {
            during_open += 1;
        }
        let this_trial: BTreeSet<String> = printed
            .iter()
            .filter_map(|l| l.strip_prefix("committed ").map(str::to_owned))
            .collect();
        acknowledged.extend(this_trial);

        let register = open_and_check(&sb.db(), PASSPHRASE, &context);
        let saved = codes(&register);
        let lost: Vec<&String> = acknowledged.difference(&saved).collect();
        assert!(
            lost.is_empty(),
            "{context}: acknowledged but lost: {lost:?}"
        );
        // At most the one write in flight at the kill is saved without
        // having been acknowledged; it counts as acknowledged from now on.
        let extra: Vec<String> = saved.difference(&acknowledged).cloned().collect();
        assert!(
            extra.len() <= 1 && extra.iter().all(|c| c.starts_with(&prefix)),
            "{context}: saved without acknowledgement: {extra:?}"
        );
        unacknowledged_but_saved += extra.len() as u64;
        acknowledged.extend(extra);
    }
    eprintln!(
        "crash: seed {seed}, {trials} SIGKILL trials ({during_open} before the register was open), \
         {} writes acknowledged and all present, {unacknowledged_but_saved} committed in the instant before the kill, \
         0 integrity or audit-chain failures, {:.1} s",
        acknowledged.len(),
        started.elapsed().as_secs_f64()
    );
}

/// Fills the sandbox's register with `n` cases through the CLI.
fn register_with_cases(n: u64) -> (Sandbox, BTreeSet<String>) {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&[
        "stress-writes",
        "--prefix",
        "Case ",
        "--count",
        &n.to_string(),
    ])
    .success();
    let codes = (0..n).map(|i| format!("Case {i}")).collect();
    (sb, codes)
}

/// How long `args` takes when left alone, to spread kills over all of it.
fn duration_of(sb: &Sandbox, passphrase: &str, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = spawn(sb, passphrase, args).wait().expect("runs");
    assert!(status.success(), "{args:?} succeeds when not killed");
    started.elapsed()
}

/// A random moment within (a little past) a run of `length`; half of them
/// in its last third, where the file is renamed into place.
fn moment(rng: &mut ChaCha8Rng, length: Duration) -> Duration {
    let ms = length.as_millis() as u64;
    let from = if rng.random_bool(0.5) { ms * 2 / 3 } else { 0 };
    Duration::from_millis(rng.random_range(from..=ms + ms / 10))
}

/// Names in `dir` other than the register's own files and `keep`.
fn strays(sb: &Sandbox, keep: &[&Path]) -> Vec<PathBuf> {
    let register = sb.db();
    std::fs::read_dir(sb.dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let own = name.as_deref().is_some_and(|n| {
                let base = register
                    .file_name()
                    .map(|b| b.to_string_lossy().into_owned());
                base.is_some_and(|b| n.starts_with(&b))
            });
            !own && !keep.iter().any(|k| k == p)
        })
        .collect()
}

#[test]
fn a_passphrase_change_killed_at_any_moment_leaves_exactly_one_passphrase_working() {
    let (sb, expected) = register_with_cases(150);
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7e4e);
    let (mut current, mut next) = (PASSPHRASE.to_owned(), NEXT.to_owned());
    let length = {
        let started = Instant::now();
        let status = spawn_with(&sb, &current, &next, &["rekey"])
            .wait()
            .expect("runs");
        assert!(status.success(), "rekey succeeds when not killed");
        started.elapsed()
    };
    std::mem::swap(&mut current, &mut next);
    let (mut old_kept, mut new_took) = (0, 0);
    for trial in 0..trials(12) {
        let context = format!("seed {seed}, rekey trial {trial}");
        let mut child = spawn_with(&sb, &current, &next, &["rekey"]);
        std::thread::sleep(moment(&mut rng, length));
        kill(&mut child);
        let with_old = Register::open(&sb.db(), &current).map(drop);
        let with_new = Register::open(&sb.db(), &next).map(drop);
        let winner = match (with_old, with_new) {
            (Ok(()), Err(e)) => {
                assert_eq!(e.code(), ErrorCode::WrongPassphrase, "{context}: {e}");
                old_kept += 1;
                current.clone()
            }
            (Err(e), Ok(())) => {
                assert_eq!(e.code(), ErrorCode::WrongPassphrase, "{context}: {e}");
                new_took += 1;
                next.clone()
            }
            (old, new) => {
                panic!("{context}: exactly one passphrase must open it: {old:?} / {new:?}")
            }
        };
        let register = open_and_check(&sb.db(), &winner, &context);
        assert_eq!(codes(&register), expected, "{context}: every case is there");
        drop(register);
        assert!(
            !Path::new(&format!("{}.rekey.partial", sb.db().display())).exists(),
            "{context}: the unfinished copy is gone after the next open"
        );
        assert_eq!(strays(&sb, &[]), Vec::<PathBuf>::new(), "{context}");
        if winner == next {
            std::mem::swap(&mut current, &mut next);
        }
    }
    eprintln!(
        "crash: {old_kept} rekeys killed before the switch, {new_took} after; every one opened with exactly one passphrase"
    );
}

#[test]
fn a_backup_or_restore_killed_at_any_moment_never_leaves_a_file_that_looks_good() {
    let (sb, expected) = register_with_cases(150);
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xbac0);
    let dir = sb.dir.path().to_owned();
    let good = dir.join("good.backup");
    let length = duration_of(
        &sb,
        PASSPHRASE,
        &["backup", "--out", &good.display().to_string()],
    );
    let good_bytes = std::fs::read(&good).expect("backup");
    let (mut backups, mut restores) = (0, 0);
    for trial in 0..trials(10) {
        let context = format!("seed {seed}, backup trial {trial}");
        let out = dir.join(format!("b{trial}.backup"));
        let mut child = spawn(
            &sb,
            PASSPHRASE,
            &["backup", "--out", &out.display().to_string()],
        );
        std::thread::sleep(moment(&mut rng, length));
        kill(&mut child);
        if out.exists() {
            backups += 1;
            let summary = backup::verify(&out, PASSPHRASE)
                .unwrap_or_else(|e| panic!("{context}: a backup under its name is whole: {e}"));
            assert_eq!(summary.cases as usize, expected.len(), "{context}");
        }
        // Whatever else the kill left is named as unfinished, never as a backup.
        for stray in strays(&sb, &[&good]) {
            if stray.extension().is_some_and(|e| e == "backup") {
                continue;
            }
            let name = stray
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            assert!(
                name.starts_with(".casereview-") && name.contains(".partial"),
                "{context}: {name}"
            );
            std::fs::remove_file(&stray).expect("clear");
        }
        drop(open_and_check(&sb.db(), PASSPHRASE, &context));
    }
    let restore_length = {
        let to = dir.join("timed.restored");
        duration_of(
            &sb,
            PASSPHRASE,
            &[
                "restore",
                &good.display().to_string(),
                "--to",
                &to.display().to_string(),
            ],
        )
    };
    for trial in 0..trials(10) {
        let context = format!("seed {seed}, restore trial {trial}");
        let to = dir.join(format!("r{trial}.restored"));
        let mut child = spawn(
            &sb,
            PASSPHRASE,
            &[
                "restore",
                &good.display().to_string(),
                "--to",
                &to.display().to_string(),
            ],
        );
        std::thread::sleep(moment(&mut rng, restore_length));
        kill(&mut child);
        assert_eq!(
            std::fs::read(&good).expect("backup"),
            good_bytes,
            "{context}: the backup is only read"
        );
        if to.exists() {
            restores += 1;
            let restored = open_and_check(&to, PASSPHRASE, &context);
            assert_eq!(codes(&restored), expected, "{context}");
        }
        for stray in strays(&sb, &[&good]) {
            let name = stray
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".restored")
                || name.ends_with(".backup")
                || name.contains(".restored-")
                || name.contains(".restored.lock")
            {
                continue;
            }
            assert!(
                name.starts_with(".casereview-") && name.contains(".partial"),
                "{context}: {name}"
            );
            std::fs::remove_file(&stray).expect("clear");
        }
    }
    drop(open_and_check(&sb.db(), PASSPHRASE, "after the backups"));
    eprintln!("crash: {backups} killed backups and {restores} killed restores got their name; each verified whole, the rest left only .partial files");
}

/// The error body a refused command printed with `--json`.
fn refusal(sb: &Sandbox, args: &[&str]) -> serde_json::Value {
    let mut full = vec!["--json"];
    full.extend_from_slice(args);
    let out = sb.run(&full).code(1).get_output().stderr.clone();
    serde_json::from_slice(&out).expect("error body is JSON")
}

#[test]
fn a_second_process_is_told_the_register_is_in_use_and_a_killed_holder_blocks_nothing() {
    let (sb, expected) = register_with_cases(3);
    // The app (here: this process) has the register open.
    let held = Register::open(&sb.db(), PASSPHRASE).expect("first instance");
    let before = std::fs::read(sb.db()).expect("file");
    let body = refusal(&sb, &["cases"]);
    assert_eq!(body["code"], "register_in_use", "{body}");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("Close it there first")),
        "{body}"
    );
    sb.run(&[
        "case",
        "new",
        "--code",
        "Case X",
        "--kind",
        "child",
        "--referred",
        "2025-06-04",
    ])
    .code(1)
    .stderr(predicates::str::contains("is open in another window"));
    assert_eq!(
        std::fs::read(sb.db()).expect("file"),
        before,
        "nothing was written"
    );
    drop(held);

    // Another command line holds it, writing, and is then killed outright.
    let mut writer = spawn(&sb, PASSPHRASE, &["stress-writes", "--prefix", "W "]);
    let lines = lines_of(&mut writer);
    assert_eq!(
        lines.recv_timeout(Duration::from_secs(30)).ok().as_deref(),
        Some("open")
    );
    assert_eq!(refusal(&sb, &["cases"])["code"], "register_in_use");
    kill(&mut writer);
    let acknowledged: BTreeSet<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("committed ").map(str::to_owned))
        .collect();
    // The OS let go of the dead process's lock: the next open just works.
    sb.run(&["check"]).success();
    let register = open_and_check(&sb.db(), PASSPHRASE, "after the holder was killed");
    let saved = codes(&register);
    assert!(expected.is_subset(&saved) && acknowledged.is_subset(&saved));
}
