//! Writes a planned synthetic register inside one write (one transaction):
//! cases, journeys, sources, recommendations and actions through the core's
//! own per-record functions, then the quarterly reviews through the bulk path
//! described in [`super`]. Every record gets a UUIDv7 id, time stamps and its
//! change-log entries; every status and RAG goes through the actions' rules.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;
use uuid::Uuid;

use super::journeys::PlannedCase;
use super::plans::{Outcome, PlannedAction, QuarterStep};
use super::vocabulary::THEMES;
use super::{Plan, SyntheticReport};
use crate::actions::{self, ActionInput, ActionRecord, ActionStatus, Answer, ProgressInput, Rag};
use crate::cases::{self, Stage, ValidCase};
use crate::change_log::{corrupt, Action as Logged, Writer};
use crate::dates::DateInput;
use crate::error::Result;
use crate::events;
use crate::quarter_reviews::with_quarter_evidence;
use crate::recommendations::{self, RecommendationInput, SourceInput};
use crate::stamp;

/// Who signs off a quarter and an embedded action in a synthetic register.
const CHAIR: &str = "Subgroup chair (synthetic)";

/// Writes `plan`; returns the counts and the ids of the cases, in plan order.
pub(super) fn write(
    w: &Writer<'_>,
    plan: &Plan,
    today: NaiveDate,
) -> Result<(SyntheticReport, Vec<Uuid>)> {
    let case_ids = plan
        .cases
        .iter()
        .map(|case| write_case(w, case))
        .collect::<Result<Vec<_>>>()?;
    for source in &plan.sources {
        let input = SourceInput {
            code: source.code.clone(),
            kind: source.kind.to_owned(),
            title: source.title.clone(),
            published_on: DateInput::from_date(source.published_on),
        };
        let checked = recommendations::check_source(w.tx, &input, today)?;
        recommendations::insert_source(w, &checked)?;
    }
    let mut answers: Vec<Answer> = Vec::with_capacity(plan.recommendations.len());
    for rec in &plan.recommendations {
        let input = RecommendationInput {
            source: rec.source_code.clone(),
            reference: rec.reference.clone(),
            text: rec.text.clone(),
            addressed_to: rec.addressed_to.iter().map(|a| a.to_string()).collect(),
            themes: rec.themes.iter().map(|&t| THEMES[t].0.to_owned()).collect(),
        };
        let checked = recommendations::check_new(w.tx, &input)?;
        let id = recommendations::insert(w, &checked)?;
        match rec.outcome {
            Outcome::Pending => {}
            Outcome::Accepted => set_outcome(w, &id, "accepted", "")?,
            Outcome::NotAccepted(reason) => set_outcome(w, &id, "not-accepted", reason)?,
        }
        answers.push(Answer {
            recommendation_id: Uuid::parse_str(&id).map_err(|e| corrupt("recommendation id", e))?,
            source_code: rec.source_code.clone(),
            reference: rec.reference.clone(),
        });
    }
    let mut records = Vec::with_capacity(plan.actions.len());
    for action in &plan.actions {
        records.push(write_action(w, action, &answers, today)?);
    }
    let agreed = records.clone();
    let mut updates = 0;
    for index in 0..plan.quarters.len() {
        updates += write_quarter(w, plan, index, &mut records)?;
    }
    for ((before, after), action) in agreed.iter().zip(&records).zip(&plan.actions) {
        if before == after {
            continue;
        }
        let superseded_by = after
            .superseded_by
            .as_deref()
            .and_then(|reference| records.iter().find(|r| r.reference == reference))
            .map(|r| r.id.to_string());
        // The day it closed, if it did: the review that closed it.
        let closed_on = action.quarters.last().map_or(today, |q| q.on);
        actions::apply(w, before, after, superseded_by.as_deref(), closed_on)?;
    }
    let report = SyntheticReport {
        cases: plan.cases.len(),
        sources: plan.sources.len(),
        recommendations: plan.recommendations.len(),
        actions: plan.actions.len(),
        quarter_reviews: plan.quarters.len(),
        quarter_updates: updates,
        proceedings: 0,
        seed: 0,
    };
    Ok((report, case_ids))
}

