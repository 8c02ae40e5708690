//! Whole-register export and import: round trips of the demo register and of
//! synthetic ones (JSON and CSV) give the same files again; sensitive fields
//! stay out unless ticked; and every bad import is refused with its own code,
//! leaving the register exactly as it was.

use std::io::{Cursor, Read};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::error::ErrorCode;
use crate::synthetic::{self, SyntheticSize};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
}

const WHO: &str = "Subgroup chair";

const ALL: RegisterExportOptions = RegisterExportOptions {
    include_sensitive: true,
};

fn empty() -> Register {
    Register::in_memory(WHO).expect("register")
}

fn demo() -> Register {
    let mut reg = empty();
    crate::demo::load(&mut reg, today()).expect("demo");
    reg
}

fn synthetic(size: &SyntheticSize) -> Register {
    let mut reg = empty();
    synthetic::generate(&mut reg, size, today()).expect("generates");
    reg
}

/// The file's lines without the one carrying `generated_at`: the only part
/// of an export that may differ between two exports of the same register.
fn unstamped(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"generated_at\""))
        .map(str::to_owned)
        .collect()
}

/// A CSV zip's entries in order: (name, lines without the time stamp).
fn entries(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).expect("entry");
            let mut body = Vec::new();
            file.read_to_end(&mut body).expect("read");
            (file.name().to_owned(), unstamped(&body))
        })
        .collect()
}

/// Exports `reg` in `format`, imports that into an empty register, exports
/// again and checks the two files are the same apart from the time stamp.
fn round_trip(reg: &Register, format: RegisterFormat) -> Register {
    let first = reg.register_export_bytes(format, &ALL).expect("export");
    let mut copy = empty();
    let report = copy
        .import_register_bytes(&first, "export")
        .expect("imports into an empty register");
    assert!(report.records > 0);
    let second = copy
        .register_export_bytes(format, &ALL)
        .expect("export again");
    match format {
        RegisterFormat::Json => assert_eq!(
            unstamped(&first),
            unstamped(&second),
            "the imported register must export exactly as the original did"
        ),
        RegisterFormat::Csv => assert_eq!(
            entries(&first),
            entries(&second),
            "the imported register must export exactly as the original did"
        ),
    }
    copy
}

fn json_of(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("JSON")
}

#[test]
fn the_demo_register_comes_back_whole_from_json_and_from_csv() {
    let reg = demo();
    for format in [RegisterFormat::Json, RegisterFormat::Csv] {
        let copy = round_trip(&reg, format);
        assert_eq!(
            copy.list_cases().expect("cases"),
            reg.list_cases().expect("cases"),
            "same cases, ids and all ({format:?})"
        );
        assert!(copy.is_demo().expect("flag"), "the demo flag comes across");
    }
    // The demo fills most entities; a round trip of empty tables would prove little.
    let file = json_of(
        &reg.register_export_bytes(RegisterFormat::Json, &ALL)
            .expect("export"),
    );
    let filled = file["counts"]
        .as_object()
        .expect("counts")
        .values()
        .filter(|n| n.as_u64() > Some(0))
        .count();
    assert!(
        filled >= 15,
        "only {filled} entities have records in the demo"
    );
}

#[test]
fn a_synthetic_register_comes_back_whole() {
    let reg = synthetic(&SyntheticSize {
        cases: 12,
        actions_per_case: 3,
        quarters: 6,
        seed: 11,
    });
    round_trip(&reg, RegisterFormat::Json);
    round_trip(&reg, RegisterFormat::Csv);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
    #[test]
    fn any_synthetic_register_round_trips(
        seed in 0_u64..1_000,
        cases in 1_u32..8,
        actions_per_case in 1_u32..4,
        quarters in 1_u32..6,
        csv in any::<bool>(),
    ) {
        let reg = synthetic(&SyntheticSize { cases, actions_per_case, quarters, seed });
        let format = if csv { RegisterFormat::Csv } else { RegisterFormat::Json };
        round_trip(&reg, format);
    }
}

