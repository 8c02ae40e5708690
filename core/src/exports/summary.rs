//! The tracker's counts for the board: by RAG, by review and by lead agency,
//! with the overdue and escalated actions in each.

use std::collections::HashMap;

use serde::Serialize;

use super::tracker::TrackerRow;
use crate::actions::Rag;

/// Counts over a group of actions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The review's code, the agency's name, or "All actions".
    pub name: String,
    pub actions: u32,
    pub red: u32,
    pub amber: u32,
    pub green: u32,
    pub blue: u32,
    pub no_rag: u32,
    pub overdue: u32,
    pub escalated: u32,
}

impl Tally {
    fn named(name: &str) -> Self {
        Tally {
            name: name.to_owned(),
            ..Tally::default()
        }
    }

    fn add(&mut self, row: &TrackerRow) {
        self.actions += 1;
        *match row.rag {
            Some(Rag::Red) => &mut self.red,
            Some(Rag::Amber) => &mut self.amber,
            Some(Rag::Green) => &mut self.green,
            Some(Rag::Blue) => &mut self.blue,
            None => &mut self.no_rag,
        } += 1;
        self.overdue += u32::from(row.overdue);
        self.escalated += u32::from(row.escalated);
    }

    /// The count for one RAG rating (`None`: not rated).
    pub fn rag(&self, rag: Option<Rag>) -> u32 {
        match rag {
            Some(Rag::Red) => self.red,
            Some(Rag::Amber) => self.amber,
            Some(Rag::Green) => self.green,
            Some(Rag::Blue) => self.blue,
            None => self.no_rag,
        }
    }
}

/// The tracker's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TrackerSummary {
    pub all: Tally,
    /// One per review or report, by code. An action answering several
    /// reviews counts under each, so these add up to more than `all`.
    pub by_review: Vec<Tally>,
    /// One per lead agency, by name.
    pub by_agency: Vec<Tally>,
}

impl TrackerSummary {
    pub(super) fn of(rows: &[TrackerRow]) -> Self {
        let mut all = Tally::named("All actions");
        let mut by_review = Tallies::default();
        let mut by_agency = Tallies::default();
        for row in rows {
            all.add(row);
            for review in &row.reviews {
                by_review.entry(review).add(row);
            }
            by_agency.entry(&row.lead_agency).add(row);
        }
        let (mut by_review, mut by_agency) = (by_review.list, by_agency.list);
        let by_name = |a: &Tally, b: &Tally| a.name.to_lowercase().cmp(&b.name.to_lowercase());
        by_review.sort_by(by_name);
        by_agency.sort_by(by_name);
        TrackerSummary {
            all,
            by_review,
            by_agency,
        }
    }
}

/// Tallies in the order their names first came, found by name ignoring
/// ASCII case through an index (searching the list for each row was
/// quadratic: 30,000 actions × 4,000 reviews on a ten-year register).
#[derive(Default)]
struct Tallies {
    list: Vec<Tally>,
    index: HashMap<String, usize>,
}

impl Tallies {
    /// The tally named `name` (agencies compared without case), added if new.
    fn entry(&mut self, name: &str) -> &mut Tally {
        let list = &mut self.list;
        let index = *self
            .index
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| {
                list.push(Tally::named(name));
                list.len() - 1
            });
        &mut self.list[index]
    }
}
