//! A fictional, lived-in register for newcomers and demonstrations: cases at
//! every stage of the journey. Demo data only goes into an empty register, and
//! the register is then marked as demo for good, so fictional and real cases
//! never mix.

use chrono::{Days, NaiveDate};

use crate::cases::{self, CaseKind, Stage, ValidCase};
use crate::error::{Error, Result};
use crate::register::Register;

/// (code, kind, days before today referred, referring agency, stage, summary)
type DemoCase = (
    &'static str,
    CaseKind,
    u64,
    &'static str,
    Stage,
    &'static str,
);

const CASES: &[DemoCase] = &[
    ("Child Q", CaseKind::Child, 3, "Emergency Department", Stage::ReferralReceived,
     "Nine-month-old seen with a fractured femur; the explanation given does not fit the injury."),
    ("Case AL", CaseKind::Adult, 75, "Adult Social Care", Stage::NotMeetingCriteria,
     "Older man in supported housing who fell; agencies worked well together and no abuse or neglect is suspected."),
    ("Child R", CaseKind::Child, 110, "Education", Stage::LearningReview,
     "Teenager missing education for a term; does not meet the criteria, reviewed locally for learning on school attendance."),
    ("Child S", CaseKind::Child, 12, "Police", Stage::RapidReview,
     "Toddler with serious head injury; parents known to services for domestic abuse."),
    ("Case AM", CaseKind::Joint, 45, "Children's Social Care", Stage::Decision,
     "Young mother, herself a care leaver, and her baby; neglect suspected across both services."),
    ("Child T", CaseKind::Child, 160, "Health visiting service", Stage::ReviewInProgress,
     "Infant death with concerns about sleeping arrangements and parental substance use."),
    ("'Sarah'", CaseKind::Adult, 210, "Probation Service", Stage::ReviewInProgress,
     "Woman with learning disabilities exploited by people living in her flat; mandatory SAR."),
    ("Child V", CaseKind::Child, 280, "GP practice", Stage::Report,
     "Child with complex health needs; missed appointments were not followed up."),
    ("Child W", CaseKind::Child, 420, "Police", Stage::Published,
     "Adolescent criminally exploited through county lines; review published."),
    ("Case AN", CaseKind::Joint, 540, "Housing", Stage::ActionPlanMonitoring,
     "Family in temporary accommodation; learning on information sharing between housing and health."),
    ("Adult X", CaseKind::Adult, 820, "Ambulance service", Stage::Closed,
     "Man who self-neglected at home; SAR completed, all actions closed with evidence of impact."),
];

/// Fills an empty register with the demo cases, dated relative to `today` so
/// the demo always looks current. Refused when the register holds any case.
pub fn load(register: &mut Register, today: NaiveDate) -> Result<usize> {
    if !register.list_cases()?.is_empty() {
        return Err(Error::NotEmpty(
            "Demo data can only be loaded into an empty register, so fictional cases never mix with real ones."
                .to_owned(),
        ));
    }
    let count = register.write(|w| {
        Register::mark_demo(w)?;
        for &(code, kind, days_ago, referrer, stage, summary) in CASES {
            let referred_on = today
                .checked_sub_days(Days::new(days_ago))
                .ok_or_else(|| Error::Internal("demo date out of range".to_owned()))?;
            let valid = ValidCase {
                code: code.to_owned(),
                kind,
                referred_on,
                referrer: referrer.to_owned(),
                summary: format!("Fictional. {summary}"),
            };
            cases::insert(w, valid, stage, true)?;
        }
        Ok(CASES.len())
    })?;
    tracing::info!(cases = count, "demo data loaded");
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::CaseInput;
    use crate::dates::DateInput;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("real date")
    }

    #[test]
    fn covers_every_stage_and_kind_and_marks_the_register() {
        let mut reg = Register::in_memory("Demo").expect("register");
        let count = load(&mut reg, today()).expect("loads");
        let cases = reg.list_cases().expect("list");
        assert_eq!(cases.len(), count);
        for stage in Stage::ALL {
            assert!(
                cases.iter().any(|c| c.stage == stage),
                "no demo case at {stage:?}"
            );
        }
        for kind in CaseKind::ALL {
            assert!(
                cases.iter().any(|c| c.kind == kind),
                "no demo case of kind {kind:?}"
            );
        }
        assert!(cases.iter().all(|c| c.is_demo && c.referred_on <= today()));
        assert!(reg.is_demo().expect("meta"));
    }

    #[test]
    fn refuses_a_register_with_real_cases_and_changes_nothing() {
        let mut reg = Register::in_memory("Chair").expect("register");
        let form = CaseInput {
            code: "Case AK".into(),
            kind: "child".into(),
            referred_on: DateInput::from_iso("2026-01-05").unwrap_or_default(),
            ..CaseInput::default()
        };
        reg.create_case(&form, today()).expect("real case");
        let err = load(&mut reg, today()).expect_err("refused");
        assert!(matches!(err, Error::NotEmpty(_)));
        assert_eq!(reg.list_cases().map(|c| c.len()).ok(), Some(1));
        assert!(!reg.is_demo().expect("meta"));
    }
}
