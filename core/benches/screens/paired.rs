//! Core and raw timed alternately, pair by pair, so both sides of a ratio see
//! the same machine: on a shared virtual machine whose speed drifts, timing
//! all of one side and then all of the other can move a ratio several-fold.

use std::time::{Duration, Instant};

use crate::Screen;

/// Pairs per screen: at least this many …
const MIN_PAIRS: usize = 9;
/// … and more while the screen has had less than this long.
const BUDGET: Duration = Duration::from_secs(6);
const MAX_PAIRS: usize = 101;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn time(f: &dyn Fn()) -> f64 {
    let started = Instant::now();
    f();
    started.elapsed().as_secs_f64()
}

/// Prints, per screen, the median core and raw times and the median of the
/// pairs' ratios, as a Markdown table.
pub fn report(screens: &[Screen<'_>]) {
    println!("\nPaired run (core and raw alternately; medians):\n");
    println!("| screen | pairs | core | raw SQL | core / raw |");
    println!("|---|---:|---:|---:|---:|");
    for screen in screens {
        // Warm both sides' caches first.
        (screen.core)();
        (screen.raw)();
        let started = Instant::now();
        let (mut core, mut raw, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        while core.len() < MIN_PAIRS || (started.elapsed() < BUDGET && core.len() < MAX_PAIRS) {
            // Alternate which side goes first, so neither always follows the other.
            let (c, r) = if core.len() % 2 == 0 {
                let c = time(&*screen.core);
                (c, time(&*screen.raw))
            } else {
                let r = time(&*screen.raw);
                (time(&*screen.core), r)
            };
            core.push(c);
            raw.push(r);
            ratios.push(c / r);
        }
        println!(
            "| {} | {} | {} | {} | {:.2}× |",
            screen.name,
            core.len(),
            shown(median(&mut core)),
            shown(median(&mut raw)),
            median(&mut ratios)
        );
    }
}

fn shown(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.1} µs", seconds * 1e6)
    }
}
