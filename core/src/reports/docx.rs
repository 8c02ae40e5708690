//! A Word document as the reports need it, over docx-rs: A4 portrait, the
//! protective marking at the top and bottom of every page with "Page N of M",
//! real "Title", "Heading 1" and "Heading 2" styles (so Word's navigation pane
//! and a table of contents find the headings), and tables with a shaded
//! heading row repeated on every page, borders, and rows kept whole.
//!
//! docx-rs cannot mark a heading row to repeat, nor set a document's keywords
//! or category, so [`WordDocument::finish`] adds both to the parts docx-rs
//! renders before packing them.

use std::io::Cursor;

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, BorderType, Docx, FieldCharType, Footer, Header, HeightRule, InstrNUMPAGES,
    InstrPAGE, InstrText, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading, ShdType,
    Style, StyleType, Tab, TabValueType, Table, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::actions::Rag;
use crate::error::{Error, Result};
use crate::exports::{rag_word, MARKING};

/// A4 in twentieths of a point, with 2 cm margins.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN: i32 = 1_134;
/// The width between the margins.
const TEXT_WIDTH: usize = (PAGE_WIDTH as usize) - 2 * (MARGIN as usize);

/// Calibri is Word's long-standing default; LibreOffice lays it out with
/// Carlito, which has the same metrics (scripts/setup.sh installs it).
const FONT: &str = "Calibri";
const HEADING_COLOUR: &str = "1F3864";
/// The same light blue as the tracker workbook's heading row.
const HEADING_FILL: &str = "D9E1F2";
const BORDER_COLOUR: &str = "808080";
/// 9 point, in half-points.
const FOOTER_SIZE: usize = 18;

/// The height (in twips) given to heading rows, and only to them, so they
/// can be found in the rendered XML and marked to repeat on each page.
const HEADING_ROW_HEIGHT: u32 = 397;

/// One table cell before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Cell {
    /// Plain text; each line becomes its own paragraph.
    Text(String),
    /// Bold text, for a row's label.
    Strong(String),
    /// A RAG rating: the word on its colour, as in the tracker workbook.
    Rag(Option<Rag>),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(text.into())
    }
}

/// A table column: its heading and its share of the page's width.
pub(super) struct Column {
    pub heading: &'static str,
    pub weight: usize,
}

pub(super) const fn column(heading: &'static str, weight: usize) -> Column {
    Column { heading, weight }
}

/// What the file's properties say about it.
pub(super) struct Properties<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub author: &'a str,
    pub produced_on: NaiveDate,
}

/// A document being written, top to bottom.
pub(super) struct WordDocument {
    docx: Docx,
    /// Tables with a heading row, each of which must be marked to repeat.
    headed_tables: usize,
}

