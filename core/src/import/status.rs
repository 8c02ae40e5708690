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

/// Whether `phrase` occurs in `text` as whole words: some occurrence
/// starts the text or follows a space, and ends it or precedes one. (As
/// `" {text} "` containing `" {phrase} "`, without building both strings
/// for each of the thirty phrases every status cell is tried against.)
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Overlapping occurrences are tried too: "a a" in "xa a a" is found at 3.
    while let Some(found) = text.get(from..).and_then(|rest| rest.find(phrase)) {
        let start = from + found;
        let end = start + phrase.len();
        if (start == 0 || bytes[start - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ') {
            return true;
        }
        // The next character boundary after `start`.
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
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

    #[test]
    fn phrases_are_found_as_padding_both_with_spaces_found_them() {
        let before =
            |text: &str, phrase: &str| format!(" {text} ").contains(&format!(" {phrase} "));
        let texts = [
            "",
            "on hold",
            "put on hold",
            "on holder",
            "moon hold",
            "xa a a",
            "a a",
            "a",
            "complete and embedded",
            "incomplete",
            "délayed – on going",
            "on going",
        ];
        for text in texts {
            for phrase in [
                "on hold", "a a", "a", "complete", "on going", "embedded", "é",
            ] {
                assert_eq!(
                    contains_phrase(text, phrase),
                    before(text, phrase),
                    "{phrase:?} in {text:?}"
                );
            }
        }
    }
}
