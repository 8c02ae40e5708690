//! A bare Tauri v2 window: the baseline the app's cold start is measured
//! against (bench/cold-start.sh). No commands, no plugins, no state.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the bare window failed: {error}");
        std::process::exit(1);
    }
}
