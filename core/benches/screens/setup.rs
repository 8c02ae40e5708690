//! The register the benchmarks read: a synthetic one generated once per run
//! into a temporary file ("medium" by default; CASEREVIEW_BENCH_SIZE=large for
//! the reference size), or an existing one named by CASEREVIEW_BENCH_DB.

use std::path::PathBuf;
use std::time::Instant;

use casereview_core::synthetic::{self, SyntheticSize};
use casereview_core::{CreateRegisterInput, Register};
use chrono::NaiveDate;
use rusqlite::Connection;

/// The passphrase of a generated register (and the default for an existing one).
pub const PASSPHRASE: &str = "amber kettle ferry lantern";

/// "Today" for every benchmark, as `bench/large.sh` generates with it.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date")
}

/// The register file, kept alive for the run.
pub struct Fixture {
    pub path: PathBuf,
    pub passphrase: String,
    _dir: Option<tempfile::TempDir>,
}

impl Fixture {
    pub fn new() -> Self {
        if let Ok(path) = std::env::var("CASEREVIEW_BENCH_DB") {
            let passphrase =
                std::env::var("CASEREVIEW_PASSPHRASE").unwrap_or_else(|_| PASSPHRASE.to_owned());
            return Self {
                path: PathBuf::from(path),
                passphrase,
                _dir: None,
            };
        }
        let size = match std::env::var("CASEREVIEW_BENCH_SIZE").as_deref() {
            Ok("large") => SyntheticSize::LARGE,
            _ => SyntheticSize::MEDIUM,
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bench.casereview");
        let mut register = Register::create(&CreateRegisterInput {
            path: path.display().to_string(),
            user_name: "Benchmark".into(),
            passphrase: PASSPHRASE.into(),
            confirm: PASSPHRASE.into(),
        })
        .expect("register");
        let started = Instant::now();
        let report = synthetic::generate(&mut register, &size, today()).expect("generated");
        eprintln!(
            "generated {} cases, {} actions, {} quarterly updates in {:.1} s",
            report.cases,
            report.actions,
            report.quarter_updates,
            started.elapsed().as_secs_f64()
        );
        Self {
            path,
            passphrase: PASSPHRASE.into(),
            _dir: Some(dir),
        }
    }

    /// The register as the app opens it.
    pub fn register(&self) -> Register {
        Register::open(&self.path, &self.passphrase).expect("opens")
    }

    /// A plain rusqlite connection on the same file with the same key and page
    /// cache size: what "raw SQL" runs on.
    pub fn raw(&self) -> Connection {
        let conn = Connection::open(&self.path).expect("opens");
        conn.pragma_update(None, "key", &self.passphrase)
            .expect("key");
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("keyed");
        // The page cache the core's connection has (store.rs), so the ratio
        // measures the core's code, not a different setting.
        conn.pragma_update(None, "cache_size", -64 * 1024)
            .expect("cache size");
        conn
    }
}
