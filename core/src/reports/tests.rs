//! The reports' figures on the demo register and on hand-built registers,
//! the Word documents read back part by part, and (with LibreOffice) the
//! documents printed as a word processor would.

mod annual;
mod board;
mod documents;
mod libreoffice;

use std::io::{Cursor, Read};

use chrono::NaiveDate;

use crate::actions::{ActionInput, ProgressInput};
use crate::cases::CaseInput;
use crate::dates::DateInput;
use crate::events::StepInput;
use crate::quarter_reviews::QuarterUpdateInput;
use crate::recommendations::{RecommendationInput, SourceInput};
use crate::register::Register;
use crate::reviews::ProceedingInput;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("ISO date")
}

fn iso(text: &str) -> DateInput {
    DateInput::from_iso(text).expect("ISO date")
}

/// The demo's "today", as in the tracker export's tests: its quarters are
/// 2024/25-Q3 to 2025/26-Q1, all signed off, and 2025/26-Q2 open.
fn demo_today() -> NaiveDate {
    date("2025-09-01")
}

fn demo() -> Register {
    let mut reg = Register::in_memory("Subgroup chair").expect("register");
    crate::demo::load(&mut reg, demo_today()).expect("demo");
    reg
}

/// "Today" for the hand-built register: after everything recorded in it.
fn today() -> NaiveDate {
    date("2025-06-30")
}

fn case(reg: &mut Register, code: &str, kind: &str, referred: &str) {
    let input = CaseInput {
        code: code.into(),
        kind: kind.into(),
        referred_on: iso(referred),
        referrer: "Police".into(),
        summary: format!("Private summary of {code} that no report may show"),
    };
    reg.create_case(&input, today()).expect("case");
}

/// Records the steps `(step, outcomes, date)` on the case `code`, in order.
fn steps(reg: &mut Register, code: &str, list: &[(&str, &[&str], &str)]) {
    let id = reg.get_case_by_code(code).expect("case").id.to_string();
    for (step, outcome, on) in list {
        let input = StepInput {
            step: (*step).into(),
            outcome: outcome.iter().map(|o| o.to_string()).collect(),
            date: iso(on),
            note: "Rationale naming the family, which no report may show".into(),
        };
        reg.record_step(&id, &input, today())
            .unwrap_or_else(|e| panic!("{code} {step}: {e}"));
    }
}

/// A register with a case of each kind taken through the journey, before,
/// within and after the reporting year 2024/25 (April to March):
///
/// - Child A: referred before the year; Rapid Review, LCSPR decided and
///   commissioned in it; final report in January 2025, published only after
///   the year, held back by a trial that ended after the year.
/// - Adult B: referred, SAR (mandatory) decided, completed and published in the year.
/// - Case C (joint): LCSPR and SAR (discretionary) with a DHR alongside
///   decided in March 2025, commissioned only after the year.
/// - Child D: referred and screened out after the year.
/// - Adult E: screened out in the year.
/// - Child F: a learning review outside the criteria, commissioned in the year.
/// - Child G: Rapid Review in the year, no further review.
///
/// with recommendations from Adult B, Child A and a national review, one not
/// accepted, and actions agreed before, in and after the year.
fn hand_built() -> Register {
    let mut reg = journeys();
    add_plans(&mut reg);
    reg
}

/// The cases of [`hand_built`] without the action plans.
fn journeys() -> Register {
    let mut reg = Register::in_memory("Business manager").expect("register");
    case(&mut reg, "Child A", "child", "2024-03-20");
    steps(
        &mut reg,
        "Child A",
        &[
            ("la-aware", &[], "2024-03-19"),
            ("sin-sent", &[], "2024-03-21"),
            ("screen", &["rapid-review"], "2024-03-22"),
            ("rr-meeting", &[], "2024-04-10"),
            ("rr-sent-to-panel", &[], "2024-04-12"),
            ("panel-response", &["agrees"], "2024-05-01"),
            ("decide", &["lcspr"], "2024-05-10"),
            ("review-commissioned", &[], "2024-06-01"),
            ("final-report", &[], "2025-01-15"),
            ("published", &[], "2025-04-15"),
        ],
    );
    let child_a = reg
        .get_case_by_code("Child A")
        .expect("case")
        .id
        .to_string();
    let trial = ProceedingInput {
        kind: "criminal".into(),
        started: iso("2024-09-01"),
        ended: iso("2025-04-01"),
        holds_publication: true,
        reason: "Trial of the stepfather".into(),
    };
    reg.add_proceeding(&child_a, &trial, today())
        .expect("trial");

    case(&mut reg, "Adult B", "adult", "2024-06-01");
    steps(
        &mut reg,
        "Adult B",
        &[
            ("screen", &["rapid-review"], "2024-06-05"),
            ("rr-meeting", &[], "2024-06-20"),
            ("decide", &["sar-mandatory"], "2024-07-01"),
            ("review-commissioned", &[], "2024-07-15"),
            ("final-report", &[], "2025-02-01"),
            ("published", &[], "2025-03-01"),
        ],
    );
    case(&mut reg, "Case C", "joint", "2025-02-01");
    steps(
        &mut reg,
        "Case C",
        &[
            ("screen", &["rapid-review"], "2025-02-03"),
            ("rr-meeting", &[], "2025-02-20"),
            (
                "decide",
                &["lcspr", "sar-discretionary", "dhr"],
                "2025-03-10",
            ),
            ("review-commissioned", &[], "2025-04-05"),
        ],
    );
    case(&mut reg, "Child D", "child", "2025-04-02");
    steps(
        &mut reg,
        "Child D",
        &[("screen", &["not-met"], "2025-04-10")],
    );
    case(&mut reg, "Adult E", "adult", "2024-10-01");
    steps(
        &mut reg,
        "Adult E",
        &[("screen", &["not-met"], "2024-10-08")],
    );
    case(&mut reg, "Child F", "child", "2024-11-01");
    steps(
        &mut reg,
        "Child F",
        &[
            ("screen", &["learning-review"], "2024-11-10"),
            ("review-commissioned", &[], "2024-12-01"),
        ],
    );
    case(&mut reg, "Child G", "child", "2024-08-01");
    steps(
        &mut reg,
        "Child G",
        &[
            ("screen", &["rapid-review"], "2024-08-02"),
            ("rr-meeting", &[], "2024-08-15"),
            ("decide", &["no-review"], "2024-08-20"),
        ],
    );
    reg
}

