//! Changing a register's passphrase: the current one is required and checked
//! against the file, the new one must clear the same bar as at creation, and
//! afterwards only the new one opens the register.

use crate::change_log::Action;
use crate::error::{Error, FieldError, Result};
use crate::passphrase;
use crate::register::Register;
use crate::store;

impl Register {
    /// Re-encrypts the register under `new`. Nothing changes unless every field
    /// is right and `current` opens the file. Backups made before keep the
    /// passphrase they were made with.
    pub fn change_passphrase(&mut self, current: &str, new: &str, confirm: &str) -> Result<()> {
        let errors = validate(current, new, confirm, self.who());
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        // An in-memory register has nothing to rekey.
        self.passphrase()?;
        // Checked against the file itself, not only the copy held in memory:
        // the file is what the new passphrase must replace.
        drop(store::open_read_only(self.path(), current)?);
        store::rekey(self.conn(), new)?;
        self.set_passphrase(new);
        // Attributable like any other change; the passphrases themselves are
        // never written anywhere.
        let after = serde_json::json!({ "passphrase_changed": true });
        self.write(|w| w.log("register", "passphrase", Action::Update, None, Some(&after)))?;
        tracing::info!("register passphrase changed");
        Ok(())
    }
}

fn validate(current: &str, new: &str, confirm: &str, who: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if current.is_empty() {
        errors.push(FieldError::new(
            "current_passphrase",
            "Enter the current passphrase",
        ));
    }
    if new.is_empty() {
        errors.push(FieldError::new("new_passphrase", "Enter a new passphrase"));
    } else if !passphrase::strength(new, &[who]).acceptable {
        errors.push(FieldError::new(
            "new_passphrase",
            format!(
                "Choose a stronger passphrase: at least {} characters, for example several unrelated words",
                passphrase::MIN_LENGTH
            ),
        ));
    } else if new == current {
        errors.push(FieldError::new(
            "new_passphrase",
            "Choose a new passphrase that is different from the current one",
        ));
    }
    if confirm != new {
        errors.push(FieldError::new(
            "confirm",
            "The new passphrases do not match",
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "amber kettle ferry lantern";
    const NEXT: &str = "copper meadow violin harbour";

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_good_change_passes() {
        assert!(validate(GOOD, NEXT, NEXT, "Chair").is_empty());
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let errors = validate("", "short", "other", "Chair");
        assert_eq!(
            fields(&errors),
            ["current_passphrase", "new_passphrase", "confirm"]
        );
    }

    #[test]
    fn the_same_passphrase_again_is_not_a_change() {
        assert_eq!(
            fields(&validate(GOOD, GOOD, GOOD, "Chair")),
            ["new_passphrase"]
        );
    }

    #[test]
    fn an_in_memory_register_cannot_be_rekeyed() {
        let mut register = Register::in_memory("Chair").expect("in memory");
        let err = register
            .change_passphrase(GOOD, NEXT, NEXT)
            .expect_err("nothing to rekey");
        assert_eq!(err.code(), crate::ErrorCode::Internal);
    }
}
