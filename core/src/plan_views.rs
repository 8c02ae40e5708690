//! Views across the action plans: the thematic tracker (themes against the
//! reviews and reports they came up in, so the board sees what keeps
//! recurring) and the reminders the app shows.
//!
//! Both are asked for a screenful: on a ten-year register the thematic
//! tracker is 14 themes across 2,000 reviews (28,000 cells) and the
//! reminders thousands of actions, which the window took seconds to lay out.
//! So the tracker comes a page of reviews at a time (newest first) with each
//! theme's totals over all of them, and each reminder as its count with its
//! most pressing actions; the tracker screen lists the rest.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::actions::open_condition;
use crate::change_log::corrupt;
use crate::clocks::Quarter;
use crate::error::Error;
use crate::error::Result;
use crate::quarter_reviews;
use crate::register::Register;

use crate::kept::DataVersion;
use crate::natural::Natural;

/// A map keyed by record ids, hashed with FxHash. The standard hasher
/// (SipHash) guards against keys chosen to collide, which ids read from the
/// register's own file never are, and hashing some 100,000 of them with it
/// was a third of the thematic tracker's time on a ten-year register.
pub(crate) type IdMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// How far ahead "due soon" looks for actions, in calendar days.
pub const ACTIONS_DUE_SOON_DAYS: u64 = 28;

/// The most reviews one page of the thematic tracker may ask for.
pub const MAX_THEMATIC_COLUMNS: u32 = 100;

/// The most actions one reminder may ask to be named.
pub const MAX_REMINDER_ACTIONS: u32 = 100;