#[test]
fn the_file_says_what_it_is_and_how_it_is_marked() {
    let file = json_of(
        &demo()
            .register_export_bytes(RegisterFormat::Json, &ALL)
            .expect("export"),
    );
    assert_eq!(file["format"], FORMAT_NAME);
    assert_eq!(file["format_version"], FORMAT_VERSION);
    assert_eq!(file["schema_version"], migrations::LATEST);
    assert_eq!(file["classification"], "OFFICIAL-SENSITIVE");
    assert_eq!(file["sensitive_included"], true);
    assert_eq!(file["demo"], true);
    assert!(file["entities"]["cases"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
    assert!(
        file["entities"].get("change_log").is_none(),
        "the change log is not exported (its snapshots would carry every sensitive field)"
    );
    let csv = demo()
        .register_export_bytes(RegisterFormat::Csv, &ALL)
        .expect("export");
    let names: Vec<String> = entries(&csv).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.first().map(String::as_str), Some("manifest.json"));
    assert!(names.contains(&"cases.csv".to_owned()));
    assert_eq!(names.len(), entities::ENTITIES.len() + 1, "{names:?}");
}

#[test]
fn every_table_of_the_schema_is_exported_or_left_out_on_purpose() {
    let reg = empty();
    for name in table::schema_tables(reg.conn()).expect("tables") {
        let exported = entities::find(&name).is_some();
        let left_out = entities::LEFT_OUT.iter().any(|(t, _)| *t == name);
        assert!(
            exported != left_out,
            "{name} must be either exported or deliberately left out (transfer/entities.rs)"
        );
    }
    for entity in entities::ENTITIES {
        assert!(
            !table::columns(reg.conn(), entity.name)
                .expect("columns")
                .is_empty(),
            "{} is not a table of the schema",
            entity.name
        );
    }
}

#[test]
fn sensitive_text_is_left_out_unless_ticked() {
    let reg = demo();
    let summary = reg
        .list_cases()
        .expect("cases")
        .into_iter()
        .map(|c| c.summary)
        .find(|s| s.len() > 20)
        .expect("a demo case with a summary");
    for format in [RegisterFormat::Json, RegisterFormat::Csv] {
        let without = reg
            .register_export_bytes(format, &RegisterExportOptions::default())
            .expect("export");
        let with = reg.register_export_bytes(format, &ALL).expect("export");
        let text = |bytes: &[u8]| match format {
            RegisterFormat::Json => String::from_utf8_lossy(bytes).into_owned(),
            RegisterFormat::Csv => entries(bytes)
                .into_iter()
                .flat_map(|(_, lines)| lines)
                .collect::<Vec<_>>()
                .join("\n"),
        };
        assert!(
            !text(&without).contains(&summary),
            "{format:?} leaks a case summary"
        );
        assert!(
            text(&with).contains(&summary),
            "{format:?} ticked must carry it"
        );
        assert!(text(&without).contains("\"sensitive_included\": false"));
        assert!(
            text(&without).contains("cases.summary"),
            "says what was left out"
        );
    }
    let file = json_of(
        &reg.register_export_bytes(RegisterFormat::Json, &RegisterExportOptions::default())
            .expect("export"),
    );
    let case = &file["entities"]["cases"][0];
    assert!(case.get("summary").is_none() && case.get("code").is_some());
}

/// Changes to the log and records in the register: both unchanged proves a
/// refused import wrote nothing.
fn footprint(reg: &Register) -> (usize, usize) {
    (
        reg.changes(None).expect("log").len(),
        reg.list_cases().expect("cases").len(),
    )
}

fn refused(reg: &mut Register, bytes: &[u8]) -> ErrorCode {
    let before = footprint(reg);
    let err = reg
        .import_register_bytes(bytes, "edited.json")
        .expect_err("must be refused");
    assert_eq!(footprint(reg), before, "a refused import writes nothing");
    assert!(err.to_string().contains("Nothing was imported"), "{err}");
    err.code()
}

fn edited(bytes: &[u8], change: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut file = json_of(bytes);
    change(&mut file);
    serde_json::to_vec(&file).expect("JSON")
}

#[test]
fn the_import_is_recorded_and_a_second_one_is_refused() {
    let bytes = demo()
        .register_export_bytes(RegisterFormat::Json, &ALL)
        .expect("export");
    let mut copy = empty();
    copy.import_register_bytes(&bytes, "export.json")
        .expect("imports");
    let last = copy.changes(None).expect("log").pop().expect("an entry");
    assert_eq!(
        (last.entity.as_str(), last.action.as_str()),
        ("register", "update")
    );
    assert!(last
        .after
        .is_some_and(|a| a["imported"]["records"].as_u64() > Some(0)));
    assert!(
        copy.check().expect("check").ok,
        "the audit chain still verifies"
    );
    assert_eq!(refused(&mut copy, &bytes), ErrorCode::NotEmpty);
    assert_eq!(refused(&mut demo(), &bytes), ErrorCode::NotEmpty);
}

#[test]
fn bad_files_are_refused_with_their_own_codes_and_nothing_written() {
    let good = demo()
        .register_export_bytes(RegisterFormat::Json, &ALL)
        .expect("export");
    let mut reg = empty();
    let newer_format = edited(&good, |f| f["format_version"] = (FORMAT_VERSION + 1).into());
    assert_eq!(refused(&mut reg, &newer_format), ErrorCode::ExportTooNew);
    let newer_schema = edited(&good, |f| {
        f["schema_version"] = (migrations::LATEST + 1).into()
    });
    assert_eq!(refused(&mut reg, &newer_schema), ErrorCode::ExportTooNew);
    assert_eq!(
        refused(&mut reg, &good[..good.len() / 2]),
        ErrorCode::NotAnExport
    );
    assert_eq!(
        refused(&mut reg, b"{\"cases\": []}"),
        ErrorCode::NotAnExport
    );
    assert_eq!(
        refused(&mut reg, b"PK\x03\x04 not really"),
        ErrorCode::NotAnExport
    );
    // A record removed by hand: the counts no longer agree.
    let cut = edited(&good, |f| {
        f["entities"]["cases"].as_array_mut().expect("cases").pop();
    });
    assert_eq!(refused(&mut reg, &cut), ErrorCode::NotAnExport);
    // Removed with its count too: its journey steps now refer to nothing.
    let dangling = edited(&good, |f| {
        let cases = f["entities"]["cases"].as_array_mut().expect("cases");
        cases.remove(0);
        let n = cases.len();
        f["counts"]["cases"] = n.into();
    });
    assert_eq!(refused(&mut reg, &dangling), ErrorCode::ImportFailed);
    // A value the schema refuses, deep in the file.
    let wrong = edited(&good, |f| {
        f["entities"]["cases"][1]["kind"] = "martian".into()
    });
    assert_eq!(refused(&mut reg, &wrong), ErrorCode::ImportFailed);
    let lacking = edited(&good, |f| {
        for case in f["entities"]["cases"].as_array_mut().expect("cases") {
            case.as_object_mut().expect("record").remove("stage");
        }
    });
    assert_eq!(refused(&mut reg, &lacking), ErrorCode::NotAnExport);
    let identity = edited(&good, |f| {
        f["entities"]["meta"]
            .as_array_mut()
            .expect("meta")
            .push(serde_json::json!({"key": "user_name", "value": "someone else"}));
        f["counts"]["meta"] = (f["entities"]["meta"].as_array().map_or(0, Vec::len)).into();
    });
    assert_eq!(refused(&mut reg, &identity), ErrorCode::NotAnExport);
    let without = demo()
        .register_export_bytes(RegisterFormat::Json, &RegisterExportOptions::default())
        .expect("export");
    assert_eq!(refused(&mut reg, &without), ErrorCode::ExportIncomplete);
    // And after all that, the good file still goes in.
    reg.import_register_bytes(&good, "export.json")
        .expect("imports");
}

#[test]
fn a_damaged_csv_zip_is_refused() {
    let good = demo()
        .register_export_bytes(RegisterFormat::Csv, &ALL)
        .expect("export");
    let mut reg = empty();
    assert_eq!(
        refused(&mut reg, &good[..good.len() - 40]),
        ErrorCode::NotAnExport
    );
    let without = demo()
        .register_export_bytes(RegisterFormat::Csv, &RegisterExportOptions::default())
        .expect("export");
    assert_eq!(refused(&mut reg, &without), ErrorCode::ExportIncomplete);
    reg.import_register_bytes(&good, "export.zip")
        .expect("imports");
}

#[test]
fn format_words_are_checked() {
    assert!(matches!(
        RegisterFormat::parse(" CSV "),
        Ok(RegisterFormat::Csv)
    ));
    assert!(RegisterFormat::parse("xlsx").is_err());
}
