//! Commands about action plans: themes, sources and recommendations, actions
//! with their progress, and the views across plans (the tracker of themes and
//! the reminders).

use casereview_core::actions::{
    ActionFilter, ActionInput, ActionRecord, ProgressInput, SimilarAction, TrackerChoices,
    TrackerPage, TrackerQuery, RAG_DEFINITIONS,
};
use casereview_core::dates::{self, DateInput};
use casereview_core::plan_views::{Reminders, ThematicQuery, ThematicTracker};
use casereview_core::recommendations::{
    Recommendation, RecommendationInput, RecommendationSource, Source, SourceInput,
};
use casereview_core::themes::Theme;

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn list_themes(state: SessionState<'_>) -> Reply<Vec<Theme>> {
    with_register(&state, |r| r.list_themes())
}

#[tauri::command(async)]
pub fn add_theme(state: SessionState<'_>, name: String) -> Reply<Theme> {
    with_register(&state, |r| r.add_theme(&name))
}

#[tauri::command(async)]
pub fn add_source(state: SessionState<'_>, input: SourceInput) -> Reply<Source> {
    with_register(&state, |r| r.add_source(&input, dates::today()))
}

#[tauri::command(async)]
pub fn list_recommendations(state: SessionState<'_>) -> Reply<Vec<Recommendation>> {
    with_register(&state, |r| r.list_recommendations())
}

#[tauri::command(async)]
pub fn recommendation_sources(state: SessionState<'_>) -> Reply<Vec<RecommendationSource>> {
    with_register(&state, |r| r.recommendation_sources())
}

#[tauri::command(async)]
pub fn add_recommendation(
    state: SessionState<'_>,
    input: RecommendationInput,
) -> Reply<Recommendation> {
    with_register(&state, |r| r.add_recommendation(&input))
}

#[tauri::command(async)]
pub fn set_recommendation_outcome(
    state: SessionState<'_>,
    id: String,
    outcome: String,
    reason: String,
) -> Reply<Recommendation> {
    with_register(&state, |r| {
        r.set_recommendation_outcome(&id, &outcome, &reason)
    })
}

#[tauri::command(async)]
pub fn list_actions(state: SessionState<'_>, filter: ActionFilter) -> Reply<Vec<ActionRecord>> {
    with_register(&state, |r| r.list_actions(&filter, dates::today()))
}

#[tauri::command(async)]
pub fn action(state: SessionState<'_>, id: String) -> Reply<ActionRecord> {
    with_register(&state, |r| r.action(&id))
}

#[tauri::command(async)]
pub fn similar_actions(
    state: SessionState<'_>,
    text: String,
    themes: Vec<String>,
    agency: String,
) -> Reply<Vec<SimilarAction>> {
    with_register(&state, |r| r.similar_actions(&text, &themes, &agency))
}

#[tauri::command(async)]
pub fn add_action(state: SessionState<'_>, input: ActionInput) -> Reply<ActionRecord> {
    with_register(&state, |r| r.add_action(&input, dates::today()))
}

#[tauri::command(async)]
pub fn link_action(
    state: SessionState<'_>,
    id: String,
    recommendation_id: String,
) -> Reply<ActionRecord> {
    with_register(&state, |r| r.link_action(&id, &recommendation_id))
}

#[tauri::command(async)]
pub fn set_progress(
    state: SessionState<'_>,
    id: String,
    input: ProgressInput,
) -> Reply<ActionRecord> {
    with_register(&state, |r| r.set_progress(&id, &input, dates::today()))
}

#[tauri::command(async)]
pub fn revise_target(
    state: SessionState<'_>,
    id: String,
    target: DateInput,
    reason: String,
) -> Reply<ActionRecord> {
    with_register(&state, |r| r.revise_target(&id, &target, &reason))
}

#[tauri::command(async)]
pub fn reopen_action(state: SessionState<'_>, id: String, reason: String) -> Reply<ActionRecord> {
    with_register(&state, |r| r.reopen_action(&id, &reason))
}

/// The partnership's RAG definitions, `[rag, definition]`, shown wherever a RAG is chosen.
#[tauri::command]
pub fn rag_definitions() -> Vec<(&'static str, &'static str)> {
    RAG_DEFINITIONS
        .iter()
        .map(|(rag, text)| (rag.as_str(), *text))
        .collect()
}

/// One page of the thematic tracker's reviews: the screen shows a page at a time.
#[tauri::command(async)]
pub fn thematic_tracker(state: SessionState<'_>, query: ThematicQuery) -> Reply<ThematicTracker> {
    with_register(&state, |r| r.thematic_page(&query))
}

/// One window of the whole-partnership tracker: the screen asks for the rows in view.
#[tauri::command(async)]
pub fn tracker_page(state: SessionState<'_>, query: TrackerQuery) -> Reply<TrackerPage> {
    with_register(&state, |r| r.tracker_page(&query, dates::today()))
}

#[tauri::command(async)]
pub fn tracker_choices(state: SessionState<'_>) -> Reply<TrackerChoices> {
    with_register(&state, |r| r.tracker_choices())
}

/// Each reminder's count and its first `limit` actions (the tracker lists the rest).
#[tauri::command(async)]
pub fn reminders(state: SessionState<'_>, limit: u32) -> Reply<Reminders> {
    with_register(&state, |r| r.reminders_shown(dates::today(), limit))
}
