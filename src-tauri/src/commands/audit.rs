//! Commands that read the audit trail: a page of the whole change log,
//! filtered; one record's history; who has made changes; and whether the
//! hash chain verifies.

use casereview_core::audit_view::{AuditChainStatus, AuditEntry, AuditPage, AuditQuery, HistoryOf};

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

#[tauri::command(async)]
pub fn audit_chain_status(state: SessionState<'_>) -> Reply<AuditChainStatus> {
    with_register(&state, |r| r.audit_chain_status())
}
