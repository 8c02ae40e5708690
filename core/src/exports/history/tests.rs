//! The gathered history against the quarter screens' full read of every
//! review, which the tracker was built from before: the same position,
//! comparison, escalation and note for every action, now and as each
//! quarter recorded it.

use uuid::Uuid;

use super::*;
use crate::actions::ActionFilter;
use crate::exports::tests::many_quarters;
use crate::quarter_reviews::{QuarterReview, QuarterUpdate};

fn position(u: &QuarterUpdate) -> Position {
    Position {
        status: u.status,
        rag: u.rag,
        target: u.target_date,
    }
}

fn decision(u: &QuarterUpdate) -> Decision {
    Decision {
        escalate: u.escalate,
        reason: if u.escalate {
            u.escalation_reason.clone()
        } else {
            String::new()
        },
    }
}

/// The action's updates, newest review first, from the review at `from` back.
fn updates_of(
    reviews: &[QuarterReview],
    action: Uuid,
    from: usize,
) -> impl Iterator<Item = (usize, &QuarterUpdate)> {
    reviews
        .iter()
        .enumerate()
        .skip(from)
        .filter_map(move |(at, r)| {
            r.updates
                .iter()
                .find(|u| u.action_id == action)
                .map(|u| (at, u))
        })
}

/// What the tracker took from the full reviews before: the search each row made.
fn expected(reviews: &[QuarterReview], action: Uuid, chosen: Option<usize>) -> History {
    let from = chosen.unwrap_or(0);
    let note = updates_of(reviews, action, from)
        .find(|(_, u)| !u.progress_note.is_empty())
        .map(|(at, u)| (at, u.progress_note.clone()));
    match chosen {
        None => History {
            at: None,
            before: updates_of(reviews, action, 0)
                .find(|(at, _)| reviews[*at].closed_at.is_some())
                .map(|(at, u)| (at, position(u))),
            decision: updates_of(reviews, action, 0)
                .find(|(_, u)| u.updated_by.is_some())
                .map(|(at, u)| (at, decision(u))),
            note,
        },
        Some(quarter) => {
            let own = reviews[quarter]
                .updates
                .iter()
                .find(|u| u.action_id == action);
            History {
                at: own.map(position),
                before: updates_of(reviews, action, quarter + 1)
                    .next()
                    .map(|(at, u)| (at, position(u))),
                decision: own.map(|u| (quarter, decision(u))),
                note,
            }
        }
    }
}

#[test]
fn the_gathered_history_is_what_the_full_reviews_say_now_and_in_every_quarter() {
    let reg = many_quarters();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let reviews = reg.list_quarter_reviews().expect("reviews");
    let heads = reg.quarter_heads().expect("heads");
    let actions = reg
        .list_actions(&ActionFilter::default(), today)
        .expect("actions");
    assert_eq!(
        heads
            .iter()
            .map(|h| (&h.code, &h.label, h.closed))
            .collect::<Vec<_>>(),
        reviews
            .iter()
            .map(|r| (&r.code, &r.label, r.closed_at.is_some()))
            .collect::<Vec<_>>(),
        "the heads come in the reviews' order"
    );
    assert_eq!(reviews.len(), 10);
    let mut chosen: Vec<Option<usize>> = vec![None];
    chosen.extend((0..reviews.len()).map(Some));
    let mut every = Vec::new();
    for quarter in chosen {
        let gathered = gather(&reg, &heads, quarter, &actions).expect("gathered");
        let wanted: Vec<History> = actions
            .iter()
            .map(|a| expected(&reviews, a.id, quarter))
            .collect();
        assert_eq!(gathered, wanted, "quarter {quarter:?}");
        every.push(gathered);
    }

    // The register has each kind of history compared.
    let (now, oldest) = (&every[0], &every[reviews.len()]);
    let decided = |h: &History| h.decision.as_ref().map(|(at, d)| (*at, d.escalate));
    assert!(every
        .iter()
        .flatten()
        .any(|h| decided(h).is_some_and(|(_, e)| e)));
    assert!(now.iter().any(|h| decided(h).is_some_and(|(at, _)| at > 0)));
    assert!(now.iter().any(|h| h.before.is_none()));
    assert!(now
        .iter()
        .any(|h| h.note.as_ref().is_some_and(|(at, _)| *at > 0)));
    assert!(oldest.iter().any(|h| h.at.is_none()));
    assert!(oldest.iter().all(|h| h.before.is_none()));
}

#[test]
fn a_snapshot_lists_the_actions_in_its_reviews_order() {
    let reg = many_quarters();
    // References whose order depends on case ("Y-…" before "x-…" as Rust
    // compares, after it ignoring case as the actions are read): the
    // snapshot keeps the review's order, not the actions'.
    reg.conn()
        .execute(
            "UPDATE actions SET reference = iif(rowid % 2 = 0, 'x-', 'Y-') || reference",
            [],
        )
        .expect("references");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    for review in reg.list_quarter_reviews().expect("reviews") {
        let options = super::super::TrackerOptions {
            quarter: Some(review.code.clone()),
            ..Default::default()
        };
        let tracker = reg.tracker(&options, today).expect("snapshot");
        let rows: Vec<&str> = tracker
            .rows
            .iter()
            .map(|r| r.action_reference.as_str())
            .collect();
        let reviewed: Vec<&str> = review
            .updates
            .iter()
            .map(|u| u.reference.as_str())
            .collect();
        assert_eq!(rows, reviewed, "{}", review.code);
    }
}
