//! Which entries make up a page of the audit trail, found without reading
//! the entries skipped (issue 7: page 1000 of the large register's log read
//! 50,000 entries with their changes' JSON, about 2.3 billion instructions,
//! and its last page all 423,118).
//!
//! A page's entries are chosen by their `seq` alone, from an index that holds
//! the filter's column and the `seq` (`change_log_by_seq` unfiltered, by who,
//! by record, by time), and only those few entries are then read whole. A
//! page nearer the oldest end is counted from that end, as the total is
//! exact (`totals.rs`), so no page steps through more than half the matches.

use rusqlite::types::Value;

/// The SQL following `FROM change_log` that gives page `page` of `size`
/// entries among the `total` matching `clause`, newest first, with its
/// values appended to `params` (the clause's own already there).
pub(super) fn page_sql(
    clause: &str,
    params: &mut Vec<Value>,
    total: i64,
    page: u32,
    size: u32,
) -> String {
    let size = i64::from(size);
    let skip = i64::from(page.saturating_sub(1)) * size;
    let take = size.min(total - skip).max(0);
    // Entries after the page, oldest first.
    let after = (total - skip - take).max(0);
    let (order, offset) = if after < skip {
        ("ASC", after)
    } else {
        ("DESC", skip)
    };
    params.push(Value::Integer(take));
    params.push(Value::Integer(offset));
    format!(
        " WHERE seq IN (SELECT seq FROM change_log{clause} ORDER BY seq {order} LIMIT ? OFFSET ?)
          ORDER BY seq DESC"
    )
}

#[cfg(test)]
mod tests;
