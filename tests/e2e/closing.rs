//! End-to-end: the backup on closing. The app is unlocked and closed; a new
//! automatic backup is then in the backup folder, whole and opening with the
//! passphrase, whether the window's close flow or the shell's exit hook
//! (`src-tauri/src/closing.rs`) took it, and only one of them did.

use std::path::Path;
use std::time::{Duration, Instant};

use casereview_core::backup::automatic::{self, BackupFile};
use casereview_core::{backup, stamp};

use crate::harness::{click, fill, wait_for_heading, Driver, Home, PASSPHRASE};

/// The automatic backups of the register at `register`, newest first.
fn backups_of(register: &Path) -> Vec<BackupFile> {
    automatic::list(&automatic::default_folder(register), register).expect("backup folder")
}

/// The app's log lines, to tell which way the backup on closing went.
fn app_log(home: &Home) -> String {
    let dir = home.dir.path().join("state");
    let mut text = String::new();
    for entry in walk(&dir) {
        if let Ok(content) = std::fs::read_to_string(&entry) {
            text.push_str(&content);
        }
    }
    text
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn closing_the_app_leaves_a_new_backup_in_the_folder() {
    let home = Home::create();
    home.seed_register_with_one_case();
    let register = home.default_register();
    // A backup from the last minute of yesterday (UTC): the daily one is not
    // due at unlock, so a new backup is the one taken on closing, and the
    // rotation (the newest of each day) keeps both.
    let yesterday = stamp::now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        - chrono::Duration::minutes(1);
    {
        let open = casereview_core::Register::open(&register, PASSPHRASE).expect("open");
        open.automatic_backup(yesterday).expect("earlier backup");
    }
    let started = stamp::now() - chrono::Duration::seconds(1);
    let taken_since = || -> Vec<BackupFile> {
        backups_of(&register)
            .into_iter()
            .filter(|b| stamp::from_text(&b.taken_at).is_ok_and(|at| at >= started))
            .collect()
    };

    let driver = Driver::start("closing-backup", &home);
    let app = driver.launch().await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    assert_eq!(taken_since().len(), 0, "no daily backup was due");
    // The window is destroyed without its close request, so the web view's
    // own backup on closing never runs: the way a quit, `app.exit` or a hung
    // web view ends the app. (Ending the WebDriver session, or its "close
    // window", stops the app without running anything at all.)
    let _ = app
        .execute(
            "window.__TAURI_INTERNALS__.invoke('plugin:window|destroy', { label: 'main' }); return true;",
            vec![],
        )
        .await;

    let waiting = Instant::now();
    while taken_since().is_empty() && waiting.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // A moment more, in case a second (repeated) backup were on its way.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let new = taken_since();
    let _ = app.close().await;
    assert_eq!(
        new.len(),
        1,
        "exactly one backup on closing: {new:?}\napp log: {}",
        app_log(&home)
    );
    let summary = backup::verify(Path::new(&new[0].path), PASSPHRASE).expect("whole");
    assert_eq!(summary.cases, 1, "the case is in it");
    assert_eq!(backups_of(&register).len(), 2, "yesterday's is kept");
    let log = app_log(&home);
    assert!(
        log.contains("backup on closing taken as the app exits"),
        "the shell took it as the app exited: {log}"
    );
}