/// A case and each step of its journey, through the journey's state machine.
fn write_case(w: &Writer<'_>, case: &PlannedCase) -> Result<Uuid> {
    let valid = ValidCase {
        code: case.code.clone(),
        kind: case.kind,
        referred_on: case.referred_on,
        referrer: case.referrer.to_owned(),
        summary: case.summary.clone(),
    };
    // Marked fictional, like demo cases, wherever a case is shown.
    let stored = cases::insert(w, valid, Stage::ReferralReceived, true)?;
    for (step, on, note) in &case.steps {
        events::record(w, &stored, step, *on, note)?;
    }
    Ok(stored.id)
}

/// Whether a recommendation is accepted, as `set_recommendation_outcome`
/// records it (that method reads the register outside this transaction).
fn set_outcome(w: &Writer<'_>, id: &str, outcome: &str, reason: &str) -> Result<()> {
    w.tx.execute(
        "UPDATE recommendations SET outcome = ?2, outcome_reason = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, outcome, reason, stamp::to_text(w.at)],
    )?;
    let after = serde_json::json!({ "outcome": outcome, "outcome_reason": reason });
    w.log("recommendation", id, Logged::Update, None, Some(&after))
}

/// An action through the same checks as the form, its target revisions in
/// its history, and the record as it stands once agreed (not started).
fn write_action(
    w: &Writer<'_>,
    action: &PlannedAction,
    answers: &[Answer],
    today: NaiveDate,
) -> Result<ActionRecord> {
    let linked: Vec<Answer> = action.answers.iter().map(|&i| answers[i].clone()).collect();
    let themes: Vec<String> = action
        .themes
        .iter()
        .map(|&t| THEMES[t].0.to_owned())
        .collect();
    let input = ActionInput {
        reference: action.reference.clone(),
        text: action.text.clone(),
        lead_agency: action.lead_agency.to_owned(),
        lead_officer: action.lead_officer.to_owned(),
        target: DateInput::from_date(action.target),
        agreed: DateInput::from_date(action.agreed),
        answers: linked
            .iter()
            .map(|a| a.recommendation_id.to_string())
            .collect(),
        themes: themes.clone(),
    };
    let checked = actions::check_new(w.tx, &input, today)?;
    let id = actions::insert(w, &checked)?;
    let mut target = action.target;
    for step in &action.quarters {
        if let Some(reason) = step.revised {
            actions::revise(w, &id, target, step.target, reason)?;
            target = step.target;
        }
    }
    let mut sorted_themes = themes;
    sorted_themes.sort();
    Ok(ActionRecord {
        id: Uuid::parse_str(&id).map_err(|e| corrupt("action id", e))?,
        reference: checked.reference,
        text: checked.text,
        lead_agency: checked.lead_agency,
        lead_officer: checked.lead_officer,
        target_date: target,
        agreed_on: action.agreed,
        status: ActionStatus::NotStarted,
        status_reason: String::new(),
        superseded_by: None,
        rag: None,
        evidence_completion: String::new(),
        evidence_impact: String::new(),
        signed_off_by: String::new(),
        signed_off_on: None,
        answers: linked,
        themes: sorted_themes,
        history: Vec::new(),
        created_at: w.at,
        updated_at: w.at,
    })
}

