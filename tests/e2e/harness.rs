//! Drives the built app in a real window: starts `tauri-driver` (which starts
//! WebKitWebDriver, which starts the app) with a private home folder, opens a
//! WebDriver session through fantoccini, and saves screenshots.
//!
//! Nothing here skips: without a display, tauri-driver or WebKitWebDriver the
//! test fails and says what is missing.

use std::future::Future;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::{CmdError, NewSessionError};
use fantoccini::{Client, ClientBuilder, Locator};

pub const PASSPHRASE: &str = "amber kettle ferry lantern";
const WAIT: Duration = Duration::from_secs(30);

/// One app at a time: each test owns the window and the driver's ports.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A private machine for one test: the app's data, config and logs live here.
pub struct Home {
    pub dir: tempfile::TempDir,
    /// More environment for the app (debug-only routes such as the file
    /// the "Open" dialog answers with).
    pub app_env: Vec<(&'static str, PathBuf)>,
}

impl Home {
    pub fn create() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp home"),
            app_env: Vec::new(),
        }
    }

    /// Creates a register at the default location through the core, for a
    /// test that starts from an existing register (the unlock screen).
    pub fn seed_register(&self) -> casereview_core::Register {
        let path = self.default_register();
        casereview_core::Register::create(&casereview_core::CreateRegisterInput {
            path: path.display().to_string(),
            user_name: "Business officer".into(),
            passphrase: PASSPHRASE.into(),
            confirm: PASSPHRASE.into(),
        })
        .expect("seed register")
    }

    /// A register at the default location holding one fictional case,
    /// "Case AK" (a child, referred by the police on 4 June 2025), closed
    /// again so the app can open it.
    pub fn seed_register_with_one_case(&self) {
        let mut register = self.seed_register();
        let input = casereview_core::CaseInput {
            code: "Case AK".into(),
            kind: "child".into(),
            referred_on: casereview_core::DateInput::from_iso("2025-06-04").expect("date"),
            referrer: "Police".into(),
            summary: "Fictional".into(),
        };
        register
            .create_case(&input, casereview_core::dates::today())
            .expect("seed case");
    }

    /// Where the app keeps its register by default under this home.
    pub fn default_register(&self) -> PathBuf {
        self.dir
            .path()
            .join("data/case-review-manager/register.casereview")
    }

    fn env(&self) -> [(&'static str, PathBuf); 4] {
        let root = self.dir.path();
        [
            ("HOME", root.join("home")),
            ("XDG_DATA_HOME", root.join("data")),
            ("XDG_CONFIG_HOME", root.join("config")),
            ("XDG_STATE_HOME", root.join("state")),
        ]
    }
}

/// The running driver; a new [`Client`] session is a new app process.
pub struct Driver {
    child: Child,
    port: u16,
    test: String,
    shots: usize,
    _turn: MutexGuard<'static, ()>,
}

impl Driver {
    /// Starts tauri-driver for the test named `test`, with `home` as the app's home.
    pub fn start(test: &str, home: &Home) -> Self {
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "no display: run the end-to-end tests through scripts/test.sh, which starts Xvfb"
        );
        let port = 4444;
        let mut command = Command::new(tauri_driver());
        command
            .args(["--port", &port.to_string(), "--native-port", "4445"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in home.env() {
            std::fs::create_dir_all(&value).expect("home folder");
            command.env(key, value);
        }
        for (key, value) in &home.app_env {
            command.env(key, value);
        }
        let child = command.spawn().unwrap_or_else(|e| {
            panic!("could not start tauri-driver ({e}); scripts/test.sh installs it")
        });
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < WAIT,
                "tauri-driver did not open port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Self {
            child,
            port,
            test: test.to_owned(),
            shots: 0,
            _turn: turn,
        }
    }

