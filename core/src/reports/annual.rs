//! The case review section of the partnership's annual report for one
//! reporting year: referrals received (child, adult, joint), Rapid Reviews
//! held, what they progressed to, reviews completed, published and in
//! progress at the year's end with the reasons for delay; the record of
//! decisions and actions taken in the year to implement the recommendations
//! of local and national reviews, with evidence of impact; and the
//! recommendations not accepted, with the reasons (which a Safeguarding
//! Adults Board must report).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::counts::KindCounts;
use super::history::review_types_label;
use super::period::ReportingYear;
use crate::actions::{ActionRecord, ActionStatus, Rag};
use crate::cases::CaseKind;
use crate::change_log::corrupt;
use crate::clocks::Quarter;
use crate::dates::format_long;
use crate::error::Result;
use crate::exports::MARKING;
use crate::journey::{ReviewType, ScreenOutcome, Step};
use crate::quarter_reviews::QuarterReview;
use crate::recommendations::{Recommendation, RecommendationOutcome, SourceKind};
use crate::register::Register;

/// The annual report's case review section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AnnualReport {
    /// Always "OFFICIAL-SENSITIVE".
    pub marking: String,
    pub year: ReportingYear,
    /// "1 April 2024 to 31 March 2025".
    pub year_label: String,
    #[ts(type = "string")]
    pub produced_on: NaiveDate,
    pub produced_by: String,
    /// The register holds fictional demo data, and the report says so.
    pub demo: bool,
    pub figures: AnnualFigures,
    /// Reviews decided and not concluded at the year's end, with why.
    pub reviews_in_progress: Vec<ReviewAtYearEnd>,
    /// Reviews whose final report came, or which were published or not, in the year.
    pub reviews_concluded: Vec<ConcludedReview>,
    /// Recommendations by the review or report they come from, with the
    /// decision on each and the actions taken on it in the year.
    pub sources: Vec<SourceRecord>,
    /// The actions open at some time in the year, with their progress and evidence.
    pub actions: Vec<ActionInYear>,
    pub impact: ImpactSummary,
    pub not_accepted: Vec<NotAccepted>,
}

/// The year's figures, counted from the dated journey steps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AnnualFigures {
    /// Referrals for case review received in the year.
    pub referrals: KindCounts,
    pub rapid_reviews_held: u32,
    /// Referrals screened in the year as not meeting the criteria.
    pub not_meeting_criteria: u32,
    /// Decisions in the year to undertake an LCSPR (a joint review counts
    /// under each type it carries).
    pub progressed_to_lcspr: u32,
    /// Decisions to undertake a SAR, mandatory and discretionary.
    pub progressed_to_sar: u32,
    pub sar_mandatory: u32,
    pub sar_discretionary: u32,
    /// Other learning reviews: decided after a Rapid Review, or of a
    /// referral outside the criteria.
    pub progressed_to_other_learning: u32,
    /// Of those, referrals reviewed for learning outside the criteria.
    pub learning_reviews_outside_criteria: u32,
    /// Domestic Homicide Reviews running alongside a review decided in the year.
    pub dhr_alongside: u32,
    /// Rapid Reviews whose learning was all captured, needing no further review.
    pub no_further_review: u32,
    pub reviews_commissioned: u32,
    /// Final reports received in the year.
    pub reviews_completed: u32,
    pub reviews_published: u32,
    /// Reviews decided in the year not to be published (learning shared instead).
    pub reviews_not_published: u32,
    pub reviews_in_progress_at_year_end: u32,
    /// Of those, past their publication or completion target at the year's end.
    pub reviews_past_target_at_year_end: u32,
}

/// A review still under way when the year ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewAtYearEnd {
    pub case_code: String,
    pub kind: CaseKind,
    pub review: String,
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    #[ts(type = "string | null")]
    pub commissioned_on: Option<NaiveDate>,
    /// Its publication (LCSPR) or completion (SAR) target, if it has one.
    #[ts(type = "string | null")]
    pub target: Option<NaiveDate>,
    pub past_target: bool,
    /// "Final report received; awaiting publication".
    pub stage: String,
    /// The proceedings holding publication back at the year's end, if recorded.
    pub reason_for_delay: Option<String>,
}

/// A review completed, published or not published in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConcludedReview {
    pub case_code: String,
    pub kind: CaseKind,
    pub review: String,
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    #[ts(type = "string | null")]
    pub final_report: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub published: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub not_published: Option<NaiveDate>,
}

