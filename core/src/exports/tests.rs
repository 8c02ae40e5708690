//! The tracker export on the demo register: its rows under each option, the
//! files in each format read back, and (with LibreOffice) the workbook opened
//! and printed as a real spreadsheet program would.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::*;
use crate::actions::{ActionStatus, Rag};
use crate::print_check::libreoffice_pdfs;
use crate::register::Register;

/// The demo's "today": its quarters are 2024/25-Q3 to 2025/26-Q1, all signed
/// off, and 2025/26-Q2 open; every target is 29 December 2025, DEMO-04's
/// revised to 29 March 2026.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("ISO date")
}

/// A generated register ten quarters deep (the latest open, partly
/// reviewed; escalations, slips and notes left empty among them), for
/// comparing the export's lean paths with the full reads they replaced.
pub(super) fn many_quarters() -> Register {
    crate::synthetic::generated_in_memory(crate::synthetic::SyntheticSize {
        cases: 30,
        actions_per_case: 4,
        quarters: 10,
        seed: 11,
    })
}

fn demo() -> Register {
    let mut reg = Register::in_memory("Subgroup chair").expect("register");
    crate::demo::load(&mut reg, today()).expect("demo");
    reg
}

fn options(quarter: Option<&str>, review: Option<&str>, exceptions: bool) -> TrackerOptions {
    TrackerOptions {
        quarter: quarter.map(Into::into),
        review: review.map(Into::into),
        exceptions,
        // These tests read the notes; sensitive_left_out_of_the_tracker_unless_ticked
        // covers the default.
        include_sensitive: true,
    }
}

fn refs(tracker: &Tracker) -> Vec<&str> {
    tracker
        .rows
        .iter()
        .map(|r| r.action_reference.as_str())
        .collect()
}

fn row<'a>(tracker: &'a Tracker, reference: &str) -> &'a TrackerRow {
    tracker
        .rows
        .iter()
        .find(|r| r.action_reference == reference)
        .expect("row on the tracker")
}

#[test]
fn the_current_tracker_has_one_row_per_action_as_it_stands() {
    let tracker = demo()
        .tracker(&options(None, None, false), today())
        .expect("tracker");
    assert_eq!(
        refs(&tracker),
        ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04", "DEMO-05"]
    );
    assert_eq!(tracker.basis, "Current position on 1 September 2025");
    assert_eq!((tracker.quarter.as_deref(), tracker.as_at), (None, today()));
    assert_eq!(tracker.marking, "OFFICIAL-SENSITIVE");

    let shared = row(&tracker, "DEMO-01");
    assert_eq!(
        shared.reviews,
        ["Case AN", "Child W"],
        "one action answering two reviews"
    );
    assert_eq!(shared.recommendations.len(), 2);
    assert!(shared.recommendations[1]
        .text
        .starts_with("Partners should make sure practitioners"));
    assert_eq!(shared.status, ActionStatus::CompleteAwaitingImpact);
    assert_eq!(
        shared.status_label,
        "Complete – awaiting evidence of impact"
    );
    assert_eq!(
        shared.latest_update.as_ref().map(|u| u.quarter.as_str()),
        Some("2025/26-Q1"),
        "the open quarter has no note yet, so the latest is the last signed-off one"
    );

    let revised = row(&tracker, "DEMO-04");
    assert_eq!(
        revised.target_date,
        date("2025-12-29"),
        "the target as first agreed"
    );
    assert_eq!(revised.revised_target_date, Some(date("2026-03-29")));
    assert_eq!(row(&tracker, "DEMO-05").revised_target_date, None);

    let escalated = row(&tracker, "DEMO-03");
    assert!(
        escalated.escalated,
        "escalated in the latest quarter that reviewed it"
    );
    assert!(escalated.escalation_reason.contains("Executive Board"));
    assert_eq!(escalated.rag, Some(Rag::Red));
    assert_eq!(
        (escalated.change.as_str(), escalated.change_since.as_deref()),
        ("No change", Some("2025/26-Q1")),
        "nothing has moved since the last signed-off quarter"
    );
    assert!(
        tracker.rows.iter().all(|r| !r.overdue),
        "every target is after today"
    );
}

