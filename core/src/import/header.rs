//! Finding a tracker's header row and what each column holds. Trackers name
//! their columns in many ways ("Rec No.", "Action(s)", "Responsible
//! Officer", "Timescale", "Update Q3"); each header is scored against the
//! names partnerships use for each field with [`crate::similarity::score`]
//! (content-word overlap and Sørensen–Dice of character bigrams), and
//! columns are given fields best match first, each field once (except the
//! free-text fields, which may take several columns: "Update Q1", "Update Q2").

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ColumnMapping;
use crate::similarity;

/// What a tracker's column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ImportField {
    /// The case or source code the row belongs to.
    Review,
    RecommendationRef,
    Recommendation,
    ActionRef,
    Action,
    LeadAgency,
    LeadOfficer,
    TargetDate,
    RevisedTargetDate,
    Status,
    Rag,
    /// A progress update; kept with the action's evidence of completion.
    Update,
    EvidenceCompletion,
    EvidenceImpact,
    /// Comments or notes; kept with the action's evidence of completion.
    Comments,
}

impl ImportField {
    pub const ALL: [ImportField; 15] = [
        ImportField::Review,
        ImportField::RecommendationRef,
        ImportField::Recommendation,
        ImportField::ActionRef,
        ImportField::Action,
        ImportField::LeadAgency,
        ImportField::LeadOfficer,
        ImportField::TargetDate,
        ImportField::RevisedTargetDate,
        ImportField::Status,
        ImportField::Rag,
        ImportField::Update,
        ImportField::EvidenceCompletion,
        ImportField::EvidenceImpact,
        ImportField::Comments,
    ];

    /// How a preview names the field.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Review => "Review (case or source code)",
            ImportField::RecommendationRef => "Recommendation reference",
            ImportField::Recommendation => "Recommendation",
            ImportField::ActionRef => "Action reference",
            ImportField::Action => "Action",
            ImportField::LeadAgency => "Lead agency",
            ImportField::LeadOfficer => "Lead officer",
            ImportField::TargetDate => "Target date",
            ImportField::RevisedTargetDate => "Revised target date",
            ImportField::Status => "Status",
            ImportField::Rag => "RAG rating",
            ImportField::Update => "Progress update",
            ImportField::EvidenceCompletion => "Evidence of completion",
            ImportField::EvidenceImpact => "Evidence of impact",
            ImportField::Comments => "Comments",
        }
    }

    /// Free-text fields gather every column given them, in column order.
    pub fn many_columns(self) -> bool {
        matches!(
            self,
            ImportField::Update | ImportField::EvidenceCompletion | ImportField::Comments
        )
    }

    /// Names partnerships give the column, including the app's own export's.
    fn names(self) -> &'static [&'static str] {
        match self {
            ImportField::Review => &[
                "Review",
                "Review(s)",
                "Case",
                "Case code",
                "Source",
                "Review code",
            ],
            ImportField::RecommendationRef => &[
                "Rec No",
                "Rec ref",
                "Recommendation ref",
                "Recommendation ref(s)",
                "Recommendation number",
                "Recommendation no",
                "No",
                "Ref",
            ],
            ImportField::Recommendation => {
                &["Recommendation", "Recommendations", "Learning", "Finding"]
            }
            ImportField::ActionRef => &["Action ref", "Action no", "Action number", "Action ID"],
            ImportField::Action => &[
                "Action",
                "Actions",
                "Action(s)",
                "Action to be taken",
                "Actions agreed",
                "What will be done",
                "Agreed action",
            ],
            ImportField::LeadAgency => &[
                "Lead agency",
                "Agency",
                "Organisation",
                "Lead organisation",
                "Partner agency",
            ],
            ImportField::LeadOfficer => &[
                "Lead officer",
                "Responsible officer",
                "Lead",
                "Officer",
                "Owner",
                "Responsible person",
                "Action owner",
                "Lead person",
            ],
            ImportField::TargetDate => &[
                "Target date",
                "Timescale",
                "Deadline",
                "Due date",
                "By when",
                "Completion date",
                "Target",
            ],
            ImportField::RevisedTargetDate => &[
                "Revised target date",
                "Revised date",
                "Revised deadline",
                "New target date",
                "Revised timescale",
            ],
            ImportField::Status => &["Status", "Progress status", "Action status"],
            ImportField::Rag => &["RAG", "RAG rating", "RAG status", "Rating"],
            ImportField::Update => &[
                "Progress update",
                "Update",
                "Latest update",
                "Progress",
                "Update Q1",
                "Progress to date",
            ],
            ImportField::EvidenceCompletion => {
                &["Evidence", "Evidence of completion", "Evidence of progress"]
            }
            ImportField::EvidenceImpact => {
                &["Evidence of impact", "Impact", "Impact evidence", "Outcome"]
            }
            ImportField::Comments => &["Comments", "Comment", "Notes", "Note", "Remarks"],
        }
    }
}

