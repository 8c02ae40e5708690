//! End-to-end: changing the register's passphrase in the window. A weak new
//! one is refused with nothing changed; a good one takes effect at once, so
//! after locking only the new passphrase opens the register.

use casereview_core::{Error, Register};

use crate::harness::{
    click, fill, text_of, wait_for_heading, wait_for_text, Driver, Home, PASSPHRASE,
};

const NEXT: &str = "copper meadow violin harbour";

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn the_passphrase_is_changed_in_the_window_and_only_the_new_one_opens_it() {
    let home = Home::create();
    home.seed_register_with_one_case();

    let mut driver = Driver::start("passphrase", &home);
    let app = driver.launch().await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    click(&app, "#nav-settings").await;
    wait_for_heading(&app, "Settings").await;

    // A weak new passphrase: refused beside its field, the register unchanged.
    fill(&app, "#current_passphrase", PASSPHRASE).await;
    fill(&app, "#new_passphrase", "password1").await;
    fill(&app, "#confirm_passphrase", "password1").await;
    click(&app, "#change-passphrase-button").await;
    let refused = text_of(&app, "#new_passphrase-error").await;
    assert!(refused.contains("stronger passphrase"), "{refused}");
    driver.screenshot(&app, "weak-refused").await;

    fill(&app, "#current_passphrase", PASSPHRASE).await;
    fill(&app, "#new_passphrase", NEXT).await;
    fill(&app, "#confirm_passphrase", NEXT).await;
    click(&app, "#change-passphrase-button").await;
    wait_for_text(&app, "#passphrase-changed", "Passphrase changed").await;
    driver.screenshot(&app, "changed").await;

    click(&app, "#lock").await;
    wait_for_heading(&app, "Unlock your register").await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    let message = text_of(&app, "#unlock-passphrase-error").await;
    assert!(message.contains("passphrase is not correct"), "{message}");
    fill(&app, "#unlock-passphrase", NEXT).await;
    click(&app, "#unlock").await;
    // Unlocking goes back to the screen the register was locked on.
    wait_for_heading(&app, "Settings").await;
    app.close().await.expect("close the app");

    // On disk too: the old passphrase no longer opens the file, the new one
    // does, and the case is still there.
    assert!(matches!(
        Register::open(&home.default_register(), PASSPHRASE),
        Err(Error::WrongPassphrase)
    ));
    let register = Register::open(&home.default_register(), NEXT).expect("new passphrase");
    assert_eq!(register.list_cases().expect("cases").len(), 1);
}
