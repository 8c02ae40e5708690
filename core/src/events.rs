//! The recorded steps of each case's journey: recording a step (checked by the
//! state machine in [`crate::journey`]), amending one with a reason, and the
//! case page's view of a case with its events and clocks.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::cases::{Case, CaseKind};
use crate::change_log::{corrupt, Action, Writer};
use crate::clocks::{Calendar, ClockSettings, Deadline};
use crate::error::{Error, FieldError, Result};
use crate::journey::{Journey, Refusal, ReviewType, Step, StepName};
use crate::register::Register;
use crate::stamp;

mod input;

use input::{check_date, check_note};
pub use input::{AmendInput, StepInput};

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseEvent {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: StepName,
    pub label: String,
    pub step: Step,
    #[ts(type = "string")]
    pub occurred_on: NaiveDate,
    pub note: String,
    pub recorded_by: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub amendments: Vec<Amendment>,
}

/// A correction made to a step, with what it was before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Amendment {
    #[ts(type = "string")]
    pub amended_at: DateTime<Utc>,
    pub amended_by: String,
    pub reason: String,
    #[ts(type = "string")]
    pub previous_date: NaiveDate,
    pub previous_note: String,
}

/// A case with its journey: what the case page and `case show` display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: Case,
    pub events: Vec<CaseEvent>,
    pub deadlines: Vec<Deadline>,
    /// The steps that may be recorded next.
    pub allowed_steps: Vec<StepName>,
    /// The review type(s) decided on, if any.
    pub review_types: Vec<ReviewType>,
    /// The Rapid Review the review was converted from (its meeting date).
    #[ts(type = "string | null")]
    pub converted_from_rapid_review: Option<NaiveDate>,
}

/// An open clock on some case, for the dashboard and `casereview deadlines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseDeadline {
    #[ts(type = "string")]
    pub case_id: Uuid,
    pub case_code: String,
    #[serde(flatten)]
    pub deadline: Deadline,
}

/// Turns the state machine's refusal into the error the UI and CLI show.
fn invalid(refusal: Refusal) -> Error {
    let allowed: Vec<&str> = refusal.allowed.iter().map(|s| s.as_str()).collect();
    let next = if allowed.is_empty() {
        "no further steps".to_owned()
    } else {
        allowed.join(", ")
    };
    Error::InvalidTransition(format!(
        "{}. The case is at the stage \"{}\"; the steps that can be recorded now are: {next}.",
        refusal.reason,
        refusal.stage.label()
    ))
}

/// A stored event row, before it is decoded.
struct Row {
    id: String,
    step: String,
    outcome: String,
    occurred_on: String,
    note: String,
    recorded_by: String,
    created_at: String,
}

impl Register {
    /// The partnership's clock settings (defaults until changed).
    pub fn clock_settings(&self) -> Result<ClockSettings> {
        let stored: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM meta WHERE key = 'clock_settings'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match stored {
            Some(json) => Ok(serde_json::from_str(&json)?),
            None => Ok(ClockSettings::default()),
        }
    }