/// Which reviews and reports the thematic tracker screen shows: a page of
/// its columns, newest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ThematicQuery {
    /// The first column wanted, counted from 0, newest first.
    pub offset: u32,
    /// How many columns, 1 to [`MAX_THEMATIC_COLUMNS`].
    pub limit: u32,
}

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
    /// One per column shown, in the columns' order.
    pub cells: Vec<TrackerCell>,
    /// In how many reviews or reports the theme came up (all of them, not
    /// only the columns shown; so are the totals).
    pub sources: u32,
    pub recommendations: u32,
    pub open_actions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ThematicTracker {
    /// The reviews and reports shown, newest first (by referral for a
    /// case's review, by publication for a national review or audit).
    pub columns: Vec<TrackerColumn>,
    /// Themes that came up at all, the most recurrent first.
    pub rows: Vec<TrackerRow>,
    /// The place of the first column shown among all of them, from 0.
    pub offset: u32,
    /// Every review or report with recommendations.
    pub total_columns: u32,
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

/// One reminder: how many actions it names, and the most pressing of them
/// (earliest target date first, then by reference, as the tracker sorted by
/// target date lists them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReminderGroup {
    pub total: u32,
    /// The first of them, as many as were asked for.
    pub first: Vec<ReminderAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reminders {
    /// Open actions due within the next 28 days.
    pub due_soon: ReminderGroup,
    /// Open actions past their target date.
    pub overdue: ReminderGroup,
    /// Open actions with no update recorded in this quarter's review.
    pub no_update_this_quarter: ReminderGroup,
    /// This quarter's label, for the reminder's wording.
    pub quarter: String,
    /// Actions escalated to the Executive Board in the latest quarter review.
    pub escalations: Vec<String>,
}

impl Register {
    /// One page of the thematic tracker's columns (newest first), with each
    /// theme's totals over every review and report.
    pub fn thematic_page(&self, query: &ThematicQuery) -> Result<ThematicTracker> {
        if query.limit == 0 || query.limit > MAX_THEMATIC_COLUMNS {
            return Err(Error::field(
                "limit",
                format!(
                    "Ask for between 1 and {MAX_THEMATIC_COLUMNS} reviews (asked for {}).",
                    query.limit
                ),
            ));
        }
        // Worked out whole once per version of the data (kept.rs): the
        // totals need every column, the page only its own.
        let whole = self
            .kept
            .thematic
            .get_or(DataVersion::of(self.conn())?, (), || {
                self.thematic_tracker()
            })?;
        let start = (query.offset as usize).min(whole.columns.len());
        let end = start
            .saturating_add(query.limit as usize)
            .min(whole.columns.len());
        Ok(ThematicTracker {
            columns: whole.columns[start..end].to_vec(),
            rows: whole
                .rows
                .iter()
                .map(|row| TrackerRow {
                    theme: row.theme.clone(),
                    cells: row.cells[start..end].to_vec(),
                    sources: row.sources,
                    recommendations: row.recommendations,
                    open_actions: row.open_actions,
                })
                .collect(),
            offset: start as u32,
            total_columns: whole.total_columns,
        })
    }

    /// Themes against every review and report they came up in, newest first.
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
        let theme_of: IdMap<String, usize> = themes
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
        let mut columns_of: IdMap<String, Vec<usize>> = IdMap::default();
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
            total_columns: owners.columns.len() as u32,
            offset: 0,
            columns: owners.columns,
            rows,
        })
    }

    /// The reminders as the dashboard asks for them: `limit` actions each,
    /// 1 to [`MAX_REMINDER_ACTIONS`].
    pub fn reminders_shown(&self, today: NaiveDate, limit: u32) -> Result<Reminders> {
        if limit == 0 || limit > MAX_REMINDER_ACTIONS {
            return Err(Error::field(
                "limit",
                format!(
                    "Ask for between 1 and {MAX_REMINDER_ACTIONS} actions (asked for {limit})."
                ),
            ));
        }
        self.reminders(today, limit as usize)
    }

    /// What needs chasing, as of `today`: each reminder's count and its
    /// first `shown` actions (all of them with `usize::MAX`). Kept until
    /// something is written or the day changes (`kept.rs`).
    pub fn reminders(&self, today: NaiveDate, shown: usize) -> Result<Reminders> {
        let reminders =
            self.kept
                .reminders
                .get_or(DataVersion::of(self.conn())?, (today, shown), || {
                    self.work_out_reminders(today, shown)
                })?;
        Ok((*reminders).clone())
    }

    fn work_out_reminders(&self, today: NaiveDate, shown: usize) -> Result<Reminders> {
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
        // Most pressing first: the earliest target date, then by reference
        // as the tracker breaks ties, so its "Show all" list starts with
        // the same actions.
        open.sort_by_cached_key(|(a, _)| (a.target_date, Natural::new(&a.reference)));
        let horizon = due_soon_horizon(today);
        let open_where = |keep: &dyn Fn(&ReminderAction, bool) -> bool| {
            let mut total = 0u32;
            let mut first = Vec::new();
            for (a, reviewed) in &open {
                if keep(a, *reviewed) {
                    total += 1;
                    if first.len() < shown {
                        first.push(a.clone());
                    }
                }
            }
            ReminderGroup { total, first }
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

/// The last target date "due soon" reaches from `today` (the reminders' and
/// the tracker filter's one definition).
pub(crate) fn due_soon_horizon(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(ACTIONS_DUE_SOON_DAYS))
        .unwrap_or(today)
}

/// The thematic tracker's columns (every review or report with
/// recommendations, newest first) and the column of each recommendation.
struct Owners {
    columns: Vec<TrackerColumn>,
    column_of_recommendation: IdMap<String, usize>,
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
        // Code, title and date of each owner, from the owners' own key index
        // (recommendations_ref_per_source covers coalesce(case_id, source_id)).
        // The date is a case's referral or a source's publication (when it
        // was added, if not published), as ISO text, which orders as dates.
        let mut named: IdMap<String, (String, String, String)> = IdMap::default();
        each_row(
            conn,
            "SELECT o.owner, coalesce(c.code, s.code), coalesce(s.title, 'Review of ' || c.code),
                    coalesce(c.referred_on, s.published_on, substr(s.created_at, 1, 10))
             FROM (SELECT DISTINCT coalesce(case_id, source_id) AS owner FROM recommendations) o
             LEFT JOIN cases c ON c.id = o.owner LEFT JOIN sources s ON s.id = o.owner",
            |r| {
                let code = r.get::<_, String>(1)?;
                let title = r.get::<_, String>(2)?;
                let dated = r.get::<_, String>(3)?;
                named.insert(text(r, 0)?.to_owned(), (code, title, dated));
                Ok(())
            },
        )?;
        // One column per code, titled by the least title and dated by the
        // latest date; newest first, then in code order (comparing bytes).
        let mut by_code: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        for (code, title, dated) in named.values() {
            let (least, latest) = by_code
                .entry(code.as_str())
                .or_insert((title.as_str(), dated.as_str()));
            *least = (*least).min(title.as_str());
            *latest = (*latest).max(dated.as_str());
        }
        let mut dated: Vec<(&str, &str, &str)> = by_code
            .iter()
            .map(|(code, (title, latest))| (*code, *title, *latest))
            .collect();
        // Stable: a day's reviews stay in code order.
        dated.sort_by(|a, b| b.2.cmp(a.2));
        let columns: Vec<TrackerColumn> = dated
            .iter()
            .map(|(code, title, _)| TrackerColumn {
                source_code: (*code).to_owned(),
                source_title: (*title).to_owned(),
            })
            .collect();
        let column_of_code: IdMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.source_code.as_str(), i))
            .collect();
        let mut column_of_recommendation =
            IdMap::with_capacity_and_hasher(owner_of.len(), Default::default());
        for (recommendation, owner) in owner_of {
            let column = named
                .get(&owner)
                .and_then(|(code, _, _)| column_of_code.get(code.as_str()))
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
pub(crate) fn each_row(
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
pub(crate) fn text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
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

    fn refs(group: &ReminderGroup) -> Vec<String> {
        group.first.iter().map(|a| a.reference.clone()).collect()
    }

    #[test]
    fn reminders_name_due_overdue_and_unreviewed_actions() {
        let mut reg = setup();
        let reminders = reg.reminders(today(), usize::MAX).expect("reminders");
        assert_eq!(refs(&reminders.due_soon), ["A1"]);
        assert_eq!(refs(&reminders.overdue), ["A2"]);
        assert_eq!(
            refs(&reminders.no_update_this_quarter),
            ["A2", "A1"],
            "the earliest target date first"
        );
        assert_eq!(reminders.no_update_this_quarter.total, 2);
        for shown in &reminders.no_update_this_quarter.first {
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
        let reminders = reg.reminders(today(), usize::MAX).expect("reminders");
        assert_eq!(refs(&reminders.no_update_this_quarter), ["A1"]);
        assert_eq!(reminders.escalations, ["A2: No lead since the restructure"]);
    }

    #[test]
    fn a_reminder_names_its_first_actions_and_counts_them_all() {
        let reg = setup();
        let reminders = reg.reminders_shown(today(), 1).expect("reminders");
        assert_eq!(reminders.no_update_this_quarter.total, 2);
        assert_eq!(
            refs(&reminders.no_update_this_quarter),
            ["A2"],
            "only the most pressing one"
        );
        assert_eq!((reminders.overdue.total, reminders.due_soon.total), (1, 1));
        for limit in [0, MAX_REMINDER_ACTIONS + 1] {
            let refused = reg.reminders_shown(today(), limit).expect_err("refused");
            let body = crate::error::ErrorBody::from(refused);
            assert_eq!(body.code, crate::error::ErrorCode::Validation, "{limit}");
            assert!(
                body.fields
                    .iter()
                    .any(|f| f.message.contains("between 1 and 100")),
                "{:?}",
                body.fields
            );
        }
    }

    #[test]
    fn each_reminder_is_the_tracker_filtered_the_same_way() {
        use crate::actions::{TrackerQuery, TrackerSortKey};
        use crate::synthetic::{generated_in_memory, SyntheticSize};
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let reg = generated_in_memory(SyntheticSize {
            cases: 30,
            actions_per_case: 5,
            quarters: 8,
            seed: 11,
        });
        let reminders = reg.reminders(today, 10).expect("reminders");
        let tracker = |set: fn(&mut TrackerQuery)| {
            let mut query = TrackerQuery {
                sort: TrackerSortKey::Target,
                limit: 10,
                ..TrackerQuery::default()
            };
            set(&mut query);
            let page = reg.tracker_page(&query, today).expect("page");
            let first: Vec<String> = page.rows.iter().map(|r| r.reference.clone()).collect();
            (page.matching, first)
        };
        for (group, set) in [
            (
                &reminders.overdue,
                (|q: &mut TrackerQuery| q.overdue_only = true) as fn(&mut TrackerQuery),
            ),
            (&reminders.due_soon, |q| q.due_soon = true),
            (&reminders.no_update_this_quarter, |q| {
                q.no_update_this_quarter = true
            }),
        ] {
            assert!(group.total > 0, "the register has some of each");
            assert_eq!(tracker(set), (group.total, refs(group)));
        }
        assert!(
            reminders.no_update_this_quarter.total > 10,
            "some are left to the tracker"
        );
    }

    #[test]
    fn the_thematic_tracker_comes_a_page_of_reviews_at_a_time_newest_first() {
        let mut reg = setup();
        let newer = crate::cases::CaseInput {
            code: "Case AA".into(),
            kind: "child".into(),
            referred_on: DateInput::from_iso("2025-03-01").expect("iso"),
            ..crate::cases::CaseInput::default()
        };
        reg.create_case(&newer, today()).expect("case");
        let input = RecommendationInput {
            source: "Case AA".into(),
            reference: "R1".into(),
            text: "A recommendation".into(),
            themes: vec!["Neglect".into()],
            ..RecommendationInput::default()
        };
        reg.add_recommendation(&input).expect("rec");
        let whole = reg.thematic_tracker().expect("tracker");
        let codes = |t: &ThematicTracker| {
            t.columns
                .iter()
                .map(|c| c.source_code.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(&whole),
            ["Case AA", "Case AJ", "Case AK", "NP-SUDI"],
            "the newest review first; a day's reviews by code"
        );
        let page = reg
            .thematic_page(&ThematicQuery {
                offset: 1,
                limit: 2,
            })
            .expect("page");
        assert_eq!(codes(&page), ["Case AJ", "Case AK"]);
        assert_eq!((page.offset, page.total_columns), (1, 4));
        for (row, all) in page.rows.iter().zip(&whole.rows) {
            assert_eq!(row.cells, all.cells[1..3], "{}", row.theme);
            assert_eq!(
                (
                    &row.theme,
                    row.sources,
                    row.recommendations,
                    row.open_actions
                ),
                (
                    &all.theme,
                    all.sources,
                    all.recommendations,
                    all.open_actions
                ),
                "totals over every review"
            );
        }
        let past_the_end = reg
            .thematic_page(&ThematicQuery {
                offset: 9,
                limit: 20,
            })
            .expect("page");
        assert!(past_the_end.columns.is_empty());
        assert!(past_the_end.rows.iter().all(|r| r.cells.is_empty()));
        for limit in [0, MAX_THEMATIC_COLUMNS + 1] {
            let refused = reg
                .thematic_page(&ThematicQuery { offset: 0, limit })
                .expect_err("refused");
            assert_eq!(
                crate::error::ErrorBody::from(refused).code,
                crate::error::ErrorCode::Validation
            );
        }
    }

    /// Every page of `reg`'s thematic tracker, checked against the whole
    /// tracker worked out afresh: its columns in turn, each theme's totals.
    fn assert_pages_are_the_whole_tracker(reg: &Register, limit: u32) {
        let whole = reg.thematic_tracker().expect("tracker");
        let mut offset = 0;
        loop {
            let page = reg
                .thematic_page(&ThematicQuery { offset, limit })
                .expect("page");
            let start = (offset as usize).min(whole.columns.len());
            let end = (start + limit as usize).min(whole.columns.len());
            let expected = ThematicTracker {
                columns: whole.columns[start..end].to_vec(),
                rows: whole
                    .rows
                    .iter()
                    .map(|row| TrackerRow {
                        cells: row.cells[start..end].to_vec(),
                        ..row.clone()
                    })
                    .collect(),
                offset: start as u32,
                total_columns: whole.total_columns,
            };
            assert_eq!(page, expected, "the page from {offset}");
            if end == whole.columns.len() {
                break;
            }
            offset += limit;
        }
    }

    #[test]
    fn each_page_of_the_thematic_tracker_is_the_whole_tracker_cut() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut demo = Register::in_memory("Chair").expect("register");
        crate::demo::load(&mut demo, today).expect("demo");
        assert_pages_are_the_whole_tracker(&demo, 1);
        assert_pages_are_the_whole_tracker(&demo, 20);
        let generated = crate::synthetic::generated_in_memory(crate::synthetic::SyntheticSize {
            cases: 60,
            actions_per_case: 4,
            quarters: 4,
            seed: 3,
        });
        let columns = generated.thematic_tracker().expect("tracker").columns.len();
        assert!(columns > 20, "several pages: {columns} columns");
        assert_pages_are_the_whole_tracker(&generated, 20);
        assert_pages_are_the_whole_tracker(&generated, 7);
    }

    #[test]
    fn a_page_asked_for_after_a_write_shows_it() {
        let mut reg = setup();
        let first = ThematicQuery {
            offset: 0,
            limit: 20,
        };
        let before = reg.thematic_page(&first).expect("page");
        assert!(before
            .rows
            .iter()
            .all(|r| r.theme != "Think family" || r.sources == 1));
        // A theme that came up in one review comes up in a second.
        let input = RecommendationInput {
            source: "Case AJ".into(),
            reference: "R2".into(),
            text: "Another recommendation".into(),
            themes: vec!["Think family".into()],
            ..RecommendationInput::default()
        };
        reg.add_recommendation(&input).expect("rec");
        let after = reg.thematic_page(&first).expect("page");
        assert_ne!(
            after, before,
            "the page kept from before the write is not shown"
        );
        let think_family = after
            .rows
            .iter()
            .find(|r| r.theme == "Think family")
            .expect("row");
        assert_eq!((think_family.sources, think_family.recommendations), (2, 2));
        assert_eq!(
            think_family.cells[0],
            TrackerCell {
                recommendations: 1,
                open_actions: 0
            },
            "Case AJ's column"
        );
        assert_pages_are_the_whole_tracker(&reg, 2);
        // And a new theme altogether.
        reg.add_theme("Transitions").expect("theme");
        let input = RecommendationInput {
            source: "NP-SUDI".into(),
            reference: "3".into(),
            text: "A third recommendation".into(),
            themes: vec!["Transitions".into()],
            ..RecommendationInput::default()
        };
        reg.add_recommendation(&input).expect("rec");
        let rows = reg.thematic_page(&first).expect("page").rows;
        assert!(rows.iter().any(|r| r.theme == "Transitions"), "{rows:?}");
    }
}
