//! Tauri's build step: embeds tauri.conf.json and the page in dist/.
fn main() {
    tauri_build::build()
}
