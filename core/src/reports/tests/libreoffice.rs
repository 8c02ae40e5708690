//! The Word documents opened and printed by LibreOffice Writer, as a board
//! member's word processor would: each must convert to a PDF whose text
//! shows the headings, the tables, the marking and the page numbers, with
//! the heading row of a long table on every page it runs onto. These tests
//! fail, never skip, when LibreOffice is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;
use crate::print_check::libreoffice_pdfs;
use crate::reports::{write_annual, write_board, Period, ReportFormat, ReportingYear};

/// Where the printed previews go, for a person to look at after the tests.
fn preview_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/report-previews")
}

/// The PDF's pages as text (pdftotext separates pages with a form feed).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(Into::into)
        .collect()
}

fn pdf_info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The hand-built journeys with `count` overdue Red actions of varying
/// length: enough for the exceptions table to run over several pages.
fn long_register(count: usize) -> Register {
    let mut reg = journeys();
    let rec = reg
        .add_recommendation(&RecommendationInput {
            source: "Child A".into(),
            reference: "R1".into(),
            text: "Partners should check that escalation routes are understood and used.".into(),
            ..RecommendationInput::default()
        })
        .expect("recommendation");
    for n in 1..=count {
        let input = ActionInput {
            reference: format!("24/25-{n:02}"),
            text: "Brief every team in the agency on the escalation route, and audit its use after three months. "
                .repeat(1 + n % 3),
            lead_agency: ["Police", "Education", "Integrated Care Board"][n % 3].into(),
            lead_officer: "Head of Safeguarding".into(),
            target: iso("2025-01-31"),
            agreed: iso("2024-09-01"),
            answers: vec![rec.id.to_string()],
            themes: Vec::new(),
        };
        reg.add_action(&input, today()).expect("action");
        let red = ProgressInput {
            status: "in-progress".into(),
            rag: "red".into(),
            ..ProgressInput::default()
        };
        reg.set_progress(&input.reference, &red, today())
            .expect("red");
    }
    reg
}

#[test]
#[ignore = "needs LibreOffice: run scripts/test.sh"]
fn libreoffice_opens_and_prints_every_report() {
    let demo = demo();
    let dir = tempfile::tempdir().expect("dir");
    let mut files = Vec::new();
    let board = demo
        .board_report(
            &Period::new(date("2025-03-01"), date("2025-08-31"), demo_today()).expect("period"),
            demo_today(),
        )
        .expect("board report");
    let path = dir.path().join("board-demo.docx");
    write_board(&board, ReportFormat::Docx, &path, false).expect("write");
    files.push(path);
    let annual = demo
        .annual_report(
            &ReportingYear::parse("2024/25", 4).expect("year"),
            demo_today(),
        )
        .expect("annual report");
    let path = dir.path().join("annual-demo-2024-25.docx");
    write_annual(&annual, ReportFormat::Docx, &path, false).expect("write");
    files.push(path);
    let hand = hand_built()
        .annual_report(&ReportingYear::parse("2024/25", 4).expect("year"), today())
        .expect("annual report");
    let path = dir.path().join("annual-hand-built-2024-25.docx");
    write_annual(&hand, ReportFormat::Docx, &path, false).expect("write");
    files.push(path);
    let long = long_register(30)
        .board_report(
            &Period::new(date("2024-10-01"), date("2025-03-31"), today()).expect("period"),
            today(),
        )
        .expect("long report");
    assert_eq!(long.exceptions.len(), 30);
    let path = dir.path().join("board-30-exceptions.docx");
    write_board(&long, ReportFormat::Docx, &path, false).expect("write");
    files.push(path);

    let previews = preview_dir();
    std::fs::create_dir_all(&previews).expect("preview dir");
    let pdfs = libreoffice_pdfs(&files, &previews);

    let pages = pdf_pages(&pdfs[0]);
    let board_text = pages.join("\n");
    for expected in [
        "Case reviews: report to the Executive Board",
        "Demo register: every case, action and figure in this report is fictional.",
        "Headline figures",
        "Referrals received",
        "Exceptions: actions rated Red or Amber, or overdue",
        "DEMO-03",
        "Escalations to the Executive Board",
        "Housing and health cannot agree",
        "Decisions taken in the period",
        "Reviews past their target",
        "Child V",
        "Criminal proceedings",
    ] {
        assert!(
            board_text.contains(expected),
            "the printed board report lacks {expected:?}"
        );
    }
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("OFFICIAL-SENSITIVE"),
            "page {} is marked",
            n + 1
        );
        assert!(
            page.contains(&format!("Page {} of {}", n + 1, pages.len())),
            "page {} is numbered",
            n + 1
        );
    }

    let annual_text = pdf_pages(&pdfs[1]).join("\n");
    for expected in [
        "Case reviews in 2024/25",
        "Demo register",
        "Referrals and reviews",
        "Reviews in progress at the year's end, and reasons for delay",
        "Implementing the recommendations of local and national reviews",
        "Actions taken in the year, with evidence of impact",
        "Recommendations not accepted",
        "OFFICIAL-SENSITIVE",
    ] {
        assert!(
            annual_text.contains(expected),
            "the printed annual section lacks {expected:?}"
        );
    }
    let hand_text = pdf_pages(&pdfs[2]).join("\n");
    assert!(hand_text.contains("decommissioned in 2024"));
    assert!(!hand_text.contains("Demo register"));

    // 30 exceptions run onto further pages, each headed by the column headings.
    let pages = pdf_pages(&pdfs[3]);
    let table_pages: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains("24/25-"))
        .map(|(n, _)| n)
        .collect();
    assert!(
        table_pages.len() >= 2,
        "30 long actions fill more than a page: {} pages",
        table_pages.len()
    );
    for n in table_pages {
        assert!(
            pages[n].contains("What will be done") && pages[n].contains("Status and latest"),
            "page {} of the exceptions table repeats its headings",
            n + 1
        );
    }

    // LibreOffice carries the document's properties into the PDF's.
    let info = pdf_info(&pdfs[0]);
    assert!(
        info.contains("Title:           Case reviews: report to the Executive Board, 1 March 2025 to 31 August 2025 (OFFICIAL-SENSITIVE)"),
        "{info}"
    );
    assert!(
        info.contains("Keywords:        OFFICIAL-SENSITIVE"),
        "{info}"
    );
    assert!(info.contains("(A4)"), "printed on A4: {info}");
}