#[test]
fn a_quarter_snapshot_shows_that_quarters_record_and_its_movement() {
    let reg = demo();
    let tracker = reg
        .tracker(&options(Some("2024/25-Q4"), None, false), today())
        .expect("snapshot");
    assert_eq!(tracker.quarter.as_deref(), Some("2024/25-Q4"));
    assert_eq!(tracker.quarter_closed, Some(true));
    assert_eq!(
        tracker.basis,
        "Q4 2024/25 (January to March 2025) as reviewed and signed off"
    );
    assert_eq!(
        tracker.as_at,
        date("2025-03-31"),
        "overdue is judged at the quarter's end"
    );
    let slipped = row(&tracker, "DEMO-04");
    assert_eq!(
        slipped.rag,
        Some(Rag::Red),
        "the quarter's RAG, not today's Amber"
    );
    assert_eq!(slipped.change, "Green → Red; target slipped 90 days");
    assert_eq!(slipped.change_since.as_deref(), Some("2024/25-Q3"));
    assert_eq!(slipped.revised_target_date, Some(date("2026-03-29")));
    assert_eq!(row(&tracker, "DEMO-02").change, "now In progress");
    assert_eq!(row(&tracker, "DEMO-05").change, "No change");
    assert!(
        !row(&tracker, "DEMO-03").escalated,
        "the escalation came a quarter later"
    );
    assert_eq!(
        row(&tracker, "DEMO-01")
            .latest_update
            .as_ref()
            .map(|u| u.note.as_str()),
        Some("Fictional update for Q4 2024/25 (January to March 2025).")
    );

    let first = reg
        .tracker(&options(Some("2024/25-Q3"), None, false), today())
        .expect("first quarter");
    let before_revision = row(&first, "DEMO-04");
    assert_eq!(before_revision.change, "First quarter reviewed");
    assert_eq!(
        before_revision.revised_target_date, None,
        "the target was revised after this quarter"
    );

    let open = reg
        .tracker(&options(Some("2025/26-Q2"), None, false), today())
        .expect("open quarter");
    assert_eq!(open.quarter_closed, Some(false));
    assert!(open.basis.contains("not yet signed off"));
}

#[test]
fn the_review_and_exceptions_options_narrow_the_rows() {
    let reg = demo();
    let case_an = reg
        .tracker(&options(None, Some(" case an "), false), today())
        .expect("one review");
    assert_eq!(
        case_an.review.as_deref(),
        Some("Case AN"),
        "as the register spells it"
    );
    assert_eq!(refs(&case_an), ["DEMO-01", "DEMO-03", "DEMO-04"]);

    let national = reg
        .tracker(&options(None, Some("NP-SUDI"), false), today())
        .expect("a national report");
    assert_eq!(refs(&national), ["DEMO-05"]);

    let exceptions = reg
        .tracker(&options(None, None, true), today())
        .expect("exceptions");
    assert_eq!(
        refs(&exceptions),
        ["DEMO-02", "DEMO-03", "DEMO-04"],
        "Red and Amber only"
    );

    // In the new year the Green DEMO-01 and DEMO-05 are past their target,
    // so they are exceptions too.
    let later = reg
        .tracker(&options(None, None, true), date("2026-01-15"))
        .expect("later");
    assert_eq!(
        refs(&later),
        ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04", "DEMO-05"]
    );
    assert_eq!(row(&later, "DEMO-05").rag, Some(Rag::Green));
    assert!(row(&later, "DEMO-05").overdue);
    assert!(
        !row(&later, "DEMO-04").overdue,
        "its revised target is in March"
    );
    assert_eq!(later.summary.all.overdue, 4);

    let snapshot = reg
        .tracker(&options(Some("2024/25-Q3"), Some("Case AN"), true), today())
        .expect("all three");
    assert_eq!(
        refs(&snapshot),
        Vec::<&str>::new(),
        "all Green in the first quarter"
    );
}

