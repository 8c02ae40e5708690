use super::*;
use crate::actions::{ActionFilter, Rag};
use crate::cases::{CaseInput, CaseKind, Stage};
use crate::error::ErrorCode;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("real date")
}

fn small(seed: u64) -> SyntheticSize {
    SyntheticSize {
        cases: 40,
        actions_per_case: 4,
        quarters: 12,
        seed,
    }
}

fn generated(size: &SyntheticSize) -> Register {
    let mut reg = Register::in_memory("Benchmark").expect("register");
    generate(&mut reg, size, today()).expect("generates");
    reg
}

/// The register's content without ids and time stamps, which differ run to run.
fn content(reg: &Register) -> serde_json::Value {
    let cases: Vec<_> = reg
        .list_cases()
        .expect("cases")
        .into_iter()
        .map(|c| {
            let detail = reg.case_detail(&c.id.to_string(), today()).expect("detail");
            let steps: Vec<_> = detail
                .events
                .iter()
                .map(|e| (e.step.clone(), e.occurred_on, e.note.clone()))
                .collect();
            serde_json::json!([
                c.code,
                c.kind,
                c.referred_on,
                c.referrer,
                c.summary,
                c.stage,
                steps
            ])
        })
        .collect();
    let recommendations: Vec<_> = reg
        .list_recommendations()
        .expect("recommendations")
        .into_iter()
        .map(|r| {
            serde_json::json!([
                r.source_code,
                r.reference,
                r.text,
                r.addressed_to,
                r.themes,
                r.outcome
            ])
        })
        .collect();
    let actions: Vec<_> = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions")
        .into_iter()
        .map(|a| {
            let answers: Vec<_> = a
                .answers
                .iter()
                .map(|x| (x.source_code.clone(), x.reference.clone()))
                .collect();
            serde_json::json!([
                a.reference,
                a.text,
                a.lead_agency,
                a.lead_officer,
                a.target_date,
                a.agreed_on,
                a.status,
                a.rag,
                a.evidence_completion,
                a.evidence_impact,
                answers,
                a.themes
            ])
        })
        .collect();
    let quarters: Vec<_> = reg
        .list_quarter_reviews()
        .expect("quarters")
        .into_iter()
        .map(|q| {
            let updates: Vec<_> = q
                .updates
                .iter()
                .map(|u| {
                    serde_json::json!([
                        u.reference,
                        u.status,
                        u.rag,
                        u.target_date,
                        u.progress_note,
                        u.evidence,
                        u.escalate
                    ])
                })
                .collect();
            serde_json::json!([q.code, q.closed_at.is_some(), updates])
        })
        .collect();
    serde_json::json!({ "cases": cases, "recommendations": recommendations, "actions": actions, "quarters": quarters })
}

#[test]
fn the_same_seed_gives_the_same_register_and_another_seed_another() {
    let first = content(&generated(&small(11)));
    let again = content(&generated(&small(11)));
    assert!(
        first == again,
        "same seed and today must give the same content"
    );
    let other = content(&generated(&small(12)));
    assert!(
        first != other,
        "a different seed must give a different register"
    );
}

#[test]
fn covers_every_stage_kind_status_and_rag_and_is_marked() {
    let size = small(3);
    let reg = generated(&size);
    let cases = reg.list_cases().expect("cases");
    assert_eq!(cases.len(), size.cases as usize);
    for stage in Stage::ALL {
        assert!(
            cases.iter().any(|c| c.stage == stage),
            "no case at {stage:?}"
        );
    }
    for kind in CaseKind::ALL {
        assert!(
            cases.iter().any(|c| c.kind == kind),
            "no case of kind {kind:?}"
        );
    }
    assert!(
        cases
            .iter()
            .all(|c| c.is_demo && c.summary.starts_with("Synthetic.") && c.referred_on <= today()),
        "every case is flagged fictional and dated by today"
    );
    let actions = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    assert_eq!(actions.len(), (size.cases * size.actions_per_case) as usize);
    for rag in Rag::ALL {
        assert!(
            actions.iter().any(|a| a.rag == Some(rag)),
            "no action rated {rag:?}"
        );
    }
    for status in crate::actions::ActionStatus::ALL {
        assert!(
            actions.iter().any(|a| a.status == status),
            "no action {status:?}"
        );
    }
    assert!(
        actions.iter().any(|a| a.answers.len() > 1),
        "some actions answer two reviews"
    );
    assert!(
        actions.iter().any(|a| !a.history.is_empty()),
        "some targets were revised"
    );
    assert!(reg.is_synthetic().expect("meta") && reg.is_demo().expect("meta"));
}

