//! The importer on messy trackers: what a preview reads from each kind of
//! mess, that it writes nothing, that an import writes exactly what it
//! showed, that a failure part-way leaves the register as it was, corrected
//! and remembered mappings, CSV, files that are not spreadsheets, and a
//! round trip through the app's own tracker export.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::fixtures::{self, *};
use super::*;
use crate::actions::{ActionFilter, ActionInput, ActionRecord};
use crate::cases::CaseInput;
use crate::dates::DateInput;
use crate::exports::{self, ExportFormat, TrackerOptions};
use crate::recommendations::Recommendation;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("date")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("ISO date")
}

/// A register holding the cases Child Q and Adult X, and nothing else.
fn register() -> Register {
    let mut reg = Register::in_memory("Business officer").expect("register");
    for (code, kind) in [("Child Q", "child"), ("Adult X", "adult")] {
        let input = CaseInput {
            code: code.into(),
            kind: kind.into(),
            referred_on: DateInput::from_iso("2021-05-01").expect("iso"),
            ..CaseInput::default()
        };
        reg.create_case(&input, today()).expect("case");
    }
    reg
}

struct Files {
    _dir: tempfile::TempDir,
    xlsx: PathBuf,
    csv: PathBuf,
}

fn files() -> Files {
    let dir = tempfile::tempdir().expect("temp dir");
    Files {
        xlsx: fixtures::write(dir.path(), "Trackers 2022.xlsx", &messy_xlsx()),
        csv: fixtures::write(dir.path(), "SCR W12.csv", &messy_csv()),
        _dir: dir,
    }
}

fn row<'a>(report: &'a ImportReport, sheet: &str, number: u32) -> &'a RowReport {
    report
        .rows
        .iter()
        .find(|r| r.sheet == sheet && r.row == number)
        .unwrap_or_else(|| panic!("row {number} of {sheet} in the report"))
}

fn action(report: &ImportReport, sheet: &str, number: u32) -> PlannedAction {
    row(report, sheet, number)
        .action
        .clone()
        .unwrap_or_else(|| panic!("row {number} of {sheet} is an action"))
}

/// Everything an import could change, to compare before and after.
fn snapshot(reg: &Register) -> (Vec<ActionRecord>, Vec<Recommendation>, usize, usize) {
    let actions = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    let recs = reg.list_recommendations().expect("recommendations");
    let changes = reg.changes(None).expect("changes").len();
    let sources: usize = reg
        .conn()
        .query_row("SELECT count(*) FROM sources", [], |r| r.get::<_, i64>(0))
        .expect("count") as usize;
    (actions, recs, changes, sources)
}

const CHILD_Q: &str = "Child Q";
const ADULT_X: &str = "Adult X – SAR actions";

