//! Panel meetings: attendees by role and agency, decisions linked to cases.

use super::*;
use crate::cases::CaseInput;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
}

fn attendee(role: &str, agency: &str) -> Attendee {
    Attendee {
        role: role.into(),
        agency: agency.into(),
    }
}

#[test]
fn a_meeting_records_attendees_and_decisions_on_cases() {
    let mut reg = Register::in_memory("Subgroup chair").expect("register");
    let case = reg
        .create_case(
            &CaseInput {
                code: "Child Q".into(),
                kind: "child".into(),
                referred_on: DateInput::from_iso("2025-08-01").expect("iso"),
                ..CaseInput::default()
            },
            today(),
        )
        .expect("case");
    let input = PanelMeetingInput {
        held_on: DateInput::from_iso("2025-08-28").expect("iso"),
        attendees: vec![
            attendee("Subgroup chair", "Partnership"),
            attendee("", ""),
            attendee("Named nurse", "ICB"),
        ],
        notes: String::new(),
    };
    let meeting = reg.create_panel_meeting(&input, today()).expect("created");
    assert_eq!(meeting.attendees.len(), 2, "blank rows are dropped");
    let decision = PanelDecisionInput {
        case_id: case.id.to_string(),
        decision: "Proceed to Rapid Review".into(),
    };
    let meeting = reg
        .add_panel_decision(&meeting.id.to_string(), &decision)
        .expect("decided");
    assert_eq!(meeting.decisions.len(), 1);
    assert_eq!(meeting.decisions[0].case_code, "Child Q");
    assert_eq!(reg.list_panel_meetings().expect("list").len(), 1);
}

#[test]
fn bad_meetings_and_decisions_are_refused() {
    let mut reg = Register::in_memory("Subgroup chair").expect("register");
    let input = PanelMeetingInput {
        held_on: DateInput::from_iso("2025-09-02").expect("iso"),
        attendees: vec![attendee("Chair", "")],
        notes: String::new(),
    };
    let Err(Error::Validation(fields)) = reg.create_panel_meeting(&input, today()) else {
        panic!("refused")
    };
    let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(named, ["held_on", "attendees"]);
    assert!(reg.list_panel_meetings().expect("list").is_empty());
    let decision = PanelDecisionInput {
        case_id: "nope".into(),
        decision: "x".into(),
    };
    assert!(matches!(
        reg.add_panel_decision("missing", &decision),
        Err(Error::NotFound(_))
    ));
}