    /// Changes the clock settings; logged like any other change.
    pub fn set_clock_settings(&mut self, settings: &ClockSettings) -> Result<()> {
        if !(1..=12).contains(&settings.year_start_month) {
            return Err(Error::field(
                "year_start_month",
                "The reporting year must start in a month from 1 to 12",
            ));
        }
        let before = self.clock_settings()?;
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO meta (key, value) VALUES ('clock_settings', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [serde_json::to_string(settings)?],
            )?;
            w.log(
                "settings",
                "clock_settings",
                Action::Update,
                Some(&before),
                Some(settings),
            )
        })
    }

    /// Records a step of a case's journey after the state machine accepts it.
    pub fn record_step(
        &mut self,
        case_id: &str,
        input: &StepInput,
        today: NaiveDate,
    ) -> Result<CaseDetail> {
        let case = self.get_case(case_id)?;
        let (step, on, note) = input.parse(today)?;
        self.write(|w| record(w, &case, &step, on, &note))?;
        tracing::info!(case_id = %case.id, step = step.name().as_str(), "journey step recorded");
        self.case_detail(case_id, today)
    }

    /// Corrects a recorded step's date or note, keeping what it was and why it
    /// changed. Refused when the corrected date would put the journey out of order.
    pub fn amend_step(
        &mut self,
        event_id: &str,
        input: &AmendInput,
        today: NaiveDate,
    ) -> Result<CaseDetail> {
        let mut errors = Vec::new();
        let date = check_date(&input.date, today, &mut errors);
        let note = input.note.trim().to_owned();
        check_note(&note, &mut errors);
        let reason = input.reason.trim().to_owned();
        if reason.is_empty() {
            errors.push(FieldError::new(
                "reason",
                "Enter the reason for the correction",
            ));
        } else if reason.chars().count() > crate::text::LONG {
            errors.push(FieldError::new(
                "reason",
                format!(
                    "The reason must be {} characters or fewer",
                    crate::text::LONG
                ),
            ));
        }
        let case_id: Option<String> = self
            .conn()
            .query_row(
                "SELECT case_id FROM case_events WHERE id = ?1",
                [event_id],
                |r| r.get(0),
            )
            .optional()?;
        let case_id = case_id.ok_or_else(|| Error::NotFound("That step".into()))?;
        let Some(date) = date.filter(|_| errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        let case = self.get_case(&case_id)?;
        let mut events = events(self.conn(), &case.id)?;
        let target = events
            .iter_mut()
            .find(|e| e.id.to_string() == event_id)
            .ok_or_else(|| Error::NotFound("That step".into()))?;
        let (previous_date, previous_note) = (target.occurred_on, target.note.clone());
        target.occurred_on = date;
        target.note = note.clone();
        let journey = replay(&case, &events).map_err(|e| match e {
            Error::InvalidTransition(why) => Error::InvalidTransition(format!(
                "The correction would put the journey out of order: {why}"
            )),
            other => other,
        })?;
        self.write(|w| {
            w.tx.execute(
                "UPDATE case_events SET occurred_on = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
                params![event_id, date.to_string(), note, stamp::to_text(w.at)],
            )?;
            let before = serde_json::json!({ "occurred_on": previous_date, "note": previous_note });
            let after = serde_json::json!({ "occurred_on": date, "note": note, "reason": reason });
            w.tx.execute(
                "INSERT INTO event_amendments (id, event_id, amended_at, amended_by, reason, before, after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    stamp::new_id().to_string(),
                    event_id,
                    stamp::to_text(w.at),
                    w.who,
                    reason,
                    before.to_string(),
                    after.to_string()
                ],
            )?;
            w.log("case_event", event_id, Action::Update, Some(&before), Some(&after))?;
            set_stage(w, &case, journey.stage)
        })?;
        tracing::info!(case_id = %case.id, "journey step amended");
        self.case_detail(&case_id, today)
    }

    /// A case with its events, clocks and the steps that may come next.
    pub fn case_detail(&self, case_id: &str, today: NaiveDate) -> Result<CaseDetail> {
        let case = self.get_case(case_id)?;
        let events = events(self.conn(), &case.id)?;
        let journey = replay(&case, &events)?;
        let settings = self.clock_settings()?;
        Ok(CaseDetail {
            allowed_steps: journey.allowed(case.kind),
            deadlines: journey.deadlines(today, &settings, &settings.calendar()),
            review_types: journey
                .decided
                .as_ref()
                .map(|d| d.1.clone())
                .unwrap_or_default(),
            converted_from_rapid_review: journey.decided.as_ref().and(journey.rr_meeting),
            case,
            events,
        })
    }

    /// Every clock still running or overdue, across all cases, soonest first.
    pub fn open_deadlines(&self, today: NaiveDate) -> Result<Vec<CaseDeadline>> {
        self.open_deadlines_of(&self.list_cases()?, today)
    }

    /// [`Register::open_deadlines`] for `cases` (every case in the register,
    /// already read by the caller: the dashboard needs them anyway).
    pub(crate) fn open_deadlines_of(
        &self,
        cases: &[Case],
        today: NaiveDate,
    ) -> Result<Vec<CaseDeadline>> {
        let settings = self.clock_settings()?;
        let mut open = OpenClocks::new(today, &settings);
        let mut journeys = all_events(self.conn())?;
        for case in cases {
            let events = journeys.remove(&case.id.to_string()).unwrap_or_default();
            open.add(case.id, &case.code, &replay(case, &events)?);
        }
        Ok(open.soonest_first())
    }
}

/// The clocks still running or overdue on a day, gathered case by case and
/// then listed soonest first: how [`Register::open_deadlines`] and the
/// dashboard (`dashboard/open_clocks.rs`) both list them.
pub(crate) struct OpenClocks<'a> {
    today: NaiveDate,
    settings: &'a ClockSettings,
    calendar: Calendar,
    open: Vec<CaseDeadline>,
}

impl<'a> OpenClocks<'a> {
    pub(crate) fn new(today: NaiveDate, settings: &'a ClockSettings) -> Self {
        Self {
            today,
            settings,
            calendar: settings.calendar(),
            open: Vec::new(),
        }
    }