#[test]
fn the_preview_reads_every_kind_of_mess_and_writes_nothing() {
    let reg = register();
    let f = files();
    let before = snapshot(&reg);
    let report = reg
        .plan_import(&f.xlsx, &ImportOptions::default(), today())
        .expect("plan");
    assert_eq!(snapshot(&reg), before, "a preview writes nothing");
    assert!(!report.written);
    assert_eq!(report.file, "Trackers 2022.xlsx");

    // Sheets: the header found below the titles, mapped by name; the
    // instructions sheet left out with a note saying why.
    let names: Vec<&str> = report.sheets.iter().map(|s| s.sheet.as_str()).collect();
    assert_eq!(names, [CHILD_Q, ADULT_X, "Instructions"]);
    let child_q = &report.sheets[0];
    let mapping = child_q.mapping.as_ref().expect("Child Q has a header");
    assert_eq!(
        mapping.header_row, 4,
        "below a title, a subtitle and a blank row"
    );
    assert_eq!(child_q.mapping_from, MappingSource::Proposed);
    let fields: Vec<Option<ImportField>> = mapping.columns.iter().map(|c| c.field).collect();
    use ImportField as F;
    assert_eq!(
        fields,
        [
            Some(F::RecommendationRef),
            Some(F::Recommendation),
            Some(F::Action),
            Some(F::LeadAgency),
            Some(F::LeadOfficer),
            Some(F::TargetDate),
            Some(F::Rag),
            Some(F::Status),
            Some(F::Update),
            Some(F::EvidenceCompletion),
            Some(F::Comments)
        ]
    );
    assert_eq!(
        child_q.review.as_deref(),
        Some("Child Q"),
        "the sheet's name is the case's code"
    );
    assert_eq!(child_q.blank_rows, 1);
    let adult_x = &report.sheets[1];
    assert_eq!(
        adult_x.review.as_deref(),
        Some("Adult X"),
        "a code within the sheet's name"
    );
    assert_eq!(adult_x.mapping.as_ref().map(|m| m.header_row), Some(3));
    let instructions = &report.sheets[2];
    assert_eq!(instructions.mapping_from, MappingSource::None);
    assert!(
        instructions.notes[0].contains("no header row found"),
        "{:?}",
        instructions.notes
    );
    assert_eq!(
        instructions.first_rows.len(),
        2,
        "shown so the user can choose a header"
    );

    // The merged recommendation is carried down over its three actions.
    for n in [5, 6, 7] {
        let r = row(&report, CHILD_Q, n);
        assert_eq!(r.outcome, RowOutcome::Imported, "row {n}: {:?}", r.reason);
        assert_eq!(r.recommendations.len(), 1);
        assert_eq!(r.recommendations[0].reference, "1");
        assert_eq!(r.recommendations[0].text, CHILD_Q_R1);
        assert_eq!(
            r.recommendations[0].new,
            n == 5,
            "added once, by the first row"
        );
    }
    // Every date form.
    let targets: Vec<(u32, NaiveDate)> = [5, 6, 7, 9, 10, 11]
        .iter()
        .map(|n| (*n, action(&report, CHILD_Q, *n).target_date))
        .collect();
    assert_eq!(
        targets,
        [
            (5, date("2022-03-31")),  // a real Excel date
            (6, date("2022-03-31")),  // 31.03.22
            (7, date("2022-03-31")),  // Q4 2021/22
            (9, date("2022-03-31")),  // 31 March 2022
            (10, date("2022-03-31")), // March 2022: the month's last day
            (11, date("2022-06-30")), // end of June 2022
        ]
    );
    // RAG from words, letters and a fill colour with no word.
    let rags: Vec<Option<Rag>> = [5, 6, 7, 9, 10, 11]
        .iter()
        .map(|n| action(&report, CHILD_Q, *n).rag)
        .collect();
    assert_eq!(
        rags,
        [
            Some(Rag::Green),
            Some(Rag::Amber),
            Some(Rag::Red),
            Some(Rag::Red),
            Some(Rag::Amber),
            Some(Rag::Green)
        ]
    );
    assert_eq!(
        row(&report, CHILD_Q, 7).warnings,
        ["RAG read from the cell's colour: Red"]
    );
    let first = action(&report, CHILD_Q, 5);
    assert_eq!(
        first.reference, "IMP-CHILDQ-1",
        "made, as the tracker has none"
    );
    assert!(first.reference_made);
    assert_eq!(first.lead_officer, "Detective Inspector, Safeguarding");
    assert_eq!(first.status, ActionStatus::InProgress);
    assert_eq!(
        first.evidence_completion,
        "Update Q3: Briefings delivered to 3 teams"
    );
    assert_eq!(action(&report, CHILD_Q, 9).status, ActionStatus::NotStarted);
    assert_eq!(
        action(&report, CHILD_Q, 10).status,
        ActionStatus::InProgress,
        "rated but with no status: under way"
    );

    // Words for dates: kept, flagged, the target set to the import day.
    let tbc = row(&report, CHILD_Q, 12);
    let audit = tbc.action.as_ref().expect("action");
    assert_eq!(audit.target_date, today());
    assert_eq!(audit.target_text.as_deref(), Some("TBC"));
    assert!(audit
        .evidence_completion
        .contains("Target date in the imported tracker: TBC"));
    assert!(tbc
        .warnings
        .iter()
        .any(|w| w.starts_with("Target date \"TBC\" is not a date")));
    // "Complete" with evidence: complete, awaiting evidence of impact; the
    // RAG "Complete" (Blue) needs sign-off, so it is Green, with a warning.
    assert_eq!(audit.status, ActionStatus::CompleteAwaitingImpact);
    assert_eq!(audit.rag, Some(Rag::Green));
    assert!(tbc
        .warnings
        .iter()
        .any(|w| w.starts_with("Blue (complete and embedded)")));
    let ongoing = action(&report, CHILD_Q, 13);
    assert_eq!(ongoing.target_text.as_deref(), Some("Ongoing"));
    assert_eq!(ongoing.status, ActionStatus::Paused, "On hold");
    assert!(ongoing
        .evidence_completion
        .contains("Comments: Awaiting funding"));

    // Skipped, with the reason: a team for an officer; an update with no action.
    let team = row(&report, CHILD_Q, 14);
    assert_eq!(team.outcome, RowOutcome::Skipped);
    assert_eq!(
        team.reason.as_deref(),
        Some("Name the lead officer's role (such as Head of Safeguarding), not a team")
    );
    let update_only = row(&report, CHILD_Q, 15);
    assert_eq!(
        update_only.reason.as_deref(),
        Some("there is no action in this row")
    );

    // The second sheet: a revised date, a pair of ratings, a recommendation on its own.
    let pathway = action(&report, ADULT_X, 4);
    assert_eq!(pathway.reference, "IMP-ADULTXSARACTIONS-1");
    assert_eq!(
        (pathway.target_date, pathway.revised_target_date),
        (date("2022-09-30"), Some(date("2022-12-31")))
    );
    assert_eq!(
        (pathway.lead_agency.as_str(), pathway.lead_officer.as_str()),
        ("Adult social care", "Head of adult safeguarding")
    );
    let pair = row(&report, ADULT_X, 5);
    assert_eq!(pair.action.as_ref().and_then(|a| a.rag), Some(Rag::Amber));
    assert!(
        pair.warnings[0].contains("the more cautious"),
        "{:?}",
        pair.warnings
    );
    let only = row(&report, ADULT_X, 6);
    assert_eq!(only.outcome, RowOutcome::Imported);
    assert!(only.action.is_none());
    assert_eq!(only.recommendations[0].reference, "R2");

    assert_eq!(
        report.counts,
        ImportCounts {
            rows: 13,
            imported: 11,
            skipped: 2,
            // A colour read, TBC, Blue, Ongoing, a pair of ratings, a
            // recommendation with no action, and the instructions sheet.
            warnings: 7,
            sources: 0,
            recommendations: 5,
            actions: 10,
        }
    );
}

