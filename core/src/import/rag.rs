//! RAG ratings as trackers record them: a word ("Red", "Amber", "Green",
//! "Blue", "Complete"), a letter ("R", "A", "G"), a pair ("Amber/Green"), or
//! only the cell's fill colour, read by its hue so that Excel's pale "Good",
//! "Neutral" and "Bad" fills count as well as solid traffic-light colours.

use crate::actions::Rag;

/// What a RAG cell's text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RagWord {
    /// Nothing, or "N/A", "No RAG": no rating.
    None,
    /// One rating; `between` holds the other when the cell gave two
    /// ("Amber/Green"), and the rating is then the more cautious of them.
    Rated { rag: Rag, between: Option<Rag> },
    /// Text that is not a rating, as written.
    Unknown(String),
}

/// Reads a RAG cell's text.
pub fn from_word(text: &str) -> RagWord {
    let lower = text.trim().to_lowercase();
    if lower.is_empty() || matches!(lower.as_str(), "n/a" | "na" | "none" | "no rag" | "-") {
        return RagWord::None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && *w != "rag")
        .collect();
    // Letters count only on their own or paired ("A/G"), never inside a
    // sentence, where "a" is just a word.
    let letters_allowed = words.iter().all(|w| rating(w, true).is_some());
    let ratings: Vec<Rag> = words
        .iter()
        .filter_map(|w| rating(w, letters_allowed))
        .collect();
    let leading = words.first().and_then(|w| rating(w, false));
    match (ratings.as_slice(), leading) {
        ([one], _) if letters_allowed => RagWord::Rated {
            rag: *one,
            between: None,
        },
        ([a, b], _) if letters_allowed => {
            let (worse, other) = if severity(*a) >= severity(*b) {
                (*a, *b)
            } else {
                (*b, *a)
            };
            RagWord::Rated {
                rag: worse,
                between: (worse != other).then_some(other),
            }
        }
        // "Green - on track": the rating leads, the rest explains it.
        (_, Some(rag)) => RagWord::Rated { rag, between: None },
        _ => RagWord::Unknown(text.split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

fn rating(word: &str, letters: bool) -> Option<Rag> {
    match word {
        "red" => Some(Rag::Red),
        "amber" | "orange" | "yellow" => Some(Rag::Amber),
        "green" => Some(Rag::Green),
        // A tracker's "Complete" RAG is the app's Blue: complete and embedded.
        "blue" | "complete" | "completed" => Some(Rag::Blue),
        "r" if letters => Some(Rag::Red),
        "a" if letters => Some(Rag::Amber),
        "g" if letters => Some(Rag::Green),
        "b" if letters => Some(Rag::Blue),
        _ => None,
    }
}

/// How much a rating asks of the board: a cell saying "Amber/Green" is read
/// as Amber, so nothing is reported as better than the tracker said.
fn severity(rag: Rag) -> u8 {
    match rag {
        Rag::Red => 3,
        Rag::Amber => 2,
        Rag::Green => 1,
        Rag::Blue => 0,
    }
}

/// The rating a cell's fill colour shows, if it shows one: by hue, with
/// greys, whites and near-blacks (too little colour to tell) and purples
/// (no rating uses them) giving none.
pub fn from_fill(red: u8, green: u8, blue: u8) -> Option<Rag> {
    let (r, g, b) = (f64::from(red), f64::from(green), f64::from(blue));
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let chroma = max - min;
    // Excel's pale "Good" fill (C6EFCE) has a chroma of 41; grey has none.
    if chroma < 30.0 || max < 60.0 {
        return None;
    }
    let hue = if max == r {
        60.0 * ((g - b) / chroma).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / chroma + 2.0)
    } else {
        60.0 * ((r - g) / chroma + 4.0)
    };
    match hue {
        h if !(15.0..330.0).contains(&h) => Some(Rag::Red),
        h if h < 70.0 => Some(Rag::Amber),
        h if h < 170.0 => Some(Rag::Green),
        h if h < 260.0 => Some(Rag::Blue),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(rag: Rag) -> RagWord {
        RagWord::Rated { rag, between: None }
    }

    #[test]
    fn words_and_letters() {
        for (text, rag) in [
            ("Red", Rag::Red),
            ("AMBER", Rag::Amber),
            (" green ", Rag::Green),
            ("Blue", Rag::Blue),
            ("Complete", Rag::Blue),
            ("R", Rag::Red),
            ("a", Rag::Amber),
            ("G", Rag::Green),
            ("RAG: Amber", Rag::Amber),
            ("Green - on track", Rag::Green),
        ] {
            assert_eq!(from_word(text), rated(rag), "{text}");
        }
    }

    #[test]
    fn a_pair_is_read_as_the_more_cautious_rating() {
        assert_eq!(
            from_word("Amber/Green"),
            RagWord::Rated {
                rag: Rag::Amber,
                between: Some(Rag::Green)
            }
        );
        assert_eq!(
            from_word("G/R"),
            RagWord::Rated {
                rag: Rag::Red,
                between: Some(Rag::Green)
            }
        );
    }

    #[test]
    fn no_rating_and_unknown_words() {
        assert_eq!(from_word(""), RagWord::None);
        assert_eq!(from_word("N/A"), RagWord::None);
        assert_eq!(from_word("On track"), RagWord::Unknown("On track".into()));
        assert_eq!(
            from_word("a bit behind"),
            RagWord::Unknown("a bit behind".into()),
            "a letter inside a sentence is a word, not a rating"
        );
    }

    #[test]
    fn fills_by_hue() {
        // The app's own export fills.
        assert_eq!(from_fill(0xC0, 0x00, 0x00), Some(Rag::Red));
        assert_eq!(from_fill(0xFF, 0xC0, 0x00), Some(Rag::Amber));
        assert_eq!(from_fill(0x00, 0xB0, 0x50), Some(Rag::Green));
        assert_eq!(from_fill(0x00, 0x70, 0xC0), Some(Rag::Blue));
        // Excel's "Bad", "Neutral" and "Good" cell styles.
        assert_eq!(from_fill(0xFF, 0xC7, 0xCE), Some(Rag::Red));
        assert_eq!(from_fill(0xFF, 0xEB, 0x9C), Some(Rag::Amber));
        assert_eq!(from_fill(0xC6, 0xEF, 0xCE), Some(Rag::Green));
        // Plain traffic lights.
        assert_eq!(from_fill(0xFF, 0x00, 0x00), Some(Rag::Red));
        assert_eq!(from_fill(0xFF, 0xFF, 0x00), Some(Rag::Amber));
        assert_eq!(from_fill(0x00, 0xFF, 0x00), Some(Rag::Green));
        // No rating: grey, white, black, purple.
        assert_eq!(from_fill(0xD9, 0xD9, 0xD9), None);
        assert_eq!(from_fill(0xFF, 0xFF, 0xFF), None);
        assert_eq!(from_fill(0x10, 0x10, 0x10), None);
        assert_eq!(from_fill(0x70, 0x30, 0xA0), None);
    }
}