/// A header scores at least this against a field's names to be given it.
pub const MATCH_AT: f64 = 0.6;

/// Header cells are short; longer text is a row of data, whatever words it shares.
const LONGEST_HEADER: usize = 60;

/// How alike `header` is to the names of `field`, 0 to 1.
pub fn score(header: &str, field: ImportField) -> f64 {
    let header = normalise(header);
    if header.is_empty() || header.chars().count() > LONGEST_HEADER {
        return 0.0;
    }
    field
        .names()
        .iter()
        .map(|name| {
            if normalise(name) == header {
                1.0
            } else {
                // Only the name itself scores 1: "Target date" and "New
                // target date" share every content word ("new" is a stop
                // word), and the exact name must win.
                similarity::score(&header, name).min(0.95)
            }
        })
        .fold(0.0, f64::max)
}

/// Lower-case, single-spaced, without trailing dots or colons: "Rec No.:" is "rec no".
/// Every cell of every row is normalised (to spot a repeated header row), so
/// it is built in one string, lower-cased in place when it is ASCII.
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for word in header.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let kept = out.trim_end_matches(['.', ':']).len();
    out.truncate(kept);
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

const FIELDS: usize = ImportField::ALL.len();

/// A text [`Scores`] has seen: normalised, its content words, and its
/// score for each field asked so far (by the field's index in `ALL`).
type Seen = (String, BTreeSet<String>, [Option<f64>; FIELDS]);

/// [`score`] as far as finding the header row and proposing a mapping look
/// at it: exact from [`MATCH_AT`] up, and 0 for a text that cannot reach
/// it. Finding the header row scores every cell of the top rows against
/// every field, and the cells under each candidate heading, each score
/// comparing the text with each of the field's names (39,000 similarity
/// scores for a two-sheet tracker, 8% of a 5,000-row dry run). So scores are remembered by
/// text, and a text sharing no content word with any of a field's names
/// is not compared with them: it scores at most 0.5 against each.
struct Scores {
    /// Each text seen, by the text as written.
    known: HashMap<String, Seen>,
    /// Each field's names, normalised, and their content words together.
    names: [(Vec<String>, BTreeSet<String>); FIELDS],
}

impl Scores {
    fn new() -> Self {
        Self {
            known: HashMap::new(),
            names: ImportField::ALL.map(|field| {
                let names = field.names();
                (
                    names.iter().map(|n| normalise(n)).collect(),
                    names.iter().flat_map(|n| similarity::words(n)).collect(),
                )
            }),
        }
    }

    fn score(&mut self, header: &str, field: ImportField) -> f64 {
        // A blank cell matches nothing. Rows are padded with blanks out to
        // their last value: a stray entry far to the right of a header row
        // made 16,000 of them per row, each remembered under its own copy.
        if header.trim().is_empty() {
            return 0.0;
        }
        // ALL lists the fields in declaration order, so this is its index.
        let index = field as usize;
        if !self.known.contains_key(header) {
            let normalised = normalise(header);
            let words = similarity::words(&normalised);
            self.known
                .insert(header.to_owned(), (normalised, words, [None; FIELDS]));
        }
        let Some((normalised, words, scores)) = self.known.get_mut(header) else {
            return score(header, field);
        };
        if let Some(known) = scores[index] {
            return known;
        }
        let (names, name_words) = &self.names[index];
        let value = if words.is_disjoint(name_words) && !names.contains(&*normalised) {
            0.0
        } else {
            score(header, field)
        };
        scores[index] = Some(value);
        value
    }
}

