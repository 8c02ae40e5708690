//! Reading a tracker file into sheets of cells, whatever it is: an Excel
//! workbook (.xlsx, and .xls / .ods without colours or merges) through
//! calamine, or CSV in UTF-8 or the Windows code page Excel saves in. A
//! merged cell's value is copied down the rows it covers, so a
//! "Recommendation" merged over three actions reads on each of them.

use std::io::Cursor;
use std::path::Path;

use calamine::{
    open_workbook_from_rs, Data, DataRef, ExcelDateTime, Ods, Range, Reader, Xls, Xlsx,
};
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
    fn empty(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            rows: Vec::new(),
        }
    }

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
pub(super) const MAX_COLUMNS: usize = 200;

/// Memory the grids of one file may take, the blank cells that pad each row
/// out to its last value and the text of every cell included: three times
/// the largest tracker a partnership keeps (30,000 actions over 30 columns
/// take some 80 MB), and with the grids' spare capacity (up to as much
/// again) still well inside an ordinary laptop. A few values far apart (a
/// stray entry out in column XFD on each of a few thousand rows, a coloured
/// default style over a million rows, a long value merged down them) would
/// otherwise make a grid of billions of cells and exhaust the memory (found
/// by fuzzing); the file is refused instead, saying where it got to.
const MAX_GRID_BYTES: usize = 256 << 20;

/// What one cell of a grid costs, its text aside.
const CELL: usize = std::mem::size_of::<Cell>();
/// What one row of a grid costs, its cells aside.
const ROW: usize = std::mem::size_of::<Vec<Cell>>();

/// What is left of a file's [`MAX_GRID_BYTES`] while its sheets are read.
pub(super) struct Budget {
    left: usize,
}

impl Budget {
    pub(super) fn new(bytes: usize) -> Self {
        Self { left: bytes }
    }

    /// Takes `bytes` for growing the grid to reach `at` (row, column), or
    /// says the grid would outgrow the file's share.
    fn spend(&mut self, bytes: usize, at: (usize, usize)) -> Grown {
        self.left = self.left.checked_sub(bytes).ok_or(Overflow(at))?;
        Ok(())
    }
}

/// A grid that would outgrow its [`Budget`] reaching this (row, column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Overflow(pub(super) (usize, usize));

/// A grid grown, or the cell it could not grow to.
type Grown = std::result::Result<(), Overflow>;

/// Why a workbook's sheets could not be read: what the reader said, or the
/// sheet that grew too large and where.
enum SheetError {
    Reader(String),
    TooLarge(String, Overflow),
}

/// The refusal of a file whose sheet `sheet` reaches too far, with the cell
/// its grid outgrew the budget at and how to find what is out there.
fn too_large(shown: &str, sheet: &str, Overflow((row, column)): Overflow) -> Error {
    let column = super::header::column_letter(u32::try_from(column).unwrap_or(u32::MAX - 1));
    Error::NotASpreadsheet(format!(
        "{shown} is too large to import: reading its sheet \"{sheet}\" only as far as cell {column}{} already takes more memory than a tracker should. If the tracker's table is smaller, something lies far below or to the right of it: in Excel, Ctrl+End goes to the last cell used. Delete the rows and columns past the table, save, and try again.",
        row + 1
    ))
}

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
    from_bytes_within(shown, stem, bytes, MAX_GRID_BYTES)
}

/// [`from_bytes`] with the grids' memory capped at `limit` bytes (tests use
/// a small one).
pub(super) fn from_bytes_within(
    shown: &str,
    stem: &str,
    bytes: &[u8],
    limit: usize,
) -> Result<Vec<Sheet>> {
    // The readers are other people's parsers of untrusted files, and one
    // panicked on a cell reference too long to be a column (found by
    // fuzzing calamine 0.38): a file that breaks a reader is refused like
    // any other unreadable file, never brings the app down.
    std::panic::catch_unwind(|| read_bytes(shown, stem, bytes, limit)).unwrap_or_else(|_| {
        Err(Error::NotASpreadsheet(format!(
            "{shown} could not be read as a spreadsheet (its contents are damaged). Save it from Excel as .xlsx or .csv and try again."
        )))
    })
}

