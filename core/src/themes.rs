//! Themes: tags on recommendations and actions that show what keeps recurring.
//! The National Panel's six themes and common local ones are shipped (in the
//! schema, with fixed ids so every register shares them); users add their own.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::change_log::{corrupt, Action};
use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;
use crate::text::{self, SHORT};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Theme {
    #[ts(type = "string")]
    pub id: Uuid,
    pub name: String,
    /// Shipped with the app rather than added by the partnership.
    pub preset: bool,
}

impl Register {
    /// Every theme: the shipped ones first, then the partnership's own by name.
    pub fn list_themes(&self) -> Result<Vec<Theme>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, name, preset FROM themes ORDER BY preset DESC, CASE WHEN preset = 1 THEN id END, name")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        rows.map(|row| {
            let (id, name, preset) = row?;
            Ok(Theme {
                id: Uuid::parse_str(&id).map_err(|e| corrupt("theme id", e))?,
                name,
                preset,
            })
        })
        .collect()
    }

    /// Adds a theme of the partnership's own.
    pub fn add_theme(&mut self, name: &str) -> Result<Theme> {
        let mut errors = Vec::new();
        let name = text::field(name, "name", "Theme", SHORT, true, &mut errors);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        if theme_id(self.conn(), &name)?.is_some() {
            return Err(Error::field(
                "name",
                format!("There is already a theme called \"{name}\""),
            ));
        }
        let theme = Theme {
            id: stamp::new_id(),
            name,
            preset: false,
        };
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO themes (id, name, preset, created_at) VALUES (?1, ?2, 0, ?3)",
                params![theme.id.to_string(), theme.name, stamp::to_text(w.at)],
            )?;
            w.log(
                "theme",
                &theme.id.to_string(),
                Action::Create,
                None,
                Some(&theme),
            )
        })?;
        Ok(theme)
    }
}

fn theme_id(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM themes WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The ids of the named themes, or a field error naming any that do not exist
/// (a typo must not quietly become a new theme).
pub(crate) fn resolve(
    conn: &Connection,
    names: &[String],
    field: &str,
) -> Result<Vec<String>, FieldError> {
    let mut ids = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        match theme_id(conn, name) {
            Ok(Some(id)) if !ids.contains(&id) => ids.push(id),
            Ok(Some(_)) => {}
            Ok(None) => {
                return Err(FieldError::new(
                    field,
                    format!("There is no theme called \"{name}\": add it to the themes first"),
                ))
            }
            Err(e) => return Err(FieldError::new(field, e.to_string())),
        }
    }
    Ok(ids)
}

/// The names of the themes linked to `owner_id` through `table`.
pub(crate) fn names_for(
    conn: &Connection,
    table: &str,
    owner_column: &str,
    owner_id: &str,
) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT t.name FROM {table} l JOIN themes t ON t.id = l.theme_id WHERE l.{owner_column} = ?1 ORDER BY t.name"
    );
    let mut stmt = conn.prepare(&sql)?;
    let names = stmt
        .query_map([owner_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// The names of the themes linked through `table`, by owner id, each owner's
/// by name, for the owners `filter` chooses (SQL on the link table `l`, with
/// `params`; empty for every owner): a list of records reads its themes in
/// one query rather than one per record.
pub(crate) fn names_by_owner(
    conn: &Connection,
    table: &str,
    owner_column: &str,
    filter: &str,
    params: &[String],
) -> Result<HashMap<String, Vec<String>>> {
    let sql = format!(
        "SELECT l.{owner_column}, t.name FROM {table} l JOIN themes t ON t.id = l.theme_id {filter} ORDER BY t.name"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut by_owner: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows {
        let (owner, name) = row?;
        by_owner.entry(owner).or_default().push(name);
    }
    Ok(by_owner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_themes_come_first_and_users_add_their_own_once() {
        let mut reg = Register::in_memory("Chair").expect("register");
        let themes = reg.list_themes().expect("themes");
        assert_eq!(themes.len(), 14);
        assert_eq!(
            themes[0].name,
            "Understanding what the child's daily life is like"
        );
        assert!(themes.iter().all(|t| t.preset));
        reg.add_theme("Transition to adulthood").expect("added");
        assert!(matches!(
            reg.add_theme("transition TO adulthood"),
            Err(Error::Validation(_))
        ));
        let themes = reg.list_themes().expect("themes");
        assert_eq!(
            themes.last().map(|t| (t.name.as_str(), t.preset)),
            Some(("Transition to adulthood", false))
        );
        let found =
            resolve(reg.conn(), &["neglect".into(), "Neglect".into()], "themes").expect("resolved");
        assert_eq!(found.len(), 1, "named twice, linked once");
        assert!(resolve(reg.conn(), &["Neglekt".into()], "themes").is_err());
    }
}
