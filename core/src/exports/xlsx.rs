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
    bytes(build(tracker, watch, write_rows), watch)
}

/// The built workbook's bytes; a build stopped by a cancel is reported as the cancel.
fn bytes(built: Result<Workbook, XlsxError>, watch: &Watch<'_>) -> Result<Vec<u8>> {
    // A cancel stops the build with a stand-in error; report it as the cancel.
    watch.check()?;
    built
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|e| Error::Internal(format!("could not build the spreadsheet: {e}")))
}

/// Writes the tracker's rows (each row's cells, in the order of
/// [`COLUMNS`]) below the heading row, each with its format.
type RowWriter = fn(&mut Worksheet, Vec<[Cell; 15]>, &[f64], &Watch<'_>) -> Result<(), XlsxError>;

fn build(tracker: &Tracker, watch: &Watch<'_>, rows: RowWriter) -> Result<Workbook, XlsxError> {
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
    tracker_sheet(workbook.add_worksheet(), tracker, watch, rows)?;
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
fn fit(text: String) -> String {
    // A character takes at least a byte: most text needs no counting.
    if text.len() <= CELL_LIMIT || text.chars().count() <= CELL_LIMIT {
        return text;
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
    write: RowWriter,
) -> Result<(), XlsxError> {
    sheet.set_name("Tracker")?;
    let headed = heading();
    let rows: Vec<[Cell; 15]> = tracker.rows.iter().map(cells).collect();
    let widths = widths(&rows);
    for (col, column) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, column.heading, &headed)?;
        sheet.set_column_width(col as u16, widths[col])?;
    }
    let headings = COLUMNS.map(|c| Cell::Text(c.heading.to_owned()));
    sheet.set_row_height(0, row_height(&headings, &widths))?;
    write(sheet, rows, &widths, watch)?;
    let last_row = tracker.rows.len() as u32;
    let last_col = COLUMNS.len() as u16 - 1;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_repeat_rows(0, 0)?;
    page_setup(sheet, tracker);
    Ok(())
}

/// How a data cell looks: its format, by what the cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Text,
    Date,
    Rag(Option<Rag>),
}

impl Look {
    fn of(cell: &Cell) -> Self {
        match cell {
            // A missing date is a blank cell, bordered like the text around it.
            Cell::Text(_) | Cell::Date(None) => Look::Text,
            Cell::Date(Some(_)) => Look::Date,
            Cell::Rag(rag) => Look::Rag(*rag),
        }
    }
}

/// The data cells' formats, each built once.
struct Formats {
    text: Format,
    date: Format,
    /// In the order of [`RAGS`].
    rags: [Format; 5],
}

impl Formats {
    fn new() -> Self {
        Formats {
            text: base(),
            date: base().set_num_format("dd/mm/yyyy"),
            rags: RAGS.map(rag_format),
        }
    }

    fn of(&self, look: Look) -> &Format {
        match look {
            Look::Text => &self.text,
            Look::Date => &self.date,
            Look::Rag(rag) => {
                let at = RAGS
                    .iter()
                    .position(|r| *r == rag)
                    .unwrap_or(RAGS.len() - 1);
                &self.rags[at]
            }
        }
    }
}

/// The rows' values, then their formats a column's run of like cells at a
/// time. rust_xlsxwriter finds a format's number by hashing the whole
/// format each time one is given: given with each cell, that was 1.4 of the
/// 19 billion instructions of a 30,000-action export.
fn write_rows(
    sheet: &mut Worksheet,
    rows: Vec<[Cell; 15]>,
    widths: &[f64],
    watch: &Watch<'_>,
) -> Result<(), XlsxError> {
    let looks: Vec<[Look; 15]> = rows
        .iter()
        .map(|cells| cells.each_ref().map(Look::of))
        .collect();
    let total = rows.len() as u64;
    for (index, cells) in rows.into_iter().enumerate() {
        if watch.step(JobStage::Writing, index as u64, total).is_err() {
            return Err(XlsxError::ParameterError("cancelled".to_owned()));
        }
        let r = index as u32 + 1;
        // Set, not left to the reader: LibreOffice keeps the default height
        // for wrapped text in an .xlsx, which would hide all but one line.
        sheet.set_row_height(r, row_height(&cells, widths))?;
        for (col, cell) in cells.into_iter().enumerate() {
            let c = col as u16;
            match cell {
                Cell::Text(value) => {
                    sheet.write_string(r, c, fit(value))?;
                }
                Cell::Date(Some(day)) => {
                    sheet.write_datetime(r, c, day)?;
                }
                // Its format, below, makes it a blank cell.
                Cell::Date(None) => {}
                Cell::Rag(rag) => {
                    sheet.write_string(r, c, rag_word(rag))?;
                }
            }
        }
    }
    format_rows(sheet, &looks, &Formats::new())
}

/// Gives each data cell (row 1 on) the format its [`Look`] says.
fn format_rows(
    sheet: &mut Worksheet,
    looks: &[[Look; 15]],
    formats: &Formats,
) -> Result<(), XlsxError> {
    // The workbook numbers formats in the order they are first used. Column
    // by column, that is still the order the cells first use them row by
    // row (text and dates in the first row, the RAG colours only in their
    // column), so the file is the same, part for part, as when each cell was
    // written with its format (xlsx/tests.rs compares the two).
    for col in 0..COLUMNS.len() {
        let column: Vec<Look> = looks.iter().map(|row| row[col]).collect();
        let mut first = 1;
        for run in column.chunk_by(|a, b| a == b) {
            let last = first + run.len() as u32 - 1;
            let c = col as u16;
            sheet.set_range_format(first, c, last, c, formats.of(run[0]))?;
            first = last + 1;
        }
    }
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
            let mut widest: f64 = 0.0;
            for cells in rows {
                widest = widest.max(match &cells[col] {
                    Cell::Text(t) => longest_line(t),
                    Cell::Date(_) => 10.0,
                    Cell::Rag(r) => rag_word(*r).len() as f64,
                });
                // At its cap the column is as wide as it gets: longer text wraps.
                if widest >= column.max_width {
                    break;
                }
            }
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
            // A character takes at least a byte: a line no longer in bytes
            // fits whatever its words.
            if line.len() <= per_line {
                return 1;
            }
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
mod tests;
