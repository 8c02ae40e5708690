//! Logging to a daily-rotated file in the OS log folder. What is logged is
//! what happened (ids, counts, versions), never case content or passphrases.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

use crate::error::{Error, Result};

/// How many daily files are kept.
const KEEP_FILES: usize = 14;

/// Starts logging to `<dir>/<component>.<date>.log`. Keep the returned guard
/// alive for the life of the program: dropping it flushes the log. The level
/// comes from `CASEREVIEW_LOG` (default `info`).
pub fn init(dir: &Path, component: &str) -> Result<WorkerGuard> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(component)
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(dir)
        .map_err(|e| Error::Internal(format!("could not open the log file: {e}")))?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_env("CASEREVIEW_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init (tests, or an embedding app that set its own) is harmless.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    Ok(guard)
}
