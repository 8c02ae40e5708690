//! The action plans of a synthetic register: national reviews, audits and
//! thematic reviews as sources; recommendations from the cases' reviews and
//! from those sources, accepted or not; actions answering them (some answering
//! recommendations from two reviews, as a thematic tracker would join them);
//! and each action's path through the quarterly reviews, from not started to
//! complete and embedded, paused, superseded or still open and slipping.

use chrono::NaiveDate;
use rand::RngExt;

use super::journeys::PlannedCase;
use super::vocabulary::{
    ACTION_OPENINGS, AGENCIES, ESCALATION_REASONS, EVIDENCE, IMPACT, NOTES_ON_TRACK,
    NOTES_SLIPPING, NOTES_STUCK, NOT_ACCEPTED_REASONS, PAUSE_REASONS, RECOMMENDATION_OPENINGS,
    REVISION_REASONS, THEMES,
};
use super::{after, pick, Seeded};
use crate::actions::{ActionStatus, Rag};
use crate::clocks::Quarter;
use crate::journey::{ReviewType, Step};

/// A national review, audit or thematic review that makes recommendations.
pub(super) struct PlannedSource {
    pub code: String,
    pub kind: &'static str,
    pub title: String,
    pub published_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Pending,
    Accepted,
    NotAccepted(&'static str),
}

pub(super) struct PlannedRecommendation {
    /// The case's or source's code.
    pub source_code: String,
    pub reference: String,
    pub text: String,
    pub addressed_to: Vec<&'static str>,
    /// Indexes into [`THEMES`].
    pub themes: Vec<usize>,
    pub outcome: Outcome,
    /// When actions answering it could first be agreed (its action plan).
    pub plan_date: NaiveDate,
}

pub(super) struct PlannedAction {
    pub reference: String,
    pub text: String,
    pub lead_agency: &'static str,
    pub lead_officer: &'static str,
    pub agreed: NaiveDate,
    /// The target first agreed; revisions are in `quarters`.
    pub target: NaiveDate,
    /// Indexes of the recommendations it answers.
    pub answers: Vec<usize>,
    pub themes: Vec<usize>,
    /// The first quarter (index into the plan's quarters) that reviews it.
    pub first_quarter: usize,
    /// Its update in each quarter from `first_quarter` on, until it closed.
    pub quarters: Vec<QuarterStep>,
}

/// One action's update in one quarter's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct QuarterStep {
    /// The review meeting: the quarter's last day, or today for the current one.
    pub on: NaiveDate,
    /// `false` for an action the current, open quarter has not reached yet.
    pub updated: bool,
    pub status: ActionStatus,
    pub rag: Option<Rag>,
    pub target: NaiveDate,
    /// The target moved at this review, for this reason.
    pub revised: Option<&'static str>,
    pub note: &'static str,
    pub evidence: &'static str,
    pub impact: &'static str,
    pub status_reason: &'static str,
    /// The action (by index) that supersedes this one.
    pub superseded_by: Option<usize>,
    pub escalation: Option<&'static str>,
}

/// Sources across the span: a national review and an audit a year, a
/// thematic review every other year. Each is published early enough for its
/// action plan to exist by `today`, so every register has actions to review.
pub(super) fn plan_sources(
    rng: &mut Seeded,
    earliest: NaiveDate,
    today: NaiveDate,
) -> Vec<PlannedSource> {
    let latest = after(today, -150).max(earliest);
    let span = (latest - earliest).num_days().max(1);
    let years = (span / 365).max(1) as usize;
    let kinds = [
        (
            "NP",
            "national-review",
            "National Panel thematic review",
            years,
        ),
        ("AUD", "audit", "Multi-agency audit", years),
        (
            "TR",
            "thematic-review",
            "Thematic review",
            years.div_ceil(2),
        ),
    ];
    let mut out = Vec::new();
    for (prefix, kind, title, count) in kinds {
        for n in 0..count {
            let published_on = after(earliest, rng.random_range(0..=span));
            let topic = pick(rng, THEMES).1;
            out.push(PlannedSource {
                code: format!("{prefix}-{}", n + 1),
                kind,
                title: format!("{title}: {topic}"),
                published_on,
            });
        }
    }
    out
}

