//! Importing a messy tracker through the window: the file comes from the
//! "Open" dialog (in this debug build, from `CASEREVIEW_TEST_OPEN_FILE`, as
//! WebDriver cannot drive the native dialog), the preview proposes a
//! mapping, the user corrects one column, checks again and confirms; the
//! register then holds exactly the rows the preview showed.

use std::path::{Path, PathBuf};

use casereview_core::actions::ActionFilter;
use casereview_core::{CaseInput, DateInput, Register};
use fantoccini::{Client, Locator};
use rust_xlsxwriter::{Format, Workbook};

use crate::harness::{
    click, text_of, wait_for, wait_for_heading, wait_for_text, Driver, Home, PASSPHRASE,
};

/// A tracker as partnerships keep them: a title row, a blank row, the header
/// on row 3 with a column ("Contact") the importer cannot place, a
/// recommendation merged over two actions, and "Ongoing" for a date.
fn messy_tracker(dir: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Child Q").expect("name");
    sheet
        .write_string(0, 0, "Child Q: LCSPR action plan (OFFICIAL-SENSITIVE)")
        .expect("title");
    let rows: [&[&str]; 3] = [
        &[
            "Rec No.",
            "Recommendation",
            "Action to be taken",
            "Lead Agency",
            "Contact",
            "Timescale",
        ],
        &[
            "1",
            "",
            "Deliver exploitation training",
            "Police",
            "Detective Inspector",
            "31/03/2026",
        ],
        &[
            "",
            "",
            "Audit return-home interviews",
            "Children's services",
            "Head of service",
            "Ongoing",
        ],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(r as u32 + 2, c as u16, *text)
                    .expect("cell");
            }
        }
    }
    sheet
        .merge_range(
            3,
            1,
            4,
            1,
            "Partners should understand criminal exploitation.",
            &Format::new(),
        )
        .expect("merge");
    let path = dir.join("Child Q tracker.xlsx");
    book.save(&path).expect("save the tracker");
    path
}

async fn import_button_text(client: &Client) -> String {
    match client.find(Locator::Css("#confirm-import")).await {
        Ok(button) => button.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run scripts/test.sh"]
async fn a_messy_tracker_is_previewed_corrected_and_imported_in_the_window() {
    let mut home = Home::create();
    {
        let mut register = home.seed_register();
        let input = CaseInput {
            code: "Child Q".into(),
            kind: "child".into(),
            referred_on: DateInput::from_iso("2025-06-04").expect("date"),
            ..CaseInput::default()
        };
        register
            .create_case(&input, casereview_core::dates::today())
            .expect("seed case");
    }
    let tracker = messy_tracker(home.dir.path());
    home.app_env.push(("CASEREVIEW_TEST_OPEN_FILE", tracker));
    let mut driver = Driver::start("import", &home);
    let app = driver.launch().await;
    wait_for_heading(&app, "Unlock your register").await;
    crate::harness::fill(&app, "#unlock-passphrase", PASSPHRASE).await;
    click(&app, "#unlock").await;
    wait_for_heading(&app, "Dashboard").await;

    click(&app, "#nav-actions").await;
    click(&app, "#import-tracker").await;
    wait_for_heading(&app, "Import a tracker").await;
    click(&app, "#choose-file").await;
    wait_for_text(&app, "#chosen-file", "Child Q tracker.xlsx").await;
    click(&app, "#preview-import").await;
    wait_for(&app, "#import-rows").await;
    let header = text_of(&app, "[data-sheet-header='Child Q']").await;
    assert!(
        header.contains("row 3"),
        "the header row is found: {header}"
    );
    let counts = text_of(&app, "#import-counts").await;
    assert!(
        counts.contains("0 to import"),
        "no lead officer yet: {counts}"
    );
    driver.screenshot(&app, "preview-proposed").await;

    // The user says column E, "Contact", holds the lead officer.
    wait_for(&app, "#map-Child-Q-E")
        .await
        .select_by_value("lead-officer")
        .await
        .expect("choose the field");
    click(&app, "#recheck-import").await;
    let started = std::time::Instant::now();
    while import_button_text(&app).await != "Import 2 actions" {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the corrected preview offers both actions"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let ongoing = text_of(&app, "[data-row='Child Q:5']").await;
    assert!(
        ongoing.contains("Ongoing"),
        "the date kept as words is flagged: {ongoing}"
    );
    driver.screenshot(&app, "preview-corrected").await;

    click(&app, "#confirm-import").await;
    wait_for(&app, "#import-done").await;
    let done = text_of(&app, "#import-done").await;
    assert!(done.contains("Imported 2 actions"), "{done}");
    driver.screenshot(&app, "imported").await;
    app.close().await.expect("close the app");

    let register = Register::open(&home.default_register(), PASSPHRASE).expect("open");
    let actions = register
        .list_actions(&ActionFilter::default(), casereview_core::dates::today())
        .expect("actions");
    let officers: Vec<&str> = actions.iter().map(|a| a.lead_officer.as_str()).collect();
    assert_eq!(officers, ["Detective Inspector", "Head of service"]);
    // The corrected mapping is remembered for the next tracker like it.
    let plan = register
        .plan_import(
            &home.dir.path().join("Child Q tracker.xlsx"),
            &Default::default(),
            casereview_core::dates::today(),
        )
        .expect("plan again");
    assert_eq!(
        plan.sheets[0].mapping_from,
        casereview_core::import::MappingSource::Remembered
    );
}
