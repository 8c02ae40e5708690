//! `casereview import` on real encrypted registers: a dry run writes
//! nothing, an import writes every row it showed, files that are not
//! spreadsheets (or reach too far to read) are refused with their own code,
//! the `--json` report's shape, and a round trip through the tracker export.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use rust_xlsxwriter::{Color, Format, Workbook};

use crate::util::{read_all, Sandbox};

/// A register with the case Child Q.
fn register() -> Sandbox {
    let sb = Sandbox::create();
    sb.init();
    sb.run(&[
        "case",
        "new",
        "--code",
        "Child Q",
        "--kind",
        "child",
        "--referred",
        "2021-05-04",
    ])
    .success();
    sb
}

/// A small messy tracker: a title row, the header on row 3 with names of
/// its own, a recommendation merged over two actions, a blank separator, a
/// RAG shown only by colour, "TBC" for a date, a row a register must refuse,
/// and a second sheet for a review the register does not have.
fn tracker(dir: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let amber = Format::new().set_background_color(Color::RGB(0xFFC000));
    let sheet = book.add_worksheet();
    sheet.set_name("Child Q").expect("name");
    let rows: [&[&str]; 7] = [
        &["Child Q: LCSPR action plan"],
        &[],
        &[
            "Rec No.",
            "Recommendation",
            "Action to be taken",
            "Lead Agency",
            "Responsible Officer",
            "Timescale",
            "RAG",
            "Progress Update",
        ],
        &[
            "1",
            "",
            "Deliver exploitation training",
            "Police",
            "Detective Inspector",
            "31/03/2022",
            "Green",
            "Two sessions held",
        ],
        &[
            "",
            "",
            "Audit return-home interviews",
            "Children's services",
            "Head of service",
            "Q4 2021/22",
            "",
            "",
        ],
        &[],
        &[
            "2",
            "Schools should share missing episodes the same day.",
            "Agree a protocol",
            "Education",
            "all agencies",
            "TBC",
            "R",
            "",
        ],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32, c as u16, *text).expect("cell");
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
    sheet.write_blank(4, 6, &amber).expect("fill");
    let other = book.add_worksheet();
    other.set_name("SAR Y").expect("name");
    for (c, text) in [
        "Action(s)",
        "Lead",
        "Lead agency",
        "Deadline",
        "Recommendation",
        "Status",
    ]
    .iter()
    .enumerate()
    {
        other.write_string(0, c as u16, *text).expect("cell");
    }
    for (c, text) in [
        "Review the self-neglect pathway",
        "Head of adult safeguarding",
        "Adult social care",
        "end of June 2022",
        "Escalate self-neglect concerns sooner.",
        "Ongoing",
    ]
    .iter()
    .enumerate()
    {
        other.write_string(1, c as u16, *text).expect("cell");
    }
    let path = dir.join("trackers.xlsx");
    book.save(&path).expect("saved");
    path
}

fn import(sb: &Sandbox, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    sb.cmd()
        .arg("--db")
        .arg(sb.db())
        .arg("import")
        .arg(file)
        .args(extra)
        .assert()
}

