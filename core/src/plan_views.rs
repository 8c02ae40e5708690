//! Views across the action plans: the thematic tracker (themes against the
//! reviews and reports they came up in, so the board sees what keeps
//! recurring) and the reminders the app shows.

use std::collections::{BTreeMap, HashMap};

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
        // Only ids, codes and statuses are read, each table once from start
        // to end, and joined here by id. Joining in SQL looked every
        // recommendation, case and source up by its text key, row by row
        // (about 90,000 index searches on a ten-year register, 0.6 billion
        // instructions); scanning each link table once and matching in
        // memory does the same counting for a third of that.
        let conn = self.conn();
        let owners = Owners::read(conn)?;
        let themes = self.list_themes()?;
        let theme_of: HashMap<String, usize> = themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.to_string(), i))
            .collect();
        let mut cells = vec![vec![TrackerCell::default(); owners.columns.len()]; themes.len()];
        let mut open_by_theme = vec![0u32; themes.len()];
        // Recommendations per theme and column.
        each_row(
            conn,
            "SELECT recommendation_id, theme_id FROM recommendation_themes",
            |r| {
                if let (Some(&column), Some(&theme)) = (
                    owners.column_of_recommendation.get(text(r, 0)?),
                    theme_of.get(text(r, 1)?),
                ) {
                    cells[theme][column].recommendations += 1;
                }
                Ok(())
            },
        )?;
        // Open actions: the columns each answers, then each one's themes. An
        // action answering two reviews sits in two cells but counts once in
        // its theme's total.
        let mut columns_of: HashMap<String, Vec<usize>> = HashMap::new();
        each_row(
            conn,
            &format!("SELECT a.id FROM actions a WHERE {}", open_condition()),
            |r| {
                columns_of.insert(text(r, 0)?.to_owned(), Vec::new());
                Ok(())
            },
        )?;
        each_row(
            conn,
            "SELECT action_id, recommendation_id FROM action_answers",
            |r| {
                if let (Some(columns), Some(&column)) = (
                    columns_of.get_mut(text(r, 0)?),
                    owners.column_of_recommendation.get(text(r, 1)?),
                ) {
                    // Two recommendations of one review: one cell.
                    if !columns.contains(&column) {
                        columns.push(column);
                    }
                }
                Ok(())
            },
        )?;
        // The link table's key is (action, theme), so each pair comes once.
        each_row(conn, "SELECT action_id, theme_id FROM action_themes", |r| {
            if let (Some(columns), Some(&theme)) =
                (columns_of.get(text(r, 0)?), theme_of.get(text(r, 1)?))
            {
                open_by_theme[theme] += 1;
                for &column in columns {
                    cells[theme][column].open_actions += 1;
                }
            }
            Ok(())
        })?;
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
        Ok(ThematicTracker {
            columns: owners.columns,
            rows,
        })
    }

    /// What needs chasing, as of `today`.
    pub fn reminders(&self, today: NaiveDate) -> Result<Reminders> {
        let quarter = Quarter::containing(today, self.clock_settings()?.year_start_month);
        // Only which actions were reviewed and which escalated: building the
        // quarters' whole reviews for that took most of the dashboard's time.
        let updated = quarter_reviews::reviewed_actions(self.conn(), &quarter)?.unwrap_or_default();
        let escalations = quarter_reviews::latest_escalations(self.conn())?;
        // Only what a reminder shows of each open action: reading them in
        // full (answers, themes, history, evidence) was most of the
        // dashboard's time on a ten-year register. Read in the table's own
        // order and sorted here: SQL's ORDER BY went through the reference
        // index and looked up every action, open or not, by its row.
        let mut open: Vec<(ReminderAction, bool)> = Vec::new();
        each_row(
            self.conn(),
            &format!(
                "SELECT a.id, a.reference, a.text, a.lead_agency, a.target_date FROM actions a
                 WHERE {}",
                open_condition()
            ),
            |r| {
                let id = text(r, 0)?;
                let action = ReminderAction {
                    id: Uuid::parse_str(id).map_err(|e| corrupt("action id", e))?,
                    reference: r.get(1)?,
                    text: r.get(2)?,
                    lead_agency: r.get(3)?,
                    target_date: text(r, 4)?.parse().map_err(|e| corrupt("target date", e))?,
                };
                open.push((action, updated.contains(id)));
                Ok(())
            },
        )?;
        // By reference as the column's NOCASE collation orders them (ASCII
        // letters folded); references are unique under it, so no ties.
        open.sort_by_cached_key(|(a, _)| a.reference.to_ascii_lowercase());
        let horizon = today
            .checked_add_days(Days::new(ACTIONS_DUE_SOON_DAYS))
            .unwrap_or(today);
        let open_where = |keep: &dyn Fn(&ReminderAction, bool) -> bool| {
            open.iter()
                .filter(|(a, reviewed)| keep(a, *reviewed))
                .map(|(a, _)| a.clone())
                .collect::<Vec<_>>()
        };
        Ok(Reminders {
            due_soon: open_where(&|a, _| a.target_date >= today && a.target_date <= horizon),
            overdue: open_where(&|a, _| a.target_date < today),
            no_update_this_quarter: open_where(&|_, reviewed| !reviewed),
            quarter: quarter.label(),
            escalations,
        })
    }
}