#[test]
fn bad_options_are_refused_with_a_message_for_each() {
    let reg = demo();
    let fields = |o: TrackerOptions| match reg.tracker(&o, today()) {
        Err(Error::Validation(fields)) => fields
            .into_iter()
            .map(|f| (f.field, f.message))
            .collect::<Vec<_>>(),
        other => panic!("expected a validation error, got {other:?}"),
    };
    let both = fields(options(Some("Q3"), Some("Case ZZ"), false));
    assert_eq!(both.len(), 2);
    assert_eq!(both[0].0, "quarter");
    assert!(
        both[0].1.contains("such as 2"),
        "shows a code to copy: {}",
        both[0].1
    );
    assert_eq!(both[1].0, "review");
    assert!(both[1].1.contains("Case ZZ"));
    let unreviewed = fields(options(Some("2023/24-Q1"), None, false));
    assert_eq!(unreviewed[0].0, "quarter");
    assert!(unreviewed[0]
        .1
        .starts_with("Q1 2023/24 (April to June 2023) has no quarter review"));
    assert!(ExportFormat::parse("XLSX").is_ok());
    assert!(matches!(
        ExportFormat::parse("docx"),
        Err(Error::Validation(_))
    ));
}

#[test]
fn the_summary_counts_by_rag_review_and_agency() {
    let tracker = demo()
        .tracker(&options(None, None, false), today())
        .expect("tracker");
    let all = &tracker.summary.all;
    assert_eq!(
        (
            all.actions,
            all.red,
            all.amber,
            all.green,
            all.blue,
            all.no_rag
        ),
        (5, 1, 2, 2, 0, 0)
    );
    assert_eq!((all.overdue, all.escalated), (0, 1));
    let reviews: Vec<(&str, u32)> = tracker
        .summary
        .by_review
        .iter()
        .map(|t| (t.name.as_str(), t.actions))
        .collect();
    assert_eq!(
        reviews,
        [
            ("Adult X", 1),
            ("Case AN", 3),
            ("Child W", 2),
            ("NP-SUDI", 1)
        ],
        "a shared action counts under each review it answers"
    );
    let partnership = tracker
        .summary
        .by_agency
        .iter()
        .find(|t| t.name == "Safeguarding partnership")
        .expect("agency");
    assert_eq!(
        (partnership.actions, partnership.green, partnership.amber),
        (2, 1, 1)
    );
}

/// A cell's text, or "" for anything else.
fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

#[test]
fn the_workbook_reads_back_with_words_real_dates_and_a_summary() {
    let tracker = demo()
        .tracker(&options(None, None, false), today())
        .expect("tracker");
    let bytes = tracker_bytes(&tracker, ExportFormat::Xlsx).expect("xlsx");
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook calamine can open");
    assert_eq!(book.sheet_names(), ["Tracker", "Summary"]);
    let sheet = book.worksheet_range("Tracker").expect("tracker sheet");
    assert_eq!(sheet.height(), 6, "a heading row and one row per action");
    let headings: Vec<String> = (0..15).map(|c| text(&sheet, 0, c)).collect();
    assert_eq!(headings[0], "Review(s)");
    assert_eq!(headings[10], "RAG");
    assert_eq!(headings[14], "Escalated to the Executive Board");
    // DEMO-03 is the third action: Red, carried as a word as well as a colour.
    assert_eq!(text(&sheet, 3, 3), "DEMO-03");
    assert_eq!(text(&sheet, 3, 10), "Red");
    assert!(text(&sheet, 3, 14).starts_with("Yes: Housing and health"));
    // The target is a real Excel date (a serial number with a date format),
    // not text: the board can sort and filter by it.
    let target = sheet.get_value((4, 7)).expect("DEMO-04's target");
    let Data::DateTime(when) = target else {
        panic!("the target should be a date cell, got {target:?}");
    };
    let serial = (date("2025-12-29") - date("1899-12-30")).num_days() as f64;
    assert_eq!(when.as_f64(), serial);
    assert!(
        matches!(sheet.get_value((4, 8)), Some(Data::DateTime(_))),
        "revised date"
    );
    assert!(
        matches!(sheet.get_value((1, 8)), Some(Data::Empty) | None),
        "no revised date when the target never moved"
    );

    let summary = book.worksheet_range("Summary").expect("summary sheet");
    assert_eq!(text(&summary, 1, 0), "OFFICIAL-SENSITIVE");
    assert_eq!(
        text(&summary, 5, 0),
        "Demo register: every case and action in it is fictional."
    );
    let all_text: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    for expected in [
        "By RAG",
        "By review",
        "By lead agency",
        "Case AN",
        "Integrated Care Board",
    ] {
        assert!(
            all_text.iter().any(|t| t == expected),
            "summary lacks {expected}"
        );
    }
    assert!(
        !all_text.iter().any(|t| t.contains("Fictional update")),
        "the summary carries counts, not the updates"
    );
}

