//! Writes, as JSON on standard output, the answers the Rust side gives the UI
//! for an empty register and for the demo register, made by the real core
//! functions the Tauri commands call. The UI's accessibility check answers the
//! app's commands from this file, so every screen it checks shows data of the
//! exact shape (and content) the app shows, not hand-made stand-ins.
//!
//! `cargo run -p casereview-core --example ui_fixtures > fixtures.json`

use std::collections::BTreeMap;
use std::io::Write;

use casereview_core::actions::{ActionFilter, RAG_DEFINITIONS};
use casereview_core::audit_view::HistoryOf;
use casereview_core::dates;
use casereview_core::demo;
use casereview_core::error::{ErrorBody, Result};
use casereview_core::plan_views::ThematicQuery;
use casereview_core::register::Register;
use casereview_core::reviews::NATIONAL_PANEL_THEMES;
use serde::Serialize;
use serde_json::{json, Value};

/// A command's answer the way it crosses IPC: the value, or `{code, message}`.
fn reply<T: Serialize>(result: Result<T>) -> Value {
    match result {
        Ok(value) => json!({ "ok": value }),
        Err(error) => json!({ "err": ErrorBody::from(error) }),
    }
}

/// Answers to one command keyed by one of its arguments (`id`, `code`).
type Keyed = BTreeMap<&'static str, (&'static str, BTreeMap<String, Value>)>;

fn put(keyed: &mut Keyed, command: &'static str, arg: &'static str, key: String, answer: Value) {
    keyed
        .entry(command)
        .or_insert_with(|| (arg, BTreeMap::new()))
        .1
        .insert(key, answer);
}

/// Every read command the screens make, answered for one register. Commands
/// taking a case, action or quarter are answered for each there is.
fn answers(register: &Register) -> Result<Value> {
    let today = dates::today();
    let cases = register.list_cases()?;
    let actions = register.list_actions(&ActionFilter::default(), today)?;
    let quarters = register.quarter_choices(today)?;
    let mut keyed = Keyed::new();
    for case in &cases {
        let id = case.id.to_string();
        put(
            &mut keyed,
            "get_case",
            "id",
            id.clone(),
            reply(register.get_case(&id)),
        );
        put(
            &mut keyed,
            "case_detail",
            "id",
            id.clone(),
            reply(register.case_detail(&id, today)),
        );
        put(
            &mut keyed,
            "rapid_review",
            "id",
            id.clone(),
            reply(register.rapid_review(&id)),
        );
        put(
            &mut keyed,
            "review",
            "id",
            id.clone(),
            reply(register.review(&id)),
        );
        put(
            &mut keyed,
            "record_history",
            "entityId",
            id.clone(),
            reply(register.record_history(HistoryOf::Case, &id)),
        );
    }
    for action in &actions {
        let id = action.id.to_string();
        put(
            &mut keyed,
            "action",
            "id",
            id.clone(),
            reply(register.action(&id)),
        );
        put(
            &mut keyed,
            "action_quarters",
            "id",
            id.clone(),
            reply(register.action_quarters(&id)),
        );
    }
    for quarter in quarters.iter().filter(|q| q.opened) {
        let answer = reply(register.quarter_review(&quarter.code));
        put(
            &mut keyed,
            "quarter_review",
            "code",
            quarter.code.clone(),
            answer,
        );
    }
    histories(register, &mut keyed, &actions, &quarters)?;
    // The tracker's first window for each source filter ("" is no filter; the
    // demo's actions all fit in one window), keyed by the query's source.
    let sources = register.tracker_choices()?.sources;
    for source in std::iter::once(String::new()).chain(sources) {
        let query = casereview_core::actions::TrackerQuery {
            source: source.clone(),
            limit: 100,
            ..Default::default()
        };
        let answer = reply(register.tracker_page(&query, today));
        put(&mut keyed, "tracker_page", "query.source", source, answer);
    }
    let rag: Vec<_> = RAG_DEFINITIONS
        .iter()
        .map(|(rag, text)| (rag.as_str(), *text))
        .collect();
    let mut commands = json!({
        "list_cases": reply(Ok(&cases)),
        "dashboard": reply(register.dashboard(today)),
        "list_panel_meetings": reply(register.list_panel_meetings()),
        "clock_settings": reply(register.clock_settings()),
        "national_panel_themes": reply(Ok(NATIONAL_PANEL_THEMES)),
        "list_themes": reply(register.list_themes()),
        "list_recommendations": reply(register.list_recommendations()),
        "recommendation_sources": reply(register.recommendation_sources()),
        "list_actions": reply(Ok(&actions)),
        "rag_definitions": reply(Ok(rag)),
        "thematic_tracker": reply(register.thematic_page(&ThematicQuery { offset: 0, limit: 20 })),
        "reminders": reply(register.reminders(today, 10)),
        "tracker_choices": reply(register.tracker_choices()),
        "quarter_choices": reply(Ok(&quarters)),
        "audit_page": reply(register.audit_page(&casereview_core::audit_view::AuditQuery {
            page: 1,
            page_size: 50,
            ..Default::default()
        })),
        "audit_users": reply(register.audit_users()),
        "audit_chain_status": reply(register.audit_chain_status()),
    });
    for (command, (arg, by_key)) in keyed {
        commands[command] = json!({ "by": arg, "answers": by_key });
    }
    Ok(commands)
}

/// Each record's history as its page asks for it, keyed by the id (or, for
/// a source, the code) it passes. A case's id answers for the case; its Rapid
/// Review and review pages get the same answer, of the same shape.
fn histories(
    register: &Register,
    keyed: &mut Keyed,
    actions: &[casereview_core::actions::ActionRecord],
    quarters: &[casereview_core::quarter_reviews::QuarterChoice],
) -> Result<()> {
    let today = dates::today();
    let mut history = |of: HistoryOf, id: String| {
        let answer = reply(register.record_history(of, &id));
        put(keyed, "record_history", "entityId", id, answer);
    };
    for case in register.list_cases()? {
        for event in register.case_detail(&case.id.to_string(), today)?.events {
            history(HistoryOf::CaseEvent, event.id.to_string());
        }
    }
    for action in actions {
        history(HistoryOf::Action, action.id.to_string());
    }
    for meeting in register.list_panel_meetings()? {
        history(HistoryOf::PanelMeeting, meeting.id.to_string());
    }
    for quarter in quarters.iter().filter(|q| q.opened) {
        let review = register.quarter_review(&quarter.code)?;
        history(HistoryOf::QuarterReview, review.id.to_string());
    }
    for recommendation in register.list_recommendations()? {
        history(HistoryOf::Recommendation, recommendation.id.to_string());
        history(HistoryOf::Source, recommendation.source_code);
    }
    Ok(())
}

fn main() -> std::result::Result<(), Box<dyn std::error::Error>> {
    let empty = Register::in_memory("Subgroup chair")?;
    let mut lived_in = Register::in_memory("Subgroup chair")?;
    demo::load(&mut lived_in, dates::today())?;
    let fixtures = json!({
        "empty": answers(&empty)?,
        "demo": answers(&lived_in)?,
    });
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &fixtures)?;
    writeln!(out)?;
    Ok(())
}
