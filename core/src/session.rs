//! The desktop app's session: which register it points at and whether it is
//! unlocked. The shell holds one of these; its commands only forward to it.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::paths;
use crate::register::{CreateRegisterInput, Register};

/// Where the app stands when it starts or after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegisterState {
    /// First start: no register at the remembered (or default) location.
    NoRegister,
    Locked,
    Unlocked,
}

/// What the UI needs to choose its first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub state: RegisterState,
    pub register_path: String,
    pub default_register_path: String,
    /// Whether the unlocked register holds fictional demo data.
    pub demo: bool,
    /// Who changes are recorded against, once unlocked.
    pub user_name: Option<String>,
}

/// The app's one register, locked or unlocked.
pub struct Session {
    path: PathBuf,
    default_path: PathBuf,
    register: Option<Register>,
}

impl Session {
    /// A locked session on the register the settings point at.
    pub fn start() -> Result<Self> {
        Ok(Self {
            path: paths::register_path()?,
            default_path: paths::default_register_path()?,
            register: None,
        })
    }

    pub fn status(&self) -> Result<AppStatus> {
        let (state, demo, user_name) = match &self.register {
            Some(register) => (
                RegisterState::Unlocked,
                register.is_demo()?,
                Some(register.who().to_owned()),
            ),
            None if self.path.exists() => (RegisterState::Locked, false, None),
            None => (RegisterState::NoRegister, false, None),
        };
        Ok(AppStatus {
            state,
            register_path: self.path.display().to_string(),
            default_register_path: self.default_path.display().to_string(),
            demo,
            user_name,
        })
    }

    /// Creates a register where the form says, remembers that place for the
    /// next start, and leaves it unlocked.
    pub fn create_register(&mut self, input: &CreateRegisterInput) -> Result<AppStatus> {
        let register = Register::create(input)?;
        if register.path() != self.default_path {
            paths::remember_register(register.path())?;
        }
        self.path = register.path().to_owned();
        self.register = Some(register);
        self.status()
    }

    pub fn unlock(&mut self, passphrase: &str) -> Result<AppStatus> {
        self.register = Some(Register::open(&self.path, passphrase)?);
        self.status()
    }

    /// Closes the register; the passphrase is needed to open it again.
    pub fn lock(&mut self) -> Result<AppStatus> {
        self.register = None;
        tracing::info!("register locked");
        self.status()
    }

    /// The unlocked register, or `Locked`.
    pub fn register(&mut self) -> Result<&mut Register> {
        self.register.as_mut().ok_or(Error::Locked)
    }
}