#[test]
fn csv_and_json_carry_the_same_rows() {
    let tracker = demo()
        .tracker(&options(None, None, true), today())
        .expect("exceptions");
    let bytes = tracker_bytes(&tracker, ExportFormat::Csv).expect("csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM so Excel reads UTF-8"
    );
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    let headings: Vec<String> = reader
        .headers()
        .expect("headings")
        .iter()
        .map(Into::into)
        .collect();
    assert_eq!(headings.len(), 15);
    assert_eq!(headings[7], "Target date");
    let records: Vec<::csv::StringRecord> =
        reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(records.len(), 3);
    let demo_04 = &records[2];
    assert_eq!(&demo_04[3], "DEMO-04");
    assert_eq!((&demo_04[7], &demo_04[8]), ("2025-12-29", "2026-03-29"));
    assert_eq!(&demo_04[10], "Amber");
    assert_eq!(&demo_04[1], "Adult X R1; Case AN R2");

    let json: serde_json::Value =
        serde_json::from_slice(&tracker_bytes(&tracker, ExportFormat::Json).expect("json"))
            .expect("valid JSON");
    assert_eq!(json["marking"], "OFFICIAL-SENSITIVE");
    assert_eq!(json["demo"], true);
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["rows"][2]["action_reference"], "DEMO-04");
    assert_eq!(json["rows"][2]["revised_target_date"], "2026-03-29");
    assert_eq!(json["rows"][2]["rag"], "amber");
    assert_eq!(json["summary"]["all"]["actions"], 3);
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused() {
    let mut tracker = demo()
        .tracker(&options(None, None, false), today())
        .expect("tracker");
    tracker.rows[0].action = "=HYPERLINK(\"http://example.invalid\")".into();
    let bytes = tracker_bytes(&tracker, ExportFormat::Csv).expect("csv");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        text.contains("'=HYPERLINK"),
        "a leading apostrophe stops Excel running it"
    );
}

#[test]
fn writing_never_replaces_a_file_unasked_nor_leaves_a_partial_one() {
    let tracker = demo()
        .tracker(&options(None, None, false), today())
        .expect("tracker");
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("tracker.xlsx");
    write_tracker(&tracker, ExportFormat::Xlsx, &out, false).expect("first write");
    let written = std::fs::read(&out).expect("file");
    assert!(written.starts_with(b"PK"), "an .xlsx is a zip file");

    std::fs::write(&out, b"last quarter's tracker").expect("replace by hand");
    match write_tracker(&tracker, ExportFormat::Csv, &out, false) {
        Err(Error::Validation(fields)) => assert_eq!(fields[0].field, "out"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        std::fs::read(&out).expect("file"),
        b"last quarter's tracker"
    );
    write_tracker(&tracker, ExportFormat::Json, &out, true).expect("replace on purpose");
    assert!(std::fs::read(&out).expect("file").starts_with(b"{"));

    let missing = dir.path().join("no such folder/tracker.csv");
    assert!(matches!(
        write_tracker(&tracker, ExportFormat::Csv, &missing, false),
        Err(Error::Validation(_))
    ));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["tracker.xlsx"], "no temporary file is left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only: {mode:o}");
    }
}

