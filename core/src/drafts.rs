//! Unsaved form input kept across a lock. Before the register is closed the
//! UI hands over what was typed into open forms; it is stored inside the
//! encrypted register (never beside it), handed back once after the next
//! unlock and deleted as it is handed back.
//!
//! The core does not interpret a draft: it is the UI's JSON for one form,
//! keyed by which form it belongs to. It checks only that each is JSON and
//! that their number and size are bounded, so a faulty or hostile caller
//! cannot fill the register.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::register::Register;
use crate::stamp;

/// Most drafts kept at one lock: far more forms than one screen shows.
pub const MAX_DRAFTS: usize = 32;
/// Longest key naming a form.
pub const MAX_KEY: usize = 200;
/// Most bytes of all drafts together; a long quarter note is well under this.
pub const MAX_TOTAL_BYTES: usize = 1024 * 1024;

/// One form's unsaved input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Draft {
    /// Which form (and which record's form) this belongs to, as the UI names it.
    pub key: String,
    /// The form's fields, as JSON written by the UI.
    pub content: String,
}

impl Register {
    /// Keeps `drafts` in the register in place of any kept before. Nothing is
    /// written unless every draft passes the checks.
    pub fn save_drafts(&mut self, drafts: &[Draft]) -> Result<()> {
        validate(drafts)?;
        let at = stamp::to_text(stamp::now());
        // Not in the change log: a draft is not a decision and is gone at the
        // next unlock, while the change log keeps everything for good.
        self.write(|w| {
            w.tx.execute("DELETE FROM drafts", [])?;
            let mut insert =
                w.tx.prepare("INSERT INTO drafts (key, content, saved_at) VALUES (?1, ?2, ?3)")?;
            for draft in drafts {
                insert.execute(params![draft.key, draft.content, at])?;
            }
            Ok(())
        })?;
        tracing::info!(drafts = drafts.len(), "drafts kept for after the lock");
        Ok(())
    }

    /// The drafts kept at the last lock, deleted in the same transaction so
    /// they are handed back once only.
    pub fn take_drafts(&mut self) -> Result<Vec<Draft>> {
        self.write(|w| {
            let mut select =
                w.tx.prepare("SELECT key, content FROM drafts ORDER BY key")?;
            let drafts = select
                .query_map([], |r| {
                    Ok(Draft {
                        key: r.get(0)?,
                        content: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            w.tx.execute("DELETE FROM drafts", [])?;
            Ok(drafts)
        })
    }
}

fn validate(drafts: &[Draft]) -> Result<()> {
    let problem =
        |message: String| Err(Error::Validation(vec![FieldError::new("drafts", message)]));
    if drafts.len() > MAX_DRAFTS {
        return problem(format!(
            "Too many unsaved forms to keep ({}); at most {MAX_DRAFTS} can be kept",
            drafts.len()
        ));
    }
    let mut total = 0;
    for (i, draft) in drafts.iter().enumerate() {
        if draft.key.trim().is_empty() || draft.key.chars().count() > MAX_KEY {
            return problem(format!(
                "Unsaved form {} has no name, or one longer than {MAX_KEY} characters",
                i + 1
            ));
        }
        if drafts[..i].iter().any(|d| d.key == draft.key) {
            return problem(format!("Unsaved form {} is given twice", draft.key));
        }
        if serde_json::from_str::<serde_json::Value>(&draft.content).is_err() {
            return problem(format!("Unsaved form {} is not readable", draft.key));
        }
        total += draft.key.len() + draft.content.len();
    }
    if total > MAX_TOTAL_BYTES {
        return problem(format!(
            "The unsaved forms are too large to keep ({total} bytes; at most {MAX_TOTAL_BYTES})"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn draft(key: &str, content: &str) -> Draft {
        Draft {
            key: key.to_owned(),
            content: content.to_owned(),
        }
    }

    #[test]
    fn drafts_come_back_once_then_are_gone() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        let kept = vec![
            draft("case-form:new", r#"{"summary":["Half-written summary"]}"#),
            draft("step-form:c1", r#"{"note":["Panel met"]}"#),
        ];
        register.save_drafts(&kept).expect("saved");
        assert_eq!(register.take_drafts().expect("taken"), kept);
        assert!(register.take_drafts().expect("taken again").is_empty());
    }

    #[test]
    fn a_new_lock_replaces_the_drafts_of_the_last() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        register
            .save_drafts(&[draft("case-form:new", "{}")])
            .expect("first");
        register
            .save_drafts(&[draft("step-form:c1", "{}")])
            .expect("second");
        let taken = register.take_drafts().expect("taken");
        assert_eq!(taken, vec![draft("step-form:c1", "{}")]);
    }

    #[test]
    fn drafts_are_not_written_to_the_change_log() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        let before = register.changes(None).expect("changes").len();
        register
            .save_drafts(&[draft("case-form:new", r#"{"summary":["secret"]}"#)])
            .expect("saved");
        assert_eq!(register.changes(None).expect("changes").len(), before);
    }

    /// Each bad input is refused with a clear message and leaves the drafts
    /// already kept as they were.
    #[test]
    fn bad_drafts_are_refused_and_nothing_kept_is_lost() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        let kept = vec![draft("case-form:new", r#"{"code":["Case AK"]}"#)];
        register.save_drafts(&kept).expect("saved");
        let huge = format!("\"{}\"", "x".repeat(MAX_TOTAL_BYTES));
        let too_many: Vec<Draft> = (0..=MAX_DRAFTS)
            .map(|i| draft(&format!("form-{i}"), "{}"))
            .collect();
        let cases: Vec<(Vec<Draft>, &str)> = vec![
            (vec![draft("", "{}")], "no name"),
            (vec![draft(&"k".repeat(MAX_KEY + 1), "{}")], "no name"),
            (vec![draft("a", "{}"), draft("a", "{}")], "given twice"),
            (vec![draft("a", "{not json")], "not readable"),
            (vec![draft("a", &huge)], "too large"),
            (too_many, "Too many"),
        ];
        for (bad, says) in cases {
            let err = register.save_drafts(&bad).expect_err("refused");
            assert_eq!(err.code(), ErrorCode::Validation);
            assert!(err.to_string().contains(says), "{err}");
        }
        assert_eq!(register.take_drafts().expect("taken"), kept);
    }
}