/// A review or report that made recommendations, with those in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SourceRecord {
    pub code: String,
    pub title: String,
    pub kind: SourceKind,
    /// "Local review", "National review", "Audit", "Thematic review".
    pub kind_label: String,
    pub recommendations: Vec<RecommendationRecord>,
}

/// A recommendation, the decision on it, and its actions open in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecommendationRecord {
    pub reference: String,
    pub text: String,
    pub outcome: RecommendationOutcome,
    /// "Accepted", "Not accepted", "Decision pending".
    pub outcome_label: String,
    pub outcome_reason: String,
    /// The references of its actions open at some time in the year.
    pub actions: Vec<String>,
}

/// An action open at some time in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ActionInYear {
    pub reference: String,
    pub text: String,
    /// "Child W R1": the recommendations it answers.
    pub answers: Vec<String>,
    pub lead_agency: String,
    pub lead_officer: String,
    #[ts(type = "string")]
    pub agreed_on: NaiveDate,
    #[ts(type = "string")]
    pub target_date: NaiveDate,
    pub status: ActionStatus,
    pub status_label: String,
    pub rag: Option<Rag>,
    /// Where the status and RAG come from: the year's last quarter review of
    /// the action, or its current position when no quarter in the year reviewed it.
    pub position: String,
    /// The year's quarterly progress notes, oldest first.
    pub progress: Vec<String>,
    pub evidence_of_completion: String,
    pub evidence_of_impact: String,
    /// The recommendations it answers, to file it under them.
    #[serde(skip)]
    #[ts(skip)]
    answer_ids: Vec<Uuid>,
}

/// How many of the year's actions were completed, and how many show impact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImpactSummary {
    pub actions: u32,
    pub completed: u32,
    pub with_evidence_of_impact: u32,
}

/// A recommendation not accepted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NotAccepted {
    pub source: String,
    pub source_title: String,
    pub reference: String,
    pub text: String,
    pub reason: String,
}

impl Register {
    /// The annual report section for `year`, produced on `today`.
    pub fn annual_report(&self, year: &ReportingYear, today: NaiveDate) -> Result<AnnualReport> {
        let settings = self.clock_settings()?;
        let calendar = settings.calendar();
        let period = year.period();
        let end = year.to;
        let mut figures = AnnualFigures::default();
        let mut in_progress = Vec::new();
        let mut concluded = Vec::new();
        let histories = self.case_histories()?;
        for case in &histories {
            if period.contains(case.referred_on) {
                figures.referrals.add(case.kind);
            }
            for (step, _) in case.steps_in(&period) {
                count(step, &mut figures);
            }
            let Some(review) = case.review() else {
                continue;
            };
            let review_label = review_types_label(&review.types);
            if review.open_on(end) {
                let clocks = review.clocks_on(end, &settings, &calendar);
                let overdue = review.overdue_on(end, &settings, &calendar);
                in_progress.push(ReviewAtYearEnd {
                    case_code: case.code.clone(),
                    kind: case.kind,
                    review: review_label.clone(),
                    decided_on: review.started,
                    commissioned_on: review.commissioned.filter(|d| *d <= end),
                    target: clocks.first().map(|c| c.due),
                    past_target: overdue.is_some(),
                    stage: review.stage_on(end).to_owned(),
                    reason_for_delay: case.delay_reason_on(end),
                });
            }
            let in_year = |d: Option<NaiveDate>| d.filter(|d| period.contains(*d));
            if [review.final_report, review.published, review.not_published]
                .into_iter()
                .any(|d| in_year(d).is_some())
            {
                concluded.push(ConcludedReview {
                    case_code: case.code.clone(),
                    kind: case.kind,
                    review: review_label,
                    decided_on: review.started,
                    final_report: review.final_report.filter(|d| *d <= end),
                    published: in_year(review.published),
                    not_published: in_year(review.not_published),
                });
            }
        }
        figures.reviews_in_progress_at_year_end = in_progress.len() as u32;
        figures.reviews_past_target_at_year_end =
            in_progress.iter().filter(|r| r.past_target).count() as u32;

        let referred: HashMap<String, NaiveDate> = histories
            .iter()
            .map(|c| (c.code.to_lowercase(), c.referred_on))
            .collect();
        let (actions, impact) = self.actions_in_year(year, today)?;
        let (sources, not_accepted) = self.recommendation_record(year, &actions, &referred)?;
        Ok(AnnualReport {
            marking: MARKING.to_owned(),
            year_label: format!("{} to {}", format_long(year.from), format_long(year.to)),
            year: year.clone(),
            produced_on: today,
            produced_by: self.who().to_owned(),
            demo: self.is_demo()?,
            figures,
            reviews_in_progress: in_progress,
            reviews_concluded: concluded,
            sources,
            actions,
            impact,
            not_accepted,
        })
    }