fn read_bytes(shown: &str, stem: &str, bytes: &[u8], limit: usize) -> Result<Vec<Sheet>> {
    let unreadable = |why: String| {
        Error::NotASpreadsheet(format!(
            "{shown} could not be read as a spreadsheet ({why}). Save it from Excel as .xlsx or .csv and try again."
        ))
    };
    let failed = |e: SheetError| match e {
        SheetError::Reader(why) => unreadable(why),
        SheetError::TooLarge(sheet, at) => too_large(shown, &sheet, at),
    };
    let mut budget = Budget::new(limit);
    if bytes.starts_with(ZIP) {
        if let Ok(mut book) = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
            return xlsx(&mut book, bytes, &mut budget).map_err(failed);
        }
        let mut book = open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)).map_err(|_| {
            unreadable("it is a zip file, but not an Excel or OpenDocument workbook".into())
        })?;
        return plain(&mut book, &mut budget).map_err(failed);
    }
    if bytes.starts_with(OLE) {
        let mut book = open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes))
            .map_err(|e| unreadable(e.to_string()))?;
        return plain(&mut book, &mut budget).map_err(failed);
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

fn xlsx(
    book: &mut Xlsx<Cursor<&[u8]>>,
    bytes: &[u8],
    budget: &mut Budget,
) -> std::result::Result<Vec<Sheet>, SheetError> {
    let merged = may_have_merges(bytes);
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut sheet = xlsx_sheet(book, &name, budget)?;
        if merged {
            // Merges are an extra: a sheet whose merges calamine cannot read
            // is still imported, each value in its top cell only.
            let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
            copy_merges_down(&mut sheet, &merges, budget)
                .map_err(|at| SheetError::TooLarge(name.clone(), at))?;
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Parts of a workbook larger than this are not searched for merges (they
/// are then read for them as calamine reads them).
const MERGE_SCAN_LIMIT: u64 = 64 << 20;

/// Whether any part of the workbook could hold a `<mergeCell>`. calamine
/// reads a sheet's merges by parsing its whole XML again, a third of the
/// reading time of a large tracker, and most trackers have none: a byte
/// search of the unzipped parts (the shared strings, which only hold cell
/// text, left out) rules them out for a fraction of that. Anything it
/// cannot rule out (a part it cannot unzip, an XML part in UTF-16, which
/// calamine decodes but the search would not see) counts as "may have".
pub(super) fn may_have_merges(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    let finder = memchr::memmem::Finder::new(b"mergeCell");
    let mut part = Vec::new();
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            return true;
        };
        if entry.name() == "xl/sharedStrings.xml" {
            continue;
        }
        let xml = entry.name().to_ascii_lowercase().ends_with(".xml");
        part.clear();
        let read = entry.take(MERGE_SCAN_LIMIT + 1).read_to_end(&mut part);
        // Binary parts (printer settings) often start with NUL bytes too.
        let utf16 = xml
            && (part.starts_with(b"\xFF\xFE")
                || part.starts_with(b"\xFE\xFF")
                || part.iter().take(4).any(|b| *b == 0));
        if read.is_err()
            || part.len() as u64 > MERGE_SCAN_LIMIT
            || utf16
            || finder.find(&part).is_some()
        {
            return true;
        }
    }
    false
}

/// One worksheet's values and fill colours, read in one pass over its XML
/// (each cell's value and style id together), straight into the grid.
fn xlsx_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> std::result::Result<Sheet, SheetError> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet (or a macro sheet) has no cells: an empty sheet, as
        // calamine's own `worksheet_range` gives.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Sheet::empty(name)),
        Err(e) => return Err(SheetError::Reader(e.to_string())),
    };
    // Each style's fill worked out once, not once per cell.
    let fills: Vec<Option<Rgb>> = reader.styles().iter().map(fill_colour).collect();
    let too_large = |at| SheetError::TooLarge(name.to_owned(), at);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut painted = Painted::new(fills.first().copied().flatten());
    while let Some((found, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| SheetError::Reader(e.to_string()))?
    {
        let (row, column) = found.get_position();
        let value = found.get_value();
        if *value != DataRef::Empty {
            put(
                &mut rows,
                budget,
                row as usize,
                column as usize,
                cell_ref(value),
            )
            .map_err(too_large)?;
        }
        // Style 0 is the default format; an id past the palette is ignored
        // (calamine's style range does both).
        if let Some(fill) = fills.get(style).filter(|_| style > 0) {
            painted.add(row, column, *fill);
        }
    }
    painted.apply(&mut rows, budget).map_err(too_large)?;
    Ok(Sheet {
        name: name.to_owned(),
        rows,
    })
}

/// A fill colour as (red, green, blue).
type Rgb = (u8, u8, u8);

