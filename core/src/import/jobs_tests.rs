//! The import as the app runs it: progress told stage by stage, a cancel at
//! any point leaving the register exactly as it was, and mappings corrected
//! as text ("Responsible Officer=comments") as the CLI's `--map` gives them.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::fixtures::{self, messy_xlsx};
use super::*;
use crate::actions::ActionFilter;
use crate::cases::CaseInput;
use crate::dates::DateInput;
use crate::jobs::{JobProgress, JobStage, Watch};

const CHILD_Q: &str = "Child Q";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("date")
}

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

/// What an import could change: actions, recommendations, the change log.
fn snapshot(reg: &Register) -> (usize, usize, usize) {
    (
        reg.list_actions(&ActionFilter::default(), today())
            .expect("actions")
            .len(),
        reg.list_recommendations().expect("recommendations").len(),
        reg.changes(None).expect("changes").len(),
    )
}

fn tracker() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = fixtures::write(dir.path(), "Trackers 2022.xlsx", &messy_xlsx());
    (dir, path)
}

#[test]
fn progress_is_told_stage_by_stage_and_the_import_completes() {
    let mut reg = register();
    let (_dir, path) = tracker();
    let flag = AtomicBool::new(false);
    let heard = RefCell::new(Vec::<JobProgress>::new());
    let report = |p: JobProgress| heard.borrow_mut().push(p);
    let plan = reg
        .plan_import_watched(
            &path,
            &ImportOptions::default(),
            today(),
            Watch::new(&flag, &report),
        )
        .expect("plan");
    let imported = reg
        .apply_import_watched(&plan, today(), Watch::new(&flag, &report))
        .expect("import");
    assert!(imported.written);
    let heard = heard.into_inner();
    let stages: Vec<JobStage> = heard.iter().map(|p| p.stage).fold(Vec::new(), |mut v, s| {
        if v.last() != Some(&s) {
            v.push(s);
        }
        v
    });
    assert_eq!(stages.first(), Some(&JobStage::Reading));
    assert!(stages.contains(&JobStage::Checking), "{stages:?}");
    assert_eq!(stages.last(), Some(&JobStage::Writing), "{stages:?}");
    let last = heard.last().expect("told something");
    assert_eq!(
        (last.done, last.total),
        (
            u64::from(plan.counts.imported),
            u64::from(plan.counts.imported)
        ),
        "the last word is every imported row written"
    );
    assert_eq!(
        snapshot(&reg).0,
        plan.counts.actions as usize,
        "the actions are in the register"
    );
}

#[test]
fn a_cancel_midway_through_writing_leaves_the_register_as_it_was() {
    let mut reg = register();
    let (_dir, path) = tracker();
    let plan = reg
        .plan_import(&path, &ImportOptions::default(), today())
        .expect("plan");
    assert!(
        plan.counts.imported > 4,
        "enough rows to stop in the middle"
    );
    let before = snapshot(&reg);
    let flag = AtomicBool::new(false);
    // The user presses Cancel once three rows are written.
    let report = |p: JobProgress| {
        if p.stage == JobStage::Writing && p.done >= 3 {
            flag.store(true, Ordering::Relaxed);
        }
    };
    let err = reg
        .apply_import_watched(&plan, today(), Watch::new(&flag, &report))
        .expect_err("cancelled");
    assert_eq!(err.code(), crate::ErrorCode::Cancelled);
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert_eq!(
        snapshot(&reg),
        before,
        "rows written before the cancel were rolled back"
    );
    let check = reg.check().expect("check");
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    // Nothing was remembered either: the next preview proposes again.
    let again = reg
        .plan_import(&path, &ImportOptions::default(), today())
        .expect("plan");
    assert_eq!(again.sheets[0].mapping_from, MappingSource::Proposed);
    // And the same preview can still be confirmed afterwards.
    reg.apply_import(&plan, today())
        .expect("import after a cancel");
}

#[test]
fn a_cancel_after_the_last_row_still_undoes_it_all() {
    let mut reg = register();
    let (_dir, path) = tracker();
    let plan = reg
        .plan_import(&path, &ImportOptions::default(), today())
        .expect("plan");
    let before = snapshot(&reg);
    let flag = AtomicBool::new(false);
    let report = |p: JobProgress| {
        if p.stage == JobStage::Writing && p.done == p.total {
            flag.store(true, Ordering::Relaxed);
        }
    };
    let err = reg
        .apply_import_watched(&plan, today(), Watch::new(&flag, &report))
        .expect_err("cancelled");
    assert_eq!(err.code(), crate::ErrorCode::Cancelled);
    assert_eq!(snapshot(&reg), before);
}

