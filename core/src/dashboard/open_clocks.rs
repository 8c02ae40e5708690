//! Every case's open clocks and stage, read for the dashboard with only what
//! they need: each case's id, code, kind and stage, and each step's name,
//! outcome and date. Reading whole cases (summaries, times) and whole steps
//! (notes, who, times, amendments) for this was most of the dashboard's time
//! on a ten-year register, and none of it shows on the dashboard.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::cases::{CaseKind, Stage};
use crate::change_log::corrupt;
use crate::error::Result;
use crate::events::{decode_step, replay_steps, CaseDeadline, OpenClocks};
use crate::journey::Step;
use crate::plan_views::{each_row, text, IdMap};
use crate::register::Register;

/// What the dashboard knows of one case.
struct CaseClocks {
    id: Uuid,
    code: String,
    kind: CaseKind,
    stage: Stage,
    /// Its steps with their dates, in the order recorded.
    steps: Vec<(Step, NaiveDate)>,
}

/// The stage of every case, and every clock still running or overdue,
/// soonest first: what [`Register::open_deadlines`] gives, in its order.
pub(super) fn read(
    register: &Register,
    today: NaiveDate,
) -> Result<(Vec<Stage>, Vec<CaseDeadline>)> {
    let conn = register.conn();
    let settings = register.clock_settings()?;
    let mut cases = Vec::new();
    let mut place_of: IdMap<String, usize> = IdMap::default();
    // In the order `list_cases` gives them, so the clocks come out in the
    // order `open_deadlines` put them in before sorting.
    each_row(
        conn,
        "SELECT id, code, kind, stage FROM cases ORDER BY referred_on DESC, code",
        |r| {
            let id = text(r, 0)?;
            let (kind, stage) = (text(r, 2)?, text(r, 3)?);
            place_of.insert(id.to_owned(), cases.len());
            cases.push(CaseClocks {
                id: Uuid::parse_str(id).map_err(|e| corrupt("case id", e))?,
                code: r.get(1)?,
                kind: CaseKind::parse(kind).ok_or_else(|| corrupt("case kind", kind))?,
                stage: Stage::parse(stage).ok_or_else(|| corrupt("case stage", stage))?,
                steps: Vec::new(),
            });
            Ok(())
        },
    )?;
    // A case's steps come together, so its place is looked up once.
    let mut current: Option<(String, Option<usize>)> = None;
    each_row(
        conn,
        "SELECT case_id, step, outcome, occurred_on FROM case_events ORDER BY case_id, position",
        |r| {
            let case_id = text(r, 0)?;
            let place = match &current {
                Some((id, place)) if id == case_id => *place,
                _ => {
                    let place = place_of.get(case_id).copied();
                    current = Some((case_id.to_owned(), place));
                    place
                }
            };
            let (_, step) = decode_step(text(r, 1)?, text(r, 2)?)?;
            let on = iso_date(text(r, 3)?)?;
            if let Some(place) = place {
                cases[place].steps.push((step, on));
            }
            Ok(())
        },
    )?;
    let mut open = OpenClocks::new(today, &settings);
    for case in &cases {
        let journey = replay_steps(case.kind, case.steps.iter().map(|(s, on)| (s, *on)))?;
        open.add(case.id, &case.code, &journey);
    }
    Ok((
        cases.iter().map(|c| c.stage).collect(),
        open.soonest_first(),
    ))
}

/// A stored date (`YYYY-MM-DD`, as every date is written), read digit by
/// digit: chrono's general parser was a tenth of the dashboard's time. Any
/// other text goes to that parser, so it is read (or refused) as before.
fn iso_date(text: &str) -> Result<NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range).and_then(|d| {
            d.iter().try_fold(0u32, |n, c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        })
    };
    let quick = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| {
            let year = i32::try_from(digits(0..4)?).ok()?;
            NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
        })
        .flatten();
    match quick {
        Some(date) => Ok(date),
        None => text.parse().map_err(|e| corrupt("step date", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_date_reads_as_chrono_reads_it() {
        for text in ["2026-11-22", "2024-02-29", "1999-12-31", "0001-01-01"] {
            assert_eq!(
                iso_date(text).expect("date"),
                text.parse::<NaiveDate>().expect("chrono"),
                "{text}"
            );
        }
        // Not a real date, or not written as the app writes dates: as chrono
        // reads it, whichever way that goes.
        for text in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-22",
            "+2026-11-22",
            " 2026-11-22",
            "26-11-22",
            "",
            "2026/11/22",
            "2026-11-2x",
        ] {
            assert_eq!(
                iso_date(text).ok(),
                text.parse::<NaiveDate>().ok(),
                "{text}"
            );
        }
        assert!(iso_date("2025-02-29").is_err());
    }
}
