//! The tracker as an Excel workbook for the Executive Board: a "Tracker" sheet
//! (one row per action, RAG cells coloured and worded, real dates, filters,
//! printable on A4 landscape) and a "Summary" sheet of counts with a native
//! stacked-column chart of RAG by review. Both pages and the file's
//! properties carry the protective marking.

mod summary_sheet;

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::columns::{cells, rag_word, Cell, COLUMNS};
use super::tracker::Tracker;
use super::MARKING;
use crate::actions::Rag;
use crate::dates::format_long;
use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};

/// The RAG ratings in the order the board reads them, with "not rated" last.
const RAGS: [Option<Rag>; 5] = [
    Some(Rag::Red),
    Some(Rag::Amber),
    Some(Rag::Green),
    Some(Rag::Blue),
    None,
];

/// Excel's limit on the characters in one cell.
const CELL_LIMIT: usize = 32_767;

/// A4 in Excel's paper-size codes.
const A4: u8 = 9;

/// The tracker as the bytes of an .xlsx file.
pub(super) fn workbook(tracker: &Tracker, watch: &Watch<'_>) -> Result<Vec<u8>> {
    let built = build(tracker, watch);
    // A cancel stops the build with a stand-in error; report it as the cancel.
    watch.check()?;
    built
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|e| Error::Internal(format!("could not build the spreadsheet: {e}")))
}

fn build(tracker: &Tracker, watch: &Watch<'_>) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Action plan tracker ({MARKING})"))
            .set_subject(tracker.basis.as_str())
            .set_author(tracker.produced_by.as_str())
            .set_category(MARKING)
            .set_keywords(format!("{MARKING}, action plan tracker"))
            .set_comment(format!(
                "{MARKING}: case review action plans, case codes only. Share only under your partnership's information-sharing agreement."
            ))
            .set_custom_property("Classification", MARKING),
    );
    tracker_sheet(workbook.add_worksheet(), tracker, watch)?;
    summary_sheet::write(workbook.add_worksheet(), tracker)?;
    Ok(workbook)
}

fn fill(rag: Option<Rag>) -> (u32, Color) {
    // Fill and text colours chosen so the word stays readable in colour and
    // in greyscale print.
    match rag {
        Some(Rag::Red) => (0xC00000, Color::White),
        Some(Rag::Amber) => (0xFFC000, Color::Black),
        Some(Rag::Green) => (0x00B050, Color::Black),
        Some(Rag::Blue) => (0x0070C0, Color::White),
        None => (0xD9D9D9, Color::Black),
    }
}

fn base() -> Format {
    Format::new()
        .set_font_size(10)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xA6A6A6))
}

fn heading() -> Format {
    base().set_bold().set_background_color(Color::RGB(0xD9E1F2))
}

fn rag_format(rag: Option<Rag>) -> Format {
    let (background, font) = fill(rag);
    base()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(background))
        .set_font_color(font)
}

/// Text cut to what one cell can hold, saying so when it is cut.
fn fit(text: &str) -> String {
    if text.chars().count() <= CELL_LIMIT {
        return text.to_owned();
    }
    let note = " … (cut to fit one cell: see the register for the rest)";
    let keep: String = text
        .chars()
        .take(CELL_LIMIT - note.chars().count())
        .collect();
    format!("{keep}{note}")
}

/// Common print settings: A4 landscape, one page wide, marked top and bottom.
fn page_setup(sheet: &mut Worksheet, tracker: &Tracker) {
    // The protective marking sits at the top and bottom of every page, as
    // the Government Security Classifications ask.
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.25, 0.25)
        .set_header(format!("&C{MARKING}"))
        .set_footer(format!(
            "&L{MARKING}&CPage &P of &N&RAction plan tracker, {}",
            format_long(tracker.produced_on)
        ));
}

