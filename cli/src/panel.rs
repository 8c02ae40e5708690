//! `casereview panel …`: panel meetings and the decisions taken in them.

use casereview_core::dates::format_long;
use casereview_core::panels::{Attendee, PanelDecisionInput, PanelMeetingInput};
use casereview_core::{Error, Result};
use clap::Subcommand;

use crate::commands::{date_input, print_json, Context};

#[derive(Debug, Subcommand)]
pub enum PanelCommand {
    /// Open the record of a panel meeting
    New {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// An attendee as "ROLE, AGENCY" (repeat for each)
        #[arg(long = "attendee", value_name = "ROLE, AGENCY")]
        attendees: Vec<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Record the panel's decision about a case
    Decide {
        /// The meeting's id (from `panel new` or `panel list --json`)
        #[arg(long)]
        meeting: String,
        /// The case code
        #[arg(long = "case")]
        code: String,
        #[arg(long)]
        decision: String,
    },
    /// List panel meetings, most recent first
    List,
}

pub fn run(command: PanelCommand, cx: &Context) -> Result<()> {
    let mut register = cx.open()?;
    match command {
        PanelCommand::New {
            date,
            attendees,
            notes,
        } => {
            let attendees = attendees
                .iter()
                .map(|a| match a.split_once(',') {
                    Some((role, agency)) => Ok(Attendee {
                        role: role.trim().into(),
                        agency: agency.trim().into(),
                    }),
                    None => Err(Error::field(
                        "attendees",
                        format!("Give each attendee as \"ROLE, AGENCY\" (not \"{a}\")"),
                    )),
                })
                .collect::<Result<Vec<_>>>()?;
            let input = PanelMeetingInput {
                held_on: date_input("held_on", "Date of the meeting", &date)?,
                attendees,
                notes,
            };
            let meeting = register.create_panel_meeting(&input, cx.today)?;
            if cx.json {
                return print_json(&meeting);
            }
            println!(
                "Panel meeting of {} recorded: {}",
                format_long(meeting.held_on),
                meeting.id
            );
            Ok(())
        }
        PanelCommand::Decide {
            meeting,
            code,
            decision,
        } => {
            let case = register.get_case_by_code(&code)?;
            let input = PanelDecisionInput {
                case_id: case.id.to_string(),
                decision,
            };
            let meeting = register.add_panel_decision(&meeting, &input)?;
            if cx.json {
                return print_json(&meeting);
            }
            println!(
                "Decision on {} recorded at the panel of {}.",
                case.code,
                format_long(meeting.held_on)
            );
            Ok(())
        }
        PanelCommand::List => {
            let meetings = register.list_panel_meetings()?;
            if cx.json {
                return print_json(&meetings);
            }
            if meetings.is_empty() {
                println!("No panel meetings yet.");
            }
            for m in meetings {
                println!(
                    "{}  {}  {} attendees, {} decisions",
                    m.id,
                    format_long(m.held_on),
                    m.attendees.len(),
                    m.decisions.len()
                );
            }
            Ok(())
        }
    }
}
