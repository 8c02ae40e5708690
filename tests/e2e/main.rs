//! End-to-end tests: the built app in a real window (WebKitGTK under Xvfb),
//! driven through tauri-driver and WebKitWebDriver. Run by scripts/test.sh;
//! marked `ignore` so a plain `cargo test` without a display reports them as
//! not run rather than failing or passing.

mod harness;

use casereview_core::{CaseInput, CreateRegisterInput, DateInput, Register};
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
    fill(client, "#confirm", PASSPHRASE).await;
    click(client, "#create-register").await;
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

/// Puts a register with one case at `home`'s default location, through the core.
fn seed_register(home: &Home) {
    let path = home.default_register();
    let mut register = Register::create(&CreateRegisterInput {
        path: path.display().to_string(),
        user_name: "Business officer".into(),
        passphrase: PASSPHRASE.into(),
        confirm: PASSPHRASE.into(),
    })
    .expect("seed register");
    let input = CaseInput {
        code: "Case AK".into(),
        kind: "child".into(),
        referred_on: DateInput::from_iso("2025-06-04").expect("date"),
        referrer: "Police".into(),
        summary: "Fictional".into(),
    };
    register
        .create_case(&input, casereview_core::dates::today())
        .expect("seed case");
}

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
    wait_for_heading(&app, "Cases").await;
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
    seed_register(&home);
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
    wait_for_heading(&app, "Cases").await;
    assert_eq!(count(&app, "tr[data-case-code='Case AK']").await, 1);
    app.close().await.expect("close the app");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn bad_referrals_get_field_messages_and_nothing_is_saved() {
    let home = Home::create();
    seed_register(&home);
    let mut driver = Driver::start("bad-input", &home);
    let app = driver.launch().await;
    fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Cases").await;
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
        let shown = text_of(&app, error_id).await;
        assert!(
            shown.contains(message),
            "expected {message:?} in {error_id}, saw {shown:?}"
        );
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
    click(&app, "#load-demo").await;
    let banner = text_of(&app, "#demo-banner").await;
    assert!(banner.contains("fictional"), "{banner}");
    wait_for(&app, "tr[data-case-code='Child Q']").await;
    assert!(count(&app, "#case-list tbody tr").await >= 10);
    driver.screenshot(&app, "demo-case-list").await;
    app.close().await.expect("close the app");
}

fn chrono_year() -> i32 {
    use chrono::Datelike;
    casereview_core::dates::today().year()
}
