//! Counts both reports show: referrals by kind of case, and actions by RAG
//! rating with those overdue and escalated.

use serde::Serialize;
use ts_rs::TS;

use crate::cases::CaseKind;
use crate::exports::Tally;

/// Cases by who they are about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KindCounts {
    pub child: u32,
    pub adult: u32,
    /// Child and adult together (a joint review).
    pub joint: u32,
    pub total: u32,
}

impl KindCounts {
    pub(super) fn add(&mut self, kind: CaseKind) {
        *match kind {
            CaseKind::Child => &mut self.child,
            CaseKind::Adult => &mut self.adult,
            CaseKind::Joint => &mut self.joint,
        } += 1;
        self.total += 1;
    }
}

/// Actions by RAG rating, with how many are overdue and escalated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ActionCounts {
    pub total: u32,
    pub red: u32,
    pub amber: u32,
    pub green: u32,
    pub blue: u32,
    pub no_rag: u32,
    /// Open and past their target date.
    pub overdue: u32,
    /// Escalated to the Executive Board by the latest quarter that reviewed them.
    pub escalated: u32,
}

impl From<&Tally> for ActionCounts {
    fn from(t: &Tally) -> Self {
        Self {
            total: t.actions,
            red: t.red,
            amber: t.amber,
            green: t.green,
            blue: t.blue,
            no_rag: t.no_rag,
            overdue: t.overdue,
            escalated: t.escalated,
        }
    }
}