/// The thematic tracker's columns (every review or report with
/// recommendations, by code) and the column of each recommendation.
struct Owners {
    columns: Vec<TrackerColumn>,
    column_of_recommendation: HashMap<String, usize>,
}

impl Owners {
    fn read(conn: &Connection) -> Result<Self> {
        // Each recommendation's owner: the case whose review made it, or the
        // source (national review, audit, thematic review).
        let mut owner_of: Vec<(String, String)> = Vec::new();
        each_row(
            conn,
            "SELECT id, coalesce(case_id, source_id) FROM recommendations",
            |r| {
                owner_of.push((text(r, 0)?.to_owned(), text(r, 1)?.to_owned()));
                Ok(())
            },
        )?;
        // Code and title of each owner, from the owners' own key index
        // (recommendations_ref_per_source covers coalesce(case_id, source_id)).
        let mut named: HashMap<String, (String, String)> = HashMap::new();
        each_row(
            conn,
            "SELECT o.owner, coalesce(c.code, s.code), coalesce(s.title, 'Review of ' || c.code)
             FROM (SELECT DISTINCT coalesce(case_id, source_id) AS owner FROM recommendations) o
             LEFT JOIN cases c ON c.id = o.owner LEFT JOIN sources s ON s.id = o.owner",
            |r| {
                let code = r.get::<_, String>(1)?;
                let title = r.get::<_, String>(2)?;
                named.insert(text(r, 0)?.to_owned(), (code, title));
                Ok(())
            },
        )?;
        // One column per code, in code order (as SQL's GROUP BY code ORDER
        // BY code did, comparing bytes), titled by the least title.
        let mut by_code: BTreeMap<&str, &str> = BTreeMap::new();
        for (code, title) in named.values() {
            let least = by_code.entry(code.as_str()).or_insert(title.as_str());
            if title.as_str() < *least {
                *least = title.as_str();
            }
        }
        let columns: Vec<TrackerColumn> = by_code
            .iter()
            .map(|(code, title)| TrackerColumn {
                source_code: (*code).to_owned(),
                source_title: (*title).to_owned(),
            })
            .collect();
        let column_of_code: HashMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.source_code.as_str(), i))
            .collect();
        let mut column_of_recommendation = HashMap::with_capacity(owner_of.len());
        for (recommendation, owner) in owner_of {
            let column = named
                .get(&owner)
                .and_then(|(code, _)| column_of_code.get(code.as_str()))
                .ok_or_else(|| corrupt("recommendation's review", "no such case or source"))?;
            column_of_recommendation.insert(recommendation, *column);
        }
        Ok(Self {
            columns,
            column_of_recommendation,
        })
    }
}

/// Calls `each` with every row of `sql` in turn; the row's text is borrowed,
/// so nothing is copied for a row that is only looked up.
fn each_row(
    conn: &Connection,
    sql: &str,
    mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(row)?;
    }
    Ok(())
}

/// Column `i` of `row` as text, borrowed from the row.
fn text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    row.get_ref(i)?
        .as_str()
        .map_err(|e| corrupt("text column", e))
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
