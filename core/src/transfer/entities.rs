//! Which stored entities a whole-register export carries, in the order an
//! import writes them, and which it leaves out on purpose (with why). A test
//! checks that every table in the schema is one or the other, so a table added
//! by a later migration cannot slip out of exports unnoticed.

/// One entity (table) in the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entity {
    pub name: &'static str,
    /// Rows left out when exporting (an SQL condition), for settings that
    /// belong to the register file rather than to its content.
    pub except: Option<&'static str>,
    /// The empty register already holds rows of this entity (its settings,
    /// the preset themes), so the import updates them by key instead of
    /// refusing the duplicate.
    pub seeded: bool,
}

const fn entity(name: &'static str) -> Entity {
    Entity {
        name,
        except: None,
        seeded: false,
    }
}

/// The register's settings that identify this file and its user, not the
/// partnership's data: the importing register keeps its own.
pub(crate) const META_KEPT: &[&str] = &["register_id", "user_name", "created_at"];

/// Every exported entity, in the order they are written on import. Foreign
/// keys are checked once at the end (deferred), so the order matters only for
/// one trigger: a closed quarter refuses new updates, so its updates go in
/// before the quarter review that closes it.
pub(crate) const ENTITIES: &[Entity] = &[
    Entity {
        name: "meta",
        except: Some("key NOT IN ('register_id', 'user_name', 'created_at')"),
        seeded: true,
    },
    Entity {
        name: "themes",
        except: None,
        seeded: true,
    },
    entity("cases"),
    entity("case_events"),
    entity("event_amendments"),
    entity("rapid_reviews"),
    entity("agency_requests"),
    entity("reviews"),
    entity("review_log"),
    entity("parallel_proceedings"),
    entity("panel_meetings"),
    entity("panel_decisions"),
    entity("sources"),
    entity("recommendations"),
    entity("recommendation_themes"),
    entity("actions"),
    entity("action_answers"),
    entity("action_themes"),
    entity("action_history"),
    entity("quarter_updates"),
    entity("quarter_reviews"),
    entity("import_mappings"),
];

/// Tables deliberately not exported, and why (a test holds every table of
/// the schema to being here or in [`ENTITIES`]).
#[cfg(test)]
pub(crate) const LEFT_OUT: &[(&str, &str)] = &[
    // The audit trail of this file: its before/after snapshots hold every
    // sensitive field, so it cannot honour the sensitive tick, and its hash
    // chain belongs to this register. The importing register starts its own
    // log with an entry recording the import.
    ("change_log", "the audit trail of this register file"),
    // Unsaved form input kept across an automatic lock: one user's half-typed
    // work on one machine, not the partnership's record.
    ("drafts", "unsaved form input kept across a lock"),
    ("sqlite_sequence", "SQLite's own counter for the change log"),
];

/// The entity named `name`, if exported.
pub(crate) fn find(name: &str) -> Option<&'static Entity> {
    ENTITIES.iter().find(|e| e.name == name)
}
