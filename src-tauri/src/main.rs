//! The Case Review Manager desktop app's entry point.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Before any thread starts: it sets an environment variable.
    case_review_manager::compositing::choose();
    case_review_manager::run();
}
