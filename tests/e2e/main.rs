//! End-to-end tests: the built app in a real window (WebKitGTK under Xvfb),
//! driven through tauri-driver and WebKitWebDriver. Run by scripts/test.sh;
//! marked `ignore` so a plain `cargo test` without a display reports them as
//! not run rather than failing or passing.

mod autolock;
mod closing;
mod harness;
mod hostile;
mod import;
mod quarters;
mod restore;
mod transfer;
mod vault;

use casereview_core::Register;
use chrono::{Datelike, NaiveDate};
use fantoccini::Client;
use harness::{
    click, count, fill, text_of, wait_for, wait_for_heading, wait_for_text, Driver, Home,
    PASSPHRASE,
};

/// The first-start screen: create a register at the default location.
async fn create_register(client: &Client) {
    wait_for_heading(client, "Create your case review register").await;
    fill(client, "#user_name", "CSPR subgroup chair").await;
    fill(client, "#passphrase", PASSPHRASE).await;
    // The strength hint updates a moment after typing and moves the form
    // down; wait for it, as a person would, so the click lands on the button.
    wait_for_text(client, "#passphrase-strength", "is strong enough").await;
    fill(client, "#confirm", PASSPHRASE).await;
    click(client, "#create-register").await;
    wait_for_heading(client, "Dashboard").await;
}

/// From any unlocked screen to the case list.
async fn open_cases(client: &Client) {
    click(client, "#nav-cases").await;
    wait_for_heading(client, "Cases").await;
}

struct Referral<'a> {
    code: &'a str,
    kind: &'a str,
    day: &'a str,
    month: &'a str,
    year: &'a str,
    referrer: &'a str,
}

async fn fill_case_form(client: &Client, r: &Referral<'_>) {
    fill(client, "#code", r.code).await;
    if !r.kind.is_empty() {
        click(client, &format!("#kind-{}", r.kind)).await;
    }
    fill(client, "#referred_on-day", r.day).await;
    fill(client, "#referred_on-month", r.month).await;
    fill(client, "#referred_on-year", r.year).await;
    fill(client, "#referrer", r.referrer).await;
    fill(
        client,
        "#summary",
        "Fictional: infant with unexplained bruising",
    )
    .await;
    click(client, "#save-case").await;
}

