//! End-to-end: the quarterly review of actions in panel mode, walked with the
//! keyboard alone in the real window, signed off, and then shown to be fixed;
//! on the way, the dashboard's reminder of actions not yet updated opens the
//! tracker filtered the same way.

use casereview_core::actions::Rag;
use casereview_core::clocks::Quarter;
use casereview_core::quarter_reviews::QuarterUpdateInput;
use casereview_core::{dates, demo, ErrorBody, ErrorCode, Register};
use fantoccini::key::Key;
use fantoccini::Client;

use crate::harness::{
    attr_of, count, fill, text_of, wait_for, wait_for_heading, wait_for_text, Driver, Home,
    PASSPHRASE,
};

/// A demo register (its current quarter open, three signed off) at `home`'s
/// default location, made through the core.
fn seed_demo(home: &Home) {
    let mut register = home.seed_register();
    demo::load(&mut register, dates::today()).expect("demo data");
}

/// Types `keys` into whatever has focus, as a person at the keyboard does.
async fn press(client: &Client, keys: &str) {
    client
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(keys)
        .await
        .expect("keys");
}

/// Activates the control `css` with the Enter key rather than the mouse.
async fn enter_on(client: &Client, css: &str) {
    wait_for(client, css)
        .await
        .send_keys(&Key::Enter)
        .await
        .expect("enter");
}

/// The id of the focused element.
async fn focused_id(client: &Client) -> String {
    client
        .active_element()
        .await
        .expect("a focused element")
        .attr("id")
        .await
        .expect("id")
        .unwrap_or_default()
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_quarter_is_reviewed_in_panel_mode_by_keyboard_signed_off_and_then_fixed() {
    let home = Home::create();
    seed_demo(&home);
    let quarter = Quarter::containing(dates::today(), 4);
    let mut driver = Driver::start("quarter", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    enter_on(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;

    // The reminder's "Show all" opens the tracker with its filter, listing
    // as many actions as the reminder counts.
    let waiting = attr_of(&app, "#reminders-no-update", "data-total")
        .await
        .and_then(|t| t.parse::<u32>().ok())
        .expect("a count");
    assert!(waiting > 0, "the demo quarter has actions not yet updated");
    enter_on(&app, "#reminders-no-update-all").await;
    wait_for_heading(&app, "Actions").await;
    wait_for_text(&app, "#tracker-count", &format!("Showing {waiting} of")).await;
    let checked = wait_for(&app, "#filter-no-update")
        .await
        .prop("checked")
        .await
        .expect("checked");
    assert_eq!(
        checked.as_deref(),
        Some("true"),
        "the tracker says which filter is set"
    );
    assert_eq!(
        count(&app, "#action-tracker tr[data-action-ref]").await as u32,
        waiting
    );
    driver.screenshot(&app, "tracker-from-reminder").await;

    enter_on(&app, "#nav-quarters").await;
    wait_for(&app, "#quarter").await;
    let choice = wait_for(&app, "#quarter").await;
    choice
        .select_by_value(&quarter.code())
        .await
        .expect("choose this quarter");
    enter_on(&app, "#open-quarter").await;
    wait_for_heading(&app, &quarter.label()).await;
    let actions = count(&app, "#quarter-updates tbody tr").await;
    assert!(actions >= 2, "the demo quarter lists its open actions");

    enter_on(&app, "#start-panel-mode").await;
    let first = wait_for_text(&app, "h1", &format!("(1 of {actions})")).await;
    assert_eq!(
        focused_id(&app).await,
        "progress-note",
        "the note has focus"
    );
    press(&app, "Delivered to 120 practitioners; audit booked").await;
    press(&app, &Key::Escape).await;
    press(&app, "a").await;
    wait_for_text(&app, "#panel-notice", "Amber").await;
    wait_for_text(&app, "#save-state", "Saved").await;
    driver.screenshot(&app, "panel-mode-first").await;

    press(&app, "n").await;
    wait_for_text(&app, "h1", &format!("(2 of {actions})")).await;
    assert_eq!(focused_id(&app).await, "progress-note");
    press(&app, "Protocol drafted, not yet agreed by schools").await;
    press(&app, &Key::Escape).await;
    press(&app, "g").await;
    wait_for_text(&app, "#panel-notice", "Green").await;
    wait_for_text(&app, "#save-state", "Saved").await;

    press(&app, "p").await;
    wait_for_text(&app, "h1", &first).await;
    let kept = wait_for(&app, "#progress-note")
        .await
        .prop("value")
        .await
        .expect("note value");
    assert_eq!(
        kept.as_deref(),
        Some("Delivered to 120 practitioners; audit booked"),
        "the note typed before moving on was kept"
    );
    driver.screenshot(&app, "panel-mode-back").await;

    enter_on(&app, "#finish-panel-mode").await;
    wait_for_heading(&app, &quarter.label()).await;
    fill(&app, "#closed_by", "Subgroup chair").await;
    enter_on(&app, "#close-quarter").await;
    wait_for_text(&app, "#quarter-signed-off", "Signed off by Subgroup chair").await;
    assert_eq!(
        count(&app, "#start-panel-mode").await + count(&app, "#close-quarter").await,
        0,
        "a signed-off quarter offers no way to change it"
    );
    let row = text_of(&app, "#quarter-updates tbody tr").await;
    assert!(
        row.contains("Amber"),
        "the RAG set by key is recorded: {row}"
    );
    driver.screenshot(&app, "quarter-signed-off").await;
    app.close().await.expect("close the app");

    // The record on disk: the notes and RAGs of the meeting, and a closed
    // quarter that refuses any change with `quarter_closed`.
    let mut register =
        Register::open(&home.default_register(), PASSPHRASE).expect("reopen register");
    let review = register.quarter_review(&quarter.code()).expect("review");
    assert_eq!(review.closed_by.as_deref(), Some("Subgroup chair"));
    let noted: Vec<_> = review
        .updates
        .iter()
        .filter(|u| !u.progress_note.is_empty())
        .map(|u| u.progress_note.as_str())
        .collect();
    assert!(noted.contains(&"Delivered to 120 practitioners; audit booked"));
    assert!(noted.contains(&"Protocol drafted, not yet agreed by schools"));
    let rags: Vec<_> = review.updates.iter().take(2).map(|u| u.rag).collect();
    assert_eq!(
        rags,
        [Some(Rag::Amber), Some(Rag::Green)],
        "RAGs set by key"
    );
    let reference = review.updates[0].reference.clone();
    let refused = register
        .update_quarter(
            &quarter.code(),
            &reference,
            &QuarterUpdateInput {
                status: "in-progress".into(),
                rag: "red".into(),
                progress_note: "Rewritten after the meeting".into(),
                ..QuarterUpdateInput::default()
            },
            dates::today(),
        )
        .expect_err("a closed quarter cannot change");
    assert_eq!(ErrorBody::from(refused).code, ErrorCode::QuarterClosed);
    let after = register.quarter_review(&quarter.code()).expect("review");
    assert_eq!(after, review, "nothing changed");
}
