//! Recommendations from local reviews and registered sources, and their outcomes.

use super::*;
use crate::cases::CaseInput;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
}

pub(crate) fn register_with_sources() -> Register {
    let mut reg = Register::in_memory("Business officer").expect("register");
    for code in ["Case AJ", "Case AK"] {
        let input = CaseInput {
            code: code.into(),
            kind: "child".into(),
            referred_on: DateInput::from_iso("2024-05-01").expect("iso"),
            ..CaseInput::default()
        };
        reg.create_case(&input, today()).expect("case");
    }
    let national = SourceInput {
        code: "NP-SUDI".into(),
        kind: "national-review".into(),
        title: "Out of routine: sudden unexpected death in infancy".into(),
        published_on: DateInput::from_iso("2020-07-01").expect("iso"),
    };
    reg.add_source(&national, today()).expect("source");
    reg
}

fn rec(source: &str, reference: &str, themes: &[&str]) -> RecommendationInput {
    RecommendationInput {
        source: source.into(),
        reference: reference.into(),
        text: "Practitioners should consider the safety of sleeping arrangements at every contact"
            .into(),
        addressed_to: vec!["Health".into(), "Children's Social Care".into()],
        themes: themes.iter().map(|t| t.to_string()).collect(),
    }
}

#[test]
fn recommendations_come_from_cases_or_registered_sources() {
    let mut reg = register_with_sources();
    let local = reg
        .add_recommendation(&rec("Case AK", "R1", &["Think family"]))
        .expect("local");
    assert_eq!(
        (local.source_kind, local.source_code.as_str()),
        (SourceKind::LocalReview, "Case AK")
    );
    assert_eq!(local.themes, ["Think family"]);
    let national = reg
        .add_recommendation(&rec("np-sudi", "1", &[]))
        .expect("national");
    assert_eq!(national.source_kind, SourceKind::NationalReview);
    assert_eq!(
        national.source_title,
        "Out of routine: sudden unexpected death in infancy"
    );
    assert_eq!(
        reg.find_recommendation("case ak", "r1").expect("found").id,
        local.id
    );
    assert_eq!(reg.list_recommendations().expect("all").len(), 2);
}

#[test]
fn bad_recommendations_are_refused_and_nothing_is_written() {
    let mut reg = register_with_sources();
    reg.add_recommendation(&rec("Case AK", "R1", &[]))
        .expect("first");
    let refused = |reg: &mut Register, input: RecommendationInput| match reg
        .add_recommendation(&input)
    {
        Err(Error::Validation(fields)) => fields.into_iter().map(|f| f.field).collect::<Vec<_>>(),
        other => panic!("expected validation, got {other:?}"),
    };
    assert_eq!(refused(&mut reg, rec("Case ZZ", "R1", &[])), ["source"]);
    assert_eq!(
        refused(&mut reg, rec("Case AK", "r1", &[])),
        ["reference"],
        "duplicate reference"
    );
    assert_eq!(
        refused(&mut reg, rec("Case AK", "R2", &["Neglekt"])),
        ["themes"],
        "unknown theme"
    );
    assert_eq!(
        refused(
            &mut reg,
            RecommendationInput {
                source: "Case AK".into(),
                ..Default::default()
            }
        ),
        ["reference", "text"]
    );
    assert_eq!(reg.list_recommendations().expect("all").len(), 1);
}

#[test]
fn not_accepting_needs_a_reason() {
    let mut reg = register_with_sources();
    let r = reg
        .add_recommendation(&rec("Case AK", "R1", &[]))
        .expect("added");
    let id = r.id.to_string();
    assert!(matches!(
        reg.set_recommendation_outcome(&id, "not-accepted", " "),
        Err(Error::Validation(_))
    ));
    let done = reg
        .set_recommendation_outcome(
            &id,
            "not-accepted",
            "Already met by the 2023 neglect strategy",
        )
        .expect("recorded");
    assert_eq!(done.outcome, RecommendationOutcome::NotAccepted);
    assert_eq!(
        reg.set_recommendation_outcome(&id, "accepted", "")
            .expect("changed")
            .outcome,
        RecommendationOutcome::Accepted
    );
}

#[test]
fn a_source_code_cannot_clash_with_a_case_code() {
    let mut reg = register_with_sources();
    let clash = SourceInput {
        code: "Case AK".into(),
        kind: "audit".into(),
        title: "Audit".into(),
        ..Default::default()
    };
    assert!(matches!(
        reg.add_source(&clash, today()),
        Err(Error::Validation(_))
    ));
}

#[test]
fn the_sources_are_those_of_the_recommendations_once_each_in_their_order() {
    let mut reg = register_with_sources();
    assert!(reg.recommendation_sources().expect("none yet").is_empty());
    for (source, reference) in [
        ("np-sudi", "2"),
        ("Case AK", "R1"),
        ("np-sudi", "1"),
        ("Case AK", "R2"),
    ] {
        reg.add_recommendation(&rec(source, reference, &[]))
            .expect("added");
    }
    let found = sources_of(&reg);
    assert_eq!(found, named_by_every_recommendation(&reg));
    assert_eq!(found.len(), 2);
}

/// What the screens used to work out from every recommendation: each one's
/// source, once, in the order the recommendations come.
fn named_by_every_recommendation(reg: &Register) -> Vec<(String, String, SourceKind)> {
    let mut expected = Vec::new();
    for r in reg.list_recommendations().expect("all") {
        let source = (r.source_code, r.source_title, r.source_kind);
        if !expected.contains(&source) {
            expected.push(source);
        }
    }
    expected
}

fn sources_of(reg: &Register) -> Vec<(String, String, SourceKind)> {
    reg.recommendation_sources()
        .expect("sources")
        .into_iter()
        .map(|s| (s.code, s.title, s.kind))
        .collect()
}

#[test]
fn the_sources_of_a_generated_register_are_those_every_recommendation_names() {
    let reg = crate::synthetic::generated_in_memory(crate::synthetic::SyntheticSize {
        cases: 40,
        actions_per_case: 3,
        quarters: 4,
        seed: 5,
    });
    let found = sources_of(&reg);
    assert!(found.len() > 10, "{} sources", found.len());
    assert_eq!(found, named_by_every_recommendation(&reg));
}

#[test]
fn the_sources_are_found_from_the_owners_index_without_reading_each_recommendation() {
    let reg = register_with_sources();
    let plan = crate::index_walk::query_plan(reg.conn(), SOURCES).join("\n");
    assert!(
        plan.contains("USING COVERING INDEX recommendations_ref_per_source"),
        "{plan}"
    );
    assert!(
        !plan.lines().any(|step| step == "SCAN recommendations"),
        "{plan}"
    );
}