fn actions(sb: &Sandbox) -> Vec<serde_json::Value> {
    let out = sb
        .run(&["actions", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("actions --json is JSON")
}

#[test]
fn a_dry_run_shows_every_row_and_writes_nothing() {
    let sb = register();
    let file = tracker(sb.dir.path());
    let changes = sb.change_count();
    import(&sb, &file, &["--dry-run"])
        .success()
        .stdout(predicate::str::starts_with(
            "trackers.xlsx: 4 rows read, 3 to import, 1 skipped, 4 warnings.",
        ))
        .stdout(predicate::str::contains(
            "Sheet \"Child Q\": header on row 3, columns by their headings; rows go under Child Q.",
        ))
        .stdout(predicate::str::contains("  C Action to be taken → Action (1.00)"))
        .stdout(predicate::str::contains(
            "  Row 5: action IMP-CHILDQ-2, target 31 March 2022, In progress, amber, answering Child Q 1",
        ))
        .stdout(predicate::str::contains("    warning: RAG read from the cell's colour: Amber"))
        .stdout(predicate::str::contains(
            "  Row 7: skipped: Name the lead officer's role (such as Head of Safeguarding), not a team",
        ))
        .stdout(predicate::str::contains("New sources: SAR Y (to be registered as thematic reviews)."))
        .stdout(predicate::str::ends_with(
            "Dry run: nothing was written. Run again without --dry-run to import.\n",
        ));
    assert_eq!(sb.change_count(), changes, "a dry run writes nothing");
    assert!(actions(&sb).is_empty());
}

#[test]
fn an_import_writes_what_it_showed_and_not_twice() {
    let sb = register();
    let file = tracker(sb.dir.path());
    import(&sb, &file, &[])
        .success()
        .stdout(predicate::str::contains("3 imported, 1 skipped"))
        .stdout(predicate::str::ends_with(
            "Imported 3 actions, 2 new recommendations and 1 new source into the register.\n",
        ));
    let actions = actions(&sb);
    let refs: Vec<&str> = actions
        .iter()
        .map(|a| a["reference"].as_str().expect("reference"))
        .collect();
    assert_eq!(refs, ["IMP-CHILDQ-1", "IMP-CHILDQ-2", "IMP-SARY-1"]);
    assert_eq!(actions[0]["answers"][0]["source_code"], "Child Q");
    assert_eq!(actions[0]["rag"], "green");
    assert_eq!(
        actions[0]["evidence_completion"],
        "Progress Update: Two sessions held"
    );
    assert_eq!(actions[1]["target_date"], "2022-03-31", "Q4 2021/22");
    assert_eq!(actions[2]["status"], "in-progress");
    sb.run(&["check"]).success();

    // The same file again: the remembered mapping, and every row already there.
    let changes = sb.change_count();
    import(&sb, &file, &[])
        .success()
        .stdout(predicate::str::contains("columns as confirmed before"))
        .stdout(predicate::str::contains(
            "skipped: there is already an action IMP-CHILDQ-1 in the register",
        ))
        .stdout(predicate::str::ends_with(
            "Nothing to import: nothing was written.\n",
        ));
    assert_eq!(sb.change_count(), changes);
}

#[test]
fn a_tracker_with_values_far_beyond_its_table_is_refused_and_nothing_is_written() {
    let sb = register();
    let changes = sb.change_count();
    // A tracker, and "x" typed out in Excel's last column on a thousand rows
    // below it: read as a grid, 16 million blank cells, some 900 MB.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Child Q").expect("name");
    for (column, heading) in ["Action to be taken", "Lead Agency", "Timescale"]
        .into_iter()
        .enumerate()
    {
        sheet
            .write_string(0, column as u16, heading)
            .expect("write");
    }
    sheet.write_string(1, 0, "Deliver training").expect("write");
    for row in 10..1_010 {
        sheet.write_string(row, 16_383, "x").expect("write");
    }
    let path = sb.dir.path().join("stray.xlsx");
    book.save(&path).expect("save");
    import(&sb, &path, &[]).code(1).stderr(predicate::str::starts_with(
        "error: stray.xlsx is too large to import: reading its sheet \"Child Q\" only as far as cell XFD",
    ).and(predicate::str::contains("Ctrl+End goes to the last cell used")));
    import(&sb, &path, &["--json"])
        .code(1)
        .stderr(predicate::str::contains("\"code\":\"not_a_spreadsheet\""));
    assert_eq!(sb.change_count(), changes);
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused_and_nothing_is_written() {
    let sb = register();
    let changes = sb.change_count();
    let pdf = sb.dir.path().join("minutes.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\x00\x00binary").expect("write");
    import(&sb, &pdf, &[]).code(1).stderr(
        "error: minutes.pdf is not a spreadsheet: give an Excel workbook (.xlsx) or a CSV file.\n",
    );
    import(&sb, &pdf, &["--json"])
        .code(1)
        .stderr(predicate::str::contains("\"code\":\"not_a_spreadsheet\""));
    let notes = sb.dir.path().join("notes.txt");
    std::fs::write(
        &notes,
        "Minutes of the subgroup.\nNothing like a tracker here.\n",
    )
    .expect("write");
    import(&sb, &notes, &[])
        .code(1)
        .stderr(predicate::str::contains(
            "FILE: notes.txt has no sheet with a header row the importer recognises",
        ));
    import(&sb, &sb.dir.path().join("missing.xlsx"), &[])
        .code(1)
        .stderr(predicate::str::contains("FILE: There is no file"));
    let file = tracker(sb.dir.path());
    import(&sb, &file, &["--sheet", "Summary", "--review", "Case ZZ"])
        .code(1)
        .stderr(predicate::str::contains(
            "--review: There is no case or source \"Case ZZ\" in the register",
        ));
    import(&sb, &file, &["--sheet", "Summary"])
        .code(1)
        .stderr(predicate::str::contains(
        "--sheet: trackers.xlsx has no sheet \"Summary\"; its sheets are \"Child Q\", \"SAR Y\"",
    ));
    assert_eq!(sb.change_count(), changes);
}

#[test]
fn the_json_report_has_counts_sheets_and_rows() {
    let sb = register();
    let file = tracker(sb.dir.path());
    let out = import(&sb, &file, &["--dry-run", "--json", "--sheet", "child q"])
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(report["file"], "trackers.xlsx");
    assert_eq!(report["written"], false);
    assert_eq!(
        report["counts"],
        serde_json::json!({ "rows": 3, "imported": 2, "skipped": 1, "warnings": 2,
                            "sources": 0, "recommendations": 1, "actions": 2 })
    );
    let sheet = &report["sheets"][0];
    assert_eq!(sheet["sheet"], "Child Q");
    assert_eq!(sheet["mapping_from"], "proposed");
    assert_eq!(sheet["mapping"]["header_row"], 3);
    let column = &sheet["mapping"]["columns"][0];
    assert_eq!(column["letter"], "A");
    assert_eq!(column["header"], "Rec No.");
    assert_eq!(column["field"], "recommendation-ref");
    let row = &report["rows"][0];
    assert_eq!(
        (&row["sheet"], &row["row"], &row["outcome"]),
        (
            &serde_json::json!("Child Q"),
            &serde_json::json!(4),
            &serde_json::json!("imported")
        )
    );
    assert_eq!(row["recommendations"][0]["reference"], "1");
    assert_eq!(row["action"]["target_date"], "2022-03-31");
    assert_eq!(row["action"]["rag"], "green");
    let refused = &report["rows"][2];
    assert_eq!(refused["outcome"], "skipped");
    assert_eq!(refused["row"], 7);
    assert!(refused["reason"]
        .as_str()
        .is_some_and(|r| r.contains("not a team")));
    assert_eq!(refused["action"], serde_json::Value::Null);
}

#[test]
fn review_puts_every_row_under_one_case() {
    let sb = register();
    let file = tracker(sb.dir.path());
    import(&sb, &file, &["--review", "child q"])
        .success()
        .stdout(predicate::str::contains("rows go under Child Q."))
        .stdout(predicate::str::contains("New sources").not());
    let actions = actions(&sb);
    assert!(actions
        .iter()
        .all(|a| a["answers"][0]["source_code"] == "Child Q"));
}

/// Export the demo's tracker, import it into an empty register, export
/// again: the same rows in every column an import carries (the quarter
/// review columns record reviews held in the first register).
#[test]
fn the_demo_tracker_round_trips_through_export_and_import() {
    let demo = Sandbox::create();
    demo.init();
    demo.run(&["demo"]).success();
    let xlsx = demo.dir.path().join("tracker.xlsx");
    let first_csv = demo.dir.path().join("first.csv");
    for (format, out) in [("xlsx", &xlsx), ("csv", &first_csv)] {
        demo.cmd()
            .arg("--db")
            .arg(demo.db())
            .args(["export", "tracker", "--format", format, "--out"])
            .arg(out)
            .assert()
            .success();
    }
    let empty = Sandbox::create();
    empty.init();
    import(&empty, &xlsx, &[])
        .success()
        .stdout(predicate::str::contains("5 imported, 0 skipped"))
        .stdout(predicate::str::contains("Sheet \"Summary\": left out."));
    let second_csv = empty.dir.path().join("second.csv");
    empty
        .cmd()
        .arg("--db")
        .arg(empty.db())
        .args(["export", "tracker", "--format", "csv", "--out"])
        .arg(&second_csv)
        .assert()
        .success();
    let columns = |path: &Path| -> Vec<Vec<String>> {
        let bytes = std::fs::read(path).expect("written");
        let mut reader =
            csv::Reader::from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM"));
        // A (reviews) to L (overdue); M to O are the quarter-review columns.
        reader
            .records()
            .map(|r| r.expect("row").iter().take(12).map(str::to_owned).collect())
            .collect()
    };
    let (first, second) = (columns(&first_csv), columns(&second_csv));
    assert_eq!(first.len(), 5);
    assert_eq!(second, first);
}

#[test]
fn the_log_records_the_import_without_case_content() {
    let sb = register();
    let file = tracker(sb.dir.path());
    import(&sb, &file, &[]).success();
    let logs = read_all(&sb.log_dir());
    assert!(
        logs.contains("tracker import planned"),
        "the plan is logged"
    );
    assert!(logs.contains("tracker imported"), "the import is logged");
    for secret in ["Child Q", "SAR Y", "exploitation", "trackers.xlsx", "IMP-"] {
        assert!(
            !logs.contains(secret),
            "the log must not contain {secret:?}"
        );
    }
}

#[test]
fn map_corrects_columns_and_the_correction_is_remembered() {
    let sb = register();
    let file = tracker(sb.dir.path());
    let changes = sb.change_count();
    let map = [
        "--sheet",
        "Child Q",
        "--map",
        "rag=none",
        "--map",
        "Progress  Update=evidence-impact",
    ];
    import(&sb, &file, &[&map[..], &["--dry-run"]].concat())
        .success()
        .stdout(predicate::str::contains(
            "Sheet \"Child Q\": header on row 3, columns as corrected; rows go under Child Q.",
        ))
        .stdout(predicate::str::contains("  G RAG → not imported"))
        .stdout(predicate::str::contains(
            "  H Progress Update → Evidence of impact (1.00)",
        ))
        // Without the RAG column, row 5's colour is no longer read.
        .stdout(predicate::str::contains(
            "  Row 5: action IMP-CHILDQ-2, target 31 March 2022, Not started, answering Child Q 1",
        ))
        .stdout(predicate::str::contains("RAG read from the cell's colour").not());
    assert_eq!(sb.change_count(), changes, "a dry run writes nothing");

    import(&sb, &file, &map).success();
    let first = actions(&sb)
        .into_iter()
        .find(|a| a["reference"] == "IMP-CHILDQ-1")
        .expect("imported");
    assert!(
        first["evidence_impact"]
            .as_str()
            .is_some_and(|e| e.contains("Two sessions held")),
        "the update went where --map said: {first}"
    );
    assert!(
        first["rag"].is_null(),
        "the RAG column was left out: {first}"
    );
    // The next import of a tracker with these headings starts from the correction.
    import(&sb, &file, &["--sheet", "Child Q", "--dry-run"])
        .success()
        .stdout(predicate::str::contains("columns as confirmed before"))
        .stdout(predicate::str::contains("  G RAG → not imported"));
}

#[test]
fn a_bad_map_is_refused_with_every_mistake_and_nothing_is_written() {
    let sb = register();
    let file = tracker(sb.dir.path());
    let changes = sb.change_count();
    // Named before the passphrase is asked for: no passphrase in the environment.
    sb.cmd()
        .env_remove("CASEREVIEW_PASSPHRASE")
        .arg("--db")
        .arg(sb.db())
        .args(["import"])
        .arg(&file)
        .args(["--map", "Timescale", "--map", "RAG=colour"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--map: Give \"Column header=field\", such as \"Responsible Officer=lead-officer\" (not \"Timescale\")",
        ))
        .stderr(predicate::str::contains(
            "--map: \"RAG=colour\": \"colour\" is not a field; the fields are review, recommendation-ref,",
        ));
    import(&sb, &file, &["--map", "Owner=lead-officer"])
        .code(1)
        .stderr(predicate::str::contains(
            "--map: \"Owner\": no column has that heading; the headings are \"Rec No.\", \"Recommendation\"",
        ));
    // A one-column field given to another column moves there.
    import(
        &sb,
        &file,
        &["--sheet", "SAR Y", "--map", "Lead=action", "--dry-run"],
    )
    .success()
    .stdout(predicate::str::contains("  B Lead → Action (1.00)"))
    .stdout(predicate::str::contains("  A Action(s) → not imported"));
    assert_eq!(sb.change_count(), changes);
}

#[test]
fn the_help_lists_every_field_map_takes() {
    let sb = Sandbox::create();
    let help = sb
        .cmd()
        .args(["import", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8_lossy(&help)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for field in [
        "review,",
        "recommendation-ref",
        "recommendation,",
        "action-ref",
        "action,",
        "lead-agency",
        "lead-officer",
        "target-date",
        "revised-target-date",
        "status,",
        "rag,",
        "update,",
        "evidence-completion",
        "evidence-impact",
        "comments,",
        "none",
    ] {
        assert!(help.contains(field), "--help names {field}: {help}");
    }
    assert!(help.contains("--map <HEADER=FIELD>"), "{help}");
}
