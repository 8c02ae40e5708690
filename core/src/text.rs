//! Checks shared by every free-text field: trimmed, and not longer than its
//! limit, with a message naming the field as the form does.

use crate::error::FieldError;

/// Trims `value` and records an error when it is longer than `max` characters
/// (or empty when `required`).
pub fn field(
    value: &str,
    name: &str,
    label: &str,
    max: usize,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        errors.push(FieldError::new(
            name,
            format!("Enter the {}", label.to_lowercase()),
        ));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(
            name,
            format!("{label} must be {max} characters or fewer"),
        ));
    }
    value.to_owned()
}

/// The usual limit for a short name (an agency, a role, a reviewer).
pub const SHORT: usize = 200;
/// The usual limit for a paragraph of narrative.
pub const LONG: usize = 10_000;

/// Reads a kebab-case name (`family-contact`, `not-accepted`) as the enum it
/// names, through its serde names, so the spelling lives in one place.
pub fn parse_name<T: for<'de> serde::Deserialize<'de>>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::from(name.trim())).ok()
}
