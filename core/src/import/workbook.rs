//! Reading a tracker file into sheets of cells, whatever it is: an Excel
//! workbook (.xlsx, and .xls / .ods without colours or merges) through
//! calamine, or CSV in UTF-8 or the Windows code page Excel saves in. A
//! merged cell's value is copied down the rows it covers, so a
//! "Recommendation" merged over three actions reads on each of them.

use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_from_rs, Data, Ods, Range, Reader, Xls, Xlsx};
use chrono::NaiveDate;

use super::dates;
use crate::error::{Error, Result};

/// One cell as the importer sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The text shown (numbers without a trailing ".0", dates as dd/mm/yyyy).
    pub text: String,
    /// A real Excel date.
    pub date: Option<NaiveDate>,
    /// A plain number, which in a date column may be a date that lost its format.
    pub number: Option<f64>,
    /// The cell's solid fill colour (red, green, blue), XLSX only.
    pub fill: Option<(u8, u8, u8)>,
}

impl Cell {
    pub fn text(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            ..Self::default()
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.date.is_none() && self.number.is_none()
    }
}

/// One sheet (or the CSV file), row by row from the top (row 0 is row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at `row`, `column`, or a blank one.
    pub fn cell(&self, row: usize, column: usize) -> Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .cloned()
            .unwrap_or_default()
    }

    /// The row's cells as text, for finding the header.
    pub fn texts(&self, row: usize) -> Vec<String> {
        self.rows
            .get(row)
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .unwrap_or_default()
    }
}

/// Columns looked at for fill colours: far past any tracker's width, short
/// of a whole row formatted to Excel's last column.
const MAX_COLUMNS: usize = 200;

/// Zip files (XLSX, ODS) and OLE files (XLS) start with these bytes.
const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Reads the file at `path` into sheets.
pub fn read(path: &Path) -> Result<Vec<Sheet>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Tracker".to_owned());
    let shown = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    from_bytes(&shown, &name, &bytes)
}

/// Reads a file's bytes into sheets; `shown` names the file in messages and
/// `stem` names a CSV's one sheet.
pub fn from_bytes(shown: &str, stem: &str, bytes: &[u8]) -> Result<Vec<Sheet>> {
    // The readers are other people's parsers of untrusted files, and one
    // panicked on a cell reference too long to be a column (found by
    // fuzzing calamine 0.38): a file that breaks a reader is refused like
    // any other unreadable file, never brings the app down.
    std::panic::catch_unwind(|| read_bytes(shown, stem, bytes)).unwrap_or_else(|_| {
        Err(Error::NotASpreadsheet(format!(
            "{shown} could not be read as a spreadsheet (its contents are damaged). Save it from Excel as .xlsx or .csv and try again."
        )))
    })
}

fn read_bytes(shown: &str, stem: &str, bytes: &[u8]) -> Result<Vec<Sheet>> {
    let unreadable = |why: String| {
        Error::NotASpreadsheet(format!(
            "{shown} could not be read as a spreadsheet ({why}). Save it from Excel as .xlsx or .csv and try again."
        ))
    };
    if bytes.starts_with(ZIP) {
        if let Ok(mut book) = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
            return xlsx(&mut book).map_err(|e| unreadable(e.to_string()));
        }
        let mut book = open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)).map_err(|_| {
            unreadable("it is a zip file, but not an Excel or OpenDocument workbook".into())
        })?;
        return plain(&mut book).map_err(|e| unreadable(format!("{e:?}")));
    }
    if bytes.starts_with(OLE) {
        let mut book = open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes))
            .map_err(|e| unreadable(e.to_string()))?;
        return plain(&mut book).map_err(|e| unreadable(format!("{e:?}")));
    }
    // Text with NUL bytes in it is a binary file (a PDF, an image, a Word
    // document from before 2007), not CSV.
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(Error::NotASpreadsheet(format!(
            "{shown} is not a spreadsheet: give an Excel workbook (.xlsx) or a CSV file."
        )));
    }
    Ok(vec![
        csv(stem, &decode(bytes)).map_err(|e| unreadable(e.to_string()))?
    ])
}

