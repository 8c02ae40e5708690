//! The tracker's pages: the same rows, in the same order, as filtering and
//! sorting every action the way the screen used to; windows that add up to
//! the whole; and a clear refusal for a filter the screen never offers. And
//! the reads beside them: the filters' choices, searched not scanned, and
//! the actions without their themes the exports read.

use super::*;
use crate::actions::{ActionFilter, ActionInput, ActionRecord};
use crate::dates::DateInput;
use crate::recommendations::tests::register_with_sources;
use crate::recommendations::RecommendationInput;
use crate::synthetic::{generated_in_memory, SyntheticSize};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn generated() -> Register {
    generated_in_memory(SyntheticSize {
        cases: 30,
        actions_per_case: 5,
        quarters: 8,
        seed: 11,
    })
}

fn query(limit: u32) -> TrackerQuery {
    TrackerQuery {
        limit,
        ..TrackerQuery::default()
    }
}

/// The screen's old way, kept as the oracle: every action read in full,
/// then filtered and sorted in memory.
fn oracle(reg: &Register, q: &TrackerQuery) -> Vec<String> {
    let all = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    let answers_text = |a: &ActionRecord| {
        a.answers
            .iter()
            .map(|x| format!("{} {}", x.source_code, x.reference))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut kept: Vec<&ActionRecord> = all
        .iter()
        .filter(|a| q.source.is_empty() || a.answers.iter().any(|x| x.source_code == q.source))
        .filter(|a| q.agency.is_empty() || a.lead_agency == q.agency)
        .filter(|a| match q.rag.as_str() {
            "" => true,
            "none" => a.rag.is_none(),
            rag => a.rag.map(Rag::as_str) == Some(rag),
        })
        .filter(|a| q.theme.is_empty() || a.themes.contains(&q.theme))
        .filter(|a| match q.status.as_str() {
            "" => true,
            "open" => !a.status.is_closed(),
            "closed" => a.status.is_closed(),
            status => a.status.as_str() == status,
        })
        .filter(|a| !q.overdue_only || (!a.status.is_closed() && a.target_date < today()))
        .filter(|a| {
            let horizon = today() + chrono::Days::new(28);
            !q.due_soon
                || (!a.status.is_closed() && a.target_date >= today() && a.target_date <= horizon)
        })
        .collect();
    let rank_status = |a: &ActionRecord| ActionStatus::ALL.iter().position(|s| *s == a.status);
    let rank_rag = |a: &ActionRecord| {
        a.rag
            .map_or(4, |g| Rag::ALL.iter().position(|x| *x == g).unwrap_or(4))
    };
    kept.sort_by(|a, b| {
        let o = match q.sort {
            TrackerSortKey::Reference => natord::compare_ignore_case(&a.reference, &b.reference),
            TrackerSortKey::Text => natord::compare_ignore_case(&a.text, &b.text),
            TrackerSortKey::Answers => {
                natord::compare_ignore_case(&answers_text(a), &answers_text(b))
            }
            TrackerSortKey::Agency => natord::compare_ignore_case(&a.lead_agency, &b.lead_agency),
            TrackerSortKey::Target => a.target_date.cmp(&b.target_date),
            TrackerSortKey::Status => rank_status(a).cmp(&rank_status(b)),
            TrackerSortKey::Rag => rank_rag(a).cmp(&rank_rag(b)),
        };
        let o = if q.direction == SortDirection::Descending {
            o.reverse()
        } else {
            o
        };
        o.then_with(|| natord::compare_ignore_case(&a.reference, &b.reference))
    });
    kept.into_iter().map(|a| a.reference.clone()).collect()
}

fn references(page: &TrackerPage) -> Vec<String> {
    page.rows.iter().map(|r| r.reference.clone()).collect()
}

#[test]
fn every_filter_and_sort_keeps_the_rows_and_order_the_screen_had() {
    let reg = generated();
    let choices = reg.tracker_choices().expect("choices");
    let all = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    let busiest_theme = choices
        .themes
        .iter()
        .max_by_key(|t| all.iter().filter(|a| a.themes.contains(t)).count())
        .expect("a theme")
        .clone();
    let filters = [
        TrackerQuery::default(),
        TrackerQuery {
            overdue_only: true,
            ..TrackerQuery::default()
        },
        TrackerQuery {
            due_soon: true,
            ..TrackerQuery::default()
        },
        TrackerQuery {
            theme: busiest_theme.clone(),
            status: "open".into(),
            ..TrackerQuery::default()
        },
        TrackerQuery {
            source: choices.sources[0].clone(),
            ..TrackerQuery::default()
        },
        TrackerQuery {
            agency: choices.agencies[0].clone(),
            rag: "none".into(),
            ..TrackerQuery::default()
        },
        TrackerQuery {
            rag: "red".into(),
            status: "closed".into(),
            ..TrackerQuery::default()
        },
        TrackerQuery {
            status: "in-progress".into(),
            overdue_only: true,
            theme: busiest_theme,
            ..TrackerQuery::default()
        },
    ];
    let sorts = [
        TrackerSortKey::Reference,
        TrackerSortKey::Text,
        TrackerSortKey::Answers,
        TrackerSortKey::Agency,
        TrackerSortKey::Target,
        TrackerSortKey::Status,
        TrackerSortKey::Rag,
    ];
    let mut nonempty = 0;
    for filter in &filters {
        for sort in sorts {
            for direction in [SortDirection::Ascending, SortDirection::Descending] {
                let q = TrackerQuery {
                    sort,
                    direction,
                    limit: MAX_PAGE,
                    ..filter.clone()
                };
                let page = reg.tracker_page(&q, today()).expect("page");
                let expected = oracle(&reg, &q);
                assert_eq!(references(&page), expected, "{q:?}");
                assert_eq!(page.matching as usize, expected.len());
                assert_eq!(page.all as usize, all.len());
                nonempty += usize::from(!expected.is_empty());
            }
        }
    }
    assert!(
        nonempty >= 50,
        "the filters must keep something to compare: {nonempty}"
    );
}

#[test]
fn a_row_shows_what_the_full_record_shows() {
    let reg = generated();
    let page = reg.tracker_page(&query(40), today()).expect("page");
    assert_eq!(page.rows.len(), 40);
    for line in &page.rows {
        let full = reg.action(&line.id.to_string()).expect("action");
        assert_eq!(
            (
                &line.reference,
                &line.text,
                &line.answers,
                &line.lead_agency
            ),
            (
                &full.reference,
                &full.text,
                &full.answers,
                &full.lead_agency
            )
        );
        assert_eq!(
            (line.target_date, line.status, line.rag),
            (full.target_date, full.status, full.rag)
        );
    }
}

#[test]
fn windows_add_up_to_the_whole_tracker() {
    let reg = generated();
    let whole = reg.tracker_page(&query(MAX_PAGE), today()).expect("whole");
    let mut joined = Vec::new();
    let mut offset = 0;
    loop {
        let page = reg
            .tracker_page(
                &TrackerQuery {
                    offset,
                    ..query(17)
                },
                today(),
            )
            .expect("page");
        assert_eq!(page.offset, offset);
        if page.rows.is_empty() {
            break;
        }
        joined.extend(references(&page));
        offset += 17;
    }
    assert_eq!(joined, references(&whole));
    assert_eq!(joined.len() as u32, whole.matching);
}

#[test]
fn references_sort_by_their_numbers_and_ties_keep_reference_order() {
    let mut reg = register_with_sources();
    let recommendation = reg
        .add_recommendation(&RecommendationInput {
            source: "Case AJ".into(),
            reference: "R1".into(),
            text: "A recommendation".into(),
            ..RecommendationInput::default()
        })
        .expect("recommendation")
        .id
        .to_string();
    for reference in ["A10", "a3", "A2"] {
        reg.add_action(
            &ActionInput {
                reference: reference.into(),
                text: "Same words".into(),
                lead_agency: "Police".into(),
                lead_officer: "Detective Inspector".into(),
                target: DateInput::from_iso("2025-12-31").expect("iso"),
                agreed: DateInput::from_iso("2025-01-10").expect("iso"),
                answers: vec![recommendation.clone()],
                themes: vec![],
            },
            today(),
        )
        .expect("action");
    }
    let page = reg.tracker_page(&query(10), today()).expect("page");
    assert_eq!(references(&page), ["A2", "a3", "A10"]);
    let by_text_descending = TrackerQuery {
        sort: TrackerSortKey::Text,
        direction: SortDirection::Descending,
        ..query(10)
    };
    let page = reg
        .tracker_page(&by_text_descending, today())
        .expect("page");
    assert_eq!(
        references(&page),
        ["A2", "a3", "A10"],
        "equal text: reference order"
    );
    let choices = reg.tracker_choices().expect("choices");
    assert_eq!(choices.sources, ["Case AJ"]);
    assert_eq!(choices.agencies, ["Police"]);
    assert!(choices.themes.is_empty());
}

#[test]
fn a_filter_the_screen_never_offers_is_refused_by_name() {
    let reg = generated();
    let fields = |q: TrackerQuery| -> Vec<(String, String)> {
        match reg.tracker_page(&q, today()) {
            Err(Error::Validation(f)) => f.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    };
    let refused: Vec<(String, String)> = [
        query(0),
        query(MAX_PAGE + 1),
        TrackerQuery {
            rag: "purple".into(),
            ..query(10)
        },
        TrackerQuery {
            status: "done".into(),
            ..query(10)
        },
    ]
    .into_iter()
    .flat_map(fields)
    .collect();
    let names: Vec<&str> = refused.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["limit", "limit", "rag", "status"]);
    assert!(refused[2].1.contains("purple"), "{}", refused[2].1);
    assert!(refused[3].1.contains("done"), "{}", refused[3].1);
    // An unknown source, agency or theme is simply one that no action has.
    let nothing = TrackerQuery {
        theme: "No such theme".into(),
        ..query(10)
    };
    let page = reg.tracker_page(&nothing, today()).expect("page");
    assert_eq!((page.matching, page.rows.len()), (0, 0));
    assert!(page.all > 0);
}

/// The filter choices are what every action read in full offers: each
/// source code answered, agency leading and theme carried, once, in natural
/// order; cases and sources answering nothing, and themes carried by none,
/// are left out.
#[test]
fn choices_are_what_every_action_offers() {
    let mut reg = generated();
    reg.add_theme("Carried by no action").expect("theme");
    let all = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    let sorted = |mut found: Vec<String>| {
        found.sort_by(|a, b| natord::compare_ignore_case(a, b).then_with(|| a.cmp(b)));
        found.dedup();
        found
    };
    let choices = reg.tracker_choices().expect("choices");
    let sources = sorted(
        all.iter()
            .flat_map(|a| a.answers.iter().map(|x| x.source_code.clone()))
            .collect(),
    );
    assert!(
        sources.iter().any(|s| !s.starts_with("Case ")),
        "a source other than a case: {sources:?}"
    );
    assert_eq!(choices.sources, sources);
    assert_eq!(
        choices.agencies,
        sorted(all.iter().map(|a| a.lead_agency.clone()).collect())
    );
    assert_eq!(
        choices.themes,
        sorted(all.iter().flat_map(|a| a.themes.clone()).collect())
    );
    let cases: i64 = reg
        .conn()
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .expect("cases");
    assert!(
        (choices.sources.len() as i64) < cases,
        "some cases answer nothing"
    );
    assert!(!choices.themes.contains(&"Carried by no action".to_owned()));
}

/// Each choice is an index search (per choice, or per case and source),
/// never a walk of every action, answer, recommendation or theme link.
#[test]
fn choices_are_searched_not_scanned() {
    let reg = generated();
    let agencies = distinct_values("actions", "lead_agency");
    for sql in [SOURCE_CHOICES, &agencies, THEME_CHOICES] {
        let plan = crate::index_walk::query_plan(reg.conn(), sql);
        // Only the cases, sources and themes (each choice's owner) and the
        // jump's own steps are read one by one.
        let scanned = |step: &String| step.split(' ').nth(1).unwrap_or_default().to_owned();
        for step in plan.iter().filter(|s| s.starts_with("SCAN")) {
            assert!(
                ["c", "s", "t", "found"].contains(&scanned(step).as_str()),
                "{step} in {plan:?}"
            );
        }
        assert!(plan.iter().any(|s| s.starts_with("SEARCH")), "{plan:?}");
    }
}

/// The read for the exports and reports is every action exactly as the
/// tracker lists them, in the same order, only without their themes.
#[test]
fn actions_without_themes_are_the_listed_actions_less_their_themes() {
    let reg = generated();
    let listed = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    assert!(listed.iter().any(|a| !a.themes.is_empty()), "some themes");
    assert!(listed.iter().any(|a| !a.history.is_empty()), "some history");
    let expected: Vec<ActionRecord> = listed
        .into_iter()
        .map(|a| ActionRecord {
            themes: Vec::new(),
            ..a
        })
        .collect();
    assert_eq!(reg.actions_without_themes().expect("actions"), expected);
}

#[test]
fn the_order_is_kept_across_pages_and_worked_out_again_after_a_write() {
    let mut reg = generated();
    let first = reg.tracker_page(&query(5), today()).expect("page");
    let question = (query(0), today());
    let version = DataVersion::of(reg.conn()).expect("version");
    assert!(reg.kept.tracker_order.holds(&version, &question));
    // The next window comes from the order kept.
    let next = reg
        .tracker_page(
            &TrackerQuery {
                offset: 5,
                ..query(5)
            },
            today(),
        )
        .expect("next page");
    assert!(reg.kept.tracker_order.holds(&version, &question));
    assert_eq!(next.matching, first.matching);
    // An action added between two pages is in the next one asked for.
    let answer = reg.list_recommendations().expect("recommendations")[0]
        .id
        .to_string();
    reg.add_action(
        &ActionInput {
            reference: "0 first".into(),
            text: "Added between two pages".into(),
            lead_agency: "Police".into(),
            lead_officer: "Detective Inspector".into(),
            target: DateInput::from_iso("2026-12-31").expect("iso"),
            agreed: DateInput::from_iso("2026-11-01").expect("iso"),
            answers: vec![answer],
            themes: vec![],
        },
        today(),
    )
    .expect("action");
    let written = DataVersion::of(reg.conn()).expect("version");
    assert!(!reg.kept.tracker_order.holds(&written, &question));
    let after = reg.tracker_page(&query(5), today()).expect("page");
    assert_eq!(references(&after)[0], "0 first");
    assert_eq!(
        (after.all, after.matching),
        (first.all + 1, first.matching + 1)
    );
    assert_eq!(references(&after)[1..], references(&first)[..4]);
}
