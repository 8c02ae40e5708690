//! The desktop app's session: which register it points at, whether it is
//! unlocked, and whether its passphrase is remembered on this device. The
//! shell holds one of these; its commands only forward to it.
//!
//! Locking drops the [`Register`], which closes the SQLCipher connection
//! (SQLCipher wipes the key it derived) and zeroizes the passphrase it kept.
//! The session itself never keeps a copy of the passphrase; a daily backup
//! still running when the register is locked keeps its own until its copy
//! ends (`backup/snapshot.rs`).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use ts_rs::TS;

use crate::backup::automatic::AutomaticBackup;
use crate::backup::running::BackupTracker;
use crate::backup::snapshot::SnapshotBackup;
use crate::drafts::Draft;
use crate::error::{Error, Result};
use crate::paths;
use crate::register::{CreateRegisterInput, Register};
use crate::remember::{self, KeyStore};

/// Where the app stands when it starts or after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegisterState {
    /// First start: no register at the default location.
    NoRegister,
    /// The register remembered at a place other than the default is not
    /// there: most likely on a drive or share that is not connected. The
    /// app asks for it back rather than offering to create one there.
    RegisterMissing,
    Locked,
    Unlocked,
}

/// What the UI needs to choose its first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub state: RegisterState,
    pub register_path: String,
    pub default_register_path: String,
    /// Whether the unlocked register holds fictional demo data.
    pub demo: bool,
    /// Who changes are recorded against, once unlocked.
    pub user_name: Option<String>,
    /// Whether the passphrase is kept in this device's keyring, so the
    /// unlock screen shows the "remember" box ticked.
    pub remembered: bool,
}

/// The result of an unlock: where the app now stands and, when the keyring
/// could not do what was asked, why (the unlock itself still counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnlockOutcome {
    pub status: AppStatus,
    pub keyring_problem: Option<String>,
}

/// The result of a passphrase change: it is done and, when the passphrase
/// remembered on this device could not follow, what happened and what to do
/// (the change itself still counts), as a restore's `keyring_problem` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PassphraseChangeOutcome {
    pub keyring_problem: Option<String>,
}

/// The app's one register, locked or unlocked.
pub struct Session {
    path: PathBuf,
    default_path: PathBuf,
    register: Option<Register>,
    keys: Box<dyn KeyStore>,
    /// Whether the key store holds this register's passphrase, as far as
    /// this session has seen.
    remembered: bool,
    /// The remembered passphrase opens the register once, at start. After
    /// any lock it must be typed again, or locking would protect nothing.
    start_unlock_spent: bool,
    /// Whether the daily backup is being copied apart from the session; kept
    /// across a lock and unlock, because the copy carries on through them.
    backups: BackupTracker,
    /// How long a passphrase change or restore waits for a daily backup it
    /// stopped ([`crate::backup::running::STOP_WAIT`]; shorter in tests of a
    /// backup held part-way).
    backup_stop_wait: std::time::Duration,
}

impl Session {
    /// A locked session on the register the settings point at, remembering
    /// passphrases in the OS keyring when the app is built with it.
    pub fn start() -> Result<Self> {
        Ok(Self::at(
            paths::register_path()?,
            paths::default_register_path()?,
            remember::default_store(),
        ))
    }

    /// A locked session on the register at `path` with the given key store.
    pub fn at(path: PathBuf, default_path: PathBuf, keys: Box<dyn KeyStore>) -> Self {
        Self {
            path,
            default_path,
            register: None,
            keys,
            remembered: false,
            start_unlock_spent: false,
            backups: BackupTracker::default(),
            backup_stop_wait: crate::backup::running::STOP_WAIT,
        }
    }

    pub fn status(&self) -> Result<AppStatus> {
        let (state, demo, user_name) = match &self.register {
            Some(register) => (
                RegisterState::Unlocked,
                register.is_demo()?,
                Some(register.who().to_owned()),
            ),
            None if self.path.exists() => (RegisterState::Locked, false, None),
            // Only a register created (or chosen) elsewhere is remembered
            // there, so a missing file at that path was a register.
            None if self.path != self.default_path => (RegisterState::RegisterMissing, false, None),
            None => (RegisterState::NoRegister, false, None),
        };
        Ok(AppStatus {
            state,
            register_path: self.path.display().to_string(),
            default_register_path: self.default_path.display().to_string(),
            demo,
            user_name,
            remembered: self.remembered,
        })
    }

    /// Creates a register where the form says, remembers that place for the
    /// next start, and leaves it unlocked.
    pub fn create_register(&mut self, input: &CreateRegisterInput) -> Result<AppStatus> {
        let register = Register::create(input)?;
        if register.path() != self.default_path {
            paths::remember_register(register.path())?;
        } else if self.path != self.default_path {
            // A new register at the default place replaces a missing one
            // remembered elsewhere, or the next start would look for that.
            paths::forget_register()?;
        }
        self.path = register.path().to_owned();
        self.register = Some(register);
        self.start_unlock_spent = true;
        self.remembered = false;
        self.status()
    }