    /// The clocks of the case `case_id` (`case_code`) not yet met.
    pub(crate) fn add(&mut self, case_id: Uuid, case_code: &str, journey: &Journey) {
        for deadline in journey.deadlines(self.today, self.settings, &self.calendar) {
            if deadline.done_on.is_none() {
                self.open.push(CaseDeadline {
                    case_id,
                    case_code: case_code.to_owned(),
                    deadline,
                });
            }
        }
    }

    /// Every clock gathered, soonest due first, then by case code.
    pub(crate) fn soonest_first(mut self) -> Vec<CaseDeadline> {
        self.open.sort_by(|a, b| {
            a.deadline
                .due
                .cmp(&b.deadline.due)
                .then_with(|| a.case_code.cmp(&b.case_code))
        });
        self.open
    }
}

/// A case's recorded steps in the order they were recorded.
fn events(conn: &Connection, case_id: &Uuid) -> Result<Vec<CaseEvent>> {
    let case_id = case_id.to_string();
    let mut amendments = amendments(
        conn,
        "SELECT m.event_id, m.amended_at, m.amended_by, m.reason, m.before FROM event_amendments m
         JOIN case_events e ON e.id = m.event_id WHERE e.case_id = ?1 ORDER BY m.amended_at, m.id",
        Some(&case_id),
    )?;
    let mut stmt = conn.prepare(
        "SELECT id, step, outcome, occurred_on, note, recorded_by, created_at, case_id
         FROM case_events WHERE case_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([&case_id], read_row)?;
    let mut events = Vec::new();
    for row in rows {
        let (row, _) = row?;
        let amended = amendments.remove(&row.id).unwrap_or_default();
        events.push(decode(row, amended)?);
    }
    Ok(events)
}

/// Every case's recorded steps, by case id, each case's in the order
/// recorded. Two queries for the whole register, where reading case by case
/// took two per step: the dashboard replays every journey.
fn all_events(conn: &Connection) -> Result<HashMap<String, Vec<CaseEvent>>> {
    let mut amendments = amendments(
        conn,
        "SELECT event_id, amended_at, amended_by, reason, before FROM event_amendments
         ORDER BY amended_at, id",
        None,
    )?;
    let mut stmt = conn.prepare(
        "SELECT id, step, outcome, occurred_on, note, recorded_by, created_at, case_id
         FROM case_events ORDER BY case_id, position",
    )?;
    let rows = stmt.query_map([], read_row)?;
    let mut by_case: HashMap<String, Vec<CaseEvent>> = HashMap::new();
    for row in rows {
        let (row, case_id) = row?;
        let amended = amendments.remove(&row.id).unwrap_or_default();
        by_case
            .entry(case_id)
            .or_default()
            .push(decode(row, amended)?);
    }
    Ok(by_case)
}

/// An event row and its case's id, as `events` and `all_events` select them.
fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Row, String)> {
    Ok((
        Row {
            id: r.get(0)?,
            step: r.get(1)?,
            outcome: r.get(2)?,
            occurred_on: r.get(3)?,
            note: r.get(4)?,
            recorded_by: r.get(5)?,
            created_at: r.get(6)?,
        },
        r.get(7)?,
    ))
}

/// Amendments selected by `sql` (event id, time, who, reason, before), by
/// event id, each event's in the order they were made.
fn amendments(
    conn: &Connection,
    sql: &str,
    case_id: Option<&str>,
) -> Result<HashMap<String, Vec<Amendment>>> {
    let mut stmt = conn.prepare(sql)?;
    let params: Vec<&str> = case_id.into_iter().collect();
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut by_event: HashMap<String, Vec<Amendment>> = HashMap::new();
    for row in rows {
        let (event_id, at, by, reason, before) = row?;
        let before: serde_json::Value = serde_json::from_str(&before)?;
        by_event.entry(event_id).or_default().push(Amendment {
            amended_at: stamp::from_text(&at).map_err(|e| corrupt("amendment time", e))?,
            amended_by: by,
            reason,
            previous_date: serde_json::from_value(before["occurred_on"].clone())?,
            previous_note: before["note"].as_str().unwrap_or_default().to_owned(),
        });
    }
    Ok(by_event)
}