/// Recommendations from each case's review (at its final report, or at the
/// decision when the Rapid Review captured the learning) and from each source.
/// Accepted or not once the action plan is agreed; pending until then.
pub(super) fn plan_recommendations(
    rng: &mut Seeded,
    cases: &[PlannedCase],
    sources: &[PlannedSource],
    today: NaiveDate,
) -> Vec<PlannedRecommendation> {
    let mut out = Vec::new();
    for case in cases {
        let reported = case
            .date_of(|s| matches!(s, Step::FinalReport))
            .or_else(|| {
                case.date_of(|s| matches!(s, Step::Decide(t) if t.contains(&ReviewType::NoReview)))
            });
        if reported.is_none() {
            continue;
        }
        let plan = case.date_of(|s| matches!(s, Step::ActionPlan));
        let count = rng.random_range(3..=8);
        for n in 0..count {
            out.push(recommendation(rng, &case.code, n, plan));
        }
    }
    for (i, source) in sources.iter().enumerate() {
        let plan = Some(after(source.published_on, rng.random_range(30..=120)).min(today));
        let count = rng.random_range(2..=6);
        for n in 0..count {
            let mut rec = recommendation(rng, &source.code, n, plan);
            // The first source's first recommendation is always accepted, so
            // even the smallest register has actions.
            if i == 0 && n == 0 {
                rec.outcome = Outcome::Accepted;
            }
            out.push(rec);
        }
    }
    out
}

fn recommendation(
    rng: &mut Seeded,
    source_code: &str,
    n: usize,
    plan: Option<NaiveDate>,
) -> PlannedRecommendation {
    let themes = some_themes(rng);
    let opening = pick(rng, RECOMMENDATION_OPENINGS);
    let addressed_to = (0..rng.random_range(1..=3))
        .map(|_| pick(rng, AGENCIES).0)
        .collect::<Vec<_>>();
    let outcome = match plan {
        None => Outcome::Pending,
        Some(_) if rng.random_bool(0.08) => Outcome::NotAccepted(pick(rng, NOT_ACCEPTED_REASONS)),
        Some(_) => Outcome::Accepted,
    };
    PlannedRecommendation {
        source_code: source_code.to_owned(),
        reference: format!("R{}", n + 1),
        text: format!("{opening} {}.", THEMES[themes[0]].1),
        addressed_to: dedup(addressed_to),
        themes,
        outcome,
        plan_date: plan.unwrap_or(NaiveDate::MAX),
    }
}

/// One to three distinct themes.
fn some_themes(rng: &mut Seeded) -> Vec<usize> {
    let mut themes = Vec::new();
    for _ in 0..rng.random_range(1..=3) {
        let theme = rng.random_range(0..THEMES.len());
        if !themes.contains(&theme) {
            themes.push(theme);
        }
    }
    themes
}

fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// `total` actions over the accepted recommendations: each gets one before
/// any gets a second; one in ten also answers a recommendation from another
/// review on the same theme.
pub(super) fn plan_actions(
    rng: &mut Seeded,
    recommendations: &[PlannedRecommendation],
    quarters: &[Quarter],
    total: usize,
    today: NaiveDate,
) -> Vec<PlannedAction> {
    let accepted: Vec<usize> = (0..recommendations.len())
        .filter(|&i| recommendations[i].outcome == Outcome::Accepted)
        .collect();
    if accepted.is_empty() {
        return Vec::new();
    }
    let mut by_theme: Vec<Vec<usize>> = vec![Vec::new(); THEMES.len()];
    for &i in &accepted {
        for &theme in &recommendations[i].themes {
            by_theme[theme].push(i);
        }
    }
    let mut actions = Vec::with_capacity(total);
    for n in 0..total {
        let first = match accepted.get(n) {
            Some(&i) => i,
            None => accepted[rng.random_range(0..accepted.len())],
        };
        let rec = &recommendations[first];
        let agreed = after(rec.plan_date, rng.random_range(0..=30)).min(today);
        let mut answers = vec![first];
        if rng.random_bool(0.1) {
            let theme = rec.themes[0];
            let candidates = &by_theme[theme];
            let other = candidates[rng.random_range(0..candidates.len())];
            let fits = recommendations[other].source_code != rec.source_code
                && recommendations[other].plan_date <= agreed;
            if fits {
                answers.push(other);
            }
        }
        let mut themes = vec![rec.themes[0]];
        if let Some(&extra) = rec.themes.get(1).filter(|_| rng.random_bool(0.5)) {
            themes.push(extra);
        }
        let (lead_agency, roles) = pick(rng, AGENCIES);
        let year_start = quarters.first().map_or(4, |q| q.year_start_month);
        let year = Quarter::containing(agreed, year_start).year_label();
        let target = after(agreed, rng.random_range(300..=1140));
        let first_quarter = quarters
            .iter()
            .position(|q| agreed <= q.last_day())
            .unwrap_or(quarters.len());
        actions.push(PlannedAction {
            reference: format!("{year}-{:05}", n + 1),
            text: format!("{} {}", pick(rng, ACTION_OPENINGS), THEMES[themes[0]].1),
            lead_agency,
            lead_officer: pick(rng, roles),
            agreed,
            target,
            answers,
            themes,
            first_quarter,
            quarters: Vec::new(),
        });
    }
    let count = actions.len();
    for (n, action) in actions.iter_mut().enumerate() {
        // Another action to supersede this one, should it come to that.
        let successor = (count > 1).then(|| (n + 1 + rng.random_range(0..count - 1)) % count);
        action.quarters = progress(rng, action, quarters, successor, today);
    }
    actions
}