    /// The actions open at some time in `year` (agreed by its end and not
    /// closed before its start), each at its last quarter review in the year.
    fn actions_in_year(
        &self,
        year: &ReportingYear,
        today: NaiveDate,
    ) -> Result<(Vec<ActionInYear>, ImpactSummary)> {
        let closed_on = self.closed_dates()?;
        let start = self.clock_settings()?.year_start_month;
        // The year's quarter reviews, oldest first.
        let quarters: Vec<QuarterReview> = self
            .list_quarter_reviews()?
            .into_iter()
            .rev()
            .filter(|r| {
                Quarter::parse_code(&r.code, start)
                    .is_some_and(|q| q.first_day() >= year.from && q.last_day() <= year.to)
            })
            .collect();
        let mut actions = Vec::new();
        let mut impact = ImpactSummary::default();
        for action in self.actions_without_themes()? {
            let closed = closed_on.get(&action.id).copied().flatten();
            if action.agreed_on > year.to || closed.is_some_and(|c| c < year.from) {
                continue;
            }
            let line = in_year(&action, &quarters, today);
            impact.actions += 1;
            if matches!(
                line.status,
                ActionStatus::CompleteAwaitingImpact | ActionStatus::CompleteEmbedded
            ) {
                impact.completed += 1;
            }
            if !line.evidence_of_impact.is_empty() {
                impact.with_evidence_of_impact += 1;
            }
            actions.push(line);
        }
        Ok((actions, impact))
    }

    /// When each action was closed, if it is.
    fn closed_dates(&self) -> Result<HashMap<Uuid, Option<NaiveDate>>> {
        let mut stmt = self.conn().prepare("SELECT id, closed_on FROM actions")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, closed) = row?;
            out.insert(
                Uuid::parse_str(&id).map_err(|e| corrupt("action id", e))?,
                closed
                    .map(|d| d.parse::<NaiveDate>())
                    .transpose()
                    .map_err(|e| corrupt("closing date", e))?,
            );
        }
        Ok(out)
    }

    /// The recommendations in the year's record, by source, and those not accepted.
    fn recommendation_record(
        &self,
        year: &ReportingYear,
        actions: &[ActionInYear],
        referred: &HashMap<String, NaiveDate>,
    ) -> Result<(Vec<SourceRecord>, Vec<NotAccepted>)> {
        let published: HashMap<String, Option<NaiveDate>> = {
            let mut stmt = self
                .conn()
                .prepare("SELECT code, published_on FROM sources")?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?;
            let mut out = HashMap::new();
            for row in rows {
                let (code, on) = row?;
                let on = on
                    .map(|d| d.parse::<NaiveDate>())
                    .transpose()
                    .map_err(|e| corrupt("publication date", e))?;
                out.insert(code.to_lowercase(), on);
            }
            out
        };
        let mut sources: Vec<SourceRecord> = Vec::new();
        let mut not_accepted = Vec::new();
        for rec in self.list_recommendations()? {
            let key = rec.source_code.to_lowercase();
            // A review referred, or a report published, after the year ended
            // made no recommendation within it.
            let dated = referred
                .get(&key)
                .copied()
                .or_else(|| published.get(&key).copied().flatten());
            if dated.is_some_and(|d| d > year.to) {
                continue;
            }
            let answered_by: Vec<String> = actions
                .iter()
                .filter(|a| a.answer_ids.contains(&rec.id))
                .map(|a| a.reference.clone())
                .collect();
            if rec.outcome == RecommendationOutcome::NotAccepted {
                not_accepted.push(NotAccepted {
                    source: rec.source_code.clone(),
                    source_title: rec.source_title.clone(),
                    reference: rec.reference.clone(),
                    text: rec.text.clone(),
                    reason: rec.outcome_reason.clone(),
                });
            }
            // An accepted recommendation whose actions all closed before the
            // year belongs to an earlier year's record; one with no action
            // yet is a gap the board should see.
            let earlier = rec.outcome == RecommendationOutcome::Accepted
                && answered_by.is_empty()
                && self.has_actions(&rec)?;
            if earlier {
                continue;
            }
            let index = match sources.iter().position(|s| s.code == rec.source_code) {
                Some(index) => index,
                None => {
                    sources.push(SourceRecord {
                        code: rec.source_code.clone(),
                        title: rec.source_title.clone(),
                        kind: rec.source_kind,
                        kind_label: source_kind_label(rec.source_kind).to_owned(),
                        recommendations: Vec::new(),
                    });
                    sources.len() - 1
                }
            };
            sources[index].recommendations.push(RecommendationRecord {
                outcome_label: outcome_label(rec.outcome).to_owned(),
                reference: rec.reference,
                text: rec.text,
                outcome: rec.outcome,
                outcome_reason: rec.outcome_reason,
                actions: answered_by,
            });
        }
        // Local reviews first, then national reviews, audits and thematic reviews.
        sources.sort_by_key(|s| (s.kind as u8, s.code.to_lowercase()));
        Ok((sources, not_accepted))
    }

    fn has_actions(&self, rec: &Recommendation) -> Result<bool> {
        let count: i64 = self.conn().query_row(
            "SELECT count(*) FROM action_answers WHERE recommendation_id = ?1",
            [rec.id.to_string()],
            |r| r.get(0),
        )?;
        Ok(count > 0)
    }
}

