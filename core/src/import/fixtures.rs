//! Messy trackers for the import tests, built the way partnerships build
//! them: title rows above the header, a recommendation merged over its
//! actions, blank separator rows, odd headings in any order, every date
//! form, RAG as words, letters and fill colour only, a sheet of
//! instructions, and CSV in Excel's Windows code page.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// Rec text for Child Q, merged over three actions.
pub const CHILD_Q_R1: &str =
    "Partners should make sure practitioners understand the signs of criminal exploitation.";
pub const CHILD_Q_R2: &str = "Schools should share concerns about missing episodes the same day.";
pub const CHILD_Q_R3: &str =
    "The partnership should check that learning from this review is embedded.";
pub const ADULT_X_R1: &str =
    "Adult social care should review how self-neglect concerns are escalated.";
pub const ADULT_X_R2: &str = "Housing should take part in every self-neglect strategy meeting.";

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("real date")
}

/// Writes a row of text cells from column 0; empty strings are left blank.
fn texts(sheet: &mut Worksheet, row: u32, cells: &[&str]) -> Result<(), XlsxError> {
    for (col, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, col as u16, *text)?;
        }
    }
    Ok(())
}

/// The messy workbook: "Child Q" (a case in the test register), "Adult X –
/// SAR actions" (a name containing one) and "Instructions" (no header).
pub fn messy_xlsx() -> Vec<u8> {
    build()
        .and_then(|mut b| b.save_to_buffer())
        .expect("workbook")
}