#[test]
fn the_import_writes_what_the_preview_showed_and_remembers_the_mapping() {
    let mut reg = register();
    let f = files();
    let before_changes = reg.changes(None).expect("changes").len();
    let plan = reg
        .plan_import(&f.xlsx, &ImportOptions::default(), today())
        .expect("plan");
    let done = reg.apply_import(&plan, today()).expect("import");
    assert!(done.written);
    assert_eq!(done.rows, plan.rows, "what was shown is what was written");

    let actions = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    assert_eq!(actions.len(), 10);
    let first = reg.action("IMP-CHILDQ-1").expect("imported");
    assert_eq!(first.answers[0].source_code, "Child Q");
    assert_eq!(first.answers[0].reference, "1");
    assert_eq!(first.rag, Some(Rag::Green));
    assert_eq!(first.agreed_on, today());
    let audit = reg.action("IMP-CHILDQ-7").expect("imported");
    assert_eq!(audit.status, ActionStatus::CompleteAwaitingImpact);
    let pathway = reg.action("IMP-ADULTXSARACTIONS-1").expect("imported");
    assert_eq!(pathway.target_date, date("2022-12-31"));
    assert_eq!(
        pathway.history[0].previous.as_deref(),
        Some("2022-09-30"),
        "the original target is kept in the history"
    );
    let recs = reg.list_recommendations().expect("recs");
    assert_eq!(recs.len(), 5);
    assert!(recs
        .iter()
        .any(|r| r.source_code == "Adult X" && r.reference == "R2"));
    assert!(
        reg.changes(None).expect("changes").len() > before_changes + 15,
        "every record is in the change log"
    );
    assert!(
        reg.check().expect("check").ok,
        "the audit chain still verifies"
    );

    // The same layout again: the mapping is remembered, and the rows are
    // refused as already imported rather than added twice.
    let again = reg
        .plan_import(&f.xlsx, &ImportOptions::default(), today())
        .expect("plan");
    assert_eq!(again.sheets[0].mapping_from, MappingSource::Remembered);
    assert_eq!(again.sheets[1].mapping_from, MappingSource::Remembered);
    assert_eq!(again.counts.actions, 0);
    assert_eq!(
        row(&again, CHILD_Q, 5).reason.as_deref(),
        Some("there is already an action IMP-CHILDQ-1 in the register")
    );
}

