//! The register's schema, as an ordered list of migrations tracked by SQLite's
//! `user_version`. A shipped migration is never edited or removed: change the
//! schema by appending one. A register newer than this binary is refused.

use rusqlite::{Connection, Transaction};

use crate::audit_chain;
use crate::error::{Error, Result};
use crate::store::with_tx;

/// Every migration, in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    // 1: the register's own settings, the append-only change log, and cases.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE change_log (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        id        TEXT NOT NULL UNIQUE,
        at        TEXT NOT NULL,
        who       TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        before    TEXT,
        after     TEXT
    ) STRICT;
    CREATE INDEX change_log_by_entity ON change_log (entity, entity_id);
    CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

    CREATE TABLE cases (
        id          TEXT PRIMARY KEY,
        code        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind        TEXT NOT NULL CHECK (kind IN ('child', 'adult', 'joint')),
        referred_on TEXT NOT NULL,
        referrer    TEXT NOT NULL DEFAULT '',
        summary     TEXT NOT NULL DEFAULT '',
        stage       TEXT NOT NULL DEFAULT 'referral_received',
        is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cases_by_referred_on ON cases (referred_on);
    "#,
    // 2: the steps of each case's journey, in the order recorded, and their
    // amendments (a corrected step keeps its history).
    r#"
    CREATE TABLE case_events (
        id          TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL REFERENCES cases (id),
        position    INTEGER NOT NULL,
        step        TEXT NOT NULL,
        outcome     TEXT NOT NULL DEFAULT '[]',
        occurred_on TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (case_id, position)
    ) STRICT;

    CREATE TABLE event_amendments (
        id         TEXT PRIMARY KEY,
        event_id   TEXT NOT NULL REFERENCES case_events (id),
        amended_at TEXT NOT NULL,
        amended_by TEXT NOT NULL,
        reason     TEXT NOT NULL,
        before     TEXT NOT NULL,
        after      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX event_amendments_by_event ON event_amendments (event_id);
    "#,
    // 3: the Rapid Review record, the review record with its logs and parallel
    // proceedings, and panel meetings with their decisions.
    r#"
    CREATE TABLE rapid_reviews (
        case_id            TEXT PRIMARY KEY REFERENCES cases (id),
        sin_reference      TEXT NOT NULL DEFAULT '',
        facts              TEXT NOT NULL DEFAULT '',
        practice_episodes  TEXT NOT NULL DEFAULT '',
        immediate_actions  TEXT NOT NULL DEFAULT '',
        learning           TEXT NOT NULL DEFAULT '',
        inequalities       TEXT NOT NULL DEFAULT '',
        criteria_met       INTEGER CHECK (criteria_met IN (0, 1)),
        criteria_rationale TEXT NOT NULL DEFAULT '',
        recommendation     TEXT NOT NULL DEFAULT '',
        signed_off_by      TEXT NOT NULL DEFAULT '',
        signed_off_on      TEXT,
        panel_comments     TEXT NOT NULL DEFAULT '',
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
    ) STRICT;

    CREATE TABLE agency_requests (
        id           TEXT PRIMARY KEY,
        case_id      TEXT NOT NULL REFERENCES cases (id),
        agency       TEXT NOT NULL,
        requested_on TEXT NOT NULL,
        received_on  TEXT,
        summary      TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agency_requests_by_case ON agency_requests (case_id);

    CREATE TABLE reviews (
        case_id            TEXT PRIMARY KEY REFERENCES cases (id),
        reviewer           TEXT NOT NULL DEFAULT '',
        terms_of_reference TEXT NOT NULL DEFAULT '',
        lines_of_enquiry   TEXT NOT NULL DEFAULT '[]',
        methodology        TEXT NOT NULL DEFAULT '',
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
    ) STRICT;

    CREATE TABLE review_log (
        id          TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL REFERENCES cases (id),
        kind        TEXT NOT NULL CHECK (kind IN ('family-contact', 'written-request', 'progress-check', 'quality-check')),
        occurred_on TEXT NOT NULL,
        detail      TEXT NOT NULL,
        outcome     TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX review_log_by_case ON review_log (case_id, occurred_on);

    CREATE TABLE parallel_proceedings (
        id                TEXT PRIMARY KEY,
        case_id           TEXT NOT NULL REFERENCES cases (id),
        kind              TEXT NOT NULL CHECK (kind IN ('criminal', 'inquest', 'dhr', 'other')),
        started_on        TEXT NOT NULL,
        ended_on          TEXT,
        holds_publication INTEGER NOT NULL CHECK (holds_publication IN (0, 1)),
        reason            TEXT NOT NULL,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX parallel_proceedings_by_case ON parallel_proceedings (case_id);

    CREATE TABLE panel_meetings (
        id         TEXT PRIMARY KEY,
        held_on    TEXT NOT NULL,
        attendees  TEXT NOT NULL DEFAULT '[]',
        notes      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE panel_decisions (
        id         TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES panel_meetings (id),
        case_id    TEXT NOT NULL REFERENCES cases (id),
        decision   TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX panel_decisions_by_case ON panel_decisions (case_id);
    "#,
    // 4: themes, sources of recommendations beyond the register's own reviews,
    // recommendations, and actions answering them (many to many), with the
    // history of each action's target date and reopenings.
    r#"
    CREATE TABLE themes (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        preset     INTEGER NOT NULL CHECK (preset IN (0, 1)),
        created_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO themes (id, name, preset, created_at) VALUES
        ('01900000-0000-7000-8000-000000000001', 'Understanding what the child''s daily life is like', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000002', 'Working with families where engagement is reluctant and sporadic', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000003', 'Critical thinking and challenge', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000004', 'Responding to changing risk and need', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000005', 'Sharing information in a timely way', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000006', 'Organisational leadership and culture', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000007', 'Professional curiosity', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000008', 'Information sharing', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-000000000009', 'Think family', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-00000000000a', 'Voice of the child', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-00000000000b', 'Escalation', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-00000000000c', 'Neglect', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-00000000000d', 'Domestic abuse', 1, '2025-01-01T00:00:00.000Z'),
        ('01900000-0000-7000-8000-00000000000e', 'Exploitation', 1, '2025-01-01T00:00:00.000Z');

    CREATE TABLE sources (
        id           TEXT PRIMARY KEY,
        code         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind         TEXT NOT NULL CHECK (kind IN ('national-review', 'audit', 'thematic-review')),
        title        TEXT NOT NULL,
        published_on TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE recommendations (
        id             TEXT PRIMARY KEY,
        case_id        TEXT REFERENCES cases (id),
        source_id      TEXT REFERENCES sources (id),
        reference      TEXT NOT NULL,
        text           TEXT NOT NULL,
        addressed_to   TEXT NOT NULL DEFAULT '[]',
        outcome        TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'accepted', 'not-accepted')),
        outcome_reason TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        CHECK ((case_id IS NULL) <> (source_id IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX recommendations_ref_per_source
        ON recommendations (coalesce(case_id, source_id), reference COLLATE NOCASE);

    CREATE TABLE recommendation_themes (
        recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
        theme_id          TEXT NOT NULL REFERENCES themes (id),
        PRIMARY KEY (recommendation_id, theme_id)
    ) STRICT;

    CREATE TABLE actions (
        id                  TEXT PRIMARY KEY,
        reference           TEXT NOT NULL UNIQUE COLLATE NOCASE,
        text                TEXT NOT NULL,
        lead_agency         TEXT NOT NULL,
        lead_officer        TEXT NOT NULL,
        target_date         TEXT NOT NULL,
        status              TEXT NOT NULL,
        status_reason       TEXT NOT NULL DEFAULT '',
        superseded_by       TEXT REFERENCES actions (id),
        rag                 TEXT CHECK (rag IN ('red', 'amber', 'green', 'blue')),
        evidence_completion TEXT NOT NULL DEFAULT '',
        evidence_impact     TEXT NOT NULL DEFAULT '',
        signed_off_by       TEXT NOT NULL DEFAULT '',
        signed_off_on       TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
    ) STRICT;

    CREATE TABLE action_answers (
        action_id         TEXT NOT NULL REFERENCES actions (id),
        recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
        PRIMARY KEY (action_id, recommendation_id)
    ) STRICT;
    CREATE INDEX action_answers_by_recommendation ON action_answers (recommendation_id);

    CREATE TABLE action_themes (
        action_id TEXT NOT NULL REFERENCES actions (id),
        theme_id  TEXT NOT NULL REFERENCES themes (id),
        PRIMARY KEY (action_id, theme_id)
    ) STRICT;

    CREATE TABLE action_history (
        id          TEXT PRIMARY KEY,
        action_id   TEXT NOT NULL REFERENCES actions (id),
        kind        TEXT NOT NULL CHECK (kind IN ('target-revised', 'reopened')),
        occurred_at TEXT NOT NULL,
        who         TEXT NOT NULL,
        reason      TEXT NOT NULL,
        previous    TEXT,
        current     TEXT
    ) STRICT;
    CREATE INDEX action_history_by_action ON action_history (action_id, occurred_at);
    "#,
    // 5: quarterly action reviews. A closed quarter's updates are a record that
    // must not change: triggers refuse any change to them, whatever the caller.
    r#"
    -- The date the action was agreed (it may predate its entry here, as when a
    -- partnership brings in last year's tracker) and the date it was closed:
    -- together they say which quarters the action was open in.
    ALTER TABLE actions ADD COLUMN agreed_on TEXT;
    ALTER TABLE actions ADD COLUMN closed_on TEXT;

    CREATE TABLE quarter_reviews (
        id               TEXT PRIMARY KEY,
        year             INTEGER NOT NULL,
        quarter          INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        year_start_month INTEGER NOT NULL CHECK (year_start_month BETWEEN 1 AND 12),
        opened_at        TEXT NOT NULL,
        opened_by        TEXT NOT NULL,
        closed_at        TEXT,
        closed_by        TEXT,
        UNIQUE (year, quarter, year_start_month)
    ) STRICT;

    CREATE TABLE quarter_updates (
        id                TEXT PRIMARY KEY,
        quarter_review_id TEXT NOT NULL REFERENCES quarter_reviews (id),
        action_id         TEXT NOT NULL REFERENCES actions (id),
        status            TEXT NOT NULL,
        rag               TEXT CHECK (rag IN ('red', 'amber', 'green', 'blue')),
        target_date       TEXT NOT NULL,
        progress_note     TEXT NOT NULL DEFAULT '',
        evidence          TEXT NOT NULL DEFAULT '',
        escalate          INTEGER NOT NULL DEFAULT 0 CHECK (escalate IN (0, 1)),
        escalation_reason TEXT NOT NULL DEFAULT '',
        updated_at        TEXT,
        updated_by        TEXT,
        UNIQUE (quarter_review_id, action_id)
    ) STRICT;
    CREATE INDEX quarter_updates_by_action ON quarter_updates (action_id);

    CREATE TRIGGER quarter_updates_frozen BEFORE UPDATE ON quarter_updates
        WHEN (SELECT closed_at FROM quarter_reviews WHERE id = OLD.quarter_review_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'quarter_closed'); END;
    CREATE TRIGGER quarter_updates_kept BEFORE DELETE ON quarter_updates
        WHEN (SELECT closed_at FROM quarter_reviews WHERE id = OLD.quarter_review_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'quarter_closed'); END;
    CREATE TRIGGER quarter_updates_none_added_after_closing BEFORE INSERT ON quarter_updates
        WHEN (SELECT closed_at FROM quarter_reviews WHERE id = NEW.quarter_review_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'quarter_closed'); END;
    CREATE TRIGGER quarter_reviews_stay_closed BEFORE UPDATE ON quarter_reviews
        WHEN OLD.closed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'quarter_closed'); END;
    "#,
    // 6: the change log becomes a hash chain (see audit_chain.rs). The update
    // guard is lifted only inside this migration's transaction, while the
    // existing entries get their hashes (RUST_STEPS below), and put back as it
    // was before the transaction commits.
    r#"
    ALTER TABLE change_log ADD COLUMN hash TEXT;
    DROP TRIGGER change_log_no_update;
    "#,
    // 7: the column mapping last confirmed for each tracker layout imported
    // (keyed by the header row's signature), so the next tracker laid out
    // the same way is read the same way without asking again.
    r#"
    CREATE TABLE import_mappings (
        signature    TEXT PRIMARY KEY,
        mapping      TEXT NOT NULL,
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL
    ) STRICT;
    "#,
    // Vault (auto-lock): unsaved form input kept across a lock, inside the
    // encrypted file, until the next unlock hands it back (see drafts.rs).
    r#"
    CREATE TABLE drafts (
        key      TEXT PRIMARY KEY,
        content  TEXT NOT NULL,
        saved_at TEXT NOT NULL
    ) STRICT;
    "#,
    // Vault (audit trail view): indexes so the audit trail can be filtered
    // by who, by time and by record, and paged, without reading the whole
    // change log (see audit_view.rs).
    r#"
    CREATE INDEX change_log_by_who ON change_log (who, seq);
    CREATE INDEX change_log_by_at ON change_log (at);
    CREATE INDEX change_log_by_entity_id ON change_log (entity_id, seq);
    "#,
    // Issue 7 (tracker filter choices): the agencies leading actions and the
    // themes actions carry, found by a search per agency or theme instead of
    // reading every action and every action's themes (see actions/page.rs).
    r#"
    CREATE INDEX actions_by_lead_agency ON actions (lead_agency);
    CREATE INDEX action_themes_by_theme ON action_themes (theme_id);
    "#,
    // Issue 7 (audit trail pages): the log's entries in order, a few bytes
    // each, so a page deep in the unfiltered trail is found by stepping
    // through this index rather than through the entries themselves, which
    // hold each change's JSON; the full count reads it too, the narrowest
    // index (see audit_view/paging.rs).
    r#"
    CREATE INDEX change_log_by_seq ON change_log (seq);
    "#,
];

/// A migration that needs Rust: after its SQL, `step` runs and then `then`,
/// all in the migration's one transaction.
struct RustStep {
    version: i64,
    step: fn(&Transaction<'_>) -> Result<()>,
    then: &'static str,
}

const RUST_STEPS: &[RustStep] = &[RustStep {
    version: 6,
    step: audit_chain::backfill,
    then: r#"
    CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    "#,
}];

/// The schema version this binary writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The schema version stored in the file.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Refuses a register written by a newer version, before anything touches it.
pub fn refuse_newer(conn: &Connection) -> Result<()> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(Error::RegisterTooNew {
            found,
            supported: LATEST,
        });
    }
    Ok(())
}

/// Applies every migration the register has not had, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Applies the migrations up to schema version `target` (tests build old
/// registers with this to prove they upgrade).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    refuse_newer(conn)?;
    let current = version(conn)?;
    let pending = MIGRATIONS.iter().enumerate().take(target.max(0) as usize);
    for (index, sql) in pending.skip(current as usize) {
        let next = index as i64 + 1;
        with_tx(conn, |tx| {
            tx.execute_batch(sql)?;
            for rust in RUST_STEPS.iter().filter(|r| r.version == next) {
                (rust.step)(tx)?;
                tx.execute_batch(rust.then)?;
            }
            tx.pragma_update(None, "user_version", next)?;
            Ok(())
        })?;
        tracing::info!(version = next, "applied migration");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_reaches_latest_and_migrating_again_is_a_no_op() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        migrate(&mut conn).expect("migrates");
        assert_eq!(version(&conn).ok(), Some(LATEST));
        migrate(&mut conn).expect("second run changes nothing");
        assert_eq!(version(&conn).ok(), Some(LATEST));
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        conn.pragma_update(None, "user_version", LATEST + 1)
            .expect("set version");
        let err = migrate(&mut conn).expect_err("must refuse");
        assert!(matches!(err, Error::RegisterTooNew { .. }), "{err}");
    }

    #[test]
    fn change_log_rejects_updates_and_deletes() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        migrate(&mut conn).expect("migrates");
        conn.execute(
            "INSERT INTO change_log (id, at, who, entity, entity_id, action) VALUES ('a', 't', 'w', 'case', 'x', 'create')",
            [],
        )
        .expect("append works");
        assert!(conn.execute("UPDATE change_log SET who = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM change_log", []).is_err());
    }
}