fn build() -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let merged = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let uk_date = Format::new().set_num_format("dd/mm/yyyy");
    let red_fill = Format::new().set_background_color(Color::RGB(0xFF0000));
    let title = Format::new().set_bold().set_font_size(14);

    let sheet = book.add_worksheet();
    sheet.set_name("Child Q")?;
    // Rows 1–3: a merged title, a subtitle, a blank row.
    sheet.merge_range(
        0,
        0,
        0,
        10,
        "Child Q – Local Child Safeguarding Practice Review: action plan",
        &title,
    )?;
    sheet.write_string(1, 0, "Published March 2022. OFFICIAL-SENSITIVE")?;
    // Row 4: the header, in an order and with names of the tracker's own.
    texts(
        sheet,
        3,
        &[
            "Rec No.",
            "Recommendation",
            "Action(s)",
            "Lead Agency",
            "Responsible Officer",
            "Deadline",
            "RAG",
            "Status",
            "Update Q3",
            "Evidence",
            "Comments",
        ],
    )?;
    // Rows 5–7: recommendation 1 merged over three actions.
    sheet.write_number(4, 0, 1)?;
    sheet.merge_range(4, 1, 6, 1, CHILD_Q_R1, &merged)?;
    texts(
        sheet,
        4,
        &[
            "",
            "",
            "Deliver exploitation training to frontline practitioners",
            "Police",
            "Detective Inspector, Safeguarding",
            "",
            "Green",
            "In progress",
            "Briefings delivered to 3 teams",
        ],
    )?;
    sheet.write_datetime_with_format(4, 5, date(2022, 3, 31), &uk_date)?;
    texts(
        sheet,
        5,
        &[
            "",
            "",
            "Add exploitation screening to health visiting",
            "Health",
            "Named nurse",
            "31.03.22",
            "A",
            "Ongoing",
        ],
    )?;
    texts(
        sheet,
        6,
        &[
            "",
            "",
            "Audit return-home interviews",
            "Children's services",
            "Head of service",
            "Q4 2021/22",
            "",
            "In progress",
        ],
    )?;
    // RAG by colour only: a red cell with no word in it.
    sheet.write_blank(6, 6, &red_fill)?;
    // Row 8 blank; rows 9–11: recommendation 2, written once.
    sheet.write_number(8, 0, 2)?;
    texts(
        sheet,
        8,
        &[
            "",
            CHILD_Q_R2,
            "Agree a same-day protocol for missing episodes",
            "Education",
            "Head of inclusion",
            "31 March 2022",
            "Red",
            "Not started",
        ],
    )?;
    texts(
        sheet,
        9,
        &[
            "",
            "",
            "Train designated safeguarding leads on the protocol",
            "Education",
            "Designated safeguarding lead",
            "March 2022",
            "Amber",
        ],
    )?;
    texts(
        sheet,
        10,
        &[
            "",
            "",
            "Share missing notifications with schools",
            "Police",
            "Head of public protection",
            "end of June 2022",
            "G",
            "In progress",
        ],
    )?;
    // Rows 12–15: recommendation 3 with words for dates, a closed claim, a
    // team for an officer (refused) and an update with no action (skipped).
    sheet.write_number(11, 0, 3)?;
    texts(
        sheet,
        11,
        &[
            "",
            CHILD_Q_R3,
            "Audit a sample of cases for the learning",
            "Partnership",
            "Business manager",
            "TBC",
            "Complete",
            "Complete",
            "",
            "Audit of 20 cases in May",
        ],
    )?;
    texts(
        sheet,
        12,
        &[
            "",
            "",
            "Hold a learning event",
            "Partnership",
            "Training manager",
            "Ongoing",
            "",
            "On hold",
            "",
            "",
            "Awaiting funding",
        ],
    )?;
    texts(
        sheet,
        13,
        &[
            "",
            "",
            "Brief every GP practice",
            "Health",
            "the team",
            "31/03/2022",
        ],
    )?;
    texts(
        sheet,
        14,
        &[
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Chased for an update in October",
        ],
    )?;

    let sheet = book.add_worksheet();
    sheet.set_name("Adult X – SAR actions")?;
    sheet.write_string_with_format(0, 0, "Safeguarding Adults Review: Adult X", &title)?;
    // Row 3: another header, columns in another order.
    texts(
        sheet,
        2,
        &[
            "Action to be taken",
            "Lead",
            "Lead Agency",
            "Target Date",
            "Revised date",
            "RAG Status",
            "Progress Update",
            "Recommendation",
            "Rec No.",
        ],
    )?;
    texts(
        sheet,
        3,
        &[
            "Review the self-neglect escalation pathway",
            "Head of adult safeguarding",
            "Adult social care",
            "30/09/2022",
            "31/12/2022",
            "Red",
            "Delayed by a restructure",
            ADULT_X_R1,
            "R1",
        ],
    )?;
    texts(
        sheet,
        4,
        &[
            "Brief social workers on the revised pathway",
            "Principal social worker",
            "Adult social care",
            "31 December 2022",
            "",
            "Amber/Green",
            "On track",
        ],
    )?;
    texts(sheet, 5, &["", "", "", "", "", "", "", ADULT_X_R2, "R2"])?;

    let sheet = book.add_worksheet();
    sheet.set_name("Instructions")?;
    sheet.write_string(0, 0, "Update the tracker before each subgroup meeting.")?;
    sheet.write_string(1, 0, "RAG: Red, Amber, Green; Blue when embedded.")?;
    Ok(book)
}

/// A CSV tracker as Excel on Windows saves it: Windows-1252 ("–" is byte
/// 0x96), a title row, the header on row 2, and a word for a date.
pub fn messy_csv() -> Vec<u8> {
    let text = "SCR W12 \u{2013} action plan,,,,,,,\r\n\
Rec No.,Recommendation,Action,Lead Agency,Lead,Target Date,RAG,Comments\r\n\
1,Agencies should record the voice of the child at every contact.,Add the child's voice to the assessment template,Children's services,Head of practice,31/03/2022,Green,\r\n\
,,Audit the template's use,Children's services,Quality assurance manager,Q1 2022/23,Amber,\"Audit booked; report due \u{2013} June\"\r\n\
,,,,,,,\r\n\
2,GPs should flag children not brought to appointments.,Add a 'was not brought' code,Health,Named GP,end of June 2022,R,\r\n\
,,Remind practices of the code,Health,Named GP,Ongoing,,\r\n";
    text.chars()
        .map(|c| match c {
            '\u{2013}' => 0x96,
            c => u8::try_from(u32::from(c)).expect("Latin-1 text"),
        })
        .collect()
}
