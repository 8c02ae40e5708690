//! The workbook's "Summary" sheet: what the tracker shows and as of when,
//! its counts by RAG, review and lead agency, and a native stacked-column
//! chart of RAG by review that reads the "By review" table.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Color, Format, FormatAlign,
    Worksheet, XlsxError,
};

use super::{base, fill, heading, page_setup, rag_format, RAGS};
use crate::dates::format_long;
use crate::exports::columns::rag_word;
use crate::exports::summary::Tally;
use crate::exports::tracker::Tracker;
use crate::exports::MARKING;

pub(super) fn write(sheet: &mut Worksheet, tracker: &Tracker) -> Result<(), XlsxError> {
    sheet.set_name("Summary")?;
    let plain = Format::new().set_font_size(10);
    let bold = plain.clone().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let marking = bold.clone().set_font_color(Color::RGB(0xC00000));
    let headed = heading();
    let cell = base();
    let number = base().set_align(FormatAlign::Right);

    sheet.write_string_with_format(0, 0, "Action plan tracker: summary", &title)?;
    sheet.write_string_with_format(1, 0, MARKING, &marking)?;
    sheet.write_string_with_format(2, 0, &tracker.basis, &plain)?;
    sheet.write_string_with_format(3, 0, filters(tracker), &plain)?;
    sheet.write_string_with_format(
        4,
        0,
        format!(
            "Produced on {} by {}. Case codes only: no case summaries or names.",
            format_long(tracker.produced_on),
            tracker.produced_by
        ),
        &plain,
    )?;
    if tracker.demo {
        sheet.write_string_with_format(
            5,
            0,
            "Demo register: every case and action in it is fictional.",
            &marking,
        )?;
    }

    let all = &tracker.summary.all;
    // Row 5 holds the demo warning when there is one; the tables start below it.
    let mut row = 7;
    sheet.write_string_with_format(row, 0, "Totals", &headed)?;
    sheet.write_string_with_format(row, 1, "Actions", &headed)?;
    for (label, count) in [
        ("Actions on the tracker", all.actions),
        ("Overdue", all.overdue),
        ("Escalated to the Executive Board", all.escalated),
    ] {
        row += 1;
        sheet.write_string_with_format(row, 0, label, &cell)?;
        sheet.write_number_with_format(row, 1, count, &number)?;
    }

    row += 2;
    sheet.write_string_with_format(row, 0, "By RAG", &headed)?;
    sheet.write_string_with_format(row, 1, "Actions", &headed)?;
    for rag in RAGS {
        row += 1;
        sheet.write_string_with_format(row, 0, rag_word(rag), &rag_format(rag))?;
        sheet.write_number_with_format(row, 1, all.rag(rag), &number)?;
    }

    row += 2;
    let by_review = row;
    tally_table(sheet, row, "By review", &tracker.summary.by_review)?;
    row += tracker.summary.by_review.len() as u32 + 1;
    sheet.write_string_with_format(
        row,
        0,
        "An action answering recommendations from several reviews is counted under each of them.",
        &plain.clone().set_italic(),
    )?;

    row += 2;
    tally_table(sheet, row, "By lead agency", &tracker.summary.by_agency)?;

    let name_width = tracker
        .summary
        .by_review
        .iter()
        .chain(&tracker.summary.by_agency)
        .map(|t| t.name.chars().count() as f64)
        .fold(32.0_f64, f64::max)
        .min(40.0);
    sheet.set_column_width(0, name_width + 1.5)?;
    for col in 1..=8 {
        sheet.set_column_width(col, 9.5)?;
    }

    if tracker.rows.is_empty() {
        sheet.write_string_with_format(row + 2, 0, "No actions match these options.", &bold)?;
    } else {
        let chart = rag_by_review(by_review, tracker.summary.by_review.len() as u32);
        sheet.insert_chart(7, 10, &chart)?;
    }
    page_setup(sheet, tracker);
    Ok(())
}

/// What the tracker was limited to, in words.
fn filters(tracker: &Tracker) -> String {
    let mut parts = Vec::new();
    if let Some(review) = &tracker.review {
        parts.push(format!("actions answering {review}'s recommendations"));
    }
    if tracker.exceptions {
        parts.push("exceptions only (Red, Amber or overdue)".to_owned());
    }
    if parts.is_empty() {
        "All actions.".to_owned()
    } else {
        format!("Showing {}.", parts.join("; "))
    }
}

const TALLY_HEADINGS: [&str; 9] = [
    "",
    "Actions",
    "Red",
    "Amber",
    "Green",
    "Blue",
    "No RAG",
    "Overdue",
    "Escalated",
];

/// A table of tallies under `title`, starting at `row`: the chart reads it.
fn tally_table(
    sheet: &mut Worksheet,
    row: u32,
    title: &str,
    tallies: &[Tally],
) -> Result<(), XlsxError> {
    let headed = heading();
    let cell = base();
    let number = base().set_align(FormatAlign::Right);
    for (col, text) in TALLY_HEADINGS.iter().enumerate() {
        let text = if col == 0 { title } else { text };
        sheet.write_string_with_format(row, col as u16, text, &headed)?;
    }
    for (i, t) in tallies.iter().enumerate() {
        let r = row + 1 + i as u32;
        sheet.write_string_with_format(r, 0, &t.name, &cell)?;
        let counts = [
            t.actions,
            t.red,
            t.amber,
            t.green,
            t.blue,
            t.no_rag,
            t.overdue,
            t.escalated,
        ];
        for (col, count) in counts.into_iter().enumerate() {
            sheet.write_number_with_format(r, col as u16 + 1, count, &number)?;
        }
    }
    Ok(())
}

/// A stacked column per review, one coloured series per RAG rating, read
/// from the "By review" table whose heading row is `heading_row`.
fn rag_by_review(heading_row: u32, reviews: u32) -> Chart {
    let mut chart = Chart::new(ChartType::ColumnStacked);
    let (first, last) = (heading_row + 1, heading_row + reviews);
    for (i, rag) in RAGS.into_iter().enumerate() {
        let col = 2 + i as u16;
        let (background, _) = fill(rag);
        chart
            .add_series()
            .set_name(("Summary", heading_row, col))
            .set_categories(("Summary", first, 0, last, 0))
            .set_values(("Summary", first, col, last, col))
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(background))),
            )
            .set_gap(60);
    }
    chart.title().set_name("Actions by review and RAG");
    chart.x_axis().set_name("Review");
    chart.y_axis().set_name("Actions").set_major_unit(1);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(640).set_height(380);
    chart
}
