//! A row's action: its reference (the tracker's, or one made for it), its
//! dates (a word for a date keeps the words and sets the target to the day
//! of the import), its evidence under each column's heading, its status and
//! RAG, all checked by the rules that adding an action by hand follows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{key, Planner, SheetContext, Skip};
use crate::actions::{self, ActionInput, ActionRecord, ActionStatus, ProgressInput};
use crate::dates::{format_long, DateInput};
use crate::error::{Error, FieldError, Result};
use crate::import::dates::{self, TrackerDate};
use crate::import::rows::Line;
use crate::import::workbook::{self, Cell};
use crate::import::{progress, PlannedAction};

impl Planner<'_> {
    /// The action the row becomes, or why it cannot be one.
    pub(super) fn action(
        &self,
        sheet: &SheetContext,
        line: &Line,
        ordinal: u32,
        warnings: &mut Vec<String>,
    ) -> std::result::Result<PlannedAction, Skip> {
        let (reference, made) = match line.action_ref.as_str() {
            "" => (format!("{}-{ordinal}", sheet.stem), true),
            given => (given.to_owned(), false),
        };
        let mut notes: Vec<String> = Vec::new();
        // Words kept as written, with how they fall short of a date.
        let (target, target_words) = match self.date(&line.target) {
            TrackerDate::Date(date) => (Some(date), None),
            TrackerDate::Blank => (None, None),
            TrackerDate::Words(words) => (None, Some((words, "is not a date"))),
            TrackerDate::Unreadable(words) => (None, Some((words, "could not be read as a date"))),
        };
        if let Some((words, _)) = &target_words {
            notes.push(format!("Target date in the imported tracker: {words}"));
        }
        let revised = match self.date(&line.revised) {
            TrackerDate::Date(date) => Some(date),
            TrackerDate::Blank => None,
            TrackerDate::Words(words) | TrackerDate::Unreadable(words) => {
                warnings.push(format!(
                    "Revised target date \"{words}\" is not a date: kept in the action's evidence note"
                ));
                notes.push(format!(
                    "Revised target date in the imported tracker: {words}"
                ));
                None
            }
        };
        // With no target but a revised one, the revised date is the target.
        let (target, revised) = match (target, revised) {
            (Some(t), Some(r)) if r != t => (Some(t), Some(r)),
            (Some(t), _) => (Some(t), None),
            (None, Some(r)) => (Some(r), None),
            (None, None) => (None, None),
        };
        let placeholder = target.is_none();
        let target = target.unwrap_or_else(|| {
            let today = format_long(self.today);
            warnings.push(match &target_words {
                Some((words, why)) => format!(
                    "Target date \"{words}\" {why}: the target is set to {today}, the day of the import, for you to revise; the words are kept in the action's evidence note"
                ),
                None => format!(
                    "No target date: the target is set to {today}, the day of the import, for you to revise"
                ),
            });
            self.today
        });
        let target_text = target_words.filter(|_| placeholder).map(|(words, _)| words);
        let heading = |list: &[(String, String)]| {
            list.iter()
                .map(|(h, t)| format!("{h}: {t}"))
                .collect::<Vec<_>>()
        };
        let has_evidence = !line.evidence.is_empty() || !line.updates.is_empty();
        let mut evidence = heading(&line.evidence);
        evidence.extend(heading(&line.updates));
        evidence.extend(heading(&line.comments));
        evidence.extend(notes);
        let evidence_completion = evidence.join("\n");
        let evidence_impact = heading(&line.impact).join("\n");
        let word = self.status_word(&line.status.text);
        let progress = progress::read(line, word, has_evidence, warnings);

        let mut errors: Vec<FieldError> = Vec::new();
        let input = ActionInput {
            reference: reference.clone(),
            text: line.action.clone(),
            lead_agency: line.lead_agency.clone(),
            lead_officer: line.lead_officer.clone(),
            target: DateInput::from_date(target),
            agreed: DateInput::default(),
            answers: Vec::new(),
            themes: Vec::new(),
        };
        let fields = actions::check_fields(&input, self.today, &mut errors);
        let mut reasons: Vec<String> = errors.into_iter().map(|e| e.message).collect();
        if let Some((other_sheet, row)) = self.actions.get(&key(&reference)) {
            reasons.push(format!(
                "action reference {reference} is already used by row {row} of sheet \"{other_sheet}\""
            ));
        } else if actions::action_id(self.conn, &reference)
            .map_err(|e| vec![e.to_string()])?
            .is_some()
        {
            reasons.push(format!(
                "there is already an action {reference} in the register"
            ));
        }
        let planned = PlannedAction {
            reference,
            reference_made: made,
            text: fields.text,
            lead_agency: fields.lead_agency,
            lead_officer: fields.lead_officer,
            target_date: target,
            target_text,
            revised_target_date: revised,
            status: progress.status,
            status_reason: progress.status_reason,
            rag: progress.rag,
            evidence_completion,
            evidence_impact,
        };
        if let Err(Error::Validation(problems)) = self.check_progress(&planned) {
            reasons.extend(problems.into_iter().map(|e| e.message));
        }
        if reasons.is_empty() {
            Ok(planned)
        } else {
            Err(reasons)
        }
    }

    /// A date cell: a real Excel date, a serial number, or text to read.
    fn date(&self, cell: &Cell) -> TrackerDate {
        if let Some(date) = cell.date.or_else(|| workbook::serial_date(cell)) {
            return TrackerDate::Date(date);
        }
        dates::parse(&cell.text, self.year_start_month)
    }

    /// The app's status and RAG rules on the planned action, as
    /// [`crate::Register::set_progress`] will apply them when it is written.
    fn check_progress(&self, action: &PlannedAction) -> Result<ActionRecord> {
        let epoch = DateTime::<Utc>::UNIX_EPOCH;
        let before = ActionRecord {
            id: Uuid::nil(),
            reference: action.reference.clone(),
            text: action.text.clone(),
            lead_agency: action.lead_agency.clone(),
            lead_officer: action.lead_officer.clone(),
            target_date: action.target_date,
            agreed_on: self.today,
            status: ActionStatus::NotStarted,
            status_reason: String::new(),
            superseded_by: None,
            rag: None,
            evidence_completion: String::new(),
            evidence_impact: String::new(),
            signed_off_by: String::new(),
            signed_off_on: None,
            answers: Vec::new(),
            themes: Vec::new(),
            history: Vec::new(),
            created_at: epoch,
            updated_at: epoch,
        };
        actions::check_progress(&before, &progress_input(action), None, self.today)
    }
}

/// The progress to record for a planned action.
pub(in crate::import) fn progress_input(action: &PlannedAction) -> ProgressInput {
    ProgressInput {
        status: action.status.as_str().to_owned(),
        status_reason: action.status_reason.clone(),
        superseded_by: String::new(),
        rag: action
            .rag
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
        evidence_completion: action.evidence_completion.clone(),
        evidence_impact: action.evidence_impact.clone(),
        signed_off_by: String::new(),
        signed_off_on: DateInput::default(),
    }
}
