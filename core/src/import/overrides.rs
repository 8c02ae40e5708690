//! Corrections to a proposed mapping given as text, "Column header=field",
//! as the CLI's `--map` takes them: each names a column by its heading (any
//! case and spacing) and the field it holds, or `none` to leave it out. They
//! are laid over the mapping a first plan proposed, and the import is
//! planned again with the result, as the app does with the preview's selects.

use super::header::{normalise, ImportField};
use super::{ImportReport, SheetMapping};
use crate::error::{Error, FieldError, Result};

/// What `--map` says of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapOverride {
    pub header: String,
    /// `None`: the column is not imported.
    pub field: Option<ImportField>,
}

/// The word that leaves a column out.
pub const NOT_IMPORTED: &str = "none";

impl ImportField {
    /// The field's name on the command line (as in JSON): `lead-officer`.
    pub fn name(self) -> &'static str {
        match self {
            ImportField::Review => "review",
            ImportField::RecommendationRef => "recommendation-ref",
            ImportField::Recommendation => "recommendation",
            ImportField::ActionRef => "action-ref",
            ImportField::Action => "action",
            ImportField::LeadAgency => "lead-agency",
            ImportField::LeadOfficer => "lead-officer",
            ImportField::TargetDate => "target-date",
            ImportField::RevisedTargetDate => "revised-target-date",
            ImportField::Status => "status",
            ImportField::Rag => "rag",
            ImportField::Update => "update",
            ImportField::EvidenceCompletion => "evidence-completion",
            ImportField::EvidenceImpact => "evidence-impact",
            ImportField::Comments => "comments",
        }
    }
}

impl MapOverride {
    /// Reads "Column header=field"; the last `=` splits them, so a heading
    /// may hold one.
    pub fn parse(text: &str) -> std::result::Result<Self, FieldError> {
        let fields = || {
            ImportField::ALL
                .iter()
                .map(|f| f.name())
                .chain([NOT_IMPORTED])
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some((header, field)) = text.rsplit_once('=') else {
            return Err(FieldError::new(
                "map",
                format!(
                    "Give \"Column header=field\", such as \"Responsible Officer=lead-officer\" (not \"{}\")",
                    text.trim()
                ),
            ));
        };
        let header = header.split_whitespace().collect::<Vec<_>>().join(" ");
        if header.is_empty() {
            return Err(FieldError::new(
                "map",
                format!("\"{}\" names no column header", text.trim()),
            ));
        }
        let wanted = field.trim().to_lowercase();
        let field = if wanted == NOT_IMPORTED {
            None
        } else {
            Some(
                ImportField::ALL
                    .into_iter()
                    .find(|f| f.name() == wanted)
                    .ok_or_else(|| {
                        FieldError::new(
                            "map",
                            format!(
                                "\"{}\": \"{}\" is not a field; the fields are {}",
                                text.trim(),
                                field.trim(),
                                fields()
                            ),
                        )
                    })?,
            )
        };
        Ok(Self { header, field })
    }
}

/// The mappings of `report`'s sheets with `overrides` laid over them: every
/// column whose heading matches gets the field, and a field that takes one
/// column is taken from any other column that had it. A heading found in no
/// sheet is refused, naming the headings there are.
pub fn apply_overrides(
    report: &ImportReport,
    overrides: &[MapOverride],
) -> Result<Vec<SheetMapping>> {
    let mut mappings: Vec<SheetMapping> = report
        .sheets
        .iter()
        .filter_map(|s| s.mapping.clone())
        .collect();
    let mut errors = Vec::new();
    for o in overrides {
        let key = normalise(&o.header);
        let mut found = false;
        for mapping in &mut mappings {
            let Some(at) = mapping
                .columns
                .iter()
                .position(|c| normalise(&c.header) == key)
            else {
                continue;
            };
            found = true;
            if let Some(field) = o.field.filter(|f| !f.many_columns()) {
                for c in mapping.columns.iter_mut() {
                    if c.field == Some(field) {
                        c.field = None;
                        c.score = 0.0;
                    }
                }
            }
            let column = &mut mapping.columns[at];
            column.field = o.field;
            column.score = if o.field.is_some() { 1.0 } else { 0.0 };
        }
        if !found {
            let headings: Vec<String> = mappings
                .iter()
                .flat_map(|m| &m.columns)
                .filter(|c| !c.header.is_empty())
                .map(|c| format!("\"{}\"", c.header))
                .collect();
            errors.push(FieldError::new(
                "map",
                if headings.is_empty() {
                    format!("\"{}\": no sheet has a header row to map", o.header)
                } else {
                    format!(
                        "\"{}\": no column has that heading; the headings are {}",
                        o.header,
                        headings.join(", ")
                    )
                },
            ));
        }
    }
    if errors.is_empty() {
        Ok(mappings)
    } else {
        Err(Error::Validation(errors))
    }
}