fn xlsx(book: &mut Xlsx<Cursor<&[u8]>>) -> std::result::Result<Vec<Sheet>, calamine::XlsxError> {
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        // Styles and merges are extras: a sheet whose styles calamine cannot
        // read is still imported, with RAG from words only.
        let styles = book.worksheet_style(&name).ok();
        let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut sheet = grid(&name, &range);
        if let Some(styles) = styles {
            // A cell coloured in but left empty is not in the value range,
            // and that is just the cell a RAG by colour is: rows reach as
            // far right as their styled cells do.
            let right = styles
                .end()
                .map_or(0, |(_, c)| c as usize + 1)
                .min(MAX_COLUMNS);
            for (r, row) in sheet.rows.iter_mut().enumerate() {
                for c in 0..right.max(row.len()) {
                    let fill = styles
                        .get((r as u32, c as u32))
                        .and_then(|s| s.fill.as_ref())
                        .filter(|f| f.is_visible())
                        .and_then(|f| f.get_color())
                        .map(|c| (c.red, c.green, c.blue));
                    if fill.is_some() && row.len() <= c {
                        row.resize(c + 1, Cell::default());
                    }
                    if let Some(cell) = row.get_mut(c) {
                        cell.fill = fill;
                    }
                }
            }
        }
        for merged in merges {
            let (top, left) = (merged.start.0 as usize, merged.start.1 as usize);
            let value = sheet.cell(top, left);
            // Down the first column only: a banner merged across a row is a
            // title, and copying it sideways would put it in every field.
            for r in top + 1..=merged.end.0 as usize {
                if let Some(row) = sheet.rows.get_mut(r) {
                    if row.len() <= left {
                        row.resize(left + 1, Cell::default());
                    }
                    row[left] = value.clone();
                }
            }
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Values only, for the formats whose colours and merges calamine does not read.
fn plain<'a, R>(book: &mut R) -> std::result::Result<Vec<Sheet>, R::Error>
where
    R: Reader<Cursor<&'a [u8]>>,
{
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        sheets.push(grid(&name, &range));
    }
    Ok(sheets)
}

/// The used range as a grid from A1, so row and column numbers are the sheet's own.
fn grid(name: &str, range: &Range<Data>) -> Sheet {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (r, c, value) in range.used_cells() {
        let (row, col) = (top as usize + r, left as usize + c);
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        if rows[row].len() <= col {
            rows[row].resize(col + 1, Cell::default());
        }
        rows[row][col] = cell(value);
    }
    Sheet {
        name: name.to_owned(),
        rows,
    }
}

fn cell(value: &Data) -> Cell {
    match value {
        Data::String(s) => Cell::text(s),
        Data::Int(i) => Cell {
            text: i.to_string(),
            number: Some(*i as f64),
            ..Cell::default()
        },
        Data::Float(f) => Cell {
            text: number_text(*f),
            number: Some(*f),
            ..Cell::default()
        },
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(at) if at.is_datetime() => {
            let (y, m, d, ..) = at.to_ymd_hms_milli();
            let date = NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d));
            Cell {
                text: date
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default(),
                date,
                ..Cell::default()
            }
        }
        Data::DateTime(at) => Cell::text(&at.to_string()),
        Data::DateTimeIso(text) => {
            let date = text.get(..10).and_then(|d| d.parse::<NaiveDate>().ok());
            Cell {
                text: text.clone(),
                date,
                ..Cell::default()
            }
        }
        Data::DurationIso(text) => Cell::text(text),
        Data::Error(_) | Data::Empty => Cell::default(),
    }
}

/// 3 as "3", 1.5 as "1.5": a "Rec No." of 1 must not read "1.0".
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

/// The file as text: UTF-8 (without its byte-order mark), else Windows-1252,
/// the code page Excel uses for "CSV" on an English Windows.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|b| windows_1252(*b)).collect(),
    }
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it puts the
/// curly quotes, dashes and the euro sign trackers are full of.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The CSV's one sheet. The separator is whichever of comma, semicolon and
/// tab the first lines use most (Excel in some locales writes semicolons).
fn csv(name: &str, text: &str) -> std::result::Result<Sheet, csv::Error> {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| head.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        rows.push(record.iter().map(csv_cell).collect());
    }
    Ok(Sheet {
        name: name.to_owned(),
        rows,
    })
}

/// A CSV cell is text; a date column's reader works out whether it is a date.
fn csv_cell(text: &str) -> Cell {
    // Our own export defuses formulas with a leading apostrophe; take it off.
    let text = match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    };
    Cell::text(text)
}

/// A bare number in a date column: an Excel serial date that lost its format.
pub fn serial_date(cell: &Cell) -> Option<NaiveDate> {
    cell.number.and_then(dates::from_serial)
}