const AK: Referral<'static> = Referral {
    code: "Case AK",
    kind: "child",
    day: "4",
    month: "6",
    year: "2025",
    referrer: "Police",
};

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn create_a_register_add_and_edit_a_case_restart_unlock_and_find_it() {
    let home = Home::create();
    let mut driver = Driver::start("journey", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Create your case review register").await;
    let shown_path = wait_for(&app, "#path")
        .await
        .prop("value")
        .await
        .expect("path value");
    assert_eq!(
        shown_path.as_deref(),
        Some(home.default_register().to_str().expect("utf-8 path"))
    );
    fill(&app, "#passphrase", "password").await;
    let hint = wait_for_text(&app, "#passphrase-strength", "not strong enough").await;
    assert!(
        hint.contains("Very weak"),
        "the hint rates a common word in words: {hint}"
    );
    driver.screenshot(&app, "create-register").await;
    create_register(&app).await;
    open_cases(&app).await;

    click(&app, "#add-case").await;
    wait_for_heading(&app, "Add a case referral").await;
    fill_case_form(&app, &AK).await;
    wait_for_heading(&app, "Case AK").await;
    driver.screenshot(&app, "case-view").await;
    assert!(text_of(&app, ".govuk-summary-list")
        .await
        .contains("4 June 2025"));

    click(&app, "#edit-case").await;
    wait_for_heading(&app, "Edit Case AK").await;
    fill(&app, "#referrer", "Children's Social Care").await;
    click(&app, "#save-case").await;
    wait_for_heading(&app, "Case AK").await;
    assert!(text_of(&app, ".govuk-summary-list")
        .await
        .contains("Children's Social Care"));

    click(&app, "#back-to-cases").await;
    wait_for_heading(&app, "Cases").await;
    assert_eq!(count(&app, "tr[data-case-code='Case AK']").await, 1);
    app.close().await.expect("close the app");

    let on_disk = std::fs::read(home.default_register()).expect("register file");
    assert!(
        !on_disk.starts_with(b"SQLite format 3"),
        "the register is encrypted on disk"
    );

    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    driver.screenshot(&app, "unlock").await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    open_cases(&app).await;
    let row = text_of(&app, "tr[data-case-code='Case AK']").await;
    assert!(
        row.contains("Children's Social Care"),
        "the edit survived the restart: {row}"
    );
    driver.screenshot(&app, "case-list-after-restart").await;
    app.close().await.expect("close the app");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_wrong_passphrase_shows_the_error_and_the_data_is_intact() {
    let home = Home::create();
    home.seed_register_with_one_case();
    let before = std::fs::read(home.default_register()).expect("file");
    let mut driver = Driver::start("wrong-passphrase", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    fill(&app, "#unlock-passphrase", "not the right passphrase").await;
    click(&app, "#unlock").await;
    let message = text_of(&app, "#unlock-passphrase-error").await;
    assert!(message.contains("passphrase is not correct"), "{message}");
    assert!(
        count(&app, ".govuk-error-summary").await >= 1,
        "an error summary leads to the field"
    );
    driver.screenshot(&app, "wrong-passphrase").await;
    assert_eq!(
        std::fs::read(home.default_register()).expect("file"),
        before,
        "nothing written"
    );

    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    open_cases(&app).await;
    // The list arrives after the heading (the daily backup check runs on unlock).
    wait_for(&app, "tr[data-case-code='Case AK']").await;
    assert_eq!(count(&app, "tr[data-case-code='Case AK']").await, 1);
    app.close().await.expect("close the app");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn bad_referrals_get_field_messages_and_nothing_is_saved() {
    let home = Home::create();
    home.seed_register_with_one_case();
    let mut driver = Driver::start("bad-input", &home);
    let app = driver.launch().await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    open_cases(&app).await;
    click(&app, "#add-case").await;
    wait_for_heading(&app, "Add a case referral").await;

    let next_year = (chrono_year() + 1).to_string();
    // The missing kind goes first: once a radio is chosen it cannot be un-chosen.
    let attempts: [(Referral<'_>, &str, &str); 5] = [
        (
            Referral {
                code: "Case AL",
                kind: "",
                ..AK
            },
            "#kind-error",
            "child, an adult, or both",
        ),
        (
            Referral { code: "", ..AK },
            "#code-error",
            "Enter a case code",
        ),
        (
            Referral {
                code: "case ak",
                ..AK
            },
            "#code-error",
            "already exists",
        ),
        (
            Referral {
                code: "Case AL",
                year: &next_year,
                ..AK
            },
            "#referred_on-error",
            "today or in the past",
        ),
        (
            Referral {
                code: "Case AL",
                day: "31",
                month: "2",
                ..AK
            },
            "#referred_on-error",
            "must be a real date",
        ),
    ];
    for (n, (referral, error_id, message)) in attempts.iter().enumerate() {
        fill_case_form(&app, referral).await;
        // Waits for this attempt's message: the previous attempt's may still
        // be on screen until the core has answered.
        wait_for_text(&app, error_id, message).await;
        assert!(count(&app, ".govuk-error-summary").await >= 1);
        wait_for_heading(&app, "Add a case referral").await;
        driver.screenshot(&app, &format!("refused-{n}")).await;
    }
    app.close().await.expect("close the app");

    let register = Register::open(&home.default_register(), PASSPHRASE).expect("open");
    let codes: Vec<String> = register
        .list_cases()
        .expect("list")
        .into_iter()
        .map(|c| c.code)
        .collect();
    assert_eq!(codes, ["Case AK"], "no refused referral was saved");
    assert_eq!(
        register.changes(None).expect("log").len(),
        2,
        "register creation and one case"
    );
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn demo_data_loads_into_an_empty_register_and_is_marked() {
    let home = Home::create();
    let mut driver = Driver::start("demo", &home);
    let app = driver.launch().await;
    create_register(&app).await;
    open_cases(&app).await;
    click(&app, "#load-demo").await;
    let banner = text_of(&app, "#demo-banner").await;
    assert!(banner.contains("fictional"), "{banner}");
    wait_for(&app, "tr[data-case-code='Child Q']").await;
    assert!(count(&app, "#case-list tbody tr").await >= 10);
    driver.screenshot(&app, "demo-case-list").await;
    app.close().await.expect("close the app");
}

/// Records one journey step through the case page's form.
async fn record_step(client: &Client, step: &str, outcomes: &[&str], date: NaiveDate, note: &str) {
    click(client, &format!("#step-{step}")).await;
    for outcome in outcomes {
        click(client, &format!("#outcome-{outcome}")).await;
    }
    fill(client, "#date-day", &date.day().to_string()).await;
    fill(client, "#date-month", &date.month().to_string()).await;
    fill(client, "#date-year", &date.year().to_string()).await;
    fill(client, "#note", note).await;
    click(client, "#save-step").await;
    wait_for(client, &format!("#timeline [data-event='{step}']")).await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_case_from_referral_to_decision_changes_its_timeline_and_the_dashboard() {
    let today = casereview_core::dates::today();
    let ago = |days: u64| {
        today
            .checked_sub_days(chrono::Days::new(days))
            .expect("date")
    };
    let home = Home::create();
    let mut driver = Driver::start("journey-steps", &home);
    let app = driver.launch().await;
    create_register(&app).await;
    open_cases(&app).await;
    click(&app, "#add-case").await;
    let referred = ago(25);
    let child_q = Referral {
        code: "Child Q",
        kind: "child",
        day: &referred.day().to_string(),
        month: &referred.month().to_string(),
        year: &referred.year().to_string(),
        referrer: "Emergency Department",
    };
    fill_case_form(&app, &child_q).await;
    wait_for_heading(&app, "Child Q").await;

    record_step(&app, "la-aware", &[], ago(24), "").await;
    record_step(&app, "sin-sent", &[], ago(22), "").await;
    record_step(
        &app,
        "screen",
        &["rapid-review"],
        ago(21),
        "Serious injury; neglect suspected",
    )
    .await;
    let sin = text_of(&app, "#timeline [data-deadline='sin']").await;
    assert!(
        sin.contains("met"),
        "the SIN was sent within 5 working days: {sin}"
    );
    wait_for(&app, "#timeline [data-deadline='rapid-review']").await;
    driver.screenshot(&app, "timeline-rapid-review").await;

    click(&app, "#nav-dashboard").await;
    wait_for_heading(&app, "Dashboard").await;
    let in_flight = text_of(&app, "#rapid-reviews tr[data-case-code='Child Q']").await;
    assert!(
        in_flight.contains("working day"),
        "the Rapid Review clock is shown: {in_flight}"
    );
    driver.screenshot(&app, "dashboard-rapid-review").await;

    open_cases(&app).await;
    click(
        &app,
        "tr[data-case-code='Child Q'] a, tr[data-case-code='Child Q'] button",
    )
    .await;
    wait_for_heading(&app, "Child Q").await;
    record_step(&app, "rr-meeting", &[], ago(10), "").await;
    record_step(
        &app,
        "decide",
        &["lcspr"],
        ago(5),
        "Learning about the front door",
    )
    .await;
    let publication = text_of(&app, "#timeline [data-deadline='cspr-publication']").await;
    assert!(
        publication.contains("due"),
        "the publication clock started: {publication}"
    );
    driver.screenshot(&app, "timeline-decision").await;

    click(&app, "#nav-dashboard").await;
    wait_for_heading(&app, "Dashboard").await;
    let stages = text_of(&app, "#by-stage").await;
    assert!(stages.contains("Decision"), "{stages}");
    driver.screenshot(&app, "dashboard-after-decision").await;
    app.close().await.expect("close the app");

    let register = Register::open(&home.default_register(), PASSPHRASE).expect("open");
    let case = register.get_case_by_code("Child Q").expect("case");
    assert_eq!(case.stage, casereview_core::Stage::Decision);
    assert_eq!(
        register
            .case_detail(&case.id.to_string(), today)
            .expect("detail")
            .events
            .len(),
        5
    );
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_step_out_of_order_is_refused_in_the_window() {
    let home = Home::create();
    home.seed_register_with_one_case();
    let mut driver = Driver::start("invalid-step", &home);
    let app = driver.launch().await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;
    open_cases(&app).await;
    click(
        &app,
        "tr[data-case-code='Case AK'] a, tr[data-case-code='Case AK'] button",
    )
    .await;
    wait_for_heading(&app, "Case AK").await;
    // The form offers only allowed steps; "published" is not among them.
    assert_eq!(
        count(&app, "#step-published").await,
        0,
        "only allowed steps are offered"
    );
    // A screening without its rationale is refused field by field.
    click(&app, "#step-screen").await;
    click(&app, "#outcome-not-met").await;
    let today = casereview_core::dates::today();
    fill(&app, "#date-day", &today.day().to_string()).await;
    fill(&app, "#date-month", &today.month().to_string()).await;
    fill(&app, "#date-year", &today.year().to_string()).await;
    click(&app, "#save-step").await;
    let message = text_of(&app, "#note-error").await;
    assert!(message.contains("rationale"), "{message}");
    driver.screenshot(&app, "step-refused").await;
    app.close().await.expect("close the app");
    let register = Register::open(&home.default_register(), PASSPHRASE).expect("open");
    let case = register.get_case_by_code("Case AK").expect("case");
    assert!(register
        .case_detail(&case.id.to_string(), today)
        .expect("detail")
        .events
        .is_empty());
}

fn chrono_year() -> i32 {
    casereview_core::dates::today().year()
}
