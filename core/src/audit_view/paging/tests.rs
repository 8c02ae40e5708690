//! The audit trail's pages, chosen from an index and counted from memory,
//! are exactly the pages the plain count and `LIMIT … OFFSET` gave (kept
//! here as the oracle), across page sizes, pages from first to beyond the
//! last, and every filter, on a generated register with gaps in its log;
//! and each page's entries are chosen by searching an index.

use chrono::{TimeZone, Utc};

use super::super::*;
use crate::change_log::{Action, Writer};
use crate::synthetic::{generated_in_memory, SyntheticSize};

/// The page as it was read before issue 7: a whole count, then the entries
/// after skipping every earlier one.
fn oracle(register: &Register, query: &AuditQuery) -> AuditPage {
    let filter = register.filter(query).expect("filter");
    let page_size = query.page_size.clamp(1, MAX_PAGE_SIZE);
    let (clause, mut params) = filter.sql();
    let total: i64 = register
        .conn()
        .query_row(
            &format!("SELECT count(*) FROM change_log{clause}"),
            rusqlite::params_from_iter(params.iter()),
            |r| r.get(0),
        )
        .expect("count");
    let pages = u32::try_from((total + i64::from(page_size) - 1) / i64::from(page_size))
        .unwrap_or(u32::MAX)
        .max(1);
    let page = query.page.clamp(1, pages);
    params.push(Value::Integer(i64::from(page_size)));
    params.push(Value::Integer(i64::from(page - 1) * i64::from(page_size)));
    let entries = register
        .entries(
            &format!("{clause} ORDER BY seq DESC LIMIT ? OFFSET ?"),
            &params,
        )
        .expect("entries");
    AuditPage {
        entries,
        total,
        page,
        pages,
        page_size,
    }
}

/// A generated register (its log all by "Benchmark", today), with entries
/// by three more people on days in June 2025 interleaved, and entries
/// deleted here and there, as a program other than the app could: the
/// `seq`s have gaps, so no page can be worked out from `seq`s alone.
fn generated() -> Register {
    let mut register = generated_in_memory(SyntheticSize {
        cases: 20,
        actions_per_case: 4,
        quarters: 6,
        seed: 5,
    });
    for n in 0..600u32 {
        let who = ["Alice", "Bob", "Carol"][(n % 3) as usize];
        let at = Utc
            .with_ymd_and_hms(2025, 6, 1 + n % 28, 9, n % 60, 0)
            .single()
            .expect("time");
        let after = serde_json::json!({ "code": format!("C-{}", n % 5), "n": n });
        register
            .write(|w| {
                Writer { tx: w.tx, who, at }.log(
                    "case",
                    &format!("case-{}", n % 5),
                    Action::Update,
                    None,
                    Some(&after),
                )
            })
            .expect("logged");
    }
    register
        .conn()
        .execute_batch(
            "DROP TRIGGER change_log_no_delete;
             DELETE FROM change_log WHERE seq % 97 = 0 OR seq BETWEEN 40 AND 60;",
        )
        .expect("entries removed");
    register
}

/// Every filter the screen offers, alone and together.
fn filters() -> Vec<AuditQuery> {
    let query = |user: Option<&str>, from: Option<&str>, to: Option<&str>, record: Option<&str>| {
        AuditQuery {
            user: user.map(str::to_owned),
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
            record: record.map(str::to_owned),
            page: 1,
            page_size: 1,
        }
    };
    vec![
        query(None, None, None, None),
        query(Some("Benchmark"), None, None, None),
        query(Some("Bob"), None, None, None),
        query(Some("Nobody"), None, None, None),
        query(None, Some("2025-06-03"), Some("2025-06-19"), None),
        query(None, Some("2025-06-10"), None, None),
        query(None, None, Some("2025-06-05"), None),
        query(None, Some("2026-01-01"), None, None),
        query(None, None, None, Some("case-2")),
        query(Some("Carol"), Some("2025-06-02"), Some("2025-06-20"), None),
        query(Some("Alice"), None, None, Some("case-1")),
        query(
            Some("Alice"),
            Some("2025-06-01"),
            Some("2025-06-28"),
            Some("case-3"),
        ),
    ]
}