#[test]
fn quarters_are_closed_but_the_current_one_which_is_partly_reviewed() {
    let size = small(5);
    let reg = generated(&size);
    let quarters = reg.list_quarter_reviews().expect("quarters");
    assert_eq!(quarters.len(), size.quarters as usize);
    assert_eq!(
        quarters[0].code,
        Quarter::containing(today(), 4).code(),
        "the latest is the current quarter"
    );
    assert!(quarters[0].closed_at.is_none());
    assert!(quarters[1..].iter().all(|q| q.closed_at.is_some()));
    let current = &quarters[0].updates;
    assert!(current.iter().any(|u| u.updated_by.is_some()));
    assert!(
        current.iter().any(|u| u.updated_by.is_none()),
        "panel mode has work left"
    );
    assert!(quarters
        .iter()
        .any(|q| q.updates.iter().any(|u| u.escalate)));
    // Every action open in a quarter is in its review, as opening it would list.
    let total: usize = quarters.iter().map(|q| q.updates.len()).sum();
    assert!(
        total > (size.cases * size.actions_per_case) as usize,
        "{total} updates"
    );
    let check = reg.check().expect("check");
    assert!(check.ok, "the register verifies: {:?}", check.problems);
}

#[test]
fn the_dashboard_and_tracker_work_on_it() {
    let reg = generated(&small(9));
    let board = reg.dashboard(today()).expect("dashboard");
    assert_eq!(board.by_stage.iter().map(|s| s.count).sum::<u32>(), 40);
    assert!(!reg.thematic_tracker().expect("thematic").rows.is_empty());
    let tracker = reg.tracker(&Default::default(), today()).expect("tracker");
    assert!(tracker.demo, "exports say the data is fictional");
}

#[test]
fn absurd_sizes_are_refused_field_by_field_and_nothing_is_written() {
    let mut reg = Register::in_memory("Benchmark").expect("register");
    let bad = SyntheticSize {
        cases: 0,
        actions_per_case: 51,
        quarters: 0,
        seed: 1,
    };
    let Err(Error::Validation(fields)) = generate(&mut reg, &bad, today()) else {
        panic!("expected a validation error");
    };
    let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(named, ["cases", "actions_per_case", "quarters"]);
    let huge = SyntheticSize {
        cases: 10_000_000,
        ..SyntheticSize::LARGE
    };
    let err = generate(&mut reg, &huge, today()).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(err.to_string().contains("from 1 to 50000"), "{err}");
    let too_many = SyntheticSize {
        cases: 20_000,
        actions_per_case: 50,
        ..SyntheticSize::LARGE
    };
    let err = generate(&mut reg, &too_many, today()).expect_err("refused");
    assert!(err.to_string().contains("1000000 actions"), "{err}");
    assert_eq!(reg.changes(None).map(|c| c.len()).ok(), Some(0));
    assert!(!reg.is_synthetic().expect("meta"));
}

