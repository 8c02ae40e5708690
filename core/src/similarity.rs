//! How alike two pieces of action text are, so the app can say "this looks
//! like 23/24-07 from Case AJ" before the same action is written again.
//!
//! The score (0 to 1) is the mean of two measures on the texts' content words
//! (lower-cased, common words dropped, plural and -ing/-ed endings trimmed):
//! the token-set overlap (shared words over the shorter text's words), which
//! ignores word order and extra words; and the Sørensen–Dice coefficient of
//! character bigrams of the sorted words (from `strsim`), which credits
//! near-misses such as "safeguard" and "safeguarding" left by the trimming.

use std::collections::BTreeSet;

/// At or above this score, an open action is offered as a possible duplicate.
pub const WARN_AT: f64 = 0.6;

/// Words too common in action plans to say anything about what an action is.
const STOP_WORDS: &[&str] = &[
    "a", "across", "all", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have",
    "in", "into", "is", "it", "its", "new", "of", "on", "or", "our", "that", "the", "their",
    "this", "to", "will", "with", "within",
];

/// The content words of `text`, trimmed to a rough stem. Texts that share
/// none score at most 0.5 (no overlap, and half a Dice coefficient).
pub(crate) fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if word.len() > suffix.len() + 3 {
            if let Some(stripped) = word.strip_suffix(suffix) {
                return stripped.to_owned();
            }
        }
    }
    word.to_owned()
}

/// How alike `a` and `b` are, from 0 (nothing shared) to 1 (the same words).
pub fn score(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count() as f64;
    let overlap = shared / a.len().min(b.len()) as f64;
    let join =
        |set: &BTreeSet<String>| set.iter().map(String::as_str).collect::<Vec<_>>().join(" ");
    let dice = strsim::sorensen_dice(&join(&a), &join(&b));
    (overlap + dice) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs as partnerships write them: the same action in other words
    /// should warn; different actions that share a word or two should not.
    #[test]
    fn the_same_action_in_other_words_warns() {
        let same = [
            (
                "Deliver multi-agency training on professional curiosity for frontline practitioners",
                "Provide professional curiosity training to all frontline practitioners",
            ),
            (
                "Review the escalation policy and relaunch it to all partner agencies",
                "Relaunch the partnership escalation policy to partner agencies after review",
            ),
            (
                "Health visitors to record the voice of the child at every contact",
                "Ensure the child's voice is recorded by health visitors at each contact",
            ),
            ("Update the neglect toolkit", "Neglect toolkit to be updated"),
        ];
        for (a, b) in same {
            let s = score(a, b);
            assert!(s >= WARN_AT, "{s:.2} for {a:?} / {b:?}");
        }
    }

    #[test]
    fn different_actions_do_not_warn() {
        let different = [
            (
                "Update the neglect toolkit",
                "Update the domestic abuse toolkit and referral pathway",
            ),
            (
                "Audit the use of interpreters in child protection assessments",
                "Deliver professional curiosity training for frontline practitioners",
            ),
            (
                "GP practices to flag children not brought to appointments",
                "Police to share domestic abuse notifications with schools the next day",
            ),
        ];
        for (a, b) in different {
            let s = score(a, b);
            assert!(s < WARN_AT, "{s:.2} for {a:?} / {b:?}");
        }
    }

    #[test]
    fn empty_or_stop_word_text_scores_nothing_and_identical_text_scores_one() {
        assert_eq!(score("", "Update the neglect toolkit"), 0.0);
        assert_eq!(score("to the and", "to the and"), 0.0);
        assert!(
            (score("Update the neglect toolkit", "update THE neglect toolkit!") - 1.0).abs() < 1e-9
        );
    }
}