impl WordDocument {
    pub fn new() -> Self {
        let docx = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN)
                    .bottom(MARGIN)
                    .left(MARGIN)
                    .right(MARGIN)
                    .header(567)
                    .footer(567),
            )
            .default_fonts(fonts())
            .default_size(22)
            .default_line_spacing(LineSpacing::new().after(120))
            .add_style(heading_style("Title", "Title", 40, None, 0, 160))
            .add_style(heading_style(
                "Heading1",
                "heading 1",
                30,
                Some(0),
                360,
                120,
            ))
            .add_style(heading_style("Heading2", "heading 2", 25, Some(1), 240, 80))
            .header(Header::new().add_paragraph(marking_line().align(AlignmentType::Center)))
            .footer(Footer::new().add_paragraph(footer_line()))
            .custom_property("Classification", MARKING);
        Self {
            docx,
            headed_tables: 0,
        }
    }

    fn push(&mut self, paragraph: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(paragraph);
    }

    pub fn title(&mut self, text: &str) {
        self.push(styled("Title", text));
    }

    pub fn heading1(&mut self, text: &str) {
        self.push(styled("Heading1", text));
    }

    pub fn heading2(&mut self, text: &str) {
        self.push(styled("Heading2", text));
    }

    pub fn paragraph(&mut self, text: &str) {
        self.push(Paragraph::new().add_run(Run::new().add_text(clean(text))));
    }

    /// A paragraph with a bold lead-in: "Period: 1 April 2025 to …".
    pub fn labelled(&mut self, label: &str, text: &str) {
        self.push(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{} ", clean(label))).bold())
                .add_run(Run::new().add_text(clean(text))),
        );
    }

    /// A bold notice on a shaded band, for what no reader may miss (demo data).
    pub fn notice(&mut self, text: &str) {
        let band = TableCell::new()
            .shading(shading("FFF2CC"))
            .width(TEXT_WIDTH, WidthType::Dxa)
            .add_paragraph(cell_paragraph(&clean(text), 22, true));
        self.add_table(
            Table::new(vec![TableRow::new(vec![band])])
                .set_grid(vec![TEXT_WIDTH])
                .width(TEXT_WIDTH, WidthType::Dxa)
                .layout(TableLayoutType::Fixed)
                .set_borders(borders("BF8F00")),
        );
        // A table directly after another would join it in Word.
        self.push(Paragraph::new());
    }

    /// A table with a heading row; `empty` is written instead when there are no rows.
    pub fn table(&mut self, columns: &[Column], rows: Vec<Vec<Cell>>, empty: &str) {
        if rows.is_empty() {
            self.paragraph(empty);
            return;
        }
        let total: usize = columns.iter().map(|c| c.weight).sum::<usize>().max(1);
        let widths: Vec<usize> = columns
            .iter()
            .map(|c| TEXT_WIDTH * c.weight / total)
            .collect();
        // Many columns need a smaller type to fit the portrait page.
        let size = if columns.len() > 3 { 18 } else { 21 };
        let heading = TableRow::new(
            columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    TableCell::new()
                        .width(*w, WidthType::Dxa)
                        .shading(shading(HEADING_FILL))
                        .add_paragraph(cell_paragraph(c.heading, size, true))
                })
                .collect(),
        )
        .cant_split()
        .row_height(HEADING_ROW_HEIGHT as f32)
        .height_rule(HeightRule::AtLeast);
        let mut table_rows = vec![heading];
        for row in rows {
            let cells = row
                .into_iter()
                .zip(&widths)
                .map(|(cell, w)| body_cell(cell, *w, size))
                .collect();
            table_rows.push(TableRow::new(cells).cant_split());
        }
        self.add_table(
            Table::new(table_rows)
                .set_grid(widths)
                .width(TEXT_WIDTH, WidthType::Dxa)
                .layout(TableLayoutType::Fixed)
                .set_borders(borders(BORDER_COLOUR)),
        );
        self.headed_tables += 1;
        self.push(Paragraph::new().line_spacing(LineSpacing::new().after(0)));
    }

    fn add_table(&mut self, table: Table) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
    }

    /// The document as the bytes of a .docx file.
    pub fn finish(self, properties: &Properties<'_>) -> Result<Vec<u8>> {
        let headed = self.headed_tables;
        let mut parts = self.docx.build();
        let document = String::from_utf8(parts.document)
            .map_err(|e| Error::Internal(format!("Word document is not UTF-8: {e}")))?;
        let (document, marked) = repeat_heading_rows(&document);
        // Found by its height, so make sure each heading row was found: a
        // docx-rs that wrote row heights differently would otherwise stop the
        // headings repeating without a word.
        if marked != headed {
            return Err(Error::Internal(format!(
                "marked {marked} heading rows in {headed} tables"
            )));
        }
        parts.document = document.into_bytes();
        parts.doc_props.core = core_properties(properties).into_bytes();
        let mut bytes = Cursor::new(Vec::new());
        parts
            .pack(&mut bytes)
            .map_err(|e| Error::Internal(format!("could not build the Word document: {e}")))?;
        Ok(bytes.into_inner())
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A paragraph style Word treats as its own built-in one: Word knows
/// "heading 1" and "heading 2" by these names, and the outline level puts
/// them in the navigation pane.
fn heading_style(
    id: &str,
    name: &str,
    size: usize,
    outline: Option<usize>,
    before: u32,
    after: u32,
) -> Style {
    let mut style = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(size)
        .bold()
        .color(HEADING_COLOUR)
        .line_spacing(LineSpacing::new().before(before).after(after));
    if let Some(level) = outline {
        style = style.outline_lvl(level);
    }
    // A heading never ends a page away from what it heads.
    style.paragraph_property = style.paragraph_property.keep_next(true);
    style
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(clean(text)))
}

/// "OFFICIAL-SENSITIVE" on the left, "Page 2 of 3" on the right.
fn footer_line() -> Paragraph {
    let line = marking_line()
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
        .add_run(Run::new().add_tab().add_text("Page ").size(FOOTER_SIZE));
    let line = field(line, InstrText::PAGE(InstrPAGE {}))
        .add_run(Run::new().add_text(" of ").size(FOOTER_SIZE));
    field(line, InstrText::NUMPAGES(InstrNUMPAGES {}))
}

fn marking_line() -> Paragraph {
    Paragraph::new()
        .line_spacing(LineSpacing::new().after(0))
        .add_run(Run::new().add_text(MARKING).bold().size(FOOTER_SIZE))
}

