//! Commands that read the audit trail: a page of the whole change log,
//! filtered; one record's history; who has made changes; and whether the
//! hash chain verifies, checked apart from the session.

use std::sync::Mutex;

use casereview_core::audit_view::{
    AuditChainStatus, AuditEntry, AuditPage, AuditQuery, ChainWalks, HistoryOf,
};
use casereview_core::{Error, Session};
use tauri::{AppHandle, Manager};

use super::{with_register, Reply, SessionState};

#[tauri::command(async)]
pub fn audit_page(state: SessionState<'_>, query: AuditQuery) -> Reply<AuditPage> {
    with_register(&state, |r| r.audit_page(&query))
}

#[tauri::command(async)]
pub fn record_history(
    state: SessionState<'_>,
    of: HistoryOf,
    entity_id: String,
) -> Reply<Vec<AuditEntry>> {
    with_register(&state, |r| r.record_history(of, &entity_id))
}

#[tauri::command(async)]
pub fn audit_users(state: SessionState<'_>) -> Reply<Vec<String>> {
    with_register(&state, |r| r.audit_users())
}

/// Holds the session only for the few entries added since the last check,
/// or to hand out a longer walk and keep where it got to: that walk (the
/// whole log, seconds on a large register, the first time after unlocking)
/// runs with a connection of its own, so other screens' commands do not wait
/// for it. Usually the shell has already walked it in the background since
/// the dashboard (`warm.rs`); a check asked during that walk waits for it
/// rather than walking the log a second time (issue 7).
#[tauri::command]
pub async fn audit_chain_status(app: AppHandle) -> Reply<AuditChainStatus> {
    let checked = tauri::async_runtime::spawn_blocking(move || {
        app.state::<ChainWalks>()
            .check(&app.state::<Mutex<Session>>())
    })
    .await;
    Ok(checked.map_err(|e| Error::Internal(format!("the audit trail check stopped: {e}")))??)
}