/// The proposed field of each column of a header row, best matches first.
pub fn propose(headers: &[String]) -> Vec<ColumnMapping> {
    propose_with(headers, &mut Scores::new())
}

fn propose_with(headers: &[String], scores: &mut Scores) -> Vec<ColumnMapping> {
    let mut candidates: Vec<(f64, usize, ImportField)> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        for field in ImportField::ALL {
            let s = scores.score(header, field);
            if s >= MATCH_AT {
                candidates.push((s, column, field));
            }
        }
    }
    // Best score first; on a tie the leftmost column, then the field order.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut mapping: Vec<ColumnMapping> = headers
        .iter()
        .enumerate()
        .map(|(column, header)| ColumnMapping {
            column: column as u32,
            letter: column_letter(column as u32),
            header: header.split_whitespace().collect::<Vec<_>>().join(" "),
            field: None,
            score: 0.0,
        })
        .collect();
    let mut taken: Vec<ImportField> = Vec::new();
    for (s, column, field) in candidates {
        if mapping[column].field.is_some() || (taken.contains(&field) && !field.many_columns()) {
            continue;
        }
        taken.push(field);
        mapping[column].field = Some(field);
        mapping[column].score = (s * 100.0).round() / 100.0;
    }
    mapping
}

/// How many columns of a proposed mapping found a field, and their total score.
fn strength(mapping: &[ColumnMapping]) -> (usize, f64) {
    let mapped = mapping.iter().filter(|c| c.field.is_some());
    (mapped.clone().count(), mapped.map(|c| c.score).sum())
}

/// How many rows from the top are searched for the header row.
pub const SEARCH_ROWS: usize = 30;

/// How many rows below a candidate header are looked at for words.
const LOOK_BELOW: usize = 50;

/// The header row among the first [`SEARCH_ROWS`] of `rows` (0-based) and
/// its proposed mapping: the row whose cells best match the fields, with an
/// action or recommendation column and at least one other, and words (not
/// just numbers) under the action or recommendation heading within the next
/// rows. Title rows above it ("Child Q: action plan") match one field at
/// most; a table of counts ("By review | Actions | No RAG") has numbers
/// under "Actions".
pub fn find(rows: &[Vec<String>]) -> Option<(usize, Vec<ColumnMapping>)> {
    let mut best: Option<(usize, Vec<ColumnMapping>, (usize, f64))> = None;
    let mut scores = Scores::new();
    for (index, row) in rows.iter().enumerate().take(SEARCH_ROWS) {
        let mapping = propose_with(row, &mut scores);
        let key_columns: Vec<(usize, ImportField)> = mapping
            .iter()
            .filter_map(|c| match c.field {
                Some(f @ (ImportField::Action | ImportField::Recommendation)) => {
                    Some((c.column as usize, f))
                }
                _ => None,
            })
            .collect();
        let (count, total) = strength(&mapping);
        if count < 2 || key_columns.is_empty() {
            continue;
        }
        // Words, and not another table's heading ("Actions" again).
        let words_below = rows.iter().skip(index + 1).take(LOOK_BELOW).any(|r| {
            key_columns.iter().any(|(c, field)| {
                r.get(*c).is_some_and(|t| {
                    t.chars().filter(|ch| ch.is_alphabetic()).count() >= 3
                        && scores.score(t, *field) < MATCH_AT
                })
            })
        });
        if !words_below {
            continue;
        }
        let better = best
            .as_ref()
            .is_none_or(|(_, _, (c, t))| count > *c || (count == *c && total > *t + 1e-9));
        if better {
            best = Some((index, mapping, (count, total)));
        }
    }
    best.map(|(index, mapping, _)| (index, mapping))
}

