//! The planner's lookups, made fast, give the answers the plain versions gave.

use super::{key, NewSources};

/// `key` as it was: the words joined by single spaces, then lower-cased.
fn key_before(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const TEXTS: [&str; 14] = [
    "",
    "   ",
    "Case AN",
    "  case   an\t",
    "CHILD Q\nR1",
    "TR-1",
    "tr-1 ",
    "\u{a0}Case\u{a0}AN\u{2003}",
    "ΟΔΟΣ ΣΟΦΟΣ",
    "Σοφός",
    "ΣΟΦΌΣ",
    "İstanbul Case",
    "Ärzte  ÖL und ASCII",
    "Straße STRASSE",
];

#[test]
fn keys_are_what_they_were() {
    for text in TEXTS {
        assert_eq!(key(text), key_before(text), "{text:?}");
    }
}

#[test]
fn new_sources_find_what_searching_the_list_found() {
    // Before: a list, added to when no code in it had the same key, and
    // searched for the first code with the same key.
    let mut before: Vec<String> = Vec::new();
    let mut now = NewSources::default();
    for code in TEXTS {
        if !before.iter().any(|s| key_before(s) == key_before(code)) {
            before.push(code.to_owned());
        }
        now.add(code);
        assert_eq!(now.codes, before, "after adding {code:?}");
        for probe in TEXTS.iter().chain(&["case q", "child  q r1", "nothing"]) {
            let found = before.iter().find(|s| key_before(s) == key_before(probe));
            assert_eq!(now.find(probe), found, "{probe:?}");
            assert_eq!(now.contains(probe), found.is_some(), "{probe:?}");
        }
    }
    // Spellings that differ only in case and spacing were one source, kept
    // as first written.
    assert!(now.codes.contains(&"Case AN".to_owned()));
    assert!(!now.codes.contains(&"  case   an\t".to_owned()));
}
