//! The desktop shell's attack surface, read from its files: the web view's
//! Content Security Policy forbids inline script and remote origins; the
//! window's capability grants exactly the commands the UI calls, each of
//! them listed in `build.rs` and registered in `lib.rs`, and no plugin but
//! events, closing the window and the save/open dialogs (no shell, HTTP or
//! file system). The lists are compared with each other, never hard-coded,
//! so a command added in one place and forgotten in another fails here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_owned()
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).expect(relative)
}

fn config() -> Value {
    serde_json::from_str(&read("tauri.conf.json")).expect("tauri.conf.json is JSON")
}

/// The main window's capability's permissions.
fn permissions() -> Vec<String> {
    let config = config();
    let capabilities = config["app"]["security"]["capabilities"]
        .as_array()
        .expect("capabilities inline in tauri.conf.json");
    assert_eq!(capabilities.len(), 1, "one capability, for the main window");
    capabilities[0]["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission's name").to_owned())
        .collect()
}

/// The app's own commands the capability grants (`allow-list-cases` → `list_cases`).
fn granted() -> BTreeSet<String> {
    permissions()
        .iter()
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{p}: only allow- permissions"))
                .replace('-', "_")
        })
        .collect()
}

/// The quoted names inside `.commands(&[ … ])` in build.rs.
fn built() -> BTreeSet<String> {
    let source = read("src-tauri/build.rs");
    let start = source.find(".commands(&[").expect(".commands in build.rs");
    let list = &source[start..];
    let list = &list[..list.find("])").expect("end of the list")];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The last path segment of each entry of `generate_handler![ … ]` in lib.rs.
fn handled() -> BTreeSet<String> {
    let source = read("src-tauri/src/lib.rs");
    let start = source
        .find("generate_handler![")
        .expect("generate_handler! in lib.rs");
    let list = &source[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').expect("end of the list")];
    list.split(',')
        .map(|entry| entry.trim())
        .filter(|entry| !entry.is_empty() && !entry.starts_with("//"))
        .map(|entry| entry.rsplit("::").next().unwrap_or(entry).to_owned())
        .collect()
}

/// Every UI source file that is not a test.
fn ui_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("ui/src").flatten() {
        let path = entry.path();
        let name = path.to_string_lossy();
        if path.is_dir() {
            if !name.ends_with("bindings") {
                ui_sources(&path, out);
            }
        } else if (name.ends_with(".ts") || name.ends_with(".svelte")) && !name.contains(".test.") {
            out.push(path);
        }
    }
}

/// The command names the UI calls: `call("x", …)`, `call<T>("x", …)`,
/// `invoke("x", …)` and `invoke<T>("x", …)`.
fn called(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for keyword in ["call", "invoke"] {
        for (at, _) in source.match_indices(keyword) {
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let mut rest = &source[at + keyword.len()..];
            if rest.starts_with('<') {
                // Skip the type argument, which may nest (`Array<Case>`).
                let mut depth = 0;
                let mut end = None;
                for (i, c) in rest.char_indices() {
                    match c {
                        '<' => depth += 1,
                        '>' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(i + 1);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else { continue };
                rest = &rest[end..];
            }
            let Some(rest) = rest.strip_prefix('(') else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            if let Some(name) = rest.split('"').next() {
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    found.push(name.to_owned());
                }
            }
        }
    }
    found
}

fn ui_calls() -> BTreeSet<String> {
    let mut files = Vec::new();
    ui_sources(&root().join("ui/src"), &mut files);
    files
        .iter()
        .flat_map(|f| called(&std::fs::read_to_string(f).expect("a UI file")))
        .collect()
}

fn difference(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Vec<String> {
    a.difference(b).cloned().collect()
}

#[test]
fn every_command_is_granted_built_registered_and_used_and_nothing_else() {
    let (granted, built, handled, used) = (granted(), built(), handled(), ui_calls());
    assert!(
        !granted.is_empty() && !used.is_empty(),
        "the lists were read"
    );
    assert_eq!(
        difference(&granted, &built),
        Vec::<String>::new(),
        "granted in tauri.conf.json but not listed in build.rs"
    );
    assert_eq!(
        difference(&built, &granted),
        Vec::<String>::new(),
        "listed in build.rs but not granted in tauri.conf.json"
    );
    assert_eq!(
        difference(&built, &handled),
        Vec::<String>::new(),
        "listed in build.rs but not in generate_handler! in lib.rs"
    );
    assert_eq!(
        difference(&handled, &built),
        Vec::<String>::new(),
        "in generate_handler! in lib.rs but not listed in build.rs"
    );
    assert_eq!(
        difference(&granted, &used),
        Vec::<String>::new(),
        "granted to the window but never called by the UI: remove the grant (and the command)"
    );
    assert_eq!(
        difference(&used, &granted),
        Vec::<String>::new(),
        "called by the UI but not granted to the window"
    );
}

#[test]
fn the_window_gets_no_shell_http_or_file_system_plugin() {
    // Events (the close request), closing the window, and the native save
    // and open dialogs: the core reads and writes every file itself.
    let allowed = [
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "core:window:allow-destroy",
        "dialog:allow-save",
        "dialog:allow-open",
    ];
    for permission in permissions().iter().filter(|p| p.contains(':')) {
        assert!(
            allowed.contains(&permission.as_str()),
            "{permission} is granted to the window; only {allowed:?} may be"
        );
    }
    let manifest = read("Cargo.toml");
    for plugin in ["tauri-plugin-shell", "tauri-plugin-http", "tauri-plugin-fs"] {
        assert!(!manifest.contains(plugin), "{plugin} is a dependency");
    }
    let package = read("ui/package.json");
    for plugin in ["plugin-shell", "plugin-http", "plugin-fs"] {
        assert!(!package.contains(plugin), "{plugin} is in ui/package.json");
    }
    let config = config();
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
    assert!(
        config
            .get("plugins")
            .is_none_or(|p| p.get("shell").is_none()),
        "no shell plugin configuration"
    );
}

#[test]
fn the_csp_forbids_inline_script_and_remote_origins() {
    let config = config();
    let security = &config["app"]["security"];
    let csp = security["csp"].as_str().expect("a CSP string");
    assert!(
        security
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri must add its nonces and hashes to the CSP"
    );
    let directives: Vec<(String, Vec<String>)> = csp
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect();
    let sources = |name: &str| {
        directives
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
    };
    let default = sources("default-src").expect("a default-src");
    assert_eq!(
        default,
        ["'self'"],
        "everything not named comes from the app only"
    );
    let script = sources("script-src").unwrap_or(default.clone());
    assert_eq!(script, ["'self'"], "scripts only from the app's own files");
    assert_eq!(
        sources("object-src").as_deref(),
        Some(&["'none'".to_owned()][..])
    );
    assert_eq!(
        sources("base-uri").as_deref(),
        Some(&["'none'".to_owned()][..])
    );
    for (name, list) in &directives {
        for source in list {
            let ok = match source.as_str() {
                "'self'" | "'none'" => true,
                // Inline images (the GOV.UK assets) are data, not code.
                "data:" => name == "img-src" || name == "font-src",
                // Tauri's IPC, on Linux through its own scheme or localhost.
                "ipc:" | "http://ipc.localhost" => name == "connect-src",
                _ => false,
            };
            assert!(
                ok,
                "{name} allows {source}: no inline script, eval, wildcard or remote origin"
            );
        }
    }
}
