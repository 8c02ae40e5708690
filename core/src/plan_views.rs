//! Views across the action plans: the thematic tracker (themes against the
//! reviews and reports they came up in, so the board sees what keeps
//! recurring) and the reminders the app shows.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::actions::open_condition;
use crate::change_log::corrupt;
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

/// An action as a reminder names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReminderAction {
    #[ts(type = "string")]
    pub id: Uuid,
    pub reference: String,
    pub text: String,
    pub lead_agency: String,
    #[ts(type = "string")]
    pub target_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reminders {
    /// Open actions due within the next 28 days.
    pub due_soon: Vec<ReminderAction>,
    /// Open actions past their target date.
    pub overdue: Vec<ReminderAction>,
    /// Open actions with no update recorded in this quarter's review.
    pub no_update_this_quarter: Vec<ReminderAction>,
    /// This quarter's label, for the reminder's wording.
    pub quarter: String,
    /// Actions escalated to the Executive Board in the latest quarter review.
    pub escalations: Vec<String>,
}

impl Register {
    /// Themes against the reviews and reports they came up in.
    pub fn thematic_tracker(&self) -> Result<ThematicTracker> {
        // Only codes, theme ids and statuses are read: reading every action
        // and recommendation in full (text, evidence, history) for counts
        // took a third of a second on a ten-year register.
        let conn = self.conn();
        let columns: Vec<TrackerColumn> = query(
            conn,
            &format!(
                "SELECT {SOURCE_CODE}, min(coalesce(s.title, 'Review of ' || c.code)) FROM recommendations r
                 {SOURCE_JOINS} GROUP BY 1 ORDER BY 1"
            ),
            |r| {
                Ok(TrackerColumn {
                    source_code: r.get(0)?,
                    source_title: r.get(1)?,
                })
            },
        )?;
        let column_of: HashMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.source_code.as_str(), i))
            .collect();
        let themes = self.list_themes()?;
        let theme_of: HashMap<String, usize> = themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.to_string(), i))
            .collect();
        let mut cells = vec![vec![TrackerCell::default(); columns.len()]; themes.len()];
        let mut open_by_theme = vec![0u32; themes.len()];
        // Recommendations per theme and column, counted by SQL.
        let counted = query(
            conn,
            &format!(
                "SELECT {SOURCE_CODE}, x.theme_id, count(*) FROM recommendation_themes x
                 JOIN recommendations r ON r.id = x.recommendation_id {SOURCE_JOINS} GROUP BY 1, 2"
            ),
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                ))
            },
        )?;
        for (code, theme, count) in counted {
            if let (Some(&column), Some(&theme)) =
                (column_of.get(code.as_str()), theme_of.get(&theme))
            {
                cells[theme][column].recommendations += count;
            }
        }
        // Open actions: the columns each answers, then each one's themes. An
        // action answering two reviews sits in two cells but counts once in
        // its theme's total.
        let open = format!("SELECT a.id FROM actions a WHERE {}", open_condition());
        let answered = query(
            conn,
            &format!(
                "SELECT DISTINCT aa.action_id, {SOURCE_CODE} FROM action_answers aa
                 JOIN recommendations r ON r.id = aa.recommendation_id {SOURCE_JOINS}
                 WHERE aa.action_id IN ({open})"
            ),
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        let mut columns_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (action, code) in answered {
            if let Some(&column) = column_of.get(code.as_str()) {
                columns_of.entry(action).or_default().push(column);
            }
        }
        let themed = query(
            conn,
            &format!("SELECT action_id, theme_id FROM action_themes WHERE action_id IN ({open})"),
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        // The link table's key is (action, theme), so each pair comes once.
        for (action, theme) in themed {
            let Some(&theme) = theme_of.get(&theme) else {
                continue;
            };
            open_by_theme[theme] += 1;
            for &column in columns_of.get(&action).map_or(&[][..], Vec::as_slice) {
                cells[theme][column].open_actions += 1;
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
        // Only what a reminder shows of each open action: reading them in
        // full (answers, themes, history, evidence) was most of the
        // dashboard's time on a ten-year register.
        let open = query(
            self.conn(),
            &format!(
                "SELECT a.id, a.reference, a.text, a.lead_agency, a.target_date FROM actions a
                 WHERE {} ORDER BY a.reference",
                open_condition()
            ),
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )?
        .into_iter()
        .map(|(id, reference, text, lead_agency, target)| {
            Ok(ReminderAction {
                id: Uuid::parse_str(&id).map_err(|e| corrupt("action id", e))?,
                reference,
                text,
                lead_agency,
                target_date: target.parse().map_err(|e| corrupt("target date", e))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
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

/// A recommendation's case or source code, from `recommendations r` with [`SOURCE_JOINS`].
const SOURCE_CODE: &str = "coalesce(c.code, s.code)";
const SOURCE_JOINS: &str =
    "LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN sources s ON s.id = r.source_id";

/// Every row of `sql`, each made by `row`.
fn query<T>(
    conn: &Connection,
    sql: &str,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let found = stmt
        .query_map([], row)?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(found)
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
            |list: &[ReminderAction]| list.iter().map(|a| a.reference.clone()).collect::<Vec<_>>();
        assert_eq!(refs(&reminders.due_soon), ["A1"]);
        assert_eq!(refs(&reminders.overdue), ["A2"]);
        assert_eq!(refs(&reminders.no_update_this_quarter), ["A1", "A2"]);
        for shown in &reminders.no_update_this_quarter {
            let full = reg.action(&shown.reference).expect("action");
            assert_eq!(
                (full.id, &full.text, &full.lead_agency, full.target_date),
                (shown.id, &shown.text, &shown.lead_agency, shown.target_date),
                "a reminder shows the action as it is"
            );
        }
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
