//! Auto-lock in the real window: text typed into a form but not saved
//! survives a lock by the shortcut (kept encrypted inside the register,
//! never in plain text on disk) and is back in the same form after
//! unlocking; and "remember on this device" with no keyring service running
//! unlocks anyway and says why it could not remember.

use casereview_core::Register;
use fantoccini::key::Key;
use fantoccini::Client;

use crate::harness::{
    attr_of, click, fill, wait_for, wait_for_heading, wait_for_text, Driver, Home, PASSPHRASE,
};

const UNSAVED: &str = "Unsaved note: panel minute about the school nurse visit";

async fn value_of(client: &Client, css: &str) -> String {
    wait_for(client, css)
        .await
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default()
}

/// Every file the app wrote under the test's home, as bytes.
fn files_under(dir: &std::path::Path, found: &mut Vec<(std::path::PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, found);
        } else if let Ok(bytes) = std::fs::read(&path) {
            found.push((path, bytes));
        }
    }
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn typed_text_survives_a_lock_by_the_shortcut_and_comes_back_after_unlocking() {
    let home = Home::create();
    home.seed_register_with_one_case();
    let mut driver = Driver::start("autolock", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    assert_eq!(
        attr_of(&app, "#lock", "aria-keyshortcuts").await.as_deref(),
        Some("Control+L"),
        "the shortcut is announced"
    );

    click(&app, "#nav-cases").await;
    wait_for_heading(&app, "Cases").await;
    click(
        &app,
        "tr[data-case-code='Case AK'] a, tr[data-case-code='Case AK'] button",
    )
    .await;
    wait_for_heading(&app, "Case AK").await;
    click(&app, "#step-screen").await;
    click(&app, "#outcome-rapid-review").await;
    fill(&app, "#note", UNSAVED).await;
    driver.screenshot(&app, "typed-not-saved").await;

    // Ctrl+L pressed in the note field itself.
    let note = wait_for(&app, "#note").await;
    note.send_keys(&format!(
        "{}l{}",
        char::from(Key::Control),
        char::from(Key::Null)
    ))
    .await
    .expect("press Ctrl+L");
    wait_for_heading(&app, "Unlock your register").await;
    wait_for_text(&app, "#drafts-kept", "kept, encrypted inside the register").await;
    driver.screenshot(&app, "locked-by-shortcut").await;

    // Locked: the draft is on disk only inside the encrypted register.
    let mut files = Vec::new();
    files_under(home.dir.path(), &mut files);
    for (path, bytes) in &files {
        assert!(
            !bytes
                .windows(UNSAVED.len())
                .any(|w| w == UNSAVED.as_bytes()),
            "{} holds the unsaved text in plain text",
            path.display()
        );
    }

    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    // Back on the same screen, with the same form filled in as it was.
    wait_for_heading(&app, "Case AK").await;
    let started = std::time::Instant::now();
    while value_of(&app, "#note").await != UNSAVED {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the note never came back: {:?}",
            value_of(&app, "#note").await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let chosen = wait_for(&app, "#step-screen")
        .await
        .prop("checked")
        .await
        .expect("checked");
    assert_eq!(chosen.as_deref(), Some("true"), "the chosen step is back");
    let outcome = wait_for(&app, "#outcome-rapid-review")
        .await
        .prop("checked")
        .await
        .expect("checked");
    assert_eq!(
        outcome.as_deref(),
        Some("true"),
        "the chosen outcome is back"
    );
    driver.screenshot(&app, "draft-restored").await;
    app.close().await.expect("close the app");

    // Handed back once: the register holds no drafts any more.
    let mut register = Register::open(&home.default_register(), PASSPHRASE).expect("open");
    assert!(register.take_drafts().expect("drafts").is_empty());
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn remember_on_this_device_without_a_keyring_still_unlocks_and_says_why() {
    let home = Home::create();
    home.seed_register_with_one_case();
    let mut driver = Driver::start("remember", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    // The app's tests run with no keyring service (no session bus), as on
    // many machines; the start-up attempt says so, and the app asks.
    let said = wait_for_text(&app, "#keyring-problem", "cannot be remembered").await;
    assert!(said.contains("Enter it each time"), "{said}");
    let remember = wait_for(&app, "#remember").await;
    assert_eq!(
        remember.prop("checked").await.expect("prop").as_deref(),
        Some("false"),
        "off by default"
    );
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#remember").await;
    driver.screenshot(&app, "remember-ticked").await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    wait_for_text(
        &app,
        "#keyring-problem",
        "cannot be remembered on this device",
    )
    .await;
    driver.screenshot(&app, "remember-unavailable").await;
    app.close().await.expect("close the app");

    // The next start asks again: nothing was remembered anywhere.
    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    app.close().await.expect("close the app");
}
