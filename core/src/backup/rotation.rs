//! Which automatic backups to keep: the newest backup of each of the last few
//! days that have one, and of each of the last few weeks, like restic's
//! `--keep-daily` / `--keep-weekly`. A pure function over dates, so the policy
//! is tested without touching a disk.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, IsoWeek, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many automatic backups to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rotation {
    /// The newest backup of each of this many most recent days with one.
    pub keep_daily: u32,
    /// The newest backup of each of this many most recent weeks with one.
    pub keep_weekly: u32,
}

impl Default for Rotation {
    /// A week of daily backups and a month of weekly ones.
    fn default() -> Self {
        Self {
            keep_daily: 7,
            keep_weekly: 4,
        }
    }
}

/// The indexes into `taken` (when each backup was made, in any order) of the
/// backups to keep; every other one may be deleted. The newest backup is
/// always kept, whatever the policy says, so rotation can never leave none.
pub fn keep(taken: &[DateTime<Utc>], rotation: Rotation) -> BTreeSet<usize> {
    let mut newest_first: Vec<usize> = (0..taken.len()).collect();
    newest_first.sort_by(|a, b| taken[*b].cmp(&taken[*a]));
    let mut kept = BTreeSet::new();
    if let Some(newest) = newest_first.first() {
        kept.insert(*newest);
    }
    kept.extend(newest_in_each(
        &newest_first,
        |i| taken[i].date_naive(),
        rotation.keep_daily,
    ));
    kept.extend(newest_in_each(
        &newest_first,
        |i| week(taken[i].date_naive()),
        rotation.keep_weekly,
    ));
    kept
}

fn week(day: NaiveDate) -> IsoWeek {
    day.iso_week()
}

/// Walking newest first, the first backup seen in each of the first `limit`
/// distinct periods (days or weeks) is that period's newest.
fn newest_in_each<P: PartialEq>(
    newest_first: &[usize],
    period: impl Fn(usize) -> P,
    limit: u32,
) -> Vec<usize> {
    let mut chosen = Vec::new();
    let mut last: Option<P> = None;
    for &i in newest_first {
        if chosen.len() >= limit as usize {
            break;
        }
        let p = period(i);
        if last.as_ref() != Some(&p) {
            chosen.push(i);
            last = Some(p);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        // June 2025: the 2nd is a Monday, so weeks run 2–8, 9–15, 16–22...
        Utc.with_ymd_and_hms(2025, 6, day, hour, 0, 0)
            .single()
            .expect("valid time")
    }

    #[test]
    fn nothing_to_keep_from_nothing() {
        assert!(keep(&[], Rotation::default()).is_empty());
    }

    #[test]
    fn several_backups_a_day_keep_only_the_newest_of_each_day() {
        let taken = [at(4, 9), at(4, 17), at(5, 9), at(5, 12), at(5, 18)];
        let kept = keep(&taken, Rotation::default());
        assert_eq!(
            kept,
            BTreeSet::from([1, 4]),
            "17:00 on the 4th, 18:00 on the 5th"
        );
    }

    #[test]
    fn forty_days_of_daily_backups_keep_seven_days_and_four_weeks() {
        let start = at(1, 12);
        let taken: Vec<_> = (0..40).map(|d| start + Duration::days(d)).collect();
        let kept = keep(&taken, Rotation::default());
        let days: Vec<String> = kept
            .iter()
            .map(|i| taken[*i].format("%d %b").to_string())
            .collect();
        // The last 7 days (4–10 July), plus the newest of the 4 newest weeks:
        // Thu 10 July's week is already in; Sun 6 July, Sun 29 June, Sun 22 June.
        assert_eq!(
            days,
            [
                "22 Jun", "29 Jun", "04 Jul", "05 Jul", "06 Jul", "07 Jul", "08 Jul", "09 Jul",
                "10 Jul"
            ]
        );
    }

    #[test]
    fn order_of_input_does_not_matter() {
        let taken = [at(20, 9), at(3, 9), at(12, 9), at(20, 8)];
        let kept = keep(
            &taken,
            Rotation {
                keep_daily: 1,
                keep_weekly: 3,
            },
        );
        assert_eq!(
            kept,
            BTreeSet::from([0, 1, 2]),
            "the newest of each of three weeks"
        );
    }

    #[test]
    fn the_newest_is_kept_even_when_the_policy_keeps_nothing() {
        let taken = [at(3, 9), at(4, 9)];
        let kept = keep(
            &taken,
            Rotation {
                keep_daily: 0,
                keep_weekly: 0,
            },
        );
        assert_eq!(kept, BTreeSet::from([1]));
    }
}