/// The pages worth comparing: all of them for a few pages, otherwise the
/// first and last few and those around the middle (where counting switches
/// from the newest end to the oldest), and pages out of range.
fn pages_of(pages: u32) -> Vec<u32> {
    let mut chosen = vec![0, pages + 1, u32::MAX];
    if pages <= 40 {
        chosen.extend(1..=pages);
    } else {
        let middle = pages / 2;
        chosen.extend(
            (1..=5)
                .chain(middle - 3..=middle + 3)
                .chain(pages - 4..=pages),
        );
    }
    chosen
}

#[test]
fn every_page_of_every_filter_is_the_page_the_plain_queries_gave() {
    let register = generated();
    let logged: i64 = register
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .expect("counted");
    assert!(logged > 1_000, "a log of {logged} entries");
    let mut compared = 0;
    for filter in filters() {
        for page_size in [1, 7, 50, MAX_PAGE_SIZE + 1] {
            let sized = AuditQuery {
                page_size,
                ..filter.clone()
            };
            let pages = oracle(&register, &sized).pages;
            for page in pages_of(pages) {
                let query = AuditQuery {
                    page,
                    ..sized.clone()
                };
                // Twice: counted whole, then from memory.
                for _ in 0..2 {
                    assert_eq!(
                        register.audit_page(&query).expect("page"),
                        oracle(&register, &query),
                        "{query:?}"
                    );
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 300, "{compared} pages compared");
}

#[test]
fn pages_after_more_changes_are_still_the_plain_queries_pages() {
    let mut register = generated();
    let queries = [
        AuditQuery {
            page: 3,
            page_size: 20,
            ..AuditQuery::default()
        },
        AuditQuery {
            user: Some("Chair".into()),
            page: 1,
            page_size: 20,
            ..AuditQuery::default()
        },
    ];
    for round in 0..3 {
        for query in &queries {
            assert_eq!(
                register.audit_page(query).expect("page"),
                oracle(&register, query),
                "round {round}: {query:?}"
            );
        }
        // Changes made on the register after the counts were remembered.
        for n in 0..5 {
            let after = serde_json::json!({ "round": round, "n": n });
            register
                .write(|w| {
                    Writer {
                        tx: w.tx,
                        who: "Chair",
                        at: Utc::now(),
                    }
                    .log("case", "case-9", Action::Create, None, Some(&after))
                })
                .expect("logged");
        }
    }
}

/// [`crate::index_walk::query_plan`] for SQL with parameters.
fn plan(conn: &rusqlite::Connection, sql: &str, params: &[Value]) -> Vec<String> {
    conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("prepare")
        .query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(3))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("plan")
}

/// The `seq`s of a page come from an index holding the filter's column and
/// the `seq`, never from the entries themselves (which hold the JSON).
#[test]
fn a_pages_entries_are_chosen_from_an_index() {
    let register = generated();
    let cases: [(AuditQuery, &str); 4] = [
        (AuditQuery::default(), "change_log_by_seq"),
        (
            AuditQuery {
                user: Some("Bob".into()),
                ..AuditQuery::default()
            },
            "change_log_by_who",
        ),
        (
            AuditQuery {
                from: Some("2025-06-03".into()),
                to: Some("2025-06-19".into()),
                ..AuditQuery::default()
            },
            "change_log_by_at",
        ),
        (
            AuditQuery {
                record: Some("case-2".into()),
                ..AuditQuery::default()
            },
            "change_log_by_entity_id",
        ),
    ];
    for (query, index) in cases {
        let (clause, params) = register.filter(&query).expect("filter").sql();
        for page in [1, 1000] {
            let mut params = params.clone();
            let rows = page_sql(&clause, &mut params, 100_000, page, 50);
            let plan = plan(
                register.conn(),
                &format!("SELECT seq, before, after FROM change_log{rows}"),
                &params,
            );
            let chosen = format!("USING COVERING INDEX {index}");
            assert!(
                plan.iter()
                    .any(|s| s.contains("change_log") && s.contains(&chosen)),
                "{query:?}: {plan:?}"
            );
            // The entries themselves: only the page's, each by its `seq`.
            assert!(
                plan.iter()
                    .any(|s| s.starts_with("SEARCH change_log USING INTEGER PRIMARY KEY")),
                "{query:?}: {plan:?}"
            );
            assert!(
                !plan
                    .iter()
                    .any(|s| s.starts_with("SCAN change_log") && !s.contains("COVERING INDEX")),
                "{query:?}: {plan:?}"
            );
        }
    }
}
