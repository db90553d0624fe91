//! `tovon exchange …`: the desk as a party to the exchange with the head office (issue 20).

use std::path::PathBuf;

use clap::Subcommand;
use tovon_desk::{Desk, DeskError, InputError};

#[derive(Debug, Subcommand)]
pub enum ExchangeCommand {
    /// Writes the desk's enrolment request (its branch and public keys) to FILE for the head
    /// office, and prints the fingerprint to compare with it (administrators).
    Request {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Trusts the head office whose keys are FILE (`tovon-hq identity`), once the
    /// fingerprint read from paper or over the phone, --fingerprint, is theirs (administrators).
    Trust {
        file: PathBuf,
        #[arg(long)]
        fingerprint: String,
    },
}

pub fn run(desk: &mut Desk, command: ExchangeCommand) -> Result<(), DeskError> {
    match command {
        ExchangeCommand::Request { output } => {
            let request = desk.enrolment_request()?;
            let text = serde_json::to_string_pretty(&request).unwrap_or_default();
            std::fs::write(&output, format!("{text}\n")).map_err(|error| InputError::CannotWrite {
                field: "file".to_owned(),
                path: output.display().to_string(),
                problem: error.to_string(),
            })?;
            println!(
                "{}",
                tovon_desk::messages::text(
                    desk.language(),
                    "exchange.request_written",
                    &[
                        ("path", &output.display().to_string()),
                        ("branch", &request.branch),
                        ("fingerprint", &request.fingerprint)
                    ],
                )
            );
        }
        ExchangeCommand::Trust { file, fingerprint } => {
            let bytes = std::fs::read(&file).map_err(|error| InputError::Unreadable {
                field: "file".to_owned(),
                path: file.display().to_string(),
                problem: error.to_string(),
            })?;
            let trusted = desk.trust_head_office(&bytes, &fingerprint)?;
            println!(
                "{}",
                tovon_desk::messages::text(
                    desk.language(),
                    "exchange.trusted",
                    &[("fingerprint", &trusted.fingerprint)]
                )
            );
        }
    }
    Ok(())
}