/// One quarter's review: opened with every action open in it, each reviewed
/// action's update checked by the actions' rules and recorded, then signed
/// off, except the current quarter, which stays open. Returns its updates.
fn write_quarter(
    w: &Writer<'_>,
    plan: &Plan,
    index: usize,
    records: &mut [ActionRecord],
) -> Result<usize> {
    let quarter = &plan.quarters[index];
    let code = quarter.code();
    let steps: Vec<(usize, &QuarterStep)> = plan
        .actions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let step = index
                .checked_sub(a.first_quarter)
                .and_then(|k| a.quarters.get(k));
            step.map(|s| (i, s))
        })
        .collect();
    let review_id = stamp::new_id().to_string();
    w.tx.execute(
        "INSERT INTO quarter_reviews (id, year, quarter, year_start_month, opened_at, opened_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            review_id,
            quarter.year,
            quarter.number,
            quarter.year_start_month,
            stamp::to_text(w.at),
            w.who
        ],
    )?;
    let opened = serde_json::json!({ "quarter": code, "actions": steps.len() });
    w.log(
        "quarter_review",
        &review_id,
        Logged::Create,
        None,
        Some(&opened),
    )?;
    // One statement prepared once for the quarter's few thousand rows.
    let mut insert = w.tx.prepare_cached(
        "INSERT INTO quarter_updates (id, quarter_review_id, action_id, status, rag, target_date, progress_note,
         evidence, escalate, escalation_reason, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let successors: HashMap<usize, ActionRecord> = steps
        .iter()
        .filter_map(|(_, s)| s.superseded_by)
        .map(|i| (i, records[i].clone()))
        .collect();
    for &(i, step) in &steps {
        if step.updated {
            let superseding = step.superseded_by.and_then(|s| successors.get(&s));
            records[i] = reviewed(&records[i], step, &code, superseding)?;
        }
        let now = &records[i];
        let at = step.updated.then(|| stamp::to_text(w.at));
        let by = step.updated.then_some(w.who);
        let escalation = step.escalation.unwrap_or("");
        insert.execute(params![
            stamp::new_id().to_string(),
            review_id,
            now.id.to_string(),
            now.status.as_str(),
            now.rag.map(Rag::as_str),
            now.target_date.to_string(),
            step.note,
            step.evidence,
            step.escalation.is_some(),
            escalation,
            at,
            by
        ])?;
        if step.updated {
            let after = serde_json::json!({ "quarter": code, "action": now.reference, "status": now.status,
                                            "rag": now.rag, "progress_note": step.note, "evidence": step.evidence,
                                            "escalate": step.escalation.is_some(), "escalation_reason": escalation });
            w.log(
                "quarter_update",
                &review_id,
                Logged::Update,
                None,
                Some(&after),
            )?;
        }
    }
    if index + 1 < plan.quarters.len() {
        w.tx.execute(
            "UPDATE quarter_reviews SET closed_at = ?2, closed_by = ?3 WHERE id = ?1",
            params![review_id, stamp::to_text(w.at), CHAIR],
        )?;
        let closed = serde_json::json!({ "quarter": code, "closed_by": CHAIR });
        w.log(
            "quarter_review",
            &review_id,
            Logged::Update,
            None,
            Some(&closed),
        )?;
    }
    Ok(steps.iter().filter(|(_, s)| s.updated).count())
}

/// The action after this quarter's update, under the same rules as an update
/// made in panel mode (a refusal here is a bug in the plan, and stops it all).
fn reviewed(
    before: &ActionRecord,
    step: &QuarterStep,
    code: &str,
    superseding: Option<&ActionRecord>,
) -> Result<ActionRecord> {
    let embedded = step.status == ActionStatus::CompleteEmbedded;
    let input = ProgressInput {
        status: step.status.as_str().to_owned(),
        status_reason: step.status_reason.to_owned(),
        superseded_by: superseding.map(|a| a.reference.clone()).unwrap_or_default(),
        rag: step.rag.map(Rag::as_str).unwrap_or_default().to_owned(),
        evidence_completion: with_quarter_evidence(
            &before.evidence_completion,
            code,
            "",
            step.evidence,
        ),
        evidence_impact: step.impact.to_owned(),
        signed_off_by: if embedded {
            CHAIR.to_owned()
        } else {
            before.signed_off_by.clone()
        },
        signed_off_on: if embedded {
            DateInput::from_date(step.on)
        } else {
            before
                .signed_off_on
                .map(DateInput::from_date)
                .unwrap_or_default()
        },
    };
    let next = actions::check_progress(before, &input, superseding, step.on)?;
    Ok(ActionRecord {
        target_date: step.target,
        ..next
    })
}