/// Where the printed previews go, for a person to look at after the tests.
fn preview_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/export-previews")
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A real (not demo) register with `count` actions, enough to fill pages.
fn long_register(count: usize) -> Register {
    let mut reg = crate::recommendations::tests::register_with_sources();
    let rec = reg
        .add_recommendation(&crate::recommendations::RecommendationInput {
            source: "Case AK".into(),
            reference: "R1".into(),
            text: "Partners should check that escalation routes are understood and used when a family does not engage.".into(),
            ..Default::default()
        })
        .expect("recommendation");
    for n in 1..=count {
        let input = crate::actions::ActionInput {
            reference: format!("25/26-{n:02}"),
            text: format!("Action {n}: brief every team in the agency on the escalation route, and audit its use after three months").repeat(1 + n % 3),
            lead_agency: ["Police", "Education", "Integrated Care Board"][n % 3].into(),
            lead_officer: "Head of Safeguarding".into(),
            target: crate::dates::DateInput::from_iso("2025-06-30").expect("iso"),
            agreed: crate::dates::DateInput::from_iso("2025-01-10").expect("iso"),
            answers: vec![rec.id.to_string()],
            themes: Vec::new(),
        };
        reg.add_action(&input, today()).expect("action");
    }
    reg
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn libreoffice_opens_and_prints_every_workbook() {
    let reg = demo();
    let dir = tempfile::tempdir().expect("dir");
    let cases = [
        ("tracker-current", options(None, None, false)),
        (
            "tracker-2024-25-Q4-exceptions",
            options(Some("2024/25-Q4"), None, true),
        ),
        (
            "tracker-empty",
            options(Some("2024/25-Q3"), Some("Case AN"), true),
        ),
    ];
    let mut files = Vec::new();
    for (name, o) in &cases {
        let tracker = reg.tracker(o, today()).expect("tracker");
        let path = dir.path().join(format!("{name}.xlsx"));
        write_tracker(&tracker, ExportFormat::Xlsx, &path, false).expect("write");
        files.push(path);
    }
    let long = long_register(40)
        .tracker(&options(None, None, false), today())
        .expect("long tracker");
    assert!(!long.demo);
    let path = dir.path().join("tracker-40-actions.xlsx");
    write_tracker(&long, ExportFormat::Xlsx, &path, false).expect("write");
    files.push(path);

    let previews = preview_dir();
    std::fs::create_dir_all(&previews).expect("preview dir");
    let pdfs = libreoffice_pdfs(&files, &previews);
    let current = pdf_text(&pdfs[0]);
    for expected in [
        "OFFICIAL-SENSITIVE",
        "Page 1 of",
        "DEMO-05",
        "29/12/2025",
        "29/03/2026",
        "Action plan tracker: summary",
    ] {
        assert!(
            current.contains(expected),
            "the printed tracker lacks {expected:?}"
        );
    }
    assert!(pdf_text(&pdfs[2]).contains("No actions match these options."));

    // 40 actions run onto further pages, each headed by the column headings.
    let pages = pdf_pages(&pdfs[3]);
    assert!(
        pages.len() >= 3,
        "40 actions and the summary: {} pages",
        pages.len()
    );
    for (n, page) in pages.iter().enumerate().take(pages.len() - 1) {
        assert!(
            page.contains("Review(s)") && page.contains("Escalated to the"),
            "page {} lacks the headings",
            n + 1
        );
        assert!(
            page.contains("OFFICIAL-SENSITIVE") && page.contains(&format!("Page {} of", n + 1))
        );
    }

    // LibreOffice carries the workbook's properties into the PDF's.
    let info = Command::new("pdfinfo")
        .arg(&pdfs[0])
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Title:           Action plan tracker (OFFICIAL-SENSITIVE)"),
        "{info}"
    );
    assert!(
        info.contains("Keywords:        OFFICIAL-SENSITIVE"),
        "{info}"
    );
    assert!(info.contains("(A4)"), "printed on A4: {info}");
}

