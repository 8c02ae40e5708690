//! How long the app may sit idle before it locks the register itself.
//!
//! Kept in the register's own settings (like the clock settings) rather than
//! on the device: it is a protection of the register's content, so it goes
//! with the register to another laptop, is encrypted with it, cannot be
//! lengthened by editing a plain file outside the app, and a change to it is
//! recorded in the change log like any other. It is only needed while the
//! register is unlocked, so nothing has to be read before the passphrase.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log::Action;
use crate::error::{Error, Result};
use crate::register::Register;

/// Minutes of inactivity before locking when nothing has been chosen.
pub const DEFAULT_IDLE_MINUTES: u32 = 10;
/// The longest idle time allowed: an unattended laptop must not stay open
/// for longer than a meeting break.
pub const MAX_IDLE_MINUTES: u32 = 60;

const META_KEY: &str = "lock_settings";

/// The auto-lock setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LockSettings {
    /// Minutes without keyboard, pointer or wheel activity before the app locks.
    pub idle_minutes: u32,
}

impl Default for LockSettings {
    fn default() -> Self {
        Self {
            idle_minutes: DEFAULT_IDLE_MINUTES,
        }
    }
}

impl Register {
    /// The auto-lock setting, or the default when none was saved.
    pub fn lock_settings(&self) -> Result<LockSettings> {
        let stored: Option<String> = self
            .conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [META_KEY], |r| {
                r.get(0)
            })
            .optional()?;
        match stored {
            Some(json) => Ok(serde_json::from_str(&json)?),
            None => Ok(LockSettings::default()),
        }
    }

    /// Changes the auto-lock setting after checking it; logged like any other change.
    pub fn set_lock_settings(&mut self, settings: &LockSettings) -> Result<()> {
        if !(1..=MAX_IDLE_MINUTES).contains(&settings.idle_minutes) {
            return Err(Error::field(
                "idle_minutes",
                format!("Enter a number of minutes from 1 to {MAX_IDLE_MINUTES}"),
            ));
        }
        let before = self.lock_settings()?;
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [META_KEY, &serde_json::to_string(settings)?],
            )?;
            w.log(
                "settings",
                META_KEY,
                Action::Update,
                Some(&before),
                Some(settings),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn ten_minutes_until_changed_and_the_change_is_logged() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        assert_eq!(register.lock_settings().ok(), Some(LockSettings::default()));
        assert_eq!(LockSettings::default().idle_minutes, 10);
        let before = register.changes(None).expect("changes").len();
        register
            .set_lock_settings(&LockSettings { idle_minutes: 5 })
            .expect("saved");
        assert_eq!(
            register.lock_settings().ok().map(|s| s.idle_minutes),
            Some(5)
        );
        let changes = register.changes(Some(META_KEY)).expect("changes");
        assert_eq!(changes.len(), 1);
        assert_eq!(register.changes(None).expect("changes").len(), before + 1);
    }

    #[test]
    fn minutes_out_of_range_are_refused_and_the_setting_kept() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        register
            .set_lock_settings(&LockSettings { idle_minutes: 15 })
            .expect("saved");
        for bad in [0, MAX_IDLE_MINUTES + 1, u32::MAX] {
            let err = register
                .set_lock_settings(&LockSettings { idle_minutes: bad })
                .expect_err("refused");
            assert_eq!(err.code(), ErrorCode::Validation);
            assert!(err.to_string().contains("from 1 to 60"), "{err}");
        }
        assert_eq!(
            register.lock_settings().ok().map(|s| s.idle_minutes),
            Some(15)
        );
    }
}
