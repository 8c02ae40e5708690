//! What a row's status, RAG and evidence cells become under the app's rules
//! for actions (see `actions/rules.rs`). A tracker records less than the app
//! asks for: "Complete" with no evidence, Blue with no sign-off. Such a row is
//! imported one step short of what it claims, with a warning saying so,
//! rather than recorded as closed on evidence the register does not hold.

use super::rag::{self, RagWord};
use super::rows::Line;
use super::status::StatusWord;
use crate::actions::{ActionStatus, Rag};
use crate::exports::rag_word;

/// An imported action's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub status: ActionStatus,
    pub status_reason: String,
    pub rag: Option<Rag>,
}

/// The row's status and RAG, with warnings for what was read loosely or
/// stepped down. `word`: the status cell read by [`status::from_word`]
/// (which the importer remembers by text, statuses repeating down a
/// tracker); `has_evidence`: the row has evidence or an update to show.
pub fn read(
    line: &Line,
    word: StatusWord,
    has_evidence: bool,
    warnings: &mut Vec<String>,
) -> Progress {
    let rag = rating(line, word, warnings);
    let shown = line.status.text.trim();
    let complete_or_progress = |claim: &str, warnings: &mut Vec<String>| {
        if has_evidence {
            ActionStatus::CompleteAwaitingImpact
        } else {
            warnings.push(format!(
                "{claim} needs evidence of completion, and the row has none: imported as In progress"
            ));
            ActionStatus::InProgress
        }
    };
    let mut status_reason = String::new();
    let mut status = match word {
        StatusWord::NotStarted => ActionStatus::NotStarted,
        StatusWord::InProgress => ActionStatus::InProgress,
        StatusWord::Complete => complete_or_progress(&format!("Status \"{shown}\""), warnings),
        StatusWord::Embedded => {
            warnings.push(format!(
                "Status \"{shown}\" (complete and embedded) needs evidence of impact and sign-off, which a tracker does not record: sign it off in the app"
            ));
            complete_or_progress(&format!("Status \"{shown}\""), warnings)
        }
        StatusWord::Paused => {
            status_reason = format!("Marked \"{shown}\" in the imported tracker");
            ActionStatus::Paused
        }
        StatusWord::Superseded => {
            warnings.push(format!(
                "Status \"{shown}\": imported as Paused; record the action that supersedes it in the app"
            ));
            status_reason =
                format!("Marked \"{shown}\" in the imported tracker: the superseding action is to be recorded");
            ActionStatus::Paused
        }
        StatusWord::Blank | StatusWord::Unknown => {
            let status = match rag {
                Some(Rag::Blue) => complete_or_progress("Blue (complete)", warnings),
                Some(_) => ActionStatus::InProgress,
                None => ActionStatus::NotStarted,
            };
            // A status column holding the RAG word was read as the rating.
            let rag_in_status = matches!(rag::from_word(shown), RagWord::Rated { .. });
            if word == StatusWord::Unknown && !rag_in_status {
                warnings.push(format!(
                    "Status \"{shown}\" is not one the app knows: imported as {}",
                    status.label()
                ));
            }
            status
        }
    };
    // Blue means complete and embedded, which needs sign-off the tracker
    // does not give; Green is the nearest the rules allow.
    let rag = match rag {
        Some(Rag::Blue) => {
            warnings.push(
                "Blue (complete and embedded) needs evidence of impact and sign-off, which a tracker does not record: imported as Green; sign it off in the app"
                    .to_owned(),
            );
            if status == ActionStatus::NotStarted {
                status = ActionStatus::InProgress;
            }
            Some(Rag::Green)
        }
        other => other,
    };
    Progress {
        status,
        status_reason,
        rag,
    }
}

