//! The same data each screen shows, read with plain SELECTs and kept as the
//! rows rusqlite returns, with no decoding into the core's types and no rules:
//! the floor a screen's core function is measured against.

use rusqlite::types::Value;
use rusqlite::{Connection, Params};

pub type Rows = Vec<Vec<Value>>;

/// Every row of `sql`, every column, as owned values.
pub fn rows(conn: &Connection, sql: &str, params: impl Params) -> Rows {
    let mut stmt = conn.prepare(sql).expect("prepares");
    let columns = stmt.column_count();
    stmt.query_map(params, |r| {
        (0..columns).map(|i| r.get::<_, Value>(i)).collect()
    })
    .expect("runs")
    .collect::<Result<_, _>>()
    .expect("reads")
}

/// The dashboard: cases, their steps (clocks are worked out from these), the
/// clock settings, and the proceedings holding publications back.
pub fn dashboard(conn: &Connection) -> (Rows, Rows, Rows, Rows) {
    (
        rows(conn, "SELECT id, code, kind, referred_on, stage FROM cases ORDER BY referred_on DESC, code", []),
        rows(conn, "SELECT case_id, step, outcome, occurred_on FROM case_events ORDER BY case_id, position", []),
        rows(conn, "SELECT value FROM meta WHERE key = 'clock_settings'", []),
        rows(
            conn,
            "SELECT case_id, kind, reason FROM parallel_proceedings WHERE holds_publication = 1 AND ended_on IS NULL",
            [],
        ),
    )
}

/// One case's page: the case, its steps with their amendments, the settings.
pub fn case_page(conn: &Connection, case_id: &str) -> (Rows, Rows, Rows, Rows) {
    (
        rows(conn, "SELECT * FROM cases WHERE id = ?1", [case_id]),
        rows(
            conn,
            "SELECT id, step, outcome, occurred_on, note, recorded_by, created_at FROM case_events
             WHERE case_id = ?1 ORDER BY position",
            [case_id],
        ),
        rows(
            conn,
            "SELECT m.event_id, m.amended_at, m.amended_by, m.reason, m.before FROM event_amendments m
             JOIN case_events e ON e.id = m.event_id WHERE e.case_id = ?1 ORDER BY m.amended_at",
            [case_id],
        ),
        rows(conn, "SELECT value FROM meta WHERE key = 'clock_settings'", []),
    )
}

/// The whole-partnership tracker: every action, what it answers, its themes
/// and its history.
pub fn tracker(conn: &Connection) -> (Rows, Rows, Rows, Rows) {
    (
        rows(
            conn,
            "SELECT a.*, s.reference FROM actions a LEFT JOIN actions s ON s.id = a.superseded_by
             ORDER BY a.reference",
            [],
        ),
        rows(
            conn,
            "SELECT aa.action_id, r.id, coalesce(c.code, s.code), r.reference FROM action_answers aa
             JOIN recommendations r ON r.id = aa.recommendation_id
             LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN sources s ON s.id = r.source_id",
            [],
        ),
        rows(
            conn,
            "SELECT x.action_id, t.name FROM action_themes x JOIN themes t ON t.id = x.theme_id",
            [],
        ),
        rows(conn, "SELECT * FROM action_history", []),
    )
}

/// The tracker's full filter: open actions past their target on one theme,
/// with what they answer, their themes and history.
pub fn tracker_filtered(conn: &Connection, today: &str, theme: &str) -> (Rows, Rows, Rows, Rows) {
    let chosen =
        "SELECT a.id FROM actions a WHERE a.status NOT IN ('complete-embedded', 'superseded')
         AND a.target_date < ?1 AND a.id IN (SELECT x.action_id FROM action_themes x
         JOIN themes t ON t.id = x.theme_id WHERE t.name = ?2)";
    (
        rows(
            conn,
            &format!(
                "SELECT a.*, s.reference FROM actions a LEFT JOIN actions s ON s.id = a.superseded_by
                 WHERE a.id IN ({chosen}) ORDER BY a.reference"
            ),
            [today, theme],
        ),
        rows(
            conn,
            &format!(
                "SELECT aa.action_id, r.id, coalesce(c.code, s.code), r.reference FROM action_answers aa
                 JOIN recommendations r ON r.id = aa.recommendation_id
                 LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN sources s ON s.id = r.source_id
                 WHERE aa.action_id IN ({chosen})"
            ),
            [today, theme],
        ),
        rows(
            conn,
            &format!(
                "SELECT x.action_id, t.name FROM action_themes x JOIN themes t ON t.id = x.theme_id
                 WHERE x.action_id IN ({chosen})"
            ),
            [today, theme],
        ),
        rows(
            conn,
            &format!("SELECT * FROM action_history WHERE action_id IN ({chosen})"),
            [today, theme],
        ),
    )
}

