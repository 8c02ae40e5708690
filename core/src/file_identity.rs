//! Knowing whether the register's file is still the one that was opened.
//!
//! On Unix a file deleted, moved or left behind on a removed drive stays
//! writable through the open descriptor: SQLite's writes would "succeed" into
//! a file nobody can reach again and be lost at close. So before and after
//! every write the register compares the file at its path with the one it
//! opened, and refuses to carry on when they differ.

use std::path::Path;

use crate::error::{Error, Result};

/// The file's identity: device and inode on Unix; elsewhere the OS does not
/// let an open register be deleted or moved, so being there is enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileIdentity {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
}

impl FileIdentity {
    /// The identity of the file now at `path`, or `register_missing`.
    pub fn of(path: &Path) -> Result<Self> {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::RegisterMissing(path.display().to_string()),
            _ => Error::io(path, e),
        })?;
        Ok(Self::from_metadata(&meta))
    }

    /// The identity of an open file, wherever it now is.
    pub fn of_open(file: &std::fs::File, path: &Path) -> Result<Self> {
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        Ok(Self::from_metadata(&meta))
    }

    #[cfg(unix)]
    fn from_metadata(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn from_metadata(_meta: &std::fs::Metadata) -> Self {
        Self {}
    }

    /// `Ok` while `path` still names this file; `register_missing` once it
    /// is gone or is another file.
    pub fn still_at(&self, path: &Path) -> Result<()> {
        match Self::of(path) {
            Ok(now) if now == *self => Ok(()),
            Ok(_) => Err(Error::RegisterMissing(path.display().to_string())),
            Err(e) => Err(e),
        }
    }
}
