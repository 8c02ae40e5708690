//! The Word documents read back part by part: real heading styles, tables
//! with a repeated, shaded heading row and borders, A4 pages, the marking in
//! the header, footer and properties, and nothing but case codes.

use super::*;
use crate::reports::{annual_bytes, board_bytes, write_board, Period, ReportFormat, ReportingYear};

fn board_docx(reg: &Register, from: &str, to: &str, today: NaiveDate) -> Docx {
    let report = reg
        .board_report(
            &Period::new(date(from), date(to), today).expect("period"),
            today,
        )
        .expect("report");
    Docx {
        bytes: board_bytes(&report, ReportFormat::Docx).expect("docx"),
    }
}

fn annual_docx(reg: &Register, year: &str, today: NaiveDate) -> Docx {
    let report = reg
        .annual_report(&ReportingYear::parse(year, 4).expect("year"), today)
        .expect("report");
    Docx {
        bytes: annual_bytes(&report, ReportFormat::Docx).expect("docx"),
    }
}

#[test]
fn headings_use_words_own_heading_styles() {
    let docx = board_docx(&demo(), "2025-03-01", "2025-08-31", demo_today());
    let styles = docx.part("word/styles.xml");
    for (id, name, level) in [("Heading1", "heading 1", 0), ("Heading2", "heading 2", 1)] {
        let start = styles
            .find(&format!(r#"w:styleId="{id}""#))
            .unwrap_or_else(|| panic!("{id} is defined"));
        let style = &styles[start..start + styles[start..].find("</w:style>").expect("end")];
        assert!(
            style.contains(&format!(r#"<w:name w:val="{name}" />"#)),
            "Word knows its built-in headings by name: {style}"
        );
        assert!(
            style.contains(&format!(r#"<w:outlineLvl w:val="{level}" />"#)),
            "the navigation pane lists paragraphs by outline level: {style}"
        );
        assert!(style.contains("<w:keepNext />"), "{style}");
    }
    let document = docx.part("word/document.xml");
    for heading in [
        "Headline figures",
        "Exceptions: actions rated Red or Amber, or overdue",
        "Escalations to the Executive Board",
        "Decisions taken in the period",
        "Reviews past their target",
    ] {
        let at = document
            .find(&format!(">{heading}<"))
            .unwrap_or_else(|| panic!("{heading:?} is in the document"));
        let paragraph = &document[document[..at].rfind("<w:p ").expect("paragraph")..at];
        assert!(
            paragraph.contains(r#"<w:pStyle w:val="Heading1" />"#),
            "{heading:?} is a Heading 1: {paragraph}"
        );
    }
    assert!(document.contains(r#"<w:pStyle w:val="Heading2" />"#));
    assert!(document.contains(r#"<w:pStyle w:val="Title" />"#));
}

#[test]
fn tables_repeat_a_shaded_heading_row_and_have_borders() {
    let docx = board_docx(&demo(), "2025-03-01", "2025-08-31", demo_today());
    let document = docx.part("word/document.xml");
    let tables = document.matches("<w:tbl>").count();
    let repeated = document.matches("<w:tblHeader />").count();
    assert!(tables >= 8, "{tables} tables");
    assert_eq!(
        repeated,
        tables - 1,
        "every table but the demo notice has one heading row marked to repeat"
    );
    let at = document.find(">Action<").expect("exceptions table");
    let row = &document[document[..at].rfind("<w:tr>").expect("row start")..at];
    assert!(
        row.contains(r#"w:fill="D9E1F2""#),
        "heading cells are shaded"
    );
    let run = &row[row.rfind("<w:r>").expect("the heading's run")..];
    assert!(run.contains("<w:b />"), "heading text is bold: {run}");
    assert!(
        document.contains(r#"<w:insideH w:val="single""#),
        "inner borders"
    );
    assert!(
        document.contains(r#"<w:top w:val="single""#),
        "outer borders"
    );
    let text = docx.text();
    for cell in ["DEMO-03", "Red", "Amber", "Case AN", "Child V", "'Sarah'"] {
        assert!(text.contains(cell), "the tables show {cell:?}");
    }
    assert!(
        document.contains(r#"w:fill="C00000""#),
        "a Red rating is filled red as well as worded"
    );
}

#[test]
fn pages_are_a4_and_marked_top_and_bottom_with_page_numbers() {
    let docx = board_docx(&demo(), "2025-03-01", "2025-08-31", demo_today());
    let document = docx.part("word/document.xml");
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    let footer = docx.part("word/footer1.xml");
    assert!(footer.contains("OFFICIAL-SENSITIVE"));
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    assert!(text_of(&footer).contains("Page 1 of"));
    assert!(docx.part("word/header1.xml").contains("OFFICIAL-SENSITIVE"));

    let core = docx.part("docProps/core.xml");
    assert!(
        core.contains("<dc:title>Case reviews: report to the Executive Board, 1 March 2025 to 31 August 2025 (OFFICIAL-SENSITIVE)</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<cp:keywords>OFFICIAL-SENSITIVE, safeguarding</cp:keywords>"));
    assert!(core.contains("<cp:category>OFFICIAL-SENSITIVE</cp:category>"));
    assert!(core.contains("<dc:creator>Subgroup chair</dc:creator>"));
    assert!(docx
        .part("docProps/custom.xml")
        .contains("OFFICIAL-SENSITIVE"));
}

#[test]
fn demo_documents_say_they_are_fictional_and_real_ones_do_not() {
    let demo_text = board_docx(&demo(), "2025-03-01", "2025-08-31", demo_today()).text();
    assert!(demo_text
        .contains("Demo register: every case, action and figure in this report is fictional."));
    let annual = annual_docx(&demo(), "2024/25", demo_today()).text();
    assert!(annual.contains("Demo register"));
    let real = board_docx(&hand_built(), "2024-04-01", "2025-03-31", today()).text();
    assert!(!real.contains("Demo register"));
}

#[test]
fn documents_carry_case_codes_never_summaries_or_notes() {
    let reg = hand_built();
    let board = board_docx(&reg, "2024-04-01", "2025-03-31", today());
    let annual = annual_docx(&reg, "2024/25", today());
    for docx in [&board, &annual] {
        let text = docx.text();
        assert!(text.contains("Child A"));
        for secret in ["Private summary", "Rationale naming the family", "Police"] {
            assert!(!text.contains(secret), "a report must not show {secret:?}");
        }
    }
    let demo_text = board_docx(&demo(), "2024-09-01", "2025-08-31", demo_today()).text();
    assert!(!demo_text.contains("Nine-month-old"));
    assert!(!demo_text.contains("supported housing"));
}

#[test]
fn the_annual_section_has_its_figures_delays_record_and_refusals() {
    let docx = annual_docx(&hand_built(), "2024/25", today());
    let text = docx.text();
    for expected in [
        "Case reviews in 2024/25",
        "Referrals for case review received",
        "5 (child 2, adult 2, joint 1)",
        "Reviews in progress at the year's end, and reasons for delay",
        "Criminal proceedings: Trial of the stepfather",
        "Implementing the recommendations of local and national reviews",
        "National review: NP-X",
        "A national thematic review",
        "Escalations rose from 3 to 11 a quarter",
        "1 action was open during the year; 0 were complete by its end; 1 has evidence of impact recorded.",
        "Q4 2024/25 (January to March 2025): Briefings half delivered",
        "Recommendations not accepted",
        "The service it names was decommissioned in 2024",
    ] {
        assert!(text.contains(expected), "the section lacks {expected:?}:\n{text}");
    }
    let document = docx.part("word/document.xml");
    assert!(document.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(document.contains("<w:tblHeader />"));
    let core = docx.part("docProps/core.xml");
    assert!(core.contains(
        "<dc:title>Case reviews in 2024/25: annual report section (OFFICIAL-SENSITIVE)</dc:title>"
    ));
}

#[test]
fn text_that_xml_cannot_hold_does_not_break_the_document() {
    let mut reg = hand_built();
    let id = reg
        .find_recommendation("Adult B", "R2")
        .expect("rec")
        .id
        .to_string();
    reg.set_recommendation_outcome(&id, "not-accepted", "Ampersands & <angle> \"quotes\"\u{7}")
        .expect("reason");
    let text = annual_docx(&reg, "2024/25", today()).text();
    assert!(text.contains("Ampersands & <angle> \"quotes\""), "{text}");
}

#[test]
fn an_existing_file_is_kept_unless_replacing_on_purpose() {
    let reg = hand_built();
    let report = reg
        .board_report(
            &Period::new(date("2024-04-01"), date("2024-09-30"), today()).expect("period"),
            today(),
        )
        .expect("report");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("board.docx");
    std::fs::write(&path, "the report the board was given").expect("write");
    let err = write_board(&report, ReportFormat::Docx, &path, false).expect_err("refused");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "the report the board was given"
    );
    write_board(&report, ReportFormat::Docx, &path, true).expect("replaced");
    assert!(std::fs::read(&path).expect("file").starts_with(b"PK"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}