    /// Opens the register with `passphrase`, leaving the keyring untouched.
    pub fn unlock(&mut self, passphrase: &str) -> Result<AppStatus> {
        self.register = Some(Register::open(&self.path, passphrase)?);
        self.start_unlock_spent = true;
        self.status()
    }

    /// Opens the register with a typed passphrase and keeps it in the key
    /// store (`remember`) or removes it from there. A keyring that cannot do
    /// that does not stop the unlock; the outcome says what went wrong.
    pub fn unlock_remembering(
        &mut self,
        passphrase: &str,
        remember: bool,
    ) -> Result<UnlockOutcome> {
        self.unlock(passphrase)?;
        let problem = if remember {
            self.keys.set(&self.path, passphrase).err()
        } else if self.remembered {
            self.keys.delete(&self.path).err()
        } else {
            // Nothing known to be kept: no need to reach a keyring that may
            // not be there (it would be a warning at every unlock).
            None
        };
        self.remembered = remember && problem.is_none();
        self.outcome(problem.map(|e| e.to_string()))
    }

    /// At start, opens the register with the passphrase remembered on this
    /// device, if there is one. Locked (nothing to do) when none is kept,
    /// after any earlier unlock or lock, or when the keyring cannot be
    /// reached, in which case the outcome says why and the UI asks.
    pub fn unlock_remembered(&mut self) -> Result<UnlockOutcome> {
        if self.register.is_some() || self.start_unlock_spent || !self.path.exists() {
            return self.outcome(None);
        }
        self.start_unlock_spent = true;
        let passphrase = match self.keys.get(&self.path) {
            Ok(Some(passphrase)) => passphrase,
            Ok(None) => return self.outcome(None),
            Err(e) => return self.outcome(Some(e.to_string())),
        };
        self.remembered = true;
        match Register::open(&self.path, &passphrase) {
            Ok(register) => {
                self.register = Some(register);
                tracing::info!("register unlocked with the passphrase remembered on this device");
                self.outcome(None)
            }
            Err(Error::WrongPassphrase) => {
                // Changed elsewhere (another device, the CLI): a stale entry
                // would fail at every start, so it goes.
                let forgotten = self.keys.delete(&self.path);
                self.remembered = forgotten.is_err();
                self.outcome(Some(
                    "The passphrase remembered on this device no longer opens this register (it may have been changed elsewhere), so it has been forgotten. Enter the passphrase.".to_owned(),
                ))
            }
            Err(e) => Err(e),
        }
    }

    fn outcome(&self, keyring_problem: Option<String>) -> Result<UnlockOutcome> {
        Ok(UnlockOutcome {
            status: self.status()?,
            keyring_problem,
        })
    }

    /// Closes the register; the passphrase is needed to open it again. A
    /// daily backup still running reads through its own connection and
    /// finishes: it holds the register as it was when it began, which the
    /// lock does not change.
    pub fn lock(&mut self) -> Result<AppStatus> {
        // Dropping the register closes its connection and zeroizes its passphrase.
        self.register = None;
        tracing::info!("register locked");
        self.status()
    }

    /// Keeps the unsaved input of open forms inside the register, then locks
    /// it. Drafts that fail the checks are refused before anything is written
    /// and the register stays unlocked, so the caller (which still has the
    /// forms) decides; it then locks without them.
    pub fn lock_keeping(&mut self, drafts: &[Draft]) -> Result<AppStatus> {
        if let Some(register) = self.register.as_mut() {
            register.save_drafts(drafts)?;
        }
        self.lock()
    }

    /// The drafts kept at the last lock, handed back once.
    pub fn take_drafts(&mut self) -> Result<Vec<Draft>> {
        self.register()?.take_drafts()
    }