/// The reminders under the dashboard: what a reminder shows of each open
/// action (in the table's order: the core sorts them), the ids of the
/// current quarter's reviewed actions, the latest quarter's escalations.
pub fn reminders(conn: &Connection, year: i32, quarter: u32) -> (Rows, Rows, Rows) {
    (
        rows(
            conn,
            "SELECT a.id, a.reference, a.text, a.lead_agency, a.target_date FROM actions a
             WHERE a.status NOT IN ('complete-embedded', 'superseded')",
            [],
        ),
        rows(
            conn,
            "SELECT u.action_id FROM quarter_updates u
             WHERE u.quarter_review_id = (SELECT id FROM quarter_reviews WHERE year = ?1 AND quarter = ?2)
             AND u.updated_by IS NOT NULL",
            [year, quarter as i32],
        ),
        rows(
            conn,
            "SELECT a.reference, u.escalation_reason FROM quarter_updates u JOIN actions a ON a.id = u.action_id
             WHERE u.escalate = 1 AND u.quarter_review_id =
                 (SELECT id FROM quarter_reviews ORDER BY year DESC, quarter DESC LIMIT 1)",
            [],
        ),
    )
}

/// The thematic tracker: each recommendation's owner (case or source), the
/// owners' codes and titles, and the link tables and open actions' ids,
/// each read once in full (the core matches them by id in memory).
pub fn thematic(conn: &Connection) -> [Rows; 6] {
    [
        rows(
            conn,
            "SELECT id, coalesce(case_id, source_id) FROM recommendations",
            [],
        ),
        rows(
            conn,
            "SELECT o.owner, coalesce(c.code, s.code), coalesce(s.title, 'Review of ' || c.code)
             FROM (SELECT DISTINCT coalesce(case_id, source_id) AS owner FROM recommendations) o
             LEFT JOIN cases c ON c.id = o.owner LEFT JOIN sources s ON s.id = o.owner",
            [],
        ),
        rows(
            conn,
            "SELECT recommendation_id, theme_id FROM recommendation_themes",
            [],
        ),
        rows(
            conn,
            "SELECT a.id FROM actions a WHERE a.status NOT IN ('complete-embedded', 'superseded')",
            [],
        ),
        rows(
            conn,
            "SELECT action_id, recommendation_id FROM action_answers",
            [],
        ),
        rows(conn, "SELECT action_id, theme_id FROM action_themes", []),
    ]
}

/// A window of the tracker: the filtered rows' keys in the sorted order
/// (SQL sorts here; the core sorts the same keys numerically aware), the
/// count of every action, and the first `limit` rows with what they answer.
pub fn tracker_page(
    conn: &Connection,
    condition: &str,
    order: &str,
    params: &[&str],
    limit: usize,
) -> (Rows, Rows, Rows, Rows) {
    let keys = rows(
        conn,
        &format!(
            "SELECT a.rowid, a.reference, {order} FROM actions a WHERE {condition} ORDER BY 3, 2"
        ),
        rusqlite::params_from_iter(params),
    );
    let list = keys
        .iter()
        .take(limit)
        .map(|k| match k[0] {
            Value::Integer(i) => i.to_string(),
            _ => unreachable!("row ids are integers"),
        })
        .collect::<Vec<_>>()
        .join(",");
    (
        rows(conn, "SELECT count(*) FROM actions", []),
        rows(
            conn,
            &format!(
                "SELECT aa.action_id, r.id, coalesce(c.code, s.code), r.reference FROM action_answers aa
                 JOIN recommendations r ON r.id = aa.recommendation_id
                 LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN sources s ON s.id = r.source_id
                 WHERE aa.action_id IN (SELECT id FROM actions WHERE rowid IN ({list})) ORDER BY 3, 4"
            ),
            [],
        ),
        rows(
            conn,
            &format!(
                "SELECT rowid, id, reference, text, lead_agency, target_date, status, rag
                 FROM actions WHERE rowid IN ({list})"
            ),
            [],
        ),
        keys,
    )
}

/// The export's rows: the tracker's reads, the recommendations' text, and
/// every quarterly update with its quarter (for notes, movement, escalation).
pub fn export_rows(conn: &Connection) -> ((Rows, Rows, Rows, Rows), Rows, Rows) {
    (
        tracker(conn),
        rows(conn, "SELECT id, text FROM recommendations", []),
        rows(
            conn,
            "SELECT q.year, q.quarter, q.closed_at, u.action_id, u.status, u.rag, u.target_date, u.progress_note,
                    u.escalate, u.escalation_reason, u.updated_by
             FROM quarter_updates u JOIN quarter_reviews q ON q.id = u.quarter_review_id
             ORDER BY q.year DESC, q.quarter DESC",
            [],
        ),
    )
}
