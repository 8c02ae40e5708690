//! Commands that read the audit trail: a page of the whole change log,
//! filtered; one record's history; who has made changes; and whether the
//! hash chain verifies, checked apart from the session.

use casereview_core::audit_view::{
    AuditChainStatus, AuditChainStep, AuditEntry, AuditPage, AuditQuery, HistoryOf,
};
use casereview_core::Error;

use super::{with_register, with_session, Reply, SessionState};

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
/// runs on the blocking pool with a connection of its own, so other screens'
/// commands do not wait for it (issue 7).
#[tauri::command]
pub async fn audit_chain_status(state: SessionState<'_>) -> Reply<AuditChainStatus> {
    let check = match with_register(&state, |r| r.audit_chain_step())? {
        AuditChainStep::Done(status) => return Ok(status),
        AuditChainStep::Apart(check) => check,
    };
    let walked = tauri::async_runtime::spawn_blocking(move || check.run()).await;
    let checked =
        walked.map_err(|e| Error::Internal(format!("the audit trail check stopped: {e}")))?;
    with_session(&state, |s| Ok(checked?.remember_in(s)))
}
