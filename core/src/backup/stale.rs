//! Unfinished temporary files left by a crash. Backups, restores and exports
//! are written to a `.casereview-<what>-XXXXXX.partial` file beside their
//! destination and renamed once whole (see `backup.rs`, `exports.rs`); a
//! process killed part-way leaves that file behind, and nothing else would
//! ever remove it. This removes such leftovers at moments the app writes into
//! a folder anyway: opening the register, and before the next backup,
//! restore or export into the same folder.
//!
//! Only files named exactly like ours are touched (with the `-journal`,
//! `-wal` and `-shm` files SQLite may have put beside them), and only once
//! they have not been written for [`STALE_AFTER`]: a copy still being made by
//! another window or the CLI is written continually, so it is never that old.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// How long an unfinished file must have been left alone to count as stale.
/// Far longer than the slowest backup or restore of a ten-year register.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The names the temporary files start with (`backup.rs`, `exports.rs`).
const PREFIXES: [&str; 3] = [
    ".casereview-backup-",
    ".casereview-restore-",
    ".casereview-export-",
];
/// The length of tempfile's random part of the name.
const RANDOM_LEN: usize = 6;

/// Removes the stale unfinished files in `folder`; returns how many went.
/// Problems (a folder that cannot be read, a file that cannot be removed)
/// are logged and left: they are only space, never a reason to stop.
pub fn remove_stale(folder: &Path) -> usize {
    remove_older_than(folder, SystemTime::now() - STALE_AFTER)
}

/// [`remove_stale`] with the moment before which a file is stale.
pub(crate) fn remove_older_than(folder: &Path, cutoff: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !is_ours(&name.to_string_lossy()) {
            continue;
        }
        // Not following links: a link named like ours is still not ours to judge.
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta.modified().is_ok_and(|m| m < cutoff);
        if !meta.is_file() || !old {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            Err(error) => {
                tracing::warn!(%error, "an unfinished temporary file could not be removed")
            }
        }
    }
    if removed > 0 {
        tracing::info!(
            removed,
            "removed unfinished files left by an interrupted copy"
        );
    }
    removed
}

/// Whether `name` is one of our temporary files or SQLite's file beside one.
fn is_ours(name: &str) -> bool {
    let Some(rest) = PREFIXES.iter().find_map(|p| name.strip_prefix(p)) else {
        return false;
    };
    let Some((random, tail)) = rest.split_at_checked(RANDOM_LEN) else {
        return false;
    };
    random.chars().all(|c| c.is_ascii_alphanumeric())
        && matches!(
            tail,
            ".partial" | ".partial-journal" | ".partial-wal" | ".partial-shm"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(folder: &Path, name: &str) {
        std::fs::write(folder.join(name), b"x").expect("write");
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn only_our_own_names_are_recognised() {
        for ours in [
            ".casereview-backup-a1B2c3.partial",
            ".casereview-restore-Zz09aa.partial-wal",
            ".casereview-export-qwerty.partial-journal",
            ".casereview-backup-123456.partial-shm",
        ] {
            assert!(is_ours(ours), "{ours}");
        }
        for theirs in [
            "register.casereview",
            "register.casereview.rekey.partial",
            "notes.partial",
            ".casereview-backup-a1B2c3.partial.txt",
            ".casereview-backup-a1B2c.partial",
            ".casereview-backup-a1B2c3d.partial",
            ".casereview-backup-a1/2c3.partial",
            ".casereview-other-a1B2c3.partial",
            "x.casereview-backup-a1B2c3.partial",
            ".casereview-backup-é1B2c3.partial",
        ] {
            assert!(!is_ours(theirs), "{theirs}");
        }
    }

    #[test]
    fn stale_leftovers_go_and_everything_else_stays() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path();
        for name in [
            ".casereview-backup-aaaaaa.partial",
            ".casereview-backup-aaaaaa.partial-journal",
            ".casereview-export-bbbbbb.partial",
            "register.casereview",
            "register-auto-20250604T140500Z.casereview-backup",
            "someone-elses.partial",
        ] {
            touch(folder, name);
        }
        std::fs::create_dir(folder.join(".casereview-restore-cccccc.partial")).expect("dir");
        let later = SystemTime::now() + Duration::from_secs(5);
        assert_eq!(remove_older_than(folder, later), 3);
        assert_eq!(
            names(folder),
            [
                ".casereview-restore-cccccc.partial",
                "register-auto-20250604T140500Z.casereview-backup",
                "register.casereview",
                "someone-elses.partial",
            ]
        );
    }

    #[test]
    fn a_copy_still_being_written_is_left_alone() {
        let dir = tempfile::tempdir().expect("dir");
        touch(dir.path(), ".casereview-backup-aaaaaa.partial");
        touch(dir.path(), ".casereview-restore-bbbbbb.partial");
        let old = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(dir.path().join(".casereview-restore-bbbbbb.partial"))
            .and_then(|f| f.set_modified(old))
            .expect("age it");
        assert_eq!(remove_stale(dir.path()), 1, "only the old one");
        assert_eq!(names(dir.path()), [".casereview-backup-aaaaaa.partial"]);
    }

    #[test]
    fn a_missing_folder_has_nothing_to_remove() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(remove_stale(&dir.path().join("gone")), 0);
    }
}