/// The solid colour a style fills its cells with, if any.
fn fill_colour(style: &calamine::Style) -> Option<Rgb> {
    style
        .fill
        .as_ref()
        .filter(|f| f.is_visible())
        .and_then(|f| f.get_color())
        .map(|c| (c.red, c.green, c.blue))
}

/// The fills of the cells with a style of their own, gathered while the
/// values are read and put on the grid once its rows are known: a cell
/// coloured in but left empty (just the cell a RAG by colour is) has no
/// value, so it reaches the grid only through its fill.
struct Painted {
    /// (row, column, fill) of each cell with a style other than the default.
    cells: Vec<(u32, u32, Option<Rgb>)>,
    /// The default format's fill, which every unstyled cell inside the box
    /// around the styled ones takes (a workbook whose "Normal" is coloured).
    default: Option<Rgb>,
    /// That box: first row, last row, first column, last column.
    bounds: Option<(u32, u32, u32, u32)>,
}

impl Painted {
    fn new(default: Option<Rgb>) -> Self {
        Self {
            cells: Vec::new(),
            default,
            bounds: None,
        }
    }

    fn add(&mut self, row: u32, column: u32, fill: Option<Rgb>) {
        self.bounds = Some(match self.bounds {
            None => (row, row, column, column),
            Some((top, bottom, left, right)) => (
                top.min(row),
                bottom.max(row),
                left.min(column),
                right.max(column),
            ),
        });
        // A styled cell without a fill matters only where it covers the
        // default's colour.
        if fill.is_some() || self.default.is_some() {
            self.cells.push((row, column, fill));
        }
    }

    /// Puts the fills on the rows that have values (or lie between rows that
    /// do), as far right as MAX_COLUMNS, or as the row's values reach.
    fn apply(self, rows: &mut [Vec<Cell>], budget: &mut Budget) -> Grown {
        let Some((top, bottom, left, right)) = self.bounds else {
            return Ok(());
        };
        if let Some(default) = self.default {
            // A styled cell keeps its own fill (or none), not the default's.
            let own: std::collections::HashSet<(u32, u32)> =
                self.cells.iter().map(|&(r, c, _)| (r, c)).collect();
            let last_row = (bottom as usize).min(rows.len().saturating_sub(1));
            for r in top as usize..=last_row {
                // Past MAX_COLUMNS only over cells the row's values reach.
                let reach = rows.get(r).map_or(0, Vec::len).max(MAX_COLUMNS);
                for c in left as usize..=(right as usize).min(reach - 1) {
                    if !own.contains(&(r as u32, c as u32)) {
                        paint(rows, budget, r, c, Some(default))?;
                    }
                }
            }
        }
        for (r, c, fill) in self.cells {
            paint(rows, budget, r as usize, c as usize, fill)?;
        }
        Ok(())
    }
}

/// Sets one cell's fill: over a cell the row already has, or past its end
/// (growing it) up to MAX_COLUMNS when there is a colour to put there.
fn paint(
    rows: &mut [Vec<Cell>],
    budget: &mut Budget,
    r: usize,
    c: usize,
    fill: Option<Rgb>,
) -> Grown {
    let Some(row) = rows.get_mut(r) else {
        return Ok(());
    };
    if c < row.len() {
        row[c].fill = fill;
    } else if c < MAX_COLUMNS && fill.is_some() {
        budget.spend(CELL * (c + 1 - row.len()), (r, c))?;
        row.resize(c + 1, Cell::default());
        row[c].fill = fill;
    }
    Ok(())
}

/// A merged cell's value (and fill) copied down the rows it covers, in its
/// first column only: a banner merged across a row is a title, and copying
/// it sideways would put it in every field.
pub(super) fn copy_merges_down(
    sheet: &mut Sheet,
    merges: &[calamine::Dimensions],
    budget: &mut Budget,
) -> Grown {
    for merged in merges {
        let (top, left) = (merged.start.0 as usize, merged.start.1 as usize);
        let value = sheet.cell(top, left);
        for r in top + 1..=merged.end.0 as usize {
            if let Some(row) = sheet.rows.get_mut(r) {
                // Each copy holds its own text: a long value merged down a
                // million rows is a million copies of it.
                let padding = (left + 1).saturating_sub(row.len());
                budget.spend(CELL * padding + value.text.len(), (r, left))?;
                if row.len() <= left {
                    row.resize(left + 1, Cell::default());
                }
                row[left] = value.clone();
            }
        }
    }
    Ok(())
}