fn add_plans(reg: &mut Register) {
    let national = SourceInput {
        code: "NP-X".into(),
        kind: "national-review".into(),
        title: "A national thematic review".into(),
        published_on: iso("2023-01-01"),
    };
    reg.add_source(&national, today()).expect("source");
    for (source, reference, outcome, reason) in [
        ("Adult B", "R1", "accepted", ""),
        (
            "Adult B",
            "R2",
            "not-accepted",
            "The service it names was decommissioned in 2024",
        ),
        ("Child A", "R1", "pending", ""),
        ("NP-X", "1", "accepted", ""),
        ("NP-X", "2", "accepted", ""),
    ] {
        let input = RecommendationInput {
            source: source.into(),
            reference: reference.into(),
            text: format!("Recommendation {reference} of {source}"),
            ..RecommendationInput::default()
        };
        let id = reg.add_recommendation(&input).expect("rec").id.to_string();
        reg.set_recommendation_outcome(&id, outcome, reason)
            .expect("outcome");
    }
    let rec = |reg: &Register, source: &str, reference: &str| {
        reg.find_recommendation(source, reference)
            .expect("rec")
            .id
            .to_string()
    };
    let action = |reference: &str, agreed: &str, target: &str, answers: Vec<String>| ActionInput {
        reference: reference.into(),
        text: format!("Action {reference}: brief every team on escalation"),
        lead_agency: "Adult Social Care".into(),
        lead_officer: "Principal social worker".into(),
        target: iso(target),
        agreed: iso(agreed),
        answers,
        themes: Vec::new(),
    };
    // Closed before the year began: its recommendation is an earlier year's record.
    let old = action(
        "23/24-01",
        "2023-06-01",
        "2024-01-31",
        vec![rec(reg, "NP-X", "2")],
    );
    reg.add_action(&old, date("2023-06-01"))
        .expect("old action");
    let closing = ProgressInput {
        status: "complete-embedded".into(),
        evidence_completion: "Policy relaunched".into(),
        evidence_impact: "Use of the policy doubled".into(),
        signed_off_by: "Subgroup chair".into(),
        signed_off_on: iso("2024-02-15"),
        ..ProgressInput::default()
    };
    reg.set_progress("23/24-01", &closing, date("2024-02-15"))
        .expect("closed");

    let answers = vec![rec(reg, "Adult B", "R1"), rec(reg, "NP-X", "1")];
    let current = action("24/25-01", "2024-09-01", "2025-03-31", answers);
    reg.add_action(&current, date("2024-09-01"))
        .expect("action");
    // Reviewed in the year's last quarter, then completed after the year.
    reg.open_quarter("2024/25-Q4", date("2025-03-15"))
        .expect("quarter");
    let update = QuarterUpdateInput {
        status: "in-progress".into(),
        rag: "amber".into(),
        progress_note: "Briefings half delivered".into(),
        ..QuarterUpdateInput::default()
    };
    reg.update_quarter("2024/25-Q4", "24/25-01", &update, date("2025-03-15"))
        .expect("update");
    reg.close_quarter("2024/25-Q4", "Subgroup chair")
        .expect("closed quarter");
    let done = ProgressInput {
        status: "complete-awaiting-impact".into(),
        rag: "green".into(),
        evidence_completion: "Briefings delivered to 120 staff".into(),
        evidence_impact: "Escalations rose from 3 to 11 a quarter".into(),
        ..ProgressInput::default()
    };
    reg.set_progress("24/25-01", &done, date("2025-05-01"))
        .expect("done");

    let later = action(
        "25/26-01",
        "2025-05-01",
        "2025-12-31",
        vec![rec(reg, "Adult B", "R1")],
    );
    reg.add_action(&later, date("2025-05-01")).expect("later");
}

/// The parts of a .docx file.
struct Docx {
    bytes: Vec<u8>,
}

impl Docx {
    fn part(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).expect("a .docx is a zip");
        let mut file = zip
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the package"));
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        text
    }

    /// The document's text, one paragraph a line.
    fn text(&self) -> String {
        text_of(&self.part("word/document.xml"))
    }
}

/// The text in `<w:t>` runs, a line per paragraph.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e + 1)
            .unwrap_or(rest.len());
        let tag = &rest[start..end];
        if tag.starts_with("<w:t ") || tag == "<w:t>" {
            let close = rest[end..]
                .find("</w:t>")
                .map(|c| end + c)
                .unwrap_or(rest.len());
            out.push_str(&unescape(&rest[end..close]));
            rest = &rest[close..];
            continue;
        }
        if tag == "</w:p>" {
            out.push('\n');
        }
        rest = &rest[end..];
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
