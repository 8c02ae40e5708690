//! The whole-register export and import under a watch: progress told, a
//! cancel leaving no file and the register as it was, the preview's counts.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::*;
use crate::error::ErrorCode;
use crate::exports::files_in;
use crate::jobs::JobProgress;
use crate::transfer::{entities, FORMAT_VERSION};

const ALL: RegisterExportOptions = RegisterExportOptions {
    include_sensitive: true,
};

fn empty() -> Register {
    Register::in_memory("Subgroup chair").expect("register")
}

fn demo() -> Register {
    let mut reg = empty();
    let today = NaiveDate::from_ymd_opt(2025, 9, 1).expect("date");
    crate::demo::load(&mut reg, today).expect("demo");
    reg
}

/// Runs `job` under a watch that sets the cancel flag once `stop` says so,
/// returning its result and every progress message heard.
fn watched<T>(
    stop: impl Fn(&JobProgress) -> bool,
    job: impl FnOnce(Watch<'_>) -> Result<T>,
) -> (Result<T>, Vec<JobProgress>) {
    let flag = AtomicBool::new(false);
    let heard = RefCell::new(Vec::new());
    let report = |p: JobProgress| {
        if stop(&p) {
            flag.store(true, Ordering::Relaxed);
        }
        heard.borrow_mut().push(p);
    };
    let result = job(Watch::new(&flag, &report));
    (result, heard.into_inner())
}

/// The log's length and whether the register is still empty: both as they
/// were proves an import wrote nothing.
fn footprint(reg: &Register) -> (usize, bool) {
    (
        reg.changes(None).expect("log").len(),
        load::ensure_empty(reg).is_ok(),
    )
}

#[test]
fn an_export_tells_each_entity_and_record_and_writes_the_file() {
    let reg = demo();
    let dir = tempfile::tempdir().expect("dir");
    for format in [RegisterFormat::Json, RegisterFormat::Csv] {
        let path = dir.path().join(format!("register.{}", format.as_str()));
        let (done, heard) = watched(
            |_| false,
            |w| reg.export_register_watched(format, &ALL, &path, false, w),
        );
        let done = done.expect("export");
        assert!(path.exists());
        let entities = entities::ENTITIES.len() as u64;
        assert!(
            heard
                .iter()
                .any(|p| p.stage == JobStage::Reading && p.done == entities && p.total == entities),
            "{format:?}: each entity read is told: {heard:?}"
        );
        let records = done.records as u64;
        assert!(records > 100, "the demo has many records");
        assert!(
            heard
                .iter()
                .any(|p| p.stage == JobStage::Writing && p.done == records && p.total == records),
            "{format:?}: every record written is told: {heard:?}"
        );
        let writing = heard
            .iter()
            .filter(|p| p.stage == JobStage::Writing)
            .count();
        assert!(
            (2..=102).contains(&writing),
            "{format:?}: about one message per percent: {writing}"
        );
        assert_eq!(heard.last().map(|p| p.stage), Some(JobStage::Saving));
        let copy = std::fs::read(&path).expect("file");
        assert_eq!(
            empty()
                .import_register_bytes(&copy, "copy")
                .expect("imports")
                .records,
            done.records
        );
    }
}

#[test]
fn a_cancelled_export_leaves_no_file_and_keeps_the_old_one() {
    let reg = demo();
    let dir = tempfile::tempdir().expect("dir");
    let fresh = dir.path().join("register.json");
    let kept = dir.path().join("kept.zip");
    std::fs::write(&kept, b"last year's export").expect("old file");
    for (format, path, stop_at) in [
        (RegisterFormat::Json, &fresh, JobStage::Reading),
        (RegisterFormat::Json, &fresh, JobStage::Writing),
        (RegisterFormat::Csv, &fresh, JobStage::Writing),
        (RegisterFormat::Csv, &kept, JobStage::Saving),
        (RegisterFormat::Json, &kept, JobStage::Saving),
    ] {
        let (result, _) = watched(
            |p| p.stage == stop_at && (stop_at == JobStage::Saving || p.done >= 2),
            |w| reg.export_register_watched(format, &ALL, path, true, w),
        );
        let err = result.expect_err("cancelled");
        assert_eq!(err.code(), ErrorCode::Cancelled, "{format:?} {stop_at:?}");
        assert_eq!(
            err.to_string(),
            "The export was cancelled: no file was written."
        );
        assert_eq!(
            files_in(dir.path()),
            ["kept.zip"],
            "{format:?} cancelled at {stop_at:?}: no file, no temporary file"
        );
        assert_eq!(
            std::fs::read(&kept).expect("old file"),
            b"last year's export"
        );
    }
}

/// The demo register exported with its sensitive fields to `dir`.
fn demo_export(dir: &Path, format: RegisterFormat) -> std::path::PathBuf {
    let path = dir.join(format!("demo.{}", format.as_str()));
    demo()
        .export_register(format, &ALL, &path, false)
        .expect("export");
    path
}

#[test]
fn the_preview_counts_each_kind_of_record_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    for format in [RegisterFormat::Json, RegisterFormat::Csv] {
        let path = demo_export(dir.path(), format);
        let reg = empty();
        let before = footprint(&reg);
        let (preview, heard) = watched(|_| false, |w| reg.preview_register_import(&path, w));
        let preview = preview.expect("preview");
        assert_eq!(footprint(&reg), before, "a preview writes nothing");
        assert!(!preview.written);
        assert!(preview.demo);
        assert_eq!(preview.file, format!("demo.{}", format.as_str()));
        let source = demo();
        assert_eq!(
            preview.counts.get("cases").copied(),
            Some(source.list_cases().expect("cases").len())
        );
        assert_eq!(preview.records, preview.counts.values().sum::<usize>());
        assert!(heard.iter().any(|p| p.stage == JobStage::Checking));
        // The import brings in exactly what the preview said.
        let mut target = empty();
        let done = target.import_register(&path).expect("import");
        assert!(done.written);
        assert_eq!(
            (done.counts, done.records),
            (preview.counts, preview.records)
        );
    }
}