#[test]
fn a_failure_part_way_leaves_the_register_exactly_as_it_was() {
    let mut reg = register();
    let f = files();
    let plan = reg
        .plan_import(&f.xlsx, &ImportOptions::default(), today())
        .expect("plan");
    assert_eq!(action(&plan, CHILD_Q, 9).reference, "IMP-CHILDQ-4");
    // Between the preview and the confirmation, someone adds an action with
    // the reference row 9 was going to get.
    let rec = reg
        .add_recommendation(&crate::recommendations::RecommendationInput {
            source: "Child Q".into(),
            reference: "9".into(),
            text: "Added by hand after the preview".into(),
            ..Default::default()
        })
        .expect("rec");
    reg.add_action(
        &ActionInput {
            reference: "IMP-CHILDQ-4".into(),
            text: "Added by hand".into(),
            lead_agency: "Police".into(),
            lead_officer: "Inspector".into(),
            target: DateInput::from_iso("2025-12-31").expect("iso"),
            answers: vec![rec.id.to_string()],
            ..ActionInput::default()
        },
        today(),
    )
    .expect("action");
    let before = snapshot(&reg);
    let err = reg.apply_import(&plan, today()).expect_err("must fail");
    assert_eq!(err.code(), crate::error::ErrorCode::ImportFailed);
    let message = err.to_string();
    assert!(
        message.starts_with("Row 9 of sheet \"Child Q\" could not be imported: There is already an action IMP-CHILDQ-4."),
        "{message}"
    );
    assert!(message.ends_with("Nothing was imported: the register is as it was."));
    assert_eq!(
        snapshot(&reg),
        before,
        "rows 5 to 7 were written before row 9 failed, and were rolled back with it"
    );
    let remembered: i64 = reg
        .conn()
        .query_row("SELECT count(*) FROM import_mappings", [], |r| r.get(0))
        .expect("count");
    assert_eq!(remembered, 0, "a failed import remembers no mapping");
    assert!(reg.check().expect("check").ok);
}

#[test]
fn an_import_that_is_written_cannot_be_written_again() {
    let mut reg = register();
    let f = files();
    let plan = reg
        .plan_import(&f.csv, &ImportOptions::default(), today())
        .expect("plan");
    let done = reg.apply_import(&plan, today()).expect("import");
    let err = reg.apply_import(&done, today()).expect_err("refused");
    assert_eq!(err.code(), crate::error::ErrorCode::InvalidTransition);
}

#[test]
fn a_corrected_mapping_is_used_checked_and_remembered() {
    let mut reg = register();
    let f = files();
    let options = ImportOptions {
        sheet: Some("child q".into()),
        ..ImportOptions::default()
    };
    let plan = reg.plan_import(&f.xlsx, &options, today()).expect("plan");
    assert_eq!(plan.sheets.len(), 1, "only the sheet asked for");
    let mut mapping = plan.sheets[0].mapping.clone().expect("mapping");
    // The user says column G is not a RAG rating after all.
    mapping.columns[6].field = None;
    let corrected = ImportOptions {
        mappings: vec![mapping.clone()],
        ..options.clone()
    };
    let plan = reg.plan_import(&f.xlsx, &corrected, today()).expect("plan");
    assert_eq!(plan.sheets[0].mapping_from, MappingSource::Corrected);
    assert_eq!(action(&plan, CHILD_Q, 5).rag, None);
    reg.apply_import(&plan, today()).expect("import");
    let remembered = reg.plan_import(&f.xlsx, &options, today()).expect("plan");
    assert_eq!(remembered.sheets[0].mapping_from, MappingSource::Remembered);
    assert_eq!(
        remembered.sheets[0]
            .mapping
            .as_ref()
            .map(|m| m.columns[6].field),
        Some(None),
        "the correction is what is remembered"
    );

    // One action column only; the message names both columns.
    let mut twice = mapping;
    twice.columns[3].field = Some(ImportField::Action);
    let Err(Error::Validation(fields)) = reg.plan_import(
        &f.xlsx,
        &ImportOptions {
            mappings: vec![twice],
            ..ImportOptions::default()
        },
        today(),
    ) else {
        panic!("a field given twice is refused");
    };
    assert_eq!(
        fields[0].message,
        "Sheet \"Child Q\": Action is given to columns C and D; choose one"
    );
}