    /// Starts the app in a new window and waits for its first screen.
    pub async fn launch(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": env!("CARGO_BIN_EXE_case-review-manager") }),
        );
        let url = format!("http://127.0.0.1:{}", self.port);
        // tauri-driver now and then drops the connection before the request
        // is sent (seen in CI: "did not respond … SendRequest"): only such a
        // transport failure is asked again, a few times. A session the
        // driver refuses, or a window that never shows, still fails.
        let mut attempt = 1;
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(
                    e @ (NewSessionError::Failed(_)
                    | NewSessionError::FailedC(_)
                    | NewSessionError::Lost(_)),
                ) if attempt < 3 => {
                    eprintln!("the driver dropped the new session ({e}); asking again");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("the app window did not start: {e}"),
            }
        };
        wait_for(&client, "h1").await;
        client
    }

    /// Saves a screenshot of the window as target/e2e-screenshots/<test>-<n>-<step>.png.
    pub async fn screenshot(&mut self, client: &Client, step: &str) {
        self.shots += 1;
        let png = client.screenshot().await.expect("screenshot");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        let file = dir.join(format!("{}-{:02}-{step}.png", self.test, self.shots));
        std::fs::write(&file, png).expect("write screenshot");
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver too; a hard kill
        // would leave it holding the native port for the next test.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match in_cargo_home {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots")
}

/// Waits for the first element matching `css`.
pub async fn wait_for(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css} appeared: {e}"))
}

/// Waits until the page's h1 reads `text`.
pub async fn wait_for_heading(client: &Client, text: &str) {
    let started = Instant::now();
    loop {
        if let Ok(h1) = client.find(Locator::Css("h1")).await {
            if h1.text().await.map(|t| t.trim() == text).unwrap_or(false) {
                return;
            }
        }
        if started.elapsed() > WAIT {
            let seen = match client.find(Locator::Css("h1")).await {
                Ok(h1) => h1.text().await.unwrap_or_default(),
                Err(_) => String::from("(no h1)"),
            };
            let problem = match client.find(Locator::Css(".govuk-error-summary")).await {
                Ok(summary) => summary.text().await.unwrap_or_default(),
                Err(_) => String::from("(no error summary)"),
            };
            panic!("heading {text:?} never appeared; the page shows {seen:?} and {problem:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the first element matching `css` shows `needle` in its text.
pub async fn wait_for_text(client: &Client, css: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        let text = text_of(client, css).await;
        if text.contains(needle) {
            return text;
        }
        assert!(
            started.elapsed() < WAIT,
            "{css} never showed {needle:?}; it shows {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clears the field `css` and types `text` into it.
pub async fn fill(client: &Client, css: &str, text: &str) {
    let field = wait_for(client, css).await;
    field.clear().await.expect("clear field");
    if !text.is_empty() {
        field.send_keys(text).await.expect("type");
    }
}

/// Does `act` to the first element matching `css`. The screens re-render as
/// answers arrive, so the element found can be replaced before `act` reaches
/// it; it is then found again rather than failing on a node that no longer
/// exists. `what` names the act for the failure message.
async fn on_element<T, F, Fut>(client: &Client, css: &str, what: &str, act: F) -> T
where
    F: Fn(Element) -> Fut,
    Fut: Future<Output = Result<T, CmdError>>,
{
    let started = Instant::now();
    loop {
        match act(wait_for(client, css).await).await {
            Ok(done) => return done,
            Err(e) if e.is_stale_element_reference() && started.elapsed() < WAIT => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("{what} of {css} failed: {e}"),
        }
    }
}

pub async fn click(client: &Client, css: &str) {
    on_element(client, css, "a click", |e| async move { e.click().await }).await;
}

/// The visible text of the first element matching `css`.
pub async fn text_of(client: &Client, css: &str) -> String {
    on_element(client, css, "reading the text", |e| async move {
        e.text().await
    })
    .await
    .trim()
    .to_owned()
}

/// The attribute `name` of the first element matching `css`.
pub async fn attr_of(client: &Client, css: &str, name: &str) -> Option<String> {
    on_element(client, css, "reading an attribute", |e| async move {
        e.attr(name).await
    })
    .await
}

/// How many elements match `css` right now.
pub async fn count(client: &Client, css: &str) -> usize {
    client
        .find_all(Locator::Css(css))
        .await
        .map(|e| e.len())
        .unwrap_or(0)
}
