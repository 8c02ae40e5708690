//! Action statuses as trackers word them, read into the app's statuses. The
//! app's rules decide what a status needs (evidence, a reason, sign-off);
//! this only says what the tracker meant.

/// What a tracker's status cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusWord {
    Blank,
    NotStarted,
    InProgress,
    /// "Complete", "Done", "Closed": complete, impact not yet shown.
    Complete,
    /// "Complete and embedded", "Embedded".
    Embedded,
    /// "Paused", "On hold".
    Paused,
    Superseded,
    /// Words the importer does not know.
    Unknown,
}

/// Reads a status cell.
pub fn from_word(text: &str) -> StatusWord {
    let lower = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let has = |phrases: &[&str]| phrases.iter().any(|p| contains_phrase(&lower, p));
    if lower.is_empty() {
        StatusWord::Blank
    } else if has(&[
        "not started",
        "not yet started",
        "not begun",
        "yet to start",
    ]) {
        StatusWord::NotStarted
    } else if has(&["embedded"]) {
        StatusWord::Embedded
    } else if has(&["superseded", "replaced by"]) {
        StatusWord::Superseded
    } else if has(&["paused", "on hold", "suspended"]) {
        StatusWord::Paused
    } else if has(&[
        "complete",
        "completed",
        "done",
        "closed",
        "achieved",
        "finished",
        "implemented",
    ]) {
        StatusWord::Complete
    } else if has(&[
        "in progress",
        "ongoing",
        "on going",
        "on track",
        "started",
        "underway",
        "under way",
        "open",
        "progressing",
        "delayed",
        "behind",
        "overdue",
        "at risk",
        "partially",
    ]) {
        StatusWord::InProgress
    } else {
        StatusWord::Unknown
    }
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {phrase} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_words() {
        for (text, status) in [
            ("", StatusWord::Blank),
            ("Not started", StatusWord::NotStarted),
            ("In progress", StatusWord::InProgress),
            ("In Progress - on track", StatusWord::InProgress),
            ("Ongoing", StatusWord::InProgress),
            ("Complete", StatusWord::Complete),
            ("Completed", StatusWord::Complete),
            ("Closed", StatusWord::Complete),
            (
                "Complete – awaiting evidence of impact",
                StatusWord::Complete,
            ),
            ("Complete and embedded", StatusWord::Embedded),
            ("On hold", StatusWord::Paused),
            ("Superseded", StatusWord::Superseded),
            ("Incomplete?", StatusWord::Unknown),
            ("Green", StatusWord::Unknown),
        ] {
            assert_eq!(from_word(text), status, "{text}");
        }
    }
}