#[test]
fn review_and_sheet_options_are_checked() {
    let mut reg = register();
    let f = files();
    let err = reg
        .plan_import(
            &f.xlsx,
            &ImportOptions {
                sheet: Some("Summary".into()),
                ..ImportOptions::default()
            },
            today(),
        )
        .expect_err("no such sheet");
    assert_eq!(
        err.to_string(),
        "Trackers 2022.xlsx has no sheet \"Summary\"; its sheets are \"Child Q\", \"Adult X – SAR actions\", \"Instructions\""
    );
    let err = reg
        .plan_import(
            &f.xlsx,
            &ImportOptions {
                review: Some("Case ZZ".into()),
                ..ImportOptions::default()
            },
            today(),
        )
        .expect_err("no such review");
    assert_eq!(
        err.to_string(),
        "There is no case or source \"Case ZZ\" in the register"
    );

    // --review puts every row under one case, whatever the sheets are called.
    let plan = reg
        .plan_import(
            &f.csv,
            &ImportOptions {
                review: Some("child q".into()),
                ..ImportOptions::default()
            },
            today(),
        )
        .expect("plan");
    assert!(plan.new_sources.is_empty());
    assert!(plan
        .rows
        .iter()
        .flat_map(|r| &r.recommendations)
        .all(|r| r.source == "Child Q"));
    reg.apply_import(&plan, today()).expect("import");
    assert_eq!(
        reg.find_recommendation("Child Q", "2").expect("rec").text,
        "GPs should flag children not brought to appointments."
    );
}

#[test]
fn a_csv_in_excels_code_page_becomes_a_new_source() {
    let mut reg = register();
    let f = files();
    let plan = reg
        .plan_import(&f.csv, &ImportOptions::default(), today())
        .expect("plan");
    let sheet = &plan.sheets[0];
    assert_eq!(
        sheet.sheet, "SCR W12",
        "a CSV's one sheet is named after the file"
    );
    assert_eq!(sheet.mapping.as_ref().map(|m| m.header_row), Some(2));
    assert!(sheet.new_review);
    assert!(sheet.notes[0].starts_with("\"SCR W12\" is not a case or source in the register"));
    assert_eq!(plan.new_sources, ["SCR W12"]);
    let dates: Vec<NaiveDate> = [3, 4, 6, 7]
        .iter()
        .map(|n| action(&plan, "SCR W12", *n).target_date)
        .collect();
    assert_eq!(
        dates,
        [
            date("2022-03-31"),
            date("2022-06-30"),
            date("2022-06-30"),
            today()
        ]
    );
    let audit = action(&plan, "SCR W12", 4);
    assert_eq!(
        audit.evidence_completion, "Comments: Audit booked; report due – June",
        "Windows-1252 dashes read as dashes"
    );
    assert_eq!(action(&plan, "SCR W12", 6).rag, Some(Rag::Red));
    assert_eq!(plan.counts.imported, 4);

    reg.apply_import(&plan, today()).expect("import");
    let recs = reg.list_recommendations().expect("recs");
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].source_code, "SCR W12");
    assert_eq!(
        recs[0].source_kind,
        crate::recommendations::SourceKind::ThematicReview
    );
    assert_eq!(recs[0].source_title, "SCR W12 (from an imported tracker)");
}

#[test]
fn files_that_are_not_spreadsheets_are_refused_with_their_own_code() {
    let reg = register();
    let dir = tempfile::tempdir().expect("dir");
    let pdf = fixtures::write(dir.path(), "minutes.pdf", b"%PDF-1.7\n\x00\x01\x02binary");
    let zip = fixtures::write(
        dir.path(),
        "photos.xlsx",
        b"PK\x03\x04 not really a workbook",
    );
    for path in [pdf, zip] {
        let err = reg
            .plan_import(&path, &ImportOptions::default(), today())
            .expect_err("refused");
        assert_eq!(
            err.code(),
            crate::error::ErrorCode::NotASpreadsheet,
            "{err}"
        );
    }
    let missing = dir.path().join("missing.xlsx");
    let err = reg
        .plan_import(&missing, &ImportOptions::default(), today())
        .expect_err("refused");
    assert_eq!(err.code(), crate::error::ErrorCode::Io);
}