/// Values only, for the formats whose colours and merges calamine does not read.
fn plain<'a, R>(book: &mut R, budget: &mut Budget) -> std::result::Result<Vec<Sheet>, SheetError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Debug,
{
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SheetError::Reader(format!("{e:?}")))?;
        let sheet = grid(&name, &range, budget).map_err(|at| SheetError::TooLarge(name, at))?;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// The used range as a grid from A1, so row and column numbers are the sheet's own.
pub(super) fn grid(
    name: &str,
    range: &Range<Data>,
    budget: &mut Budget,
) -> std::result::Result<Sheet, Overflow> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (r, c, value) in range.used_cells() {
        put(
            &mut rows,
            budget,
            top as usize + r,
            left as usize + c,
            cell(value),
        )?;
    }
    Ok(Sheet {
        name: name.to_owned(),
        rows,
    })
}

/// Puts `cell` at `row`, `column`, growing the grid to reach it.
fn put(
    rows: &mut Vec<Vec<Cell>>,
    budget: &mut Budget,
    row: usize,
    column: usize,
    cell: Cell,
) -> Grown {
    let new_rows = (row + 1).saturating_sub(rows.len());
    let new_cells = (column + 1).saturating_sub(rows.get(row).map_or(0, Vec::len));
    budget.spend(
        ROW * new_rows + CELL * new_cells + cell.text.len(),
        (row, column),
    )?;
    if rows.len() <= row {
        rows.resize(row + 1, Vec::new());
    }
    let cells = &mut rows[row];
    if cells.len() <= column {
        cells.resize(column + 1, Cell::default());
    }
    cells[column] = cell;
    Ok(())
}

/// A value from the formats read into a `Range` (.xls, .ods).
fn cell(value: &Data) -> Cell {
    match value {
        Data::String(s) => Cell::text(s),
        Data::Int(i) => int_cell(*i),
        Data::Float(f) => float_cell(*f),
        Data::Bool(b) => bool_cell(*b),
        Data::DateTime(at) => date_time_cell(at),
        Data::DateTimeIso(text) => iso_cell(text),
        Data::DurationIso(text) => Cell::text(text),
        Data::Error(_) | Data::Empty => Cell::default(),
    }
}

/// A value as the XLSX cell reader gives it: the same as [`cell`] makes of
/// the `Data` calamine's `worksheet_range` would have turned it into (a
/// shared string is its text; dates, 1904 workbooks included, are already
/// worked out by the reader from the cell's number format).
fn cell_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::String(s) => Cell::text(s),
        DataRef::SharedString(s) => Cell::text(s),
        DataRef::Int(i) => int_cell(*i),
        DataRef::Float(f) => float_cell(*f),
        DataRef::Bool(b) => bool_cell(*b),
        DataRef::DateTime(at) => date_time_cell(at),
        DataRef::DateTimeIso(text) => iso_cell(text),
        DataRef::DurationIso(text) => Cell::text(text),
        DataRef::Error(_) | DataRef::Empty => Cell::default(),
    }
}

fn int_cell(value: i64) -> Cell {
    Cell {
        text: value.to_string(),
        number: Some(value as f64),
        ..Cell::default()
    }
}

fn float_cell(value: f64) -> Cell {
    Cell {
        text: number_text(value),
        number: Some(value),
        ..Cell::default()
    }
}

fn bool_cell(value: bool) -> Cell {
    Cell::text(if value { "TRUE" } else { "FALSE" })
}

/// A date (its time of day dropped); a duration as calamine writes it.
pub(super) fn date_time_cell(at: &ExcelDateTime) -> Cell {
    if !at.is_datetime() {
        return Cell::text(&at.to_string());
    }
    let (y, m, d, ..) = at.to_ymd_hms_milli();
    let date = NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d));
    Cell {
        // What chrono's "%d/%m/%Y" writes (years past 9999 get a sign, and
        // are left to it), for a fifth of the cost: a tracker is full of dates.
        text: match date {
            Some(_) if y <= 9999 => format!("{d:02}/{m:02}/{y:04}"),
            Some(date) => date.format("%d/%m/%Y").to_string(),
            None => String::new(),
        },
        date,
        ..Cell::default()
    }
}

/// An ISO 8601 date or date and time (ODS), its text kept as it is.
fn iso_cell(text: &str) -> Cell {
    let date = text.get(..10).and_then(|d| d.parse::<NaiveDate>().ok());
    Cell {
        text: text.to_owned(),
        date,
        ..Cell::default()
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