/// Adds one step dated in the year to the figures.
fn count(step: &Step, figures: &mut AnnualFigures) {
    match step {
        Step::Screen(ScreenOutcome::NotMet) => figures.not_meeting_criteria += 1,
        Step::Screen(ScreenOutcome::LearningReview) => {
            figures.progressed_to_other_learning += 1;
            figures.learning_reviews_outside_criteria += 1;
        }
        Step::RrMeeting => figures.rapid_reviews_held += 1,
        Step::Decide(types) => {
            for t in types {
                match t {
                    ReviewType::Lcspr => figures.progressed_to_lcspr += 1,
                    ReviewType::SarMandatory => figures.sar_mandatory += 1,
                    ReviewType::SarDiscretionary => figures.sar_discretionary += 1,
                    ReviewType::LearningReview => figures.progressed_to_other_learning += 1,
                    ReviewType::Dhr => figures.dhr_alongside += 1,
                    ReviewType::NoReview => figures.no_further_review += 1,
                }
            }
            figures.progressed_to_sar = figures.sar_mandatory + figures.sar_discretionary;
        }
        Step::ReviewCommissioned => figures.reviews_commissioned += 1,
        Step::FinalReport => figures.reviews_completed += 1,
        Step::Published => figures.reviews_published += 1,
        Step::NotPublished => figures.reviews_not_published += 1,
        _ => {}
    }
}

/// The action as the year's last quarter review of it left it, with the
/// year's progress notes.
fn in_year(action: &ActionRecord, quarters: &[QuarterReview], today: NaiveDate) -> ActionInYear {
    let reviewed: Vec<(&QuarterReview, &crate::quarter_reviews::QuarterUpdate)> = quarters
        .iter()
        .filter_map(|q| {
            q.updates
                .iter()
                .find(|u| u.action_id == action.id)
                .map(|u| (q, u))
        })
        .collect();
    let (status, rag, target, position) = match reviewed.last() {
        Some((q, u)) => (
            u.status,
            u.rag,
            u.target_date,
            format!("At the {} review", q.label),
        ),
        None => (
            action.status,
            action.rag,
            action.target_date,
            format!("Current position on {}", format_long(today)),
        ),
    };
    ActionInYear {
        reference: action.reference.clone(),
        text: action.text.clone(),
        answers: action
            .answers
            .iter()
            .map(|a| format!("{} {}", a.source_code, a.reference))
            .collect(),
        lead_agency: action.lead_agency.clone(),
        lead_officer: action.lead_officer.clone(),
        agreed_on: action.agreed_on,
        target_date: target,
        status,
        status_label: status.label().to_owned(),
        rag,
        position,
        progress: reviewed
            .iter()
            .filter(|(_, u)| !u.progress_note.is_empty())
            .map(|(q, u)| format!("{}: {}", q.label, u.progress_note))
            .collect(),
        evidence_of_completion: action.evidence_completion.clone(),
        evidence_of_impact: action.evidence_impact.clone(),
        answer_ids: action.answers.iter().map(|a| a.recommendation_id).collect(),
    }
}

fn source_kind_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::LocalReview => "Local review",
        SourceKind::NationalReview => "National review",
        SourceKind::Audit => "Audit",
        SourceKind::ThematicReview => "Thematic review",
    }
}

fn outcome_label(outcome: RecommendationOutcome) -> &'static str {
    match outcome {
        RecommendationOutcome::Pending => "Decision pending",
        RecommendationOutcome::Accepted => "Accepted",
        RecommendationOutcome::NotAccepted => "Not accepted",
    }
}

impl AnnualReport {
    /// The section's title, as the document and its properties give it.
    pub fn title(&self) -> String {
        format!("Case reviews in {}: annual report section", self.year.label)
    }
}
