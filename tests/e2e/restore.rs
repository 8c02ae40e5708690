//! End-to-end: backups and restoring in the real window. A backup is taken
//! from Settings, the case is then changed (and the change shows in the
//! case's history), the backup is restored from Settings' restore screen, and
//! the old state is back while the changed register is kept aside, whole.

use casereview_core::Register;

use crate::harness::{
    click, count, fill, text_of, wait_for, wait_for_heading, wait_for_text, Driver, Home,
    PASSPHRASE,
};

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_backup_is_restored_in_the_window_and_the_changed_register_kept_aside() {
    let home = Home::create();
    home.seed_register_with_one_case();

    let mut driver = Driver::start("restore", &home);
    let app = driver.launch().await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;

    // The backup, taken into the default folder beside the register.
    click(&app, "#nav-settings").await;
    wait_for_heading(&app, "Settings").await;
    click(&app, "#automatic-backup-now").await;
    wait_for(&app, "#automatic-backups-done").await;
    let last = text_of(&app, "#last-backup").await;
    assert!(
        last.contains(" at "),
        "the last backup's date and time: {last}"
    );
    driver.screenshot(&app, "backup-taken").await;

    // Then a change, which the case's history shows from what to what.
    click(&app, "#nav-cases").await;
    wait_for_heading(&app, "Cases").await;
    click(
        &app,
        "tr[data-case-code='Case AK'] a, tr[data-case-code='Case AK'] button",
    )
    .await;
    wait_for_heading(&app, "Case AK").await;
    click(&app, "#edit-case").await;
    wait_for_heading(&app, "Edit Case AK").await;
    fill(&app, "#referrer", "Children's Social Care").await;
    click(&app, "#save-case").await;
    wait_for_heading(&app, "Case AK").await;
    let history = wait_for_text(
        &app,
        "#record-history-table",
        "from Police to Children's Social Care",
    )
    .await;
    assert!(
        history.contains("Business officer"),
        "who changed it: {history}"
    );
    driver.screenshot(&app, "case-history").await;

    // The audit trail lists the change and says the chain verifies.
    click(&app, "#nav-audit").await;
    wait_for_heading(&app, "Audit trail").await;
    wait_for(&app, "#audit-chain-ok").await;
    wait_for_text(&app, "#audit-table", "Children's Social Care").await;
    driver.screenshot(&app, "audit-trail").await;

    // Restore the backup from Settings.
    click(&app, "#nav-settings").await;
    wait_for_heading(&app, "Settings").await;
    click(&app, "#open-restore").await;
    wait_for_heading(&app, "Restore from a backup").await;
    assert_eq!(count(&app, "#backup-0").await, 1, "the backup is offered");
    driver.screenshot(&app, "restore-screen").await;
    fill(&app, "#restore-passphrase", "not the passphrase at all").await;
    click(&app, "#restore-backup").await;
    wait_for_text(&app, "#restore-passphrase-error", "not correct").await;
    driver.screenshot(&app, "restore-wrong-passphrase").await;
    fill(&app, "#restore-passphrase", PASSPHRASE).await;
    click(&app, "#restore-backup").await;
    wait_for(&app, "#restore-done").await;
    let kept = text_of(&app, "#kept-aside").await;
    assert!(kept.contains("register-kept-aside-"), "{kept}");
    driver.screenshot(&app, "restore-done").await;
    click(&app, "#restore-continue").await;
    wait_for_heading(&app, "Dashboard").await;

    // The old state is back.
    click(&app, "#nav-cases").await;
    wait_for_heading(&app, "Cases").await;
    let row = text_of(&app, "tr[data-case-code='Case AK']").await;
    assert!(row.contains("Police"), "the backup's referrer: {row}");
    assert!(!row.contains("Children's Social Care"), "{row}");
    driver.screenshot(&app, "old-state-back").await;
    app.close().await.expect("close the app");

    // On disk: the register is the backup's state; the changed one is aside, whole.
    let folder = home.default_register().parent().expect("folder").to_owned();
    let aside: Vec<_> = std::fs::read_dir(&folder)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("register-kept-aside-"))
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = Register::open(&aside[0], PASSPHRASE).expect("the kept register opens");
    assert_eq!(
        kept.get_case_by_code("Case AK").expect("case").referrer,
        "Children's Social Care"
    );
    drop(kept);
    let restored = Register::open(&home.default_register(), PASSPHRASE).expect("open");
    assert_eq!(
        restored.get_case_by_code("Case AK").expect("case").referrer,
        "Police"
    );
    assert!(restored.check().expect("check").ok);
}
