//! A sandbox for running `casereview` against real encrypted registers: its own
//! home, data, config and state folders, so tests never touch a real register.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub const PASSPHRASE: &str = "amber kettle ferry lantern";

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn create() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The explicit register file most tests use.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("register.casereview")
    }

    /// `casereview` in this sandbox, with the passphrase in the environment and
    /// "today" fixed at 1 July 2025.
    pub fn cmd(&self) -> Command {
        self.cmd_at("2025-07-01")
    }

    /// `casereview --db <sandbox register> --today <today>`, for tests whose
    /// dates must follow the real clock.
    pub fn at(&self, today: &str) -> Command {
        let mut cmd = self.cmd_at(today);
        cmd.arg("--db").arg(self.db());
        cmd
    }

    fn cmd_at(&self, today: &str) -> Command {
        let mut cmd = Command::cargo_bin("casereview").expect("binary built");
        let root = self.dir.path();
        cmd.env_clear()
            .env("HOME", root.join("home"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("CASEREVIEW_PASSPHRASE", PASSPHRASE)
            .args(["--today", today]);
        cmd
    }

    /// `casereview --db <sandbox register> ARGS…`
    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().arg("--db").arg(self.db()).args(args).assert()
    }

    /// `case new --code CODE --kind child --referred 2025-06-04 MORE…`: the
    /// child case a test starts from, with any further fields in `more`.
    pub fn new_case(&self, code: &str, more: &[&str]) -> assert_cmd::assert::Assert {
        let mut args = vec![
            "case",
            "new",
            "--code",
            code,
            "--kind",
            "child",
            "--referred",
            "2025-06-04",
        ];
        args.extend_from_slice(more);
        self.run(&args)
    }

    pub fn init(&self) {
        self.run(&["init", "--user", "Subgroup chair"]).success();
    }

    /// The register's cases as JSON values.
    pub fn cases(&self) -> Vec<serde_json::Value> {
        let out = self
            .run(&["cases", "--json"])
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).expect("cases --json is JSON")
    }

    /// How many changes the log holds: proof that a refused command wrote nothing.
    pub fn change_count(&self) -> i64 {
        let out = self
            .run(&["check", "--json"])
            .success()
            .get_output()
            .stdout
            .clone();
        let report: serde_json::Value = serde_json::from_slice(&out).expect("check --json is JSON");
        report["changes"].as_i64().expect("changes count")
    }

    pub fn log_dir(&self) -> PathBuf {
        self.dir.path().join("state/case-review-manager/logs")
    }
}

/// Everything under `dir`, concatenated as text.
pub fn read_all(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).expect("log dir exists").flatten() {
        text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    text
}
