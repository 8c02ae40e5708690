//! End-to-end: changing the register's passphrase in the window. A weak new
//! one is refused with nothing changed; a good one takes effect at once, so
//! after locking only the new passphrase opens the register. And a register
//! on a USB stick that is out when the app starts: the app says it cannot be
//! found (creating nothing there) and opens it once the stick is back.

use casereview_core::{Error, Register};

use crate::harness::{
    click, fill, text_of, wait_for, wait_for_heading, wait_for_text, Driver, Home, PASSPHRASE,
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

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_register_on_a_removed_stick_is_missing_until_it_is_back() {
    let home = Home::create();
    let stick = home.dir.path().join("media/STICK");
    std::fs::create_dir_all(&stick).expect("stick folder");
    let register = stick.join("register.casereview");

    // First start: the register is created on the stick, then the app closes.
    let mut driver = Driver::start("register-missing", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Create your case review register").await;
    fill(&app, "#user_name", "CSPR subgroup chair").await;
    fill(&app, "#passphrase", PASSPHRASE).await;
    wait_for_text(&app, "#passphrase-strength", "is strong enough").await;
    fill(&app, "#confirm", PASSPHRASE).await;
    fill(&app, "#path", &register.display().to_string()).await;
    click(&app, "#create-register").await;
    wait_for_heading(&app, "Dashboard").await;
    app.close().await.expect("close the app");
    // The closing app lets go of the register (its backup, its lock file).
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert!(register.exists(), "created on the stick");

    // The stick is pulled out; the app starts.
    let away = home.dir.path().join("media/STICK-elsewhere");
    std::fs::rename(&stick, &away).expect("stick removed");
    let app = driver.launch().await;
    wait_for_heading(&app, "Your register cannot be found").await;
    let said = text_of(&app, "#missing-path").await;
    assert!(
        said.contains(&register.display().to_string()) && said.contains("is the drive plugged in?"),
        "{said}"
    );
    wait_for(&app, "#missing-restore").await;
    wait_for(&app, "#missing-create").await;
    driver.screenshot(&app, "register-missing").await;
    // Trying again with the stick still out changes nothing and creates nothing.
    click(&app, "#missing-retry").await;
    wait_for_heading(&app, "Your register cannot be found").await;
    assert!(!stick.exists(), "nothing was created at the missing path");

    // Plugged back in: "Try again" finds it, and the passphrase opens it.
    std::fs::rename(&away, &stick).expect("stick back");
    click(&app, "#missing-retry").await;
    wait_for_heading(&app, "Unlock your register").await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    driver.screenshot(&app, "register-back").await;
    app.close().await.expect("close the app");
}
