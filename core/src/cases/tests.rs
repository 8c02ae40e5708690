//! Checks on case referrals: every bad input is refused with a field message and
//! leaves the register as it was; every change is logged.

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("real date")
}

fn input(code: &str, kind: &str, iso: &str) -> CaseInput {
    CaseInput {
        code: code.into(),
        kind: kind.into(),
        referred_on: DateInput::from_iso(iso).unwrap_or_default(),
        referrer: "Police".into(),
        summary: "Infant with unexplained injuries".into(),
    }
}

fn register() -> Register {
    Register::in_memory("Business officer").expect("in-memory register")
}

fn fields_of(result: Result<Case>) -> Vec<(String, String)> {
    match result {
        Err(Error::Validation(fields)) => {
            fields.into_iter().map(|f| (f.field, f.message)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The register's cases and log length, to show a refused write changed nothing.
fn snapshot(reg: &Register) -> (Vec<Case>, usize) {
    let cases = reg.list_cases().expect("list");
    let log = reg.changes(None).expect("log").len();
    (cases, log)
}

#[test]
fn creates_and_reads_back_a_case() {
    let mut reg = register();
    let case = reg
        .create_case(&input(" Case AK ", "child", "2025-06-04"), today())
        .expect("created");
    assert_eq!(case.code, "Case AK", "surrounding spaces are trimmed");
    assert_eq!(case.stage, Stage::ReferralReceived);
    assert_eq!(case.id.get_version_num(), 7);
    assert_eq!(reg.get_case(&case.id.to_string()).ok(), Some(case.clone()));
    assert_eq!(reg.get_case_by_code("case ak").ok(), Some(case));
}

#[test]
fn empty_code_is_refused() {
    let mut reg = register();
    let got = fields_of(reg.create_case(&input("  ", "child", "2025-06-04"), today()));
    assert_eq!(
        got,
        [("code".into(), "Enter a case code, such as Case AK".into())]
    );
    assert_eq!(snapshot(&reg), (vec![], 0));
}

#[test]
fn duplicate_code_is_refused_whatever_its_letter_case() {
    let mut reg = register();
    reg.create_case(&input("Case AK", "child", "2025-06-04"), today())
        .expect("first");
    let before = snapshot(&reg);
    let got = fields_of(reg.create_case(&input("case ak", "adult", "2025-06-05"), today()));
    assert_eq!(got[0].0, "code");
    assert!(got[0].1.contains("already exists"), "{got:?}");
    assert_eq!(snapshot(&reg), before, "nothing was written");
}

#[test]
fn future_and_unreal_dates_are_refused() {
    let mut reg = register();
    let future = fields_of(reg.create_case(&input("Case AK", "child", "2025-07-01"), today()));
    assert_eq!(
        future,
        [(
            "referred_on".into(),
            "Date referred must be today or in the past".into()
        )]
    );
    let unreal = fields_of(reg.create_case(&input("Case AK", "child", "2025-02-31"), today()));
    assert_eq!(
        unreal,
        [(
            "referred_on".into(),
            "Date referred must be a real date".into()
        )]
    );
    assert_eq!(snapshot(&reg), (vec![], 0));
}

#[test]
fn unknown_kind_is_refused() {
    let mut reg = register();
    let got = fields_of(reg.create_case(&input("Case AK", "teenager", "2025-06-04"), today()));
    assert_eq!(got[0].0, "kind");
    assert!(got[0].1.contains("child, adult or joint"));
    assert_eq!(snapshot(&reg), (vec![], 0));
}

#[test]
fn all_problems_are_reported_together() {
    let mut reg = register();
    let got = fields_of(reg.create_case(&input("", "", "2025-02-31"), today()));
    let named: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(named, ["code", "kind", "referred_on"]);
}

#[test]
fn update_changes_the_case_and_logs_before_and_after() {
    let mut reg = register();
    let case = reg
        .create_case(&input("Case AK", "child", "2025-06-04"), today())
        .expect("created");
    let id = case.id.to_string();
    let mut edit = input("Case AK", "joint", "2025-06-03");
    edit.summary = "Sibling group; mother also known to adult services".into();
    let updated = reg.update_case(&id, &edit, today()).expect("updated");
    assert_eq!(updated.kind, CaseKind::Joint);
    assert_eq!(updated.created_at, case.created_at);
    assert!(updated.updated_at >= case.updated_at);

    let log = reg.changes(Some(&id)).expect("log");
    assert_eq!(log.len(), 2, "one create and one update");
    assert_eq!(log[1].action, "update");
    assert_eq!(log[1].who, "Business officer");
    let before_kind = log[1].before.as_ref().and_then(|b| b.get("kind")).cloned();
    let after_kind = log[1].after.as_ref().and_then(|a| a.get("kind")).cloned();
    assert_eq!(before_kind, Some(serde_json::json!("child")));
    assert_eq!(after_kind, Some(serde_json::json!("joint")));
}

#[test]
fn update_may_keep_its_own_code_but_not_take_anothers() {
    let mut reg = register();
    let ak = reg
        .create_case(&input("Case AK", "child", "2025-06-04"), today())
        .expect("AK");
    reg.create_case(&input("Case AL", "child", "2025-06-04"), today())
        .expect("AL");
    let id = ak.id.to_string();
    assert!(reg
        .update_case(&id, &input("CASE AK", "child", "2025-06-04"), today())
        .is_ok());
    let before = snapshot(&reg);
    let got = fields_of(reg.update_case(&id, &input("Case AL", "child", "2025-06-04"), today()));
    assert_eq!(got[0].0, "code");
    assert_eq!(snapshot(&reg), before);
}

#[test]
fn updating_a_missing_case_is_not_found() {
    let mut reg = register();
    let err = reg
        .update_case(
            &stamp::new_id().to_string(),
            &input("Case AK", "child", "2025-06-04"),
            today(),
        )
        .expect_err("missing");
    assert!(matches!(err, Error::NotFound(_)));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a form sends, the core either stores exactly one valid case
        /// or refuses with field errors and stores nothing; it never panics.
        #[test]
        fn any_input_is_stored_whole_or_not_at_all(
            code in ".{0,50}",
            kind in prop_oneof![Just("child".to_owned()), Just("adult".to_owned()), ".{0,8}"],
            day in "[0-9]{0,3}", month in "[0-9]{0,2}", year in "[0-9]{0,5}",
            summary in ".{0,40}",
        ) {
            let mut reg = register();
            let form = CaseInput {
                code, kind,
                referred_on: DateInput { day, month, year },
                referrer: String::new(),
                summary,
            };
            match reg.create_case(&form, today()) {
                Ok(case) => {
                    prop_assert!(!case.code.is_empty());
                    prop_assert!(case.referred_on <= today());
                    prop_assert_eq!(snapshot(&reg).1, 1);
                }
                Err(Error::Validation(fields)) => {
                    prop_assert!(!fields.is_empty());
                    prop_assert_eq!(snapshot(&reg), (vec![], 0));
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
            }
        }
    }
}
