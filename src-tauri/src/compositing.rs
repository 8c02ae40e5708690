//! Whether WebKitGTK composites the window's page with OpenGL, chosen before
//! the window is made (Linux only).
//!
//! WebKitGTK composites with OpenGL whatever the machine. Where there is
//! no graphics device to do it (a virtual desktop or remote session, as
//! many partnerships' staff work on, or a machine without a GPU driver),
//! Mesa emulates OpenGL in software, and every frame costs tens of
//! milliseconds. On the large register the tracker's first rows took 35–75
//! ms to paint once they were in the page, against 8–15 ms drawn without
//! compositing; its first visit 90.5 ms at the median against 59, and it
//! scrolled at 38 frames a second against 60 (issue 7; BENCHMARKS.md,
//! eleventh slice). So where the machine has no DRI render node (the
//! device through which programs draw on a GPU), the app turns compositing
//! off, as `WEBKIT_DISABLE_COMPOSITING_MODE=1` does.
//!
//! Someone who has set that variable themselves is followed either way
//! ("0" keeps compositing on): for a machine that has a render node but
//! draws wrongly with it, or one that draws well without.

use std::ffi::OsStr;
use std::path::Path;

/// WebKitGTK's own switch: set and not "0", compositing is off.
const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where Linux lists its graphics devices.
const DEVICES: &str = "/dev/dri";

/// Turns compositing off where it would be done in software, unless the
/// user has chosen. Called first thing in `main`, before any thread starts:
/// changing the environment is not safe while another thread reads it.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    if let Some(value) = switch_to_set(std::env::var_os(SWITCH).as_deref(), Path::new(DEVICES)) {
        std::env::set_var(SWITCH, value);
    }
}

/// What to set WebKit's switch to, given its value now and the graphics
/// devices: nothing when the user has set it, or when there is a GPU.
fn switch_to_set(now: Option<&OsStr>, devices: &Path) -> Option<&'static str> {
    (now.is_none() && !has_render_node(devices)).then_some("1")
}

/// Whether compositing is off, by the app's choice or the user's (for the log).
pub fn turned_off() -> bool {
    std::env::var_os(SWITCH).is_some_and(|v| v != "0")
}

/// Whether `devices` holds a render node (`renderD128`, …): a GPU that
/// programs can draw with. A display-only device (`card0` alone, as a
/// firmware frame buffer has) does not count.
fn has_render_node(devices: &Path) -> bool {
    std::fs::read_dir(devices).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_is_a_gpu_to_draw_with() {
        let devices = tempfile::tempdir().expect("temp dir");
        std::fs::write(devices.path().join("card0"), b"").expect("card");
        assert!(!has_render_node(devices.path()), "a display-only device");
        std::fs::write(devices.path().join("renderD128"), b"").expect("render node");
        assert!(has_render_node(devices.path()));
    }

    #[test]
    fn no_device_folder_is_no_gpu() {
        let devices = tempfile::tempdir().expect("temp dir");
        assert!(!has_render_node(&devices.path().join("dri")));
    }

    #[test]
    fn compositing_goes_off_without_a_gpu_unless_the_user_has_chosen() {
        let without = tempfile::tempdir().expect("temp dir");
        let with = tempfile::tempdir().expect("temp dir");
        std::fs::write(with.path().join("renderD128"), b"").expect("render node");
        assert_eq!(switch_to_set(None, without.path()), Some("1"));
        assert_eq!(switch_to_set(None, with.path()), None, "a GPU composites");
        for chosen in ["0", "1"] {
            let chosen = OsStr::new(chosen);
            assert_eq!(
                switch_to_set(Some(chosen), without.path()),
                None,
                "{chosen:?} is followed"
            );
            assert_eq!(
                switch_to_set(Some(chosen), with.path()),
                None,
                "{chosen:?} is followed"
            );
        }
    }
}
