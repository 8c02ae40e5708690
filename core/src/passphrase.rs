//! How strong a register passphrase is, and the bar a new one must clear.
//!
//! The register holds special-category personal data on a laptop that may be
//! lost, so the passphrase must resist an offline guessing attack on the file:
//! zxcvbn score 3 ("safely unguessable") and at least 12 characters.

use serde::Serialize;
use ts_rs::TS;

/// Fewest characters a new passphrase may have.
pub const MIN_LENGTH: usize = 12;
/// Lowest zxcvbn score (0–4) a new passphrase may have.
pub const MIN_SCORE: u8 = 3;

/// The strength hint shown while a passphrase is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PassphraseStrength {
    /// zxcvbn's score, 0 (very weak) to 4 (strong).
    pub score: u8,
    pub label: String,
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
    /// Whether a new register would accept it.
    pub acceptable: bool,
}

/// Rates `passphrase`; `context` holds words that make it weaker if used
/// (the user's name, the app's name).
pub fn strength(passphrase: &str, context: &[&str]) -> PassphraseStrength {
    let entropy = zxcvbn::zxcvbn(passphrase, context);
    let score = u8::from(entropy.score());
    let long_enough = passphrase.chars().count() >= MIN_LENGTH;
    let feedback = entropy.feedback();
    let mut suggestions: Vec<String> = feedback
        .map(|f| f.suggestions().iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    if !long_enough {
        suggestions.insert(
            0,
            format!("Use at least {MIN_LENGTH} characters: several unrelated words work well."),
        );
    }
    PassphraseStrength {
        score,
        label: label(score).to_owned(),
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions,
        acceptable: long_enough && score >= MIN_SCORE,
    }
}

fn label(score: u8) -> &'static str {
    match score {
        0 => "Very weak",
        1 => "Weak",
        2 => "Fair",
        3 => "Good",
        _ => "Strong",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_common_passphrases_are_not_acceptable() {
        assert!(!strength("password", &[]).acceptable);
        assert!(!strength("Tr0ub4dor&3", &[]).acceptable, "too short");
        assert!(!strength("password1234", &[]).acceptable, "too common");
    }

    #[test]
    fn several_unrelated_words_are_acceptable() {
        let rated = strength("amber kettle ferry lantern", &[]);
        assert!(rated.acceptable, "{rated:?}");
        assert!(rated.score >= MIN_SCORE);
    }

    #[test]
    fn the_users_own_name_weakens_a_passphrase() {
        let plain = strength("JaneSmithCSPR", &[]);
        let named = strength("JaneSmithCSPR", &["Jane", "Smith"]);
        assert!(named.score <= plain.score);
    }
}
