use super::*;

#[test]
fn the_demo_register_fills_every_panel() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let mut reg = Register::in_memory("Chair").expect("register");
    crate::demo::load(&mut reg, today).expect("demo");
    let board = reg.dashboard(today).expect("dashboard");
    assert!(
        !board.due_soon.is_empty(),
        "Child Q's SIN and Child S's Rapid Review are due"
    );
    assert!(!board.overdue.is_empty());
    assert!(board.rapid_reviews.iter().any(|d| d.case_code == "Child S"));
    assert!(board
        .past_target
        .iter()
        .any(|p| p.deadline.case_code == "Child V"));
    assert_eq!(board.by_stage.len(), Stage::ALL.len());
    assert_eq!(board.by_stage.iter().map(|s| s.count).sum::<u32>(), 12);
    let late = board
        .overdue
        .iter()
        .map(|d| d.deadline.working_days_late)
        .collect::<Vec<_>>();
    assert!(
        late.windows(2).all(|w| w[0] >= w[1]),
        "most overdue first: {late:?}"
    );
}

/// The dashboard as it was read before `open_clocks`: every case and every
/// step in full, and one query for each review past its target. Kept to
/// prove the lean reading shows the same.
fn dashboard_reading_everything(reg: &Register, today: NaiveDate) -> Dashboard {
    let cases = reg.list_cases().expect("cases");
    let open = reg.open_deadlines_of(&cases, today).expect("clocks");
    let stages: Vec<Stage> = cases.iter().map(|c| c.stage).collect();
    assemble(&stages, &open, |d| {
        reg.publication_delay_reason(&d.case_id.to_string())
    })
    .expect("dashboard")
}

#[test]
fn the_demo_dashboard_is_what_reading_every_case_in_full_gives() {
    let loaded = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let mut reg = Register::in_memory("Chair").expect("register");
    crate::demo::load(&mut reg, loaded).expect("demo");
    // Before, on and long after the day the demo was loaded for.
    for days in [-200, 0, 15, 400] {
        let today = loaded + chrono::Duration::days(days);
        let board = reg.dashboard(today).expect("dashboard");
        assert_eq!(board, dashboard_reading_everything(&reg, today), "{today}");
    }
    let board = reg.dashboard(loaded).expect("dashboard");
    assert!(
        board.past_target.iter().any(|p| p.reason.is_some()),
        "a held-back publication shows its reason: {:?}",
        board.past_target
    );
}

#[test]
fn a_generated_dashboard_is_what_reading_every_case_in_full_gives() {
    use crate::synthetic::{generated_in_memory, SyntheticSize};
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let reg = generated_in_memory(SyntheticSize {
        cases: 120,
        actions_per_case: 2,
        quarters: 4,
        seed: 5,
    });
    // Over a few months, so that every panel has something on some day.
    let mut filled = [0; 5];
    for days_before in [0, 20, 45, 90, 180] {
        let on = today - chrono::Duration::days(days_before);
        let board = reg.dashboard(on).expect("dashboard");
        assert_eq!(board, dashboard_reading_everything(&reg, on), "{on}");
        let with_reason = board.past_target.iter().filter(|p| p.reason.is_some());
        for (count, shown) in filled.iter_mut().zip([
            board.due_soon.len(),
            board.overdue.len(),
            board.rapid_reviews.len(),
            board.past_target.len(),
            with_reason.count(),
        ]) {
            *count += shown;
        }
    }
    // Every generated Rapid Review has been sent to the Panel (the demo
    // register has one in flight).
    let [due_soon, overdue, _, past_target, with_reason] = filled;
    assert!(
        [due_soon, overdue, past_target, with_reason]
            .iter()
            .all(|n| *n > 0),
        "due soon, overdue, rapid reviews, past target, with a reason: {filled:?}"
    );
}