/// The RAG rating from the RAG cell's words, else its fill colour; with no
/// RAG column, from a status cell holding a RAG word or coloured in.
fn rating(line: &Line, word: StatusWord, warnings: &mut Vec<String>) -> Option<Rag> {
    let from_cell =
        |cell: &super::workbook::Cell, warnings: &mut Vec<String>| match rag::from_word(&cell.text)
        {
            RagWord::Rated { rag, between } => {
                if let Some(other) = between {
                    warnings.push(format!(
                        "RAG \"{}\" gives two ratings: imported as {}, the more cautious (not {})",
                        cell.text.trim(),
                        rag_word(Some(rag)),
                        rag_word(Some(other))
                    ));
                }
                Some(rag)
            }
            RagWord::Unknown(text) => {
                warnings.push(format!("RAG \"{text}\" is not a rating: left unrated"));
                None
            }
            RagWord::None => {
                let (r, g, b) = cell.fill?;
                let rag = rag::from_fill(r, g, b)?;
                warnings.push(format!(
                    "RAG read from the cell's colour: {}",
                    rag_word(Some(rag))
                ));
                Some(rag)
            }
        };
    if line.rag != super::workbook::Cell::default() {
        return from_cell(&line.rag, warnings);
    }
    // Only a status cell that holds no status: "Complete" there is a status,
    // "Amber" (or nothing, coloured in) a rating.
    let holds_status = !matches!(word, StatusWord::Unknown | StatusWord::Blank);
    match rag::from_word(&line.status.text) {
        RagWord::Rated { .. } | RagWord::None if !holds_status => from_cell(&line.status, warnings),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::status;
    use crate::import::workbook::Cell;

    fn line(status: &str, rag: &str) -> Line {
        Line {
            status: Cell::text(status),
            rag: Cell::text(rag),
            ..Line::default()
        }
    }

    fn read_line(line: &Line, evidence: bool) -> (Progress, Vec<String>) {
        let mut warnings = Vec::new();
        let word = status::from_word(&line.status.text);
        (read(line, word, evidence, &mut warnings), warnings)
    }

    #[test]
    fn complete_needs_evidence() {
        let (with, warned) = read_line(&line("Complete", "Green"), true);
        assert_eq!(with.status, ActionStatus::CompleteAwaitingImpact);
        assert!(warned.is_empty());
        let (without, warned) = read_line(&line("Complete", "Green"), false);
        assert_eq!(without.status, ActionStatus::InProgress);
        assert_eq!(warned.len(), 1, "{warned:?}");
    }

    #[test]
    fn blue_is_never_imported_as_closed() {
        let (p, warned) = read_line(&line("", "Blue"), true);
        assert_eq!(
            (p.status, p.rag),
            (ActionStatus::CompleteAwaitingImpact, Some(Rag::Green))
        );
        assert_eq!(warned.len(), 1, "{warned:?}");
    }

    #[test]
    fn on_hold_is_paused_with_a_reason() {
        let (p, _) = read_line(&line("On hold", "Amber"), false);
        assert_eq!(p.status, ActionStatus::Paused);
        assert!(p.status_reason.contains("On hold"));
    }

    #[test]
    fn a_rag_word_in_the_status_column_is_the_rating() {
        let l = Line {
            status: Cell::text("Amber"),
            ..Line::default()
        };
        let (p, warned) = read_line(&l, false);
        assert_eq!(
            (p.status, p.rag),
            (ActionStatus::InProgress, Some(Rag::Amber))
        );
        assert!(warned.is_empty(), "{warned:?}");
    }

    #[test]
    fn an_uncoloured_blank_rag_is_unrated_and_a_coloured_one_is_read() {
        let (p, _) = read_line(&line("In progress", ""), false);
        assert_eq!(p.rag, None);
        let filled = Line {
            status: Cell::text("In progress"),
            rag: Cell {
                fill: Some((0xFF, 0xC0, 0x00)),
                ..Cell::default()
            },
            ..Line::default()
        };
        let (p, warned) = read_line(&filled, false);
        assert_eq!(p.rag, Some(Rag::Amber));
        assert_eq!(warned, ["RAG read from the cell's colour: Amber"]);
    }
}
