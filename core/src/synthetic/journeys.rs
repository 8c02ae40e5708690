//! The cases of a synthetic register and the journey each has taken so far:
//! screening outcomes, Rapid Reviews (notified or not), decisions and review
//! types, reports, publication, action plans and closure, with realistic gaps
//! between steps. Planned here as data; the writer records every step through
//! the journey's state machine, which refuses any step out of order.

use chrono::{Datelike, NaiveDate};
use rand::RngExt;

use super::vocabulary::{PROCEEDING_REASONS, REFERRERS, SITUATIONS, SUBJECTS};
use super::{after, pick, Seeded};
use crate::cases::{CaseKind, Stage};
use crate::journey::{PanelView, ReviewType, ScreenOutcome, Step};

/// A planned case: its referral and the steps recorded by `today`.
pub(super) struct PlannedCase {
    pub code: String,
    pub kind: CaseKind,
    pub referred_on: NaiveDate,
    pub referrer: &'static str,
    pub summary: String,
    /// Each step with its date and note, oldest first, none after today.
    pub steps: Vec<(Step, NaiveDate, &'static str)>,
    /// Unfinished proceedings holding publication back: (kind, started, reason).
    pub proceeding: Option<(&'static str, NaiveDate, &'static str)>,
}

impl PlannedCase {
    /// The date of the first step named like `step`, if it was taken.
    pub fn date_of(&self, wanted: fn(&Step) -> bool) -> Option<NaiveDate> {
        self.steps.iter().find(|(s, _, _)| wanted(s)).map(|s| s.1)
    }
}

/// The choices that shape a journey, made up front so that a case can be
/// steered to a given stage.
struct Choices {
    notified: bool,
    screen: ScreenOutcome,
    types: Vec<ReviewType>,
    published: bool,
    closes: bool,
}

const NOT_MET: &str = "Synthetic. No indication that abuse or neglect caused the harm.";
const DECIDED: &str = "Synthetic. Further multi-agency learning is likely from a review.";
const NO_REVIEW: &str = "Synthetic. All learning was captured at the Rapid Review.";
const NOT_PUBLISHED: &str =
    "Synthetic. Not published for the family's sake; learning shared through briefings.";

/// Case number `index` of a register spanning `earliest` to `today`. The
/// first eleven cases are steered to one stage each, so a register of eleven
/// or more cases has a case at every stage; the rest are referred at random
/// across the span and go as far as their dates allow.
pub(super) fn plan_case(
    rng: &mut Seeded,
    index: usize,
    earliest: NaiveDate,
    today: NaiveDate,
) -> PlannedCase {
    let kind = match index {
        // The first three cover every kind, whatever the size.
        0..=2 => CaseKind::ALL[index],
        _ => match rng.random_range(0..100) {
            0..=54 => CaseKind::Child,
            55..=84 => CaseKind::Adult,
            _ => CaseKind::Joint,
        },
    };
    let steer = Stage::ALL.get(index).copied();
    let choices = choose(rng, kind, steer);
    let mut path = path(rng, &choices);
    let span = (today - earliest).num_days().max(1);
    let referred_on = match steer {
        Some(stage) => {
            cut_at(&mut path, stage);
            let last = path.last().map_or(0, |s| s.1);
            // Recent enough that the case has not moved on yet.
            after(today, -(last + rng.random_range(0..=20)))
        }
        None => after(earliest, rng.random_range(0..=span)),
    };
    let steps: Vec<(Step, NaiveDate, &'static str)> = path
        .into_iter()
        .map(|(step, offset, note)| (step, after(referred_on, offset), note))
        .filter(|(_, on, _)| *on <= today)
        .collect();
    let subject = pick(rng, SUBJECTS[kind_index(kind)]);
    let situation = pick(rng, SITUATIONS);
    let mut case = PlannedCase {
        code: code(index, kind, referred_on),
        kind,
        referred_on,
        referrer: pick(rng, REFERRERS),
        summary: format!("Synthetic. {subject} {situation}."),
        steps,
        proceeding: None,
    };
    case.proceeding = proceeding(rng, &case, today);
    case
}

fn kind_index(kind: CaseKind) -> usize {
    match kind {
        CaseKind::Child => 0,
        CaseKind::Adult => 1,
        CaseKind::Joint => 2,
    }
}

/// A pseudonymous code, unique by the case's number: "Child AK19", "Adult
/// BQC23", "Case C21" (letters from the number, then the referral year).
fn code(index: usize, kind: CaseKind, referred_on: NaiveDate) -> String {
    let prefix = match kind {
        CaseKind::Child => "Child",
        CaseKind::Adult => "Adult",
        CaseKind::Joint => "Case",
    };
    let mut letters = Vec::new();
    let mut n = index + 1;
    // Bijective base 26: A … Z, AA … ZZ, AAA …, so every number has its own letters.
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    let letters: String = letters.into_iter().rev().collect();
    format!(
        "{prefix} {letters}{:02}",
        referred_on.year().rem_euclid(100)
    )
}

fn choose(rng: &mut Seeded, kind: CaseKind, steer: Option<Stage>) -> Choices {
    use Stage as S;
    let children = kind != CaseKind::Adult;
    let screen = match steer {
        Some(S::NotMeetingCriteria) => ScreenOutcome::NotMet,
        Some(S::LearningReview) => ScreenOutcome::LearningReview,
        Some(_) => ScreenOutcome::RapidReview,
        None => match rng.random_range(0..100) {
            0..=29 => ScreenOutcome::NotMet,
            30..=39 => ScreenOutcome::LearningReview,
            _ => ScreenOutcome::RapidReview,
        },
    };
    let notified = children
        && screen == ScreenOutcome::RapidReview
        && rng.random_bool(if kind == CaseKind::Child { 0.6 } else { 0.4 });
    // Stages after the decision need a review; a steered case gets one.
    let needs_review = matches!(
        steer,
        Some(S::ReviewInProgress | S::Report | S::Published | S::NotPublished)
    );
    let mut types = review_types(rng, kind);
    if needs_review && types.contains(&ReviewType::NoReview) {
        types = match kind {
            CaseKind::Adult => vec![ReviewType::SarMandatory],
            _ => vec![ReviewType::Lcspr],
        };
    }
    Choices {
        notified,
        screen,
        types,
        published: match steer {
            Some(S::NotPublished) => false,
            Some(_) => true,
            None => rng.random_bool(0.75),
        },
        closes: steer == Some(S::Closed) || (steer.is_none() && rng.random_bool(0.6)),
    }
}

/// The review type(s) a decision commissions, by kind of case.
fn review_types(rng: &mut Seeded, kind: CaseKind) -> Vec<ReviewType> {
    use ReviewType as T;
    let roll = rng.random_range(0..100);
    match kind {
        CaseKind::Child => match roll {
            0..=44 => vec![T::Lcspr],
            45..=84 => vec![T::NoReview],
            85..=94 => vec![T::LearningReview],
            _ => vec![T::Lcspr, T::Dhr],
        },
        CaseKind::Adult => match roll {
            0..=29 => vec![T::SarMandatory],
            30..=49 => vec![T::SarDiscretionary],
            50..=84 => vec![T::NoReview],
            85..=94 => vec![T::LearningReview],
            _ => vec![T::SarMandatory, T::Dhr],
        },
        CaseKind::Joint => match roll {
            0..=29 => vec![T::Lcspr, T::SarMandatory],
            30..=44 => vec![T::Lcspr, T::SarDiscretionary],
            45..=59 => vec![T::Lcspr],
            60..=69 => vec![T::SarMandatory],
            70..=94 => vec![T::NoReview],
            _ => vec![T::Lcspr, T::SarMandatory, T::Dhr],
        },
    }
}

/// The whole journey the choices lead to, as (step, days after referral, note).
fn path(rng: &mut Seeded, c: &Choices) -> Vec<(Step, i64, &'static str)> {
    let mut out = Vec::new();
    let mut t = 0;
    let push =
        |out: &mut Vec<_>, step: Step, at: i64, note: &'static str| out.push((step, at, note));
    if c.notified {
        push(&mut out, Step::LaAware, t, "");
        // Mostly within the five working days; sometimes late.
        t += if rng.random_bool(0.9) {
            rng.random_range(1..=6)
        } else {
            rng.random_range(8..=12)
        };
        push(&mut out, Step::SinSent, t, "");
        t += rng.random_range(0..=2);
        push(&mut out, Step::Screen(ScreenOutcome::RapidReview), t, "");
    } else {
        t += rng.random_range(7..=30);
        let note = if c.screen == ScreenOutcome::NotMet {
            NOT_MET
        } else {
            ""
        };
        push(&mut out, Step::Screen(c.screen), t, note);
    }
    match c.screen {
        ScreenOutcome::NotMet => {
            if c.closes {
                t += rng.random_range(7..=60);
                push(&mut out, Step::Closed, t, "");
            }
            return out;
        }
        ScreenOutcome::LearningReview => {
            t += rng.random_range(14..=60);
            push(&mut out, Step::ReviewCommissioned, t, "");
        }
        ScreenOutcome::RapidReview => {
            t += rng.random_range(8..=24);
            push(&mut out, Step::RrMeeting, t, "");
            if c.notified {
                t += rng.random_range(1..=6);
                push(&mut out, Step::RrSentToPanel, t, "");
                t += rng.random_range(14..=45);
                let view = if rng.random_bool(0.9) {
                    PanelView::Agrees
                } else {
                    PanelView::Disagrees
                };
                push(&mut out, Step::PanelResponse(view), t, "");
            }
            t += rng.random_range(7..=40);
            let no_review = c.types.contains(&ReviewType::NoReview);
            let note = if no_review { NO_REVIEW } else { DECIDED };
            push(&mut out, Step::Decide(c.types.clone()), t, note);
            if no_review {
                t += rng.random_range(14..=60);
                push(&mut out, Step::ActionPlan, t, "");
                if c.closes {
                    t += rng.random_range(365..=900);
                    push(&mut out, Step::Closed, t, "");
                }
                return out;
            }
            t += rng.random_range(14..=45);
            push(&mut out, Step::ReviewCommissioned, t, "");
        }
    }
    if rng.random_bool(0.6) {
        t += rng.random_range(90..=240);
        push(&mut out, Step::DraftReport, t, "");
    }
    t += rng.random_range(30..=150);
    push(&mut out, Step::FinalReport, t, "");
    if c.published {
        // Most within weeks; some held back for months by proceedings.
        t += if rng.random_bool(0.8) {
            rng.random_range(20..=150)
        } else {
            rng.random_range(200..=500)
        };
        push(&mut out, Step::Published, t, "");
    } else {
        t += rng.random_range(20..=120);
        push(&mut out, Step::NotPublished, t, NOT_PUBLISHED);
    }
    t += rng.random_range(7..=60);
    push(&mut out, Step::ActionPlan, t, "");
    if c.closes {
        t += rng.random_range(400..=1100);
        push(&mut out, Step::Closed, t, "");
    }
    out
}

/// Cuts the journey just after the last step that leaves the case at `stage`.
fn cut_at(path: &mut Vec<(Step, i64, &'static str)>, stage: Stage) {
    let keep = path
        .iter()
        .rposition(|(step, _, _)| stage_after(step) == Some(stage))
        .map_or(0, |i| i + 1);
    // A case at "referral received" keeps only what does not move the stage
    // (a local authority's awareness of the incident).
    if stage == Stage::ReferralReceived {
        path.retain(|(step, _, _)| matches!(step, Step::LaAware));
        return;
    }
    path.truncate(keep);
}

/// The stage a step moves a case to, for the steps that move it.
fn stage_after(step: &Step) -> Option<Stage> {
    Some(match step {
        Step::Screen(ScreenOutcome::NotMet) => Stage::NotMeetingCriteria,
        Step::Screen(ScreenOutcome::LearningReview) => Stage::LearningReview,
        // A Rapid Review stays at its stage through its meeting and the Panel's answer.
        Step::Screen(ScreenOutcome::RapidReview) | Step::RrMeeting | Step::PanelResponse(_) => {
            Stage::RapidReview
        }
        Step::Decide(_) => Stage::Decision,
        Step::ReviewCommissioned | Step::DraftReport => Stage::ReviewInProgress,
        Step::FinalReport => Stage::Report,
        Step::Published => Stage::Published,
        Step::NotPublished => Stage::NotPublished,
        Step::ActionPlan => Stage::ActionPlanMonitoring,
        Step::Closed => Stage::Closed,
        _ => return None,
    })
}

/// Proceedings holding back a local review that is past its six months and
/// not yet published (some of them: the rest are simply late).
fn proceeding(
    rng: &mut Seeded,
    case: &PlannedCase,
    today: NaiveDate,
) -> Option<(&'static str, NaiveDate, &'static str)> {
    let decided =
        case.date_of(|s| matches!(s, Step::Decide(t) if t.contains(&ReviewType::Lcspr)))?;
    let published = case.date_of(|s| matches!(s, Step::Published | Step::NotPublished));
    let late = (today - decided).num_days() > 183;
    if published.is_some() || !late || !rng.random_bool(0.5) {
        return None;
    }
    let kind = if rng.random_bool(0.6) {
        "criminal"
    } else {
        "inquest"
    };
    let reason = if kind == "criminal" {
        PROCEEDING_REASONS[0]
    } else {
        PROCEEDING_REASONS[1]
    };
    Some((
        kind,
        after(decided, rng.random_range(7..=60)).min(today),
        reason,
    ))
}