/// An action's updates, quarter by quarter, until it closes. The current
/// quarter (the last) has reached about two actions in three so far.
fn progress(
    rng: &mut Seeded,
    action: &PlannedAction,
    quarters: &[Quarter],
    successor: Option<usize>,
    today: NaiveDate,
) -> Vec<QuarterStep> {
    let mut out = Vec::new();
    let mut state = QuarterStep {
        on: action.agreed,
        updated: false,
        status: ActionStatus::NotStarted,
        rag: None,
        target: action.target,
        revised: None,
        note: "",
        evidence: "",
        impact: "",
        status_reason: "",
        superseded_by: None,
        escalation: None,
    };
    let last = quarters.len().saturating_sub(1);
    for (index, quarter) in quarters.iter().enumerate().skip(action.first_quarter) {
        let current = index == last;
        let on = if current { today } else { quarter.last_day() };
        if current && rng.random_bool(0.35) {
            out.push(QuarterStep {
                on,
                updated: false,
                revised: None,
                note: "",
                evidence: "",
                escalation: None,
                ..state.clone()
            });
            break;
        }
        let mut next = QuarterStep {
            on,
            updated: true,
            revised: None,
            note: "",
            evidence: "",
            escalation: None,
            ..state.clone()
        };
        let planned = (action.target - action.agreed).num_days().max(1) as f64;
        let elapsed = (on - action.agreed).num_days() as f64 / planned;
        let roll: f64 = rng.random();
        match state.status {
            ActionStatus::NotStarted if rng.random_bool(0.7) => {
                next.status = ActionStatus::InProgress;
            }
            ActionStatus::InProgress if elapsed >= 0.8 && roll < 0.25 => {
                next.status = ActionStatus::CompleteAwaitingImpact;
                next.evidence = pick(rng, EVIDENCE);
            }
            ActionStatus::InProgress if roll > 0.97 => {
                next.status = ActionStatus::Paused;
                next.status_reason = pick(rng, PAUSE_REASONS);
            }
            ActionStatus::InProgress if roll > 0.96 && successor.is_some() => {
                next.status = ActionStatus::Superseded;
                next.superseded_by = successor;
            }
            ActionStatus::Paused if rng.random_bool(0.5) => {
                next.status = ActionStatus::InProgress;
                next.status_reason = "";
            }
            ActionStatus::CompleteAwaitingImpact if rng.random_bool(0.5) => {
                next.status = ActionStatus::CompleteEmbedded;
                next.impact = pick(rng, IMPACT);
            }
            _ => {}
        }
        let late = (on - next.target).num_days();
        let open = !next.status.is_closed();
        if open && late > 0 && rng.random_bool(0.2) {
            next.target = after(on, rng.random_range(90..=270));
            next.revised = Some(pick(rng, REVISION_REASONS));
        }
        let late = (on - next.target).num_days();
        next.rag = rag(rng, next.status, late, (on - action.agreed).num_days());
        next.note = match next.rag {
            Some(Rag::Red) => pick(rng, NOTES_STUCK),
            Some(Rag::Amber) => pick(rng, NOTES_SLIPPING),
            _ => pick(rng, NOTES_ON_TRACK),
        };
        if next.rag == Some(Rag::Red) && rng.random_bool(0.25) {
            next.escalation = Some(pick(rng, ESCALATION_REASONS));
        }
        let closed = next.status.is_closed();
        out.push(next.clone());
        state = next;
        if closed {
            break;
        }
    }
    out
}

/// The RAG rating for a status, days past target and days since agreed,
/// under the written definitions (Blue only when complete and embedded).
fn rag(rng: &mut Seeded, status: ActionStatus, late: i64, age: i64) -> Option<Rag> {
    let roll: f64 = rng.random();
    match status {
        ActionStatus::NotStarted if age > 90 => Some(Rag::Amber),
        ActionStatus::NotStarted => None,
        ActionStatus::InProgress if late <= 0 => {
            Some(if roll < 0.85 { Rag::Green } else { Rag::Amber })
        }
        ActionStatus::InProgress if late <= 90 => {
            Some(if roll < 0.7 { Rag::Amber } else { Rag::Red })
        }
        ActionStatus::InProgress => Some(if roll < 0.7 { Rag::Red } else { Rag::Amber }),
        ActionStatus::CompleteAwaitingImpact => Some(Rag::Green),
        ActionStatus::CompleteEmbedded => Some(Rag::Blue),
        ActionStatus::Paused => Some(if roll < 0.5 { Rag::Amber } else { Rag::Red }),
        ActionStatus::Superseded => None,
    }
}