#[test]
fn the_preview_refuses_what_the_import_would_refuse() {
    let dir = tempfile::tempdir().expect("dir");
    let good = demo_export(dir.path(), RegisterFormat::Json);
    let preview = |reg: &Register, path: &Path| {
        reg.preview_register_import(path, Watch::none())
            .expect_err("refused")
            .code()
    };
    assert_eq!(preview(&demo(), &good), ErrorCode::NotEmpty);
    let without = dir.path().join("without.json");
    demo()
        .export_register(
            RegisterFormat::Json,
            &RegisterExportOptions::default(),
            &without,
            false,
        )
        .expect("export");
    assert_eq!(preview(&empty(), &without), ErrorCode::ExportIncomplete);
    let tracker = dir.path().join("tracker.json");
    std::fs::write(&tracker, b"{\"rows\": []}").expect("write");
    assert_eq!(preview(&empty(), &tracker), ErrorCode::NotAnExport);
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&good).expect("read")).expect("JSON");
    file["format_version"] = (FORMAT_VERSION + 1).into();
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, serde_json::to_vec(&file).expect("JSON")).expect("write");
    assert_eq!(preview(&empty(), &newer), ErrorCode::ExportTooNew);
}

/// When a test cancels a job: on hearing this progress.
type Stop = fn(&JobProgress) -> bool;

#[test]
fn a_cancelled_import_leaves_the_register_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_export(dir.path(), RegisterFormat::Csv);
    let mut reg = empty();
    let before = footprint(&reg);
    let stops: [(&str, Stop); 4] = [
        ("reading", |p| p.stage == JobStage::Reading),
        ("checking", |p| p.stage == JobStage::Checking && p.done >= 3),
        ("midway", |p| {
            p.stage == JobStage::Writing && p.done * 2 >= p.total
        }),
        // After the last record, before the transaction commits.
        ("after the last record", |p| {
            p.stage == JobStage::Writing && p.done == p.total
        }),
    ];
    for (when, stop) in stops {
        let (result, heard) = watched(stop, |w| reg.import_register_watched(&path, w));
        let err = result.expect_err("cancelled");
        assert_eq!(err.code(), ErrorCode::Cancelled, "{when}");
        assert!(
            err.to_string().contains("the register is as it was"),
            "{when}: {err}"
        );
        assert!(heard.iter().any(stop), "{when}: the stop was reached");
        assert_eq!(footprint(&reg), before, "cancelled {when}: nothing written");
    }
    // Nothing was left behind to stop the same import going in after all.
    let done = reg
        .import_register_watched(&path, Watch::none())
        .expect("imports");
    assert_eq!(reg.list_cases().expect("cases").len(), done.counts["cases"]);
}

#[test]
fn an_import_failing_midway_leaves_the_register_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let good = demo_export(dir.path(), RegisterFormat::Json);
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&good).expect("read")).expect("JSON");
    // Late in the write order: every case and step is written before it fails.
    let updates = file["entities"]["quarter_updates"]
        .as_array_mut()
        .expect("updates");
    let last = updates.len() - 1;
    updates[last]["rag"] = "purple".into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_vec(&file).expect("JSON")).expect("write");
    let mut reg = empty();
    let before = footprint(&reg);
    let preview = reg
        .preview_register_import(&bad, Watch::none())
        .expect("the file looks whole until the register refuses a value");
    let (result, heard) = watched(|_| false, |w| reg.import_register_watched(&bad, w));
    let err = result.expect_err("refused");
    assert_eq!(err.code(), ErrorCode::ImportFailed);
    assert!(err.to_string().contains("Nothing was imported"), "{err}");
    assert!(
        heard
            .iter()
            .any(|p| p.stage == JobStage::Writing && p.done * 2 > preview.records as u64),
        "more than half the records were written before the failure"
    );
    assert_eq!(footprint(&reg), before, "rolled back whole");
}
