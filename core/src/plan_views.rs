//! Views across the action plans: the thematic tracker (themes against the
//! reviews and reports they came up in, so the board sees what keeps
//! recurring) and the reminders the app shows.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::actions::{ActionFilter, ActionRecord};
use crate::clocks::Quarter;
use crate::error::Result;
use crate::quarter_reviews;
use crate::register::Register;

/// How far ahead "due soon" looks for actions, in calendar days.
pub const ACTIONS_DUE_SOON_DAYS: u64 = 28;

/// A review or report with recommendations: one column of the tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrackerColumn {
    pub source_code: String,
    pub source_title: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrackerCell {
    pub recommendations: u32,
    pub open_actions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrackerRow {
    pub theme: String,
    /// One per column, in the columns' order.
    pub cells: Vec<TrackerCell>,
    /// In how many reviews or reports the theme came up.
    pub sources: u32,
    pub recommendations: u32,
    pub open_actions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ThematicTracker {
    pub columns: Vec<TrackerColumn>,
    /// Themes that came up at all, the most recurrent first.
    pub rows: Vec<TrackerRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reminders {
    /// Open actions due within the next 28 days.
    pub due_soon: Vec<ActionRecord>,
    /// Open actions past their target date.
    pub overdue: Vec<ActionRecord>,
    /// Open actions with no update recorded in this quarter's review.
    pub no_update_this_quarter: Vec<ActionRecord>,
    /// This quarter's label, for the reminder's wording.
    pub quarter: String,
    /// Actions escalated to the Executive Board in the latest quarter review.
    pub escalations: Vec<String>,
}

impl Register {
    /// Themes against the reviews and reports they came up in.
    pub fn thematic_tracker(&self) -> Result<ThematicTracker> {
        let recommendations = self.list_recommendations()?;
        let actions = self.list_actions(&ActionFilter::default(), crate::dates::today())?;
        let mut columns: Vec<TrackerColumn> = Vec::new();
        let mut seen = HashSet::new();
        for r in &recommendations {
            if seen.insert(r.source_code.as_str()) {
                columns.push(TrackerColumn {
                    source_code: r.source_code.clone(),
                    source_title: r.source_title.clone(),
                });
            }
        }
        // One pass over recommendations and actions, counting into a cell per
        // theme and column; looking each cell up by scanning every record made
        // this quadratic (minutes on a ten-year register).
        let column_of: HashMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.source_code.as_str(), i))
            .collect();
        let themes = self.list_themes()?;
        let theme_of: HashMap<&str, usize> = themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        let mut cells = vec![vec![TrackerCell::default(); columns.len()]; themes.len()];
        let mut open_by_theme = vec![0u32; themes.len()];
        for r in &recommendations {
            let Some(&column) = column_of.get(r.source_code.as_str()) else {
                continue;
            };
            for theme in r.themes.iter().filter_map(|n| theme_of.get(n.as_str())) {
                cells[*theme][column].recommendations += 1;
            }
        }
        for a in actions.iter().filter(|a| !a.status.is_closed()) {
            let mut answered: Vec<usize> = a
                .answers
                .iter()
                .filter_map(|ans| column_of.get(ans.source_code.as_str()).copied())
                .collect();
            answered.sort_unstable();
            answered.dedup();
            let mut seen: Vec<usize> = Vec::new();
            for &theme in a.themes.iter().filter_map(|n| theme_of.get(n.as_str())) {
                if seen.contains(&theme) {
                    continue;
                }
                seen.push(theme);
                open_by_theme[theme] += 1;
                for &column in &answered {
                    cells[theme][column].open_actions += 1;
                }
            }
        }
        let mut rows = Vec::new();
        for ((theme, cells), open_actions) in themes.iter().zip(cells).zip(open_by_theme) {
            let sources = cells
                .iter()
                .filter(|c| c.recommendations > 0 || c.open_actions > 0)
                .count() as u32;
            if sources == 0 {
                continue;
            }
            rows.push(TrackerRow {
                theme: theme.name.clone(),
                sources,
                recommendations: cells.iter().map(|c| c.recommendations).sum(),
                // Counted once each: an action answering two reviews sits in two cells.
                open_actions,
                cells,
            });
        }
        rows.sort_by(|a, b| {
            b.sources
                .cmp(&a.sources)
                .then(b.recommendations.cmp(&a.recommendations))
                .then(a.theme.cmp(&b.theme))
        });
        Ok(ThematicTracker { columns, rows })
    }

    /// What needs chasing, as of `today`.
    pub fn reminders(&self, today: NaiveDate) -> Result<Reminders> {
        let open = self.list_open_actions()?;
        let horizon = today
            .checked_add_days(Days::new(ACTIONS_DUE_SOON_DAYS))
            .unwrap_or(today);
        let quarter = Quarter::containing(today, self.clock_settings()?.year_start_month);
        // Only which actions were reviewed and which escalated: building the
        // quarters' whole reviews for that took most of the dashboard's time.
        let updated =
            quarter_reviews::reviewed_references(self.conn(), &quarter)?.unwrap_or_default();
        let escalations = quarter_reviews::latest_escalations(self.conn())?;
        Ok(Reminders {
            due_soon: open
                .iter()
                .filter(|a| a.target_date >= today && a.target_date <= horizon)
                .cloned()
                .collect(),
            overdue: open
                .iter()
                .filter(|a| a.target_date < today)
                .cloned()
                .collect(),
            no_update_this_quarter: open
                .iter()
                .filter(|a| !updated.contains(&a.reference))
                .cloned()
                .collect(),
            quarter: quarter.label(),
            escalations,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::ActionInput;
    use crate::dates::DateInput;
    use crate::recommendations::tests::register_with_sources;
    use crate::recommendations::RecommendationInput;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
    }

    fn setup() -> Register {
        let mut reg = register_with_sources();
        let mut ids = Vec::new();
        for (source, reference, theme) in [
            ("Case AJ", "R1", "Neglect"),
            ("Case AK", "R1", "Neglect"),
            ("NP-SUDI", "2", "Think family"),
        ] {
            let input = RecommendationInput {
                source: source.into(),
                reference: reference.into(),
                text: "A recommendation".into(),
                themes: vec![theme.into()],
                ..RecommendationInput::default()
            };
            ids.push(reg.add_recommendation(&input).expect("rec").id.to_string());
        }
        let action =
            |reference: &str, target: &str, answers: Vec<String>, theme: &str| ActionInput {
                reference: reference.into(),
                text: format!("Action {reference}"),
                lead_agency: "Police".into(),
                lead_officer: "Detective Inspector".into(),
                target: DateInput::from_iso(target).expect("iso"),
                agreed: DateInput::from_iso("2025-01-10").expect("iso"),
                answers,
                themes: vec![theme.into()],
            };
        reg.add_action(
            &action(
                "A1",
                "2025-09-20",
                vec![ids[0].clone(), ids[1].clone()],
                "Neglect",
            ),
            today(),
        )
        .expect("A1");
        reg.add_action(
            &action("A2", "2025-08-01", vec![ids[2].clone()], "Think family"),
            today(),
        )
        .expect("A2");
        reg
    }

    #[test]
    fn the_thematic_tracker_shows_what_recurs_across_reviews() {
        let reg = setup();
        let tracker = reg.thematic_tracker().expect("tracker");
        let columns: Vec<&str> = tracker
            .columns
            .iter()
            .map(|c| c.source_code.as_str())
            .collect();
        assert_eq!(columns, ["Case AJ", "Case AK", "NP-SUDI"]);
        let neglect = &tracker.rows[0];
        assert_eq!(
            (
                neglect.theme.as_str(),
                neglect.sources,
                neglect.recommendations
            ),
            ("Neglect", 2, 2)
        );
        assert_eq!(neglect.open_actions, 1, "one shared action, counted once");
        assert_eq!(
            neglect.cells[0],
            TrackerCell {
                recommendations: 1,
                open_actions: 1
            }
        );
        assert_eq!(
            tracker.rows.len(),
            2,
            "themes that never came up are left out"
        );
    }

    #[test]
    fn reminders_name_due_overdue_and_unreviewed_actions() {
        let mut reg = setup();
        let reminders = reg.reminders(today()).expect("reminders");
        let refs =
            |list: &[ActionRecord]| list.iter().map(|a| a.reference.clone()).collect::<Vec<_>>();
        assert_eq!(refs(&reminders.due_soon), ["A1"]);
        assert_eq!(refs(&reminders.overdue), ["A2"]);
        assert_eq!(refs(&reminders.no_update_this_quarter), ["A1", "A2"]);
        assert_eq!(reminders.quarter, "Q2 2025/26 (July to September 2025)");
        reg.open_quarter("2025/26-Q2", today()).expect("open");
        let escalate = crate::quarter_reviews::QuarterUpdateInput {
            status: "in-progress".into(),
            rag: "red".into(),
            escalate: true,
            escalation_reason: "No lead since the restructure".into(),
            ..Default::default()
        };
        reg.update_quarter("2025/26-Q2", "A2", &escalate, today())
            .expect("update");
        let reminders = reg.reminders(today()).expect("reminders");
        assert_eq!(refs(&reminders.no_update_this_quarter), ["A1"]);
        assert_eq!(reminders.escalations, ["A2: No lead since the restructure"]);
    }
}
