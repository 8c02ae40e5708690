//! The Rapid Review record and its agency requests.

use super::*;
use crate::cases::CaseInput;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 3).expect("date")
}

fn setup() -> (Register, String) {
    let mut reg = Register::in_memory("Business officer").expect("register");
    let case = reg
        .create_case(
            &CaseInput {
                code: "Child S".into(),
                kind: "child".into(),
                referred_on: DateInput::from_iso("2025-01-06").expect("iso"),
                ..CaseInput::default()
            },
            today(),
        )
        .expect("case");
    (reg, case.id.to_string())
}

#[test]
fn the_record_is_saved_and_signed_off() {
    let (mut reg, id) = setup();
    let input = RapidReviewInput {
        sin_reference: "SIN-2025-0142".into(),
        facts: "Toddler admitted with a head injury".into(),
        criteria_met: "yes".into(),
        criteria_rationale: "Serious harm; concern about joint working between health and police"
            .into(),
        signed_off_by: "Lead Safeguarding Partners".into(),
        signed_off_on: DateInput::from_iso("2025-01-28").expect("iso"),
        ..RapidReviewInput::default()
    };
    let record = reg.save_rapid_review(&id, &input, today()).expect("saved");
    assert_eq!(record.criteria_met, Some(true));
    assert_eq!(record.signed_off_on, NaiveDate::from_ymd_opt(2025, 1, 28));
    let again = reg.rapid_review(&id).expect("read back");
    assert_eq!(again.sin_reference, "SIN-2025-0142");
}

#[test]
fn criteria_need_a_rationale_and_sign_off_needs_both_parts() {
    let (mut reg, id) = setup();
    let input = RapidReviewInput {
        criteria_met: "maybe".into(),
        signed_off_by: "Partners".into(),
        ..RapidReviewInput::default()
    };
    let Err(Error::Validation(fields)) = reg.save_rapid_review(&id, &input, today()) else {
        panic!("refused")
    };
    let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(named, ["criteria_met", "signed_off_by"]);
    let no_reason = RapidReviewInput {
        criteria_met: "no".into(),
        ..RapidReviewInput::default()
    };
    assert!(reg.save_rapid_review(&id, &no_reason, today()).is_err());
    assert_eq!(
        reg.rapid_review(&id).expect("empty").updated_at,
        None,
        "nothing was written"
    );
}

#[test]
fn agency_requests_are_added_then_marked_received() {
    let (mut reg, id) = setup();
    let asked = AgencyRequestInput {
        agency: "Police".into(),
        requested: DateInput::from_iso("2025-01-10").expect("iso"),
        ..AgencyRequestInput::default()
    };
    let record = reg
        .save_agency_request(&id, None, &asked, today())
        .expect("added");
    let request = record.agency_requests[0].clone();
    assert_eq!(request.received_on, None);
    let received = AgencyRequestInput {
        received: DateInput::from_iso("2025-01-17").expect("iso"),
        summary: "Two call-outs in the previous year".into(),
        ..asked.clone()
    };
    let record = reg
        .save_agency_request(&id, Some(&request.id.to_string()), &received, today())
        .expect("updated");
    assert_eq!(record.agency_requests.len(), 1, "updated in place");
    assert_eq!(
        record.agency_requests[0].received_on,
        NaiveDate::from_ymd_opt(2025, 1, 17)
    );
    let early = AgencyRequestInput {
        received: DateInput::from_iso("2025-01-09").expect("iso"),
        ..asked
    };
    assert!(
        reg.save_agency_request(&id, None, &early, today()).is_err(),
        "received before requested"
    );
}