/// A page-number field in the footer's type size: its parts in runs of
/// their own, each sized, because LibreOffice takes a field's size from the
/// run that holds its result (docx-rs's `PageNum` carries no size at all).
fn field(paragraph: Paragraph, instruction: InstrText) -> Paragraph {
    let run = || Run::new().size(FOOTER_SIZE);
    paragraph
        .add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(instruction))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
}

fn shading(fill: &str) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(fill)
}

fn borders(colour: &str) -> TableBorders {
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |b, position| {
        b.set(
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(4)
                .color(colour),
        )
    })
}

/// A paragraph in a table cell. Bold is set on the run: docx-rs's
/// `Paragraph::bold` only emboldens the paragraph mark, not its text.
fn cell_paragraph(text: &str, size: usize, bold: bool) -> Paragraph {
    let run = Run::new().add_text(text).size(size);
    Paragraph::new()
        .line_spacing(LineSpacing::new().before(20).after(20))
        .add_run(if bold { run.bold() } else { run })
}

fn body_cell(cell: Cell, width: usize, size: usize) -> TableCell {
    let base = TableCell::new().width(width, WidthType::Dxa);
    match cell {
        Cell::Text(text) => clean(&text).split('\n').fold(base, |c, line| {
            c.add_paragraph(cell_paragraph(line, size, false))
        }),
        Cell::Strong(text) => base.add_paragraph(cell_paragraph(&clean(&text), size, true)),
        Cell::Rag(rag) => {
            let (fill, font) = rag_colours(rag);
            base.shading(shading(fill)).add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .line_spacing(LineSpacing::new().before(20).after(20))
                    .add_run(
                        Run::new()
                            .add_text(rag_word(rag))
                            .bold()
                            .size(size)
                            .color(font),
                    ),
            )
        }
    }
}

/// Fill and text colours as in the tracker workbook: the word stays
/// readable in colour and in greyscale print.
fn rag_colours(rag: Option<Rag>) -> (&'static str, &'static str) {
    match rag {
        Some(Rag::Red) => ("C00000", "FFFFFF"),
        Some(Rag::Amber) => ("FFC000", "000000"),
        Some(Rag::Green) => ("00B050", "000000"),
        Some(Rag::Blue) => ("0070C0", "FFFFFF"),
        None => ("D9D9D9", "000000"),
    }
}

/// Text without the characters XML 1.0 cannot hold (a control character
/// pasted into a note would otherwise make the whole file unreadable), with
/// tabs as spaces and line endings as `\n`.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\t' | '\r' => Some(' '),
            '\n' => Some('\n'),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// Marks each heading row (found by its height) to repeat at the top of
/// every page the table runs onto; returns the document and how many rows
/// were marked.
fn repeat_heading_rows(document: &str) -> (String, usize) {
    let marker = format!(r#"<w:trHeight w:val="{HEADING_ROW_HEIGHT}" w:hRule="atLeast" />"#);
    let count = document.matches(&marker).count();
    (
        document.replace(&marker, &format!("{marker}<w:tblHeader />")),
        count,
    )
}

/// The package's core properties: title, subject, author, keywords and
/// category, with the marking wherever a file browser or Word's Info pane
/// shows them.
fn core_properties(p: &Properties<'_>) -> String {
    let stamp = format!("{}T00:00:00Z", p.produced_on);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{author}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords>",
            "<dc:description>{description}</dc:description>",
            "<cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#,
            "<cp:category>{marking}</cp:category>",
            "</cp:coreProperties>"
        ),
        title = escape(&format!("{} ({MARKING})", p.title)),
        subject = escape(p.subject),
        author = escape(p.author),
        keywords = escape(&format!("{MARKING}, safeguarding")),
        description = escape(&format!(
            "{MARKING}: case reviews, case codes only. Share only under your partnership's information-sharing agreement."
        )),
        stamp = stamp,
        marking = MARKING,
    )
}

fn escape(text: &str) -> String {
    clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_what_xml_cannot_hold() {
        assert_eq!(clean("a\u{1}b\tc\r\nd\u{FFFF}"), "ab c\nd");
    }

    #[test]
    fn core_properties_are_escaped_and_marked() {
        let xml = core_properties(&Properties {
            title: "A & B <report>",
            subject: "\"S\"",
            author: "Chair",
            produced_on: NaiveDate::from_ymd_opt(2025, 7, 1).expect("date"),
        });
        assert!(xml.contains("<dc:title>A &amp; B &lt;report&gt; (OFFICIAL-SENSITIVE)</dc:title>"));
        assert!(xml.contains("<cp:keywords>OFFICIAL-SENSITIVE, safeguarding</cp:keywords>"));
        assert!(xml.contains("2025-07-01T00:00:00Z"));
    }
}
