//! `casereview audit`: the register's audit trail, newest first, filtered by
//! user, dates and record, a page at a time (the core pages it in SQL, so a
//! large register's log is never read whole).

use casereview_core::audit_view::{AuditEntry, AuditQuery};
use casereview_core::dates::format_long;
use casereview_core::{stamp, Result};
use clap::Args;

use crate::commands::{print_json, Context};

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only changes made by this user, exactly as recorded
    #[arg(long, value_name = "NAME")]
    user: Option<String>,
    /// Only changes on or after this day (UTC)
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Only changes on or before this day (UTC)
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    /// Only changes to this record: a case code, action reference, source code or id
    #[arg(long, value_name = "CODE")]
    record: Option<String>,
    /// Which page, 1 being the newest
    #[arg(long, default_value_t = 1)]
    page: u32,
    /// Entries per page (at most 200)
    #[arg(long, default_value_t = 50)]
    page_size: u32,
}

pub fn run(cx: &Context, args: AuditArgs) -> Result<()> {
    let register = cx.open()?;
    let page = register.audit_page(&AuditQuery {
        user: args.user,
        from: args.from,
        to: args.to,
        record: args.record,
        page: args.page,
        page_size: args.page_size,
    })?;
    if cx.json {
        return print_json(&page);
    }
    if page.entries.is_empty() {
        println!("No changes match.");
        return Ok(());
    }
    for entry in &page.entries {
        print_entry(entry);
    }
    println!(
        "Page {} of {} ({} matching changes).",
        page.page, page.pages, page.total
    );
    Ok(())
}

fn print_entry(entry: &AuditEntry) {
    let when = stamp::from_text(&entry.at).map_or_else(
        |_| entry.at.clone(),
        |at| format!("{} at {}", format_long(at.date_naive()), at.format("%H:%M")),
    );
    let record = entry.label.as_deref().unwrap_or(&entry.entity_id);
    println!(
        "#{} {when} {} {} {} {record}",
        entry.seq, entry.who, entry.action, entry.entity
    );
    for change in &entry.changes {
        println!(
            "    {}: {} -> {}",
            change.field,
            change.before.as_deref().unwrap_or("(empty)"),
            change.after.as_deref().unwrap_or("(empty)")
        );
    }
}