#[test]
fn a_cancelled_preview_stops_and_writes_nothing() {
    let reg = register();
    let (_dir, path) = tracker();
    let before = snapshot(&reg);
    let flag = AtomicBool::new(false);
    let report = |p: JobProgress| {
        if p.stage == JobStage::Checking && p.done >= 2 {
            flag.store(true, Ordering::Relaxed);
        }
    };
    let err = reg
        .plan_import_watched(
            &path,
            &ImportOptions::default(),
            today(),
            Watch::new(&flag, &report),
        )
        .expect_err("cancelled");
    assert_eq!(err.code(), crate::ErrorCode::Cancelled);
    assert_eq!(snapshot(&reg), before);
}

#[test]
fn the_preview_shows_sample_rows_and_the_sheet_names_are_listed() {
    let reg = register();
    let (_dir, path) = tracker();
    assert_eq!(
        sheet_names(&path).expect("sheets"),
        ["Child Q", "Adult X – SAR actions", "Instructions"]
    );
    let plan = reg
        .plan_import(&path, &ImportOptions::default(), today())
        .expect("plan");
    let child_q = &plan.sheets[0];
    assert_eq!(child_q.sample_rows.len(), 3);
    assert_eq!(
        child_q.sample_rows[0].get(2).map(String::as_str),
        Some("Deliver exploitation training to frontline practitioners"),
        "the first row under the header, as the sheet shows it"
    );
}

#[test]
fn map_overrides_are_read_with_clear_errors() {
    assert_eq!(
        MapOverride::parse(" Responsible  Officer = lead-officer"),
        Ok(MapOverride {
            header: "Responsible Officer".into(),
            field: Some(ImportField::LeadOfficer)
        })
    );
    assert_eq!(
        MapOverride::parse("A=B=none").map(|o| (o.header, o.field)),
        Ok(("A=B".into(), None)),
        "the last = splits; none leaves the column out"
    );
    let missing = MapOverride::parse("Deadline").expect_err("no =");
    assert!(
        missing.message.contains("\"Column header=field\""),
        "{}",
        missing.message
    );
    let unknown = MapOverride::parse("Deadline=due").expect_err("unknown field");
    assert!(
        unknown.message.contains("target-date") && unknown.message.contains("none"),
        "the message lists the fields: {}",
        unknown.message
    );
    let nameless = MapOverride::parse("=action").expect_err("no header");
    assert_eq!(nameless.field, "map");
    for field in ImportField::ALL {
        assert_eq!(
            serde_json::to_value(field).ok(),
            Some(serde_json::Value::from(field.name())),
            "the command line's name is the JSON one"
        );
    }
}

#[test]
fn map_overrides_correct_the_proposed_mapping() {
    let reg = register();
    let (_dir, path) = tracker();
    let options = ImportOptions {
        sheet: Some(CHILD_Q.into()),
        ..ImportOptions::default()
    };
    let plan = reg.plan_import(&path, &options, today()).expect("plan");
    let field_of = |m: &SheetMapping, header: &str| {
        m.columns
            .iter()
            .find(|c| c.header == header)
            .and_then(|c| c.field)
    };
    let proposed = plan.sheets[0].mapping.clone().expect("mapping");
    assert_eq!(field_of(&proposed, "Comments"), Some(ImportField::Comments));
    let overrides = [
        MapOverride::parse("comments=evidence-impact").expect("parse"),
        // Status is a one-column field: giving it to RAG takes it from Status.
        MapOverride::parse("RAG=status").expect("parse"),
    ];
    let mappings = apply_overrides(&plan, &overrides).expect("overrides");
    assert_eq!(
        field_of(&mappings[0], "Comments"),
        Some(ImportField::EvidenceImpact)
    );
    assert_eq!(field_of(&mappings[0], "RAG"), Some(ImportField::Status));
    assert_eq!(field_of(&mappings[0], "Status"), None);
    let corrected = reg
        .plan_import(
            &path,
            &ImportOptions {
                mappings,
                ..options.clone()
            },
            today(),
        )
        .expect("plan");
    assert_eq!(corrected.sheets[0].mapping_from, MappingSource::Corrected);
    let on_hold = corrected
        .rows
        .iter()
        .find(|r| r.row == 13)
        .and_then(|r| r.action.clone())
        .expect("row 13's action");
    assert!(
        on_hold.evidence_impact.contains("Awaiting funding"),
        "the comment is now evidence of impact: {on_hold:?}"
    );

    let Err(Error::Validation(fields)) = apply_overrides(
        &plan,
        &[MapOverride::parse("Owner=lead-officer").expect("parse")],
    ) else {
        panic!("a heading in no sheet is refused");
    };
    assert!(
        fields[0].message.contains("no column has that heading")
            && fields[0].message.contains("\"Responsible Officer\""),
        "the message names the headings there are: {}",
        fields[0].message
    );
}