#[test]
fn a_register_with_anything_in_it_is_refused() {
    let mut reg = Register::in_memory("Chair").expect("register");
    let form = CaseInput {
        code: "Case AK".into(),
        kind: "child".into(),
        referred_on: DateInput::from_iso("2026-01-05").unwrap_or_default(),
        ..CaseInput::default()
    };
    reg.create_case(&form, today()).expect("real case");
    let err = generate(&mut reg, &small(1), today()).expect_err("refused");
    assert_eq!(err.code(), ErrorCode::NotEmpty);
    assert_eq!(reg.list_cases().map(|c| c.len()).ok(), Some(1));
    assert!(!reg.is_synthetic().expect("meta"));

    let mut demo = Register::in_memory("Chair").expect("register");
    crate::demo::load(&mut demo, today()).expect("demo");
    assert!(matches!(
        generate(&mut demo, &small(1), today()),
        Err(Error::NotEmpty(_))
    ));
}

#[test]
fn whole_register_reads_agree_with_one_record_at_a_time() {
    // The screens read everything at once; the forms read one record. Both
    // must see the same thing.
    let reg = generated(&small(21));
    for action in reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions")
    {
        assert_eq!(reg.action(&action.reference).expect("one"), action);
    }
    for review in reg.list_quarter_reviews().expect("all") {
        assert_eq!(reg.quarter_review(&review.code).expect("one"), review);
    }
    let mut from_pages = Vec::new();
    for case in reg.list_cases().expect("cases") {
        let detail = reg
            .case_detail(&case.id.to_string(), today())
            .expect("page");
        from_pages.extend(detail.deadlines.into_iter().filter(|d| d.done_on.is_none()));
    }
    let open: Vec<_> = reg
        .open_deadlines(today())
        .expect("open")
        .into_iter()
        .map(|d| d.deadline)
        .collect();
    assert_eq!(open.len(), from_pages.len());
    assert!(open.iter().all(|d| from_pages.contains(d)));
}

#[test]
fn tracker_filters_in_sql_choose_what_filtering_in_memory_chose() {
    let reg = generated(&small(23));
    let all = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("all");
    let agency = all[0].lead_agency.clone();
    let filters = [
        ActionFilter {
            overdue: true,
            theme: None,
            agency: None,
        },
        ActionFilter {
            overdue: false,
            theme: Some(" neglect ".into()),
            agency: None,
        },
        ActionFilter {
            overdue: true,
            theme: Some("Information sharing".into()),
            agency: Some(agency.to_uppercase()),
        },
        ActionFilter {
            overdue: false,
            theme: Some(String::new()),
            agency: None,
        },
    ];
    for filter in filters {
        let expected: Vec<_> = all
            .iter()
            .filter(|a| !filter.overdue || (!a.status.is_closed() && a.target_date < today()))
            .filter(|a| {
                filter
                    .theme
                    .as_ref()
                    .is_none_or(|t| a.themes.iter().any(|n| n.eq_ignore_ascii_case(t.trim())))
            })
            .filter(|a| {
                filter
                    .agency
                    .as_ref()
                    .is_none_or(|g| a.lead_agency.eq_ignore_ascii_case(g.trim()))
            })
            .cloned()
            .collect();
        assert_eq!(
            reg.list_actions(&filter, today()).expect("filtered"),
            expected,
            "{filter:?}"
        );
    }
    let open: Vec<_> = all.into_iter().filter(|a| !a.status.is_closed()).collect();
    assert_eq!(reg.list_open_actions().expect("open"), open);
}

