//! Where things live on the user's machine: the register (by default in the OS
//! app-data folder), the settings file remembering a register chosen elsewhere,
//! and the log folder. The app and the CLI share these, so `casereview` opens
//! the same register the app does.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The folder name used under each OS location.
const APP_DIR: &str = "case-review-manager";
const REGISTER_FILE: &str = "register.casereview";
const SETTINGS_FILE: &str = "settings.json";

/// Settings kept outside the register (they are needed before it is unlocked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The register chosen at creation, when not the default.
    pub register_path: Option<PathBuf>,
}

fn base(dir: Option<PathBuf>, what: &str) -> Result<PathBuf> {
    dir.map(|d| d.join(APP_DIR)).ok_or_else(|| {
        Error::Internal(format!(
            "this system does not say where its {what} folder is"
        ))
    })
}

/// The default register file, in the OS app-data folder
/// (`~/.local/share/case-review-manager/` on Linux).
pub fn default_register_path() -> Result<PathBuf> {
    Ok(base(dirs::data_dir(), "app-data")?.join(REGISTER_FILE))
}

/// Where settings are kept (`~/.config/case-review-manager/` on Linux).
pub fn settings_path() -> Result<PathBuf> {
    Ok(base(dirs::config_dir(), "settings")?.join(SETTINGS_FILE))
}

/// Where log files go (`~/.local/state/case-review-manager/logs` on Linux).
pub fn log_dir() -> Result<PathBuf> {
    Ok(base(dirs::state_dir().or_else(dirs::data_local_dir), "log")?.join("logs"))
}

/// Reads the settings; a missing file means defaults.
pub fn load_settings(path: &Path) -> Result<Settings> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Error::Internal(format!(
                "the settings file {} is unreadable: {e}",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Writes the settings, replacing the file in one step so a crash cannot
/// leave half a file.
pub fn save_settings(path: &Path, settings: &Settings) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let temp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec_pretty(settings)?;
    std::fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, path).map_err(|e| Error::io(path, e))
}

/// The register the app and CLI open by default: the one remembered in the
/// settings, else the default location.
pub fn register_path() -> Result<PathBuf> {
    match load_settings(&settings_path()?)?.register_path {
        Some(path) => Ok(path),
        None => default_register_path(),
    }
}

/// Remembers where the register is, for the next start of the app or CLI.
pub fn remember_register(path: &Path) -> Result<()> {
    let settings_file = settings_path()?;
    let mut settings = load_settings(&settings_file)?;
    settings.register_path = Some(path.to_owned());
    save_settings(&settings_file, &settings)
}

/// Forgets a register remembered elsewhere: the default location is used.
pub fn forget_register() -> Result<()> {
    let settings_file = settings_path()?;
    let mut settings = load_settings(&settings_file)?;
    settings.register_path = None;
    save_settings(&settings_file, &settings)
}

/// Forgets `path` if it is the register remembered: the default location is
/// used from the next start. A settings file that remembers another place
/// (or none) is left as it is.
pub fn forget_register_at(path: &Path) -> Result<()> {
    let settings_file = settings_path()?;
    let mut settings = load_settings(&settings_file)?;
    if settings.register_path.as_deref() != Some(path) {
        return Ok(());
    }
    settings.register_path = None;
    save_settings(&settings_file, &settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_missing_means_default() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("nested").join(SETTINGS_FILE);
        assert_eq!(load_settings(&file).ok(), Some(Settings::default()));
        let settings = Settings {
            register_path: Some(PathBuf::from("/srv/reviews/register.casereview")),
        };
        save_settings(&file, &settings).expect("saves");
        assert_eq!(load_settings(&file).ok(), Some(settings));
    }

    #[test]
    fn a_damaged_settings_file_is_an_error_not_a_silent_default() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join(SETTINGS_FILE);
        std::fs::write(&file, b"{not json").expect("write");
        assert!(load_settings(&file).is_err());
    }
}