    /// Changes the register's passphrase and, when it is remembered on this
    /// device, the keyring entry with it. If the keyring cannot be updated
    /// the outcome says so (see [`Self::remember_again`]), for the Settings
    /// screen to show rather than only the log.
    /// A daily backup running is stopped first: the re-encrypted copy is
    /// renamed over the file the backup is reading (`backup/running.rs`).
    pub fn change_passphrase(
        &mut self,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<PassphraseChangeOutcome> {
        self.backups.stop(self.backup_stop_wait)?;
        self.register()?.change_passphrase(current, new, confirm)?;
        Ok(PassphraseChangeOutcome {
            keyring_problem: self.remember_again(new),
        })
    }

    /// After the register's passphrase changed (a rekey, a restored backup),
    /// puts `passphrase` in the key store if the old one was kept there. A
    /// store that cannot be updated has the stale entry removed; if even that
    /// fails, the next start finds it no longer opens the register, forgets
    /// it and says so. Either failure is returned in words for the chair:
    /// what this device now does at the next start, and what to do.
    fn remember_again(&mut self, passphrase: &str) -> Option<String> {
        if !self.remembered {
            return None;
        }
        let error = self.keys.set(&self.path, passphrase).err()?;
        tracing::warn!(%error, "the remembered passphrase could not be updated");
        self.remembered = false;
        // The keyring's own words go to the log; the chair is told what the
        // device will do and what to do about it.
        Some(match self.keys.delete(&self.path) {
            Ok(()) => "This device could not remember the register's new passphrase, so it has forgotten the one it remembered. Enter the passphrase you have just used each time you open the register, or tick \u{201c}Remember the passphrase on this device\u{201d} when you next unlock it to try again.".to_owned(),
            Err(forget) => {
                tracing::warn!(error = %forget, "the stale remembered passphrase could not be forgotten");
                "This device could not update the passphrase it remembers for this register. The next time the app starts it will ask for the passphrase: enter the one you have just used.".to_owned()
            }
        })
    }

    /// Restores `backup` as this session's register (issue 6): it is verified
    /// and restored into a new file first, so a wrong passphrase or a damaged
    /// backup leaves everything as it was; only then is the register closed,
    /// kept aside under a new name, and the restored one opened in its place.
    /// A daily backup running is stopped first: it reads the file being moved.
    pub fn restore_backup(
        &mut self,
        backup: &std::path::Path,
        passphrase: &str,
    ) -> Result<crate::backup::restore_in_place::RestoreOutcome> {
        use crate::backup::restore_in_place;
        self.backups.stop(self.backup_stop_wait)?;
        let now = chrono::Utc::now();
        let target = self.restore_target()?;
        let prepared = restore_in_place::prepare(&target, backup, passphrase, now)?;
        self.register = None;
        let outcome = restore_in_place::swap_in(prepared, &target, now)?;
        if target != self.path {
            // The next start opens the restored register, not the missing one.
            paths::forget_register_at(&self.path)?;
            // Nor is the passphrase remembered for the missing place of use
            // any more: the restored register is remembered under its own
            // place below. A keyring that will not let go of it costs no
            // more than a stale entry nothing reads.
            if self.remembered {
                if let Err(error) = self.keys.delete(&self.path) {
                    tracing::warn!(%error, "the passphrase remembered for the register's old place could not be forgotten");
                }
            }
            self.path = target;
        }
        self.register = Some(Register::open(&self.path, passphrase)?);
        // The restored register opens with the backup's passphrase, which a
        // remembered entry must follow (issue 6); if it cannot, the success
        // page says so rather than only the log.
        Ok(restore_in_place::RestoreOutcome {
            keyring_problem: self.remember_again(passphrase),
            ..outcome
        })
    }

    /// Where a restore puts the register: in its own place, unless that is on
    /// a drive that is not there (its folder is gone), when it would fail;
    /// then at the default place, if nothing is there yet, so a chair whose
    /// stick is lost can carry on from a backup kept elsewhere.
    fn restore_target(&self) -> Result<PathBuf> {
        let folder_gone = self.path.parent().is_some_and(|folder| !folder.exists());
        if !folder_gone || self.default_path.exists() {
            return Ok(self.path.clone());
        }
        if let Some(folder) = self.default_path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        }
        Ok(self.default_path.clone())
    }

    /// The daily backup, when one is due and none is running (`None`
    /// otherwise): decided now, quickly, while the caller holds the session;
    /// copied by [`SnapshotBackup::run`] after it has let go (issue 7).
    pub fn daily_backup(&mut self) -> Result<Option<SnapshotBackup>> {
        let now = crate::stamp::now();
        let register = self.register.as_ref().ok_or(Error::Locked)?;
        let Some(running) = self.backups.start() else {
            tracing::info!("daily backup already being taken");
            return Ok(None);
        };
        Ok(register
            .daily_backup_due(now)?
            .map(|backup| backup.tracked_by(running)))
    }

    /// The backup on closing, also taken by "Back up now" in Settings
    /// (`None` when one was just taken), after stopping a daily backup still
    /// being copied: both would be written into the one folder, named by the
    /// same second, and this one, taken now, supersedes it.
    pub fn closing_backup(&mut self) -> Result<Option<AutomaticBackup>> {
        self.backups.stop(self.backup_stop_wait)?;
        self.register()?.scheduled_backup(false)
    }

    /// The app's one session, shared between threads, taken for one piece of
    /// work; `internal` if a panic elsewhere left it poisoned.
    pub fn locked(shared: &Mutex<Self>) -> Result<MutexGuard<'_, Self>> {
        shared.lock().map_err(|_| {
            Error::Internal(
                "the session was left inconsistent by an earlier failure; restart the app".into(),
            )
        })
    }

    /// The unlocked register, or `Locked`.
    pub fn register(&mut self) -> Result<&mut Register> {
        self.register.as_mut().ok_or(Error::Locked)
    }
}

#[cfg(test)]
mod daily_backup_tests;
#[cfg(test)]
mod tests;