/// Records `step` on `case` inside the write `w`, after replaying the case's
/// steps so far through the state machine. Shared by the form, the CLI and the
/// demo loader.
pub(crate) fn record(
    w: &Writer<'_>,
    case: &Case,
    step: &Step,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    let events = events(w.tx, &case.id)?;
    let journey = replay(case, &events)?;
    let next = journey.apply(case.kind, step, on).map_err(invalid)?;
    let id = stamp::new_id();
    w.tx.execute(
        "INSERT INTO case_events (id, case_id, position, step, outcome, occurred_on, note,
         recorded_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            id.to_string(),
            case.id.to_string(),
            events.len() as i64 + 1,
            step.name().as_str(),
            outcome_json(step)?,
            on.to_string(),
            note,
            w.who,
            stamp::to_text(w.at)
        ],
    )?;
    let logged =
        serde_json::json!({ "case_id": case.id, "step": step, "occurred_on": on, "note": note });
    w.log(
        "case_event",
        &id.to_string(),
        Action::Create,
        None,
        Some(&logged),
    )?;
    let current = Case {
        stage: journey.stage,
        ..case.clone()
    };
    set_stage(w, &current, next.stage)
}

/// Replays a case's steps through the state machine; the stored stage must
/// be the one they lead to.
fn replay(case: &Case, events: &[CaseEvent]) -> Result<Journey> {
    replay_steps(case.kind, events.iter().map(|e| (&e.step, e.occurred_on)))
}

/// Replays the steps of a case of `kind`, in the order recorded, through
/// the state machine (for a caller that read only the steps and dates).
pub(crate) fn replay_steps<'a>(
    kind: CaseKind,
    steps: impl IntoIterator<Item = (&'a Step, NaiveDate)>,
) -> Result<Journey> {
    let mut journey = Journey::default();
    for (step, on) in steps {
        journey = journey.apply(kind, step, on).map_err(invalid)?;
    }
    Ok(journey)
}

fn set_stage(w: &Writer<'_>, case: &Case, stage: crate::cases::Stage) -> Result<()> {
    if stage == case.stage {
        return Ok(());
    }
    w.tx.execute(
        "UPDATE cases SET stage = ?2, updated_at = ?3 WHERE id = ?1",
        params![case.id.to_string(), stage.as_str(), stamp::to_text(w.at)],
    )?;
    let after = Case {
        stage,
        updated_at: w.at,
        ..case.clone()
    };
    w.log(
        "case",
        &case.id.to_string(),
        Action::Update,
        Some(case),
        Some(&after),
    )
}

fn outcome_json(step: &Step) -> Result<String> {
    // The step's outcome is stored on its own so the step name stays queryable.
    let value = serde_json::to_value(step)?;
    Ok(value
        .get("outcome")
        .map(|o| o.to_string())
        .unwrap_or_else(|| "null".into()))
}

/// The step named `name` when it carries no outcome. Most steps do not, and
/// building them through JSON was a fifth of the dashboard's time on a large
/// register; steps with an outcome still go through serde, their one definition.
fn without_outcome(name: StepName) -> Option<Step> {
    Some(match name {
        StepName::LaAware => Step::LaAware,
        StepName::SinSent => Step::SinSent,
        StepName::RrMeeting => Step::RrMeeting,
        StepName::RrSentToPanel => Step::RrSentToPanel,
        StepName::ReviewCommissioned => Step::ReviewCommissioned,
        StepName::DraftReport => Step::DraftReport,
        StepName::FinalReport => Step::FinalReport,
        StepName::Published => Step::Published,
        StepName::NotPublished => Step::NotPublished,
        StepName::ActionPlan => Step::ActionPlan,
        StepName::Closed => Step::Closed,
        StepName::Screen | StepName::PanelResponse | StepName::Decide => return None,
    })
}

/// A stored step, from its name and outcome columns.
pub(crate) fn decode_step(step: &str, outcome: &str) -> Result<(StepName, Step)> {
    let name = StepName::parse(step).ok_or_else(|| corrupt("step", step))?;
    let step = match without_outcome(name).filter(|_| outcome == "null") {
        Some(step) => step,
        None => {
            let outcome: serde_json::Value = serde_json::from_str(outcome)?;
            let tag = serde_json::Value::from(name.as_str());
            let mut object = serde_json::Map::new();
            object.insert("step".into(), tag);
            if !outcome.is_null() {
                object.insert("outcome".into(), outcome);
            }
            serde_json::from_value(serde_json::Value::Object(object))?
        }
    };
    Ok((name, step))
}

fn decode(row: Row, amendments: Vec<Amendment>) -> Result<CaseEvent> {
    let (name, step) = decode_step(&row.step, &row.outcome)?;
    Ok(CaseEvent {
        id: Uuid::parse_str(&row.id).map_err(|e| corrupt("step id", e))?,
        name,
        label: name.label().to_owned(),
        step,
        occurred_on: row
            .occurred_on
            .parse()
            .map_err(|e| corrupt("step date", e))?,
        note: row.note,
        recorded_by: row.recorded_by,
        created_at: stamp::from_text(&row.created_at).map_err(|e| corrupt("step time", e))?,
        amendments,
    })
}

#[cfg(test)]
mod tests;