/// The header row's signature: its headers, normalised, in column order. The
/// mapping a user confirms is remembered under it, for the next tracker laid
/// out the same way.
pub fn signature(headers: &[String]) -> String {
    let mut cells: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells.join(" | ")
}

/// "A", "B", … "Z", "AA": the column's letter as a spreadsheet shows it.
pub fn column_letter(column: u32) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn fields(mapping: &[ColumnMapping]) -> Vec<Option<ImportField>> {
        mapping.iter().map(|c| c.field).collect()
    }

    #[test]
    fn blank_cells_score_nothing_and_are_not_remembered() {
        let mut scores = Scores::new();
        assert_eq!(scores.score("", ImportField::Action), 0.0);
        assert_eq!(scores.score("   ", ImportField::Action), 0.0);
        assert!(scores.known.is_empty());
        assert!(scores.score("Action", ImportField::Action) >= MATCH_AT);
        assert_eq!(scores.known.len(), 1);
    }

    #[test]
    fn a_stray_value_far_right_of_the_header_leaves_it_found() {
        let mut header = headers(&["Recommendation", "Action", "Lead agency"]);
        let mut row = headers(&["Share information", "Agree a protocol", "Police"]);
        let plain = find(&[header.clone(), row.clone()]).expect("found");
        // Out in column XFD: each row padded with 16,380 blank cells.
        for cells in [&mut header, &mut row] {
            cells.resize(16_383, String::new());
            cells.push("x".into());
        }
        let (at, mapping) = find(&[header, row]).expect("found");
        assert_eq!(at, plain.0);
        assert_eq!(fields(&mapping[..3]), fields(&plain.1));
        assert!(mapping[3..].iter().all(|c| c.field.is_none()));
    }

    #[test]
    fn the_names_partnerships_use_find_their_fields() {
        use ImportField::*;
        let row = headers(&[
            "Rec No.",
            "Recommendation",
            "Action(s)",
            "Lead Agency",
            "Responsible Officer",
            "Timescale",
            "RAG",
            "Status",
            "Update Q3",
            "Evidence",
            "Comments",
        ]);
        assert_eq!(
            fields(&propose(&row)),
            [
                Some(RecommendationRef),
                Some(Recommendation),
                Some(Action),
                Some(LeadAgency),
                Some(LeadOfficer),
                Some(TargetDate),
                Some(Rag),
                Some(Status),
                Some(Update),
                Some(EvidenceCompletion),
                Some(Comments)
            ]
        );
        let other = headers(&[
            "Deadline",
            "Lead",
            "Action to be taken",
            "Progress Update",
            "Target Date",
            "Revised target date",
        ]);
        let mapped = propose(&other);
        assert_eq!(
            fields(&mapped),
            [
                Some(TargetDate),
                Some(LeadOfficer),
                Some(Action),
                Some(Update),
                None,
                Some(RevisedTargetDate)
            ],
            "one target date column: the first best match; the second is left for the user"
        );
        assert!(mapped[2].score > 0.99, "an exact name scores 1");
    }

    #[test]
    fn the_apps_own_export_headings_map_back() {
        use ImportField::*;
        let row = headers(&[
            "Review(s)",
            "Recommendation ref(s)",
            "Recommendation",
            "Action ref",
            "Action",
            "Lead agency",
            "Lead officer",
            "Target date",
            "Revised target date",
            "Status",
            "RAG",
            "Overdue",
            "Latest update",
            "Change since previous quarter",
            "Escalated to the Executive Board",
        ]);
        assert_eq!(
            fields(&propose(&row)),
            [
                Some(Review),
                Some(RecommendationRef),
                Some(Recommendation),
                Some(ActionRef),
                Some(Action),
                Some(LeadAgency),
                Some(LeadOfficer),
                Some(TargetDate),
                Some(RevisedTargetDate),
                Some(Status),
                Some(Rag),
                None,
                Some(Update),
                None,
                None
            ]
        );
    }

    #[test]
    fn several_update_columns_are_all_kept() {
        let row = headers(&["Action", "Lead", "Update Q1", "Update Q2", "Update Q3"]);
        let updates = propose(&row)
            .iter()
            .filter(|c| c.field == Some(ImportField::Update))
            .count();
        assert_eq!(updates, 3);
    }

    #[test]
    fn the_header_row_is_found_below_titles_and_blank_rows() {
        let rows = vec![
            headers(&["Child Q: Action Plan"]),
            headers(&[
                "Local Child Safeguarding Practice Review",
                "",
                "Published March 2022",
            ]),
            headers(&[]),
            headers(&[
                "Rec No.",
                "Recommendation",
                "Action(s)",
                "Lead Agency",
                "Target Date",
            ]),
            headers(&[
                "1",
                "Review the escalation policy and relaunch it",
                "Relaunch the escalation policy",
                "Partnership",
                "31/03/2022",
            ]),
        ];
        let (index, mapping) = find(&rows).expect("found");
        assert_eq!(index, 3);
        assert_eq!(mapping[2].field, Some(ImportField::Action));
        assert_eq!(find(&rows[..3]), None, "titles alone are not a header row");
        assert_eq!(
            find(&rows[..4]),
            None,
            "headings with nothing under them are not yet a tracker"
        );
    }

    #[test]
    fn a_table_of_counts_is_not_a_tracker() {
        let rows = vec![
            headers(&["By review", "Actions", "Red", "Amber", "No RAG"]),
            headers(&["Case AN", "3", "1", "2", "0"]),
            headers(&["Child W", "2", "0", "1", "1"]),
        ];
        assert_eq!(find(&rows), None);
    }

    #[test]
    fn remembered_scores_decide_as_the_scores_do() {
        let mut scores = Scores::new();
        let mut texts: Vec<String> = [
            "Rec No.",
            "Rec No.:",
            "REC  NO",
            "Action(s)",
            "Actions",
            "Lead agency",
            "Lead",
            "Children's social care",
            "",
            "-",
            "and",
            "Target date",
            "Revised  Target Date",
            "Update Q3",
            "In progress",
            "Evidence of impact",
            "18/04/2026",
            "2023/24-00031",
            "Deliver multi-agency training on professional curiosity",
            "Próximo paso",
            "ΣΤΑΤΟΣ",
        ]
        .map(str::to_owned)
        .to_vec();
        // Every name of every field, as written and as a tracker might.
        for field in ImportField::ALL {
            for name in field.names() {
                texts.push((*name).to_owned());
                texts.push(format!(" {}: ", name.to_uppercase()));
            }
        }
        // Twice over, so the second round reads what the first remembered.
        for _ in 0..2 {
            for text in &texts {
                for field in ImportField::ALL {
                    let (fast, full) = (scores.score(text, field), score(text, field));
                    assert_eq!(fast >= MATCH_AT, full >= MATCH_AT, "{text:?} as {field:?}");
                    if full >= MATCH_AT {
                        assert_eq!(fast.to_bits(), full.to_bits(), "{text:?} as {field:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn normalising_is_what_it_was() {
        let before = |h: &str| {
            h.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .trim_end_matches(['.', ':'])
                .to_lowercase()
        };
        for text in [
            "",
            " . ",
            "Rec No.:",
            "  Rec   No . ",
            "Target\ndate:",
            "ΟΔΟΣ ΣΟΦΟΣ.",
            "İ. Ärzte:",
        ] {
            assert_eq!(normalise(text), before(text), "{text:?}");
        }
    }

    #[test]
    fn signatures_ignore_spacing_case_and_trailing_blanks() {
        assert_eq!(
            signature(&headers(&["Rec  No.", "ACTION(S)", "", ""])),
            signature(&headers(&["rec no", "action(s)"]))
        );
        assert_ne!(
            signature(&headers(&["Action", "Lead"])),
            signature(&headers(&["Lead", "Action"])),
            "column order is part of the layout"
        );
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