#[test]
fn rows_repeating_a_recommendation_reference_link_to_the_first() {
    let mut reg = register();
    let dir = tempfile::tempdir().expect("dir");
    let csv = "Recommendation,Action,Lead agency,Lead officer,Target date\n\
Share information the same day,Agree a protocol,Police,Inspector,31/03/2023\n\
Train staff on escalation,Deliver training,Health,Named nurse,31/03/2023\n\
Share information the same day,Audit the protocol,Police,Inspector,30/06/2023\n";
    let path = fixtures::write(dir.path(), "Child Q.csv", csv.as_bytes());
    let plan = reg
        .plan_import(&path, &ImportOptions::default(), today())
        .expect("plan");
    let refs: Vec<(&str, bool)> = plan
        .rows
        .iter()
        .map(|r| {
            (
                r.recommendations[0].reference.as_str(),
                r.recommendations[0].new,
            )
        })
        .collect();
    assert_eq!(
        refs,
        [("R1", true), ("R2", true), ("R1", false)],
        "references are made for recommendations with none, once per text"
    );
    reg.apply_import(&plan, today()).expect("import");
    let shared = reg.find_recommendation("Child Q", "R1").expect("rec");
    let answering = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions")
        .into_iter()
        .filter(|a| a.answers.iter().any(|x| x.recommendation_id == shared.id))
        .count();
    assert_eq!(answering, 2);
}

/// The app's own export, imported into an empty register and exported
/// again, gives the same rows in every column the import can carry: the
/// quarter-review columns (latest update, change since the previous quarter,
/// escalation) record reviews that happened in the first register, which an
/// import does not invent.
#[test]
fn the_apps_own_export_round_trips() {
    let demo_day = NaiveDate::from_ymd_opt(2025, 9, 1).expect("date");
    let mut demo = Register::in_memory("Subgroup chair").expect("register");
    crate::demo::load(&mut demo, demo_day).expect("demo");
    let first = demo
        .tracker(&TrackerOptions::default(), demo_day)
        .expect("tracker");
    let bytes = exports::tracker_bytes(&first, ExportFormat::Xlsx).expect("xlsx");
    let dir = tempfile::tempdir().expect("dir");
    let path = fixtures::write(dir.path(), "tracker.xlsx", &bytes);

    let mut empty = Register::in_memory("Business officer").expect("register");
    let plan = empty
        .plan_import(&path, &ImportOptions::default(), demo_day)
        .expect("plan");
    assert_eq!(plan.counts.skipped, 0, "{:#?}", plan.rows);
    assert_eq!(plan.counts.actions, 5);
    assert_eq!(
        plan.sheets[1].mapping_from,
        MappingSource::None,
        "the summary sheet's tables of counts are not a tracker"
    );
    empty.apply_import(&plan, demo_day).expect("import");
    let second = empty
        .tracker(&TrackerOptions::default(), demo_day)
        .expect("tracker");
    let carried = |t: &exports::Tracker| {
        t.rows
            .iter()
            .map(|r| {
                (
                    r.reviews.clone(),
                    r.recommendations.clone(),
                    r.action_reference.clone(),
                    r.action.clone(),
                    (r.lead_agency.clone(), r.lead_officer.clone()),
                    (r.target_date, r.revised_target_date),
                    (r.status, r.rag, r.overdue),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(carried(&second), carried(&first));

    // And cell by cell in the workbooks, columns A (reviews) to L (overdue).
    let again = exports::tracker_bytes(&second, ExportFormat::Xlsx).expect("xlsx");
    let read = |bytes: &[u8]| -> Vec<Vec<String>> {
        let sheets = workbook::from_bytes("t.xlsx", "t", bytes).expect("read");
        sheets[0]
            .rows
            .iter()
            .map(|r| r.iter().take(12).map(|c| c.text.clone()).collect())
            .collect()
    };
    assert_eq!(read(&again), read(&bytes));
}

#[test]
fn a_report_sent_to_the_preview_and_back_can_be_confirmed() {
    let mut reg = register();
    let f = files();
    let plan = reg
        .plan_import(&f.csv, &ImportOptions::default(), today())
        .expect("plan");
    let json = serde_json::to_string(&plan).expect("to JSON");
    let back: ImportReport = serde_json::from_str(&json).expect("from JSON");
    assert_eq!(back, plan);
    let done = reg.apply_import(&back, today()).expect("import");
    assert_eq!(done.counts.actions, 4);
}

#[test]
fn an_older_register_gains_the_remembered_mappings_table() {
    let mut conn = rusqlite::Connection::open_in_memory().expect("db");
    crate::migrations::migrate_to(&mut conn, 6).expect("schema 6");
    let tables = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'import_mappings'",
            [],
            |r| r.get(0),
        )
        .expect("count")
    };
    assert_eq!(tables(&conn), 0);
    crate::migrations::migrate(&mut conn).expect("upgrade");
    assert_eq!(tables(&conn), 1);
    assert_eq!(
        crate::migrations::version(&conn).expect("version"),
        crate::migrations::LATEST
    );
}
