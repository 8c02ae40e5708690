//! Panel meetings: the date, who attended (roles and agencies), and the
//! decisions taken about each case on the agenda, recorded live by the chair.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::change_log::{corrupt, Action};
use crate::dates::DateInput;
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;
use crate::text::{self, LONG, SHORT};

/// Someone at the meeting, by role and agency (not by name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attendee {
    pub role: String,
    pub agency: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct PanelMeetingInput {
    pub held_on: DateInput,
    pub attendees: Vec<Attendee>,
    pub notes: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct PanelDecisionInput {
    pub case_id: String,
    pub decision: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PanelDecision {
    #[ts(type = "string")]
    pub id: Uuid,
    #[ts(type = "string")]
    pub case_id: Uuid,
    pub case_code: String,
    pub decision: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PanelMeeting {
    #[ts(type = "string")]
    pub id: Uuid,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub attendees: Vec<Attendee>,
    pub notes: String,
    pub decisions: Vec<PanelDecision>,
}

impl PanelMeetingInput {
    fn check(&self, today: NaiveDate) -> Result<(NaiveDate, Vec<Attendee>, String)> {
        let mut errors = Vec::new();
        let held_on = self
            .held_on
            .parse_past("held_on", "Date of the meeting", today)
            .map_err(|e| errors.push(e))
            .ok();
        let mut attendees = Vec::new();
        for attendee in &self.attendees {
            let role = text::field(
                &attendee.role,
                "attendees",
                "Each attendee's role",
                SHORT,
                false,
                &mut errors,
            );
            let agency = text::field(
                &attendee.agency,
                "attendees",
                "Each attendee's agency",
                SHORT,
                false,
                &mut errors,
            );
            match (role.is_empty(), agency.is_empty()) {
                (true, true) => {}
                (false, false) => attendees.push(Attendee { role, agency }),
                _ => errors.push(FieldError::new(
                    "attendees",
                    "Enter both the role and the agency of each attendee",
                )),
            }
        }
        let notes = text::field(&self.notes, "notes", "Notes", LONG, false, &mut errors);
        match held_on {
            Some(date) if errors.is_empty() => Ok((date, attendees, notes)),
            _ => Err(Error::Validation(errors)),
        }
    }
}

impl Register {
    /// Every panel meeting, most recent first.
    pub fn list_panel_meetings(&self) -> Result<Vec<PanelMeeting>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id FROM panel_meetings ORDER BY held_on DESC, created_at DESC")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.iter().map(|id| self.panel_meeting(id)).collect()
    }

    /// One panel meeting with its decisions.
    pub fn panel_meeting(&self, id: &str) -> Result<PanelMeeting> {
        let (held_on, attendees, notes): (String, String, String) = self
            .conn()
            .query_row(
                "SELECT held_on, attendees, notes FROM panel_meetings WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    Error::NotFound("That panel meeting".into())
                }
                other => other.into(),
            })?;
        let mut stmt = self.conn().prepare(
            "SELECT d.id, d.case_id, c.code, d.decision, d.created_at FROM panel_decisions d
             JOIN cases c ON c.id = d.case_id WHERE d.meeting_id = ?1 ORDER BY d.created_at, d.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut decisions = Vec::new();
        for row in rows {
            let (id, case_id, case_code, decision, at) = row?;
            decisions.push(PanelDecision {
                id: Uuid::parse_str(&id).map_err(|e| corrupt("decision id", e))?,
                case_id: Uuid::parse_str(&case_id).map_err(|e| corrupt("case id", e))?,
                case_code,
                decision,
                created_at: stamp::from_text(&at).map_err(|e| corrupt("decision time", e))?,
            });
        }
        Ok(PanelMeeting {
            id: Uuid::parse_str(id).map_err(|e| corrupt("meeting id", e))?,
            held_on: held_on.parse().map_err(|e| corrupt("meeting date", e))?,
            attendees: serde_json::from_str(&attendees)?,
            notes,
            decisions,
        })
    }

    /// Opens a panel meeting's record.
    pub fn create_panel_meeting(
        &mut self,
        input: &PanelMeetingInput,
        today: NaiveDate,
    ) -> Result<PanelMeeting> {
        let (held_on, attendees, notes) = input.check(today)?;
        let id = stamp::new_id().to_string();
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO panel_meetings (id, held_on, attendees, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id, held_on.to_string(), serde_json::to_string(&attendees)?, notes, stamp::to_text(w.at)],
            )?;
            let after = serde_json::json!({ "held_on": held_on, "attendees": attendees, "notes": notes });
            w.log("panel_meeting", &id, Action::Create, None, Some(&after))
        })?;
        self.panel_meeting(&id)
    }

    /// Changes a meeting's date, attendees or notes.
    pub fn update_panel_meeting(
        &mut self,
        id: &str,
        input: &PanelMeetingInput,
        today: NaiveDate,
    ) -> Result<PanelMeeting> {
        let before = self.panel_meeting(id)?;
        let (held_on, attendees, notes) = input.check(today)?;
        self.write(|w| {
            w.tx.execute(
                "UPDATE panel_meetings SET held_on = ?2, attendees = ?3, notes = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, held_on.to_string(), serde_json::to_string(&attendees)?, notes, stamp::to_text(w.at)],
            )?;
            let before = serde_json::json!({ "held_on": before.held_on, "attendees": before.attendees, "notes": before.notes });
            let after = serde_json::json!({ "held_on": held_on, "attendees": attendees, "notes": notes });
            w.log("panel_meeting", id, Action::Update, Some(&before), Some(&after))
        })?;
        self.panel_meeting(id)
    }

    /// Records the panel's decision about one case.
    pub fn add_panel_decision(
        &mut self,
        meeting_id: &str,
        input: &PanelDecisionInput,
    ) -> Result<PanelMeeting> {
        self.panel_meeting(meeting_id)?;
        let case = self.get_case(&input.case_id)?;
        let mut errors = Vec::new();
        let decision = text::field(
            &input.decision,
            "decision",
            "Decision",
            LONG,
            true,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.write(|w| {
            let id = stamp::new_id().to_string();
            w.tx.execute(
                "INSERT INTO panel_decisions (id, meeting_id, case_id, decision, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, meeting_id, case.id.to_string(), decision, stamp::to_text(w.at)],
            )?;
            let after = serde_json::json!({ "meeting_id": meeting_id, "case_id": case.id, "decision": decision });
            w.log("panel_decision", &id, Action::Create, None, Some(&after))
        })?;
        self.panel_meeting(meeting_id)
    }
}

#[cfg(test)]
mod tests;
