//! Tauri's build step, with a permission generated for each of the app's own
//! commands so the window's capability can grant exactly those and nothing else.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "passphrase_strength",
        "create_register",
        "unlock",
        "lock",
        "list_cases",
        "get_case",
        "create_case",
        "update_case",
        "load_demo",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri build step failed: {error:#}");
    }
}