/// The PDF's pages as text (pdftotext separates pages with a form feed).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    pdf_text(pdf)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(Into::into)
        .collect()
}

#[test]
fn the_app_export_writes_the_file_the_dialog_chose_and_says_what_it_wrote() {
    let register = demo();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tracker.csv");
    std::fs::write(&path, b"last quarter's file").expect("old file");
    let report = register
        .export_tracker(
            &options(None, None, true),
            ExportFormat::Csv,
            &path,
            today(),
        )
        .expect("exported");
    let expected = register
        .tracker(&options(None, None, true), today())
        .expect("tracker");
    assert_eq!(report.rows, expected.rows.len());
    assert!(report.demo);
    assert_eq!(report.format, ExportFormat::Csv);
    // The save dialog asked before replacing, so the old file is replaced whole.
    let written = std::fs::read(&path).expect("read back");
    assert_eq!(
        written,
        tracker_bytes(&expected, ExportFormat::Csv).expect("bytes")
    );

    let missing = dir.path().join("no such folder/tracker.csv");
    let err = register
        .export_tracker(
            &options(None, None, false),
            ExportFormat::Xlsx,
            &missing,
            today(),
        )
        .expect_err("no folder");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
}

/// Every text cell of every sheet of a workbook, or the text of a CSV or
/// JSON file, to search for what must (not) be there.
fn file_text(bytes: &[u8], format: ExportFormat) -> String {
    if format != ExportFormat::Xlsx {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("workbook");
    let mut all = String::new();
    for name in book.sheet_names() {
        let sheet = book.worksheet_range(&name).expect("sheet");
        for cell in sheet.used_cells() {
            all.push_str(&cell.2.to_string());
            all.push('\n');
        }
    }
    all
}

#[test]
fn sensitive_notes_are_left_out_of_the_tracker_unless_ticked() {
    let reg = demo();
    let ticked = reg
        .tracker(&options(None, None, false), today())
        .expect("tracker");
    let plain = reg
        .tracker(&TrackerOptions::default(), today())
        .expect("tracker");
    let reason = row(&ticked, "DEMO-03").escalation_reason.clone();
    let note = ticked
        .rows
        .iter()
        .find_map(|r| r.latest_update.as_ref())
        .map(|u| u.note.clone())
        .expect("a demo action with a progress note");
    assert!(reason.len() > 10 && note.len() > 10);
    assert!(ticked.sensitive_included && ticked.sensitive_note.is_empty());
    assert!(!plain.sensitive_included && !plain.sensitive_note.is_empty());
    assert!(
        row(&plain, "DEMO-03").escalated,
        "the escalation itself stays"
    );
    for format in ExportFormat::ALL {
        let without = file_text(&tracker_bytes(&plain, format).expect("bytes"), format);
        let with = file_text(&tracker_bytes(&ticked, format).expect("bytes"), format);
        for secret in [&reason, &note] {
            assert!(
                !without.contains(secret.as_str()),
                "{format:?} leaks {secret:?}"
            );
            assert!(
                with.contains(secret.as_str()),
                "{format:?} ticked must carry {secret:?}"
            );
        }
        assert!(
            without.contains(crate::sensitive::LEFT_OUT),
            "{format:?} must say what was left out"
        );
    }
    let json = file_text(
        &tracker_bytes(&plain, ExportFormat::Json).expect("bytes"),
        ExportFormat::Json,
    );
    assert!(json.contains("\"sensitive_included\": false"));
}