#[test]
fn thematic_tracker_and_reminders_agree_with_reading_every_record() {
    // Both screens read only keys and dates and match them in memory; here
    // they are worked out again from every recommendation and action in full.
    let reg = generated(&small(25));
    let recommendations = reg.list_recommendations().expect("recommendations");
    let actions = reg
        .list_actions(&ActionFilter::default(), today())
        .expect("actions");
    let open: Vec<_> = actions.iter().filter(|a| !a.status.is_closed()).collect();

    let tracker = reg.thematic_tracker().expect("thematic");
    // One column per code, titled by its least title (newest first: compared
    // here in code order, and the order tested in plan_views).
    let mut expected_columns: Vec<(String, String)> = recommendations
        .iter()
        .map(|r| (r.source_code.clone(), r.source_title.clone()))
        .collect();
    expected_columns.sort();
    expected_columns.dedup_by(|later, first| later.0 == first.0);
    let columns: Vec<(String, String)> = tracker
        .columns
        .iter()
        .map(|c| (c.source_code.clone(), c.source_title.clone()))
        .collect();
    let mut by_code = columns.clone();
    by_code.sort();
    assert_eq!(by_code, expected_columns);
    let column = |code: &str| columns.iter().position(|(c, _)| c == code).expect("column");
    let mut themes_seen = 0;
    for theme in reg.list_themes().expect("themes") {
        let mut cells = vec![(0u32, 0u32); columns.len()];
        for r in recommendations
            .iter()
            .filter(|r| r.themes.contains(&theme.name))
        {
            cells[column(&r.source_code)].0 += 1;
        }
        let themed: Vec<_> = open
            .iter()
            .filter(|a| a.themes.contains(&theme.name))
            .collect();
        for a in &themed {
            let mut answered: Vec<usize> =
                a.answers.iter().map(|x| column(&x.source_code)).collect();
            answered.sort_unstable();
            answered.dedup();
            for c in answered {
                cells[c].1 += 1;
            }
        }
        let row = tracker.rows.iter().find(|row| row.theme == theme.name);
        if cells.iter().all(|&c| c == (0, 0)) {
            assert!(row.is_none(), "{} never came up", theme.name);
            continue;
        }
        themes_seen += 1;
        let row = row.expect("a row for a theme that came up");
        let shown: Vec<(u32, u32)> = row
            .cells
            .iter()
            .map(|c| (c.recommendations, c.open_actions))
            .collect();
        assert_eq!(shown, cells, "{}", theme.name);
        assert_eq!(row.open_actions as usize, themed.len(), "{}", theme.name);
    }
    assert!(themes_seen > 1, "the register has themes in use");
    assert_eq!(tracker.rows.len(), themes_seen);

    let reminders = reg.reminders(today(), usize::MAX).expect("reminders");
    let refs = |group: &crate::plan_views::ReminderGroup| {
        assert_eq!(
            group.total as usize,
            group.first.len(),
            "all were asked for"
        );
        group
            .first
            .iter()
            .map(|a| a.reference.clone())
            .collect::<Vec<_>>()
    };
    // The earliest target date first, then by reference as the tracker orders them.
    let mut by_reference = open.clone();
    by_reference.sort_by(|a, b| {
        a.target_date
            .cmp(&b.target_date)
            .then_with(|| natord::compare_ignore_case(&a.reference, &b.reference))
    });
    let start = reg.clock_settings().expect("settings").year_start_month;
    let quarter = crate::clocks::Quarter::containing(today(), start);
    let current = reg
        .list_quarter_reviews()
        .expect("reviews")
        .into_iter()
        .find(|q| q.code == quarter.code())
        .expect("the current quarter is open");
    let reviewed: Vec<&str> = current
        .updates
        .iter()
        .filter(|u| u.updated_by.is_some())
        .map(|u| u.reference.as_str())
        .collect();
    let expected_unreviewed: Vec<String> = by_reference
        .iter()
        .filter(|a| !reviewed.contains(&a.reference.as_str()))
        .map(|a| a.reference.clone())
        .collect();
    assert!(!expected_unreviewed.is_empty() && expected_unreviewed.len() < open.len());
    assert_eq!(refs(&reminders.no_update_this_quarter), expected_unreviewed);
    let expected_overdue: Vec<String> = by_reference
        .iter()
        .filter(|a| a.target_date < today())
        .map(|a| a.reference.clone())
        .collect();
    assert!(!expected_overdue.is_empty());
    assert_eq!(refs(&reminders.overdue), expected_overdue);
    for shown in &reminders.overdue.first {
        let full = actions
            .iter()
            .find(|a| a.id == shown.id)
            .expect("the action");
        assert_eq!(
            (
                &full.reference,
                &full.text,
                &full.lead_agency,
                full.target_date
            ),
            (
                &shown.reference,
                &shown.text,
                &shown.lead_agency,
                shown.target_date
            )
        );
    }
}