fn tracker_sheet(
    sheet: &mut Worksheet,
    tracker: &Tracker,
    watch: &Watch<'_>,
) -> Result<(), XlsxError> {
    sheet.set_name("Tracker")?;
    let text = base();
    let date = base().set_num_format("dd/mm/yyyy");
    let headed = heading();
    let rows: Vec<[Cell; 15]> = tracker.rows.iter().map(cells).collect();
    let widths = widths(&rows);
    for (col, column) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, column.heading, &headed)?;
        sheet.set_column_width(col as u16, widths[col])?;
    }
    let headings = COLUMNS.map(|c| Cell::Text(c.heading.to_owned()));
    sheet.set_row_height(0, row_height(&headings, &widths))?;
    let total = rows.len() as u64;
    for (index, cells) in rows.iter().enumerate() {
        if watch.step(JobStage::Writing, index as u64, total).is_err() {
            return Err(XlsxError::ParameterError("cancelled".to_owned()));
        }
        let r = index as u32 + 1;
        for (col, cell) in cells.iter().enumerate() {
            let c = col as u16;
            match cell {
                Cell::Text(value) => {
                    sheet.write_string_with_format(r, c, fit(value), &text)?;
                }
                Cell::Date(Some(day)) => {
                    sheet.write_datetime_with_format(r, c, day, &date)?;
                }
                Cell::Date(None) => {
                    sheet.write_blank(r, c, &text)?;
                }
                Cell::Rag(rag) => {
                    sheet.write_string_with_format(r, c, rag_word(*rag), &rag_format(*rag))?;
                }
            }
        }
        // Set, not left to the reader: LibreOffice keeps the default height
        // for wrapped text in an .xlsx, which would hide all but one line.
        sheet.set_row_height(r, row_height(cells, &widths))?;
    }
    let last_row = tracker.rows.len() as u32;
    let last_col = COLUMNS.len() as u16 - 1;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_repeat_rows(0, 0)?;
    page_setup(sheet, tracker);
    Ok(())
}

/// Each column's width in characters: its widest line up to the column's cap
/// (longer text wraps), never so narrow that its heading takes more than
/// three lines or breaks a word, plus room for Excel's cell margins and the
/// autofilter button.
fn widths(rows: &[[Cell; 15]]) -> Vec<f64> {
    COLUMNS
        .iter()
        .enumerate()
        .map(|(col, column)| {
            let widest = rows
                .iter()
                .map(|cells| match &cells[col] {
                    Cell::Text(t) => longest_line(t),
                    Cell::Date(_) => 10.0,
                    Cell::Rag(r) => rag_word(*r).len() as f64,
                })
                .fold(0.0, f64::max);
            let heading =
                longest_word(column.heading).max(column.heading.chars().count() as f64 / 3.0);
            widest.min(column.max_width).max(heading) + 1.5
        })
        .collect()
}

/// Points per line of 10-point text, as Excel spaces it.
const LINE_HEIGHT: f64 = 12.75;

/// The height that shows every wrapped line of the row's tallest cell.
fn row_height(cells: &[Cell; 15], widths: &[f64]) -> f64 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| match cell {
            Cell::Text(t) => wrapped_lines(t, *width),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    lines as f64 * LINE_HEIGHT + 3.0
}

/// How many lines `text` takes in a column `width` wide, wrapped at spaces
/// as a spreadsheet does. A width unit is one digit of the default 11-point
/// font; 10-point text fits about 1.3 characters in it (measured in the
/// LibreOffice print), counted here as 1.2 so that a row errs on the tall
/// side: a row a little too tall reads fine, one too short hides text.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = ((width - 1.5) * 1.2).max(1.0) as usize;
    text.split('\n')
        .map(|line| {
            let mut lines = 1;
            let mut used = 0;
            for word in line.split_whitespace() {
                let len = word.chars().count();
                if used > 0 && used + 1 + len <= per_line {
                    used += 1 + len;
                    continue;
                }
                if used > 0 {
                    lines += 1;
                }
                // A word longer than the line breaks across lines.
                lines += (len - 1) / per_line;
                used = (len - 1) % per_line + 1;
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

fn longest_line(text: &str) -> f64 {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f64
}

fn longest_word(text: &str) -> f64 {
    text.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0) as f64
}

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn wrapped_lines_counts_words_and_breaks_long_ones() {
        // 9.9 wide holds 10 characters a line.
        assert_eq!(wrapped_lines("", 9.9), 1, "an empty cell is one line high");
        assert_eq!(wrapped_lines("abcde fghi", 9.9), 1);
        assert_eq!(
            wrapped_lines("abcde fghij", 9.9),
            2,
            "the space does not fit"
        );
        assert_eq!(wrapped_lines("one\ntwo\nthree", 9.9), 3);
        assert_eq!(
            wrapped_lines("x abcdefghijklmnopqrstuvwxy", 9.9),
            4,
            "x, then 10+10+5"
        );
    }
}
