//! `tovon exchange …`: the desk as a party to the exchange with the head office (issue 20).

use std::path::PathBuf;

use clap::Subcommand;
use tovon_desk::{Desk, DeskError, InputError, Received};

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
    /// Writes the next bundle for the head office (every change it has not confirmed) into
    /// the folder --to (a USB stick), named <prefix>-<number>.tovon.
    Export {
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Applies a head office bundle (HQ-<prefix>-<number>.tovon). Exit status: 0 applied,
    /// 4 applied before (nothing done), 5 waits for an earlier bundle (nothing done),
    /// 2 refused (nothing done; the message says why).
    Import { file: PathBuf },
}

/// `exchange import`'s exit status when the bundle was applied before.
pub const ALREADY_APPLIED: u8 = 4;
/// `exchange import`'s exit status when an earlier bundle is missing.
pub const WAITING: u8 = 5;

/// Runs the command; returns the exit status when it is not 0 without being an error.
pub fn run(desk: &mut Desk, command: ExchangeCommand) -> Result<Option<u8>, DeskError> {
    let language = desk.language();
    let say = move |key: &str, params: &[(&str, &str)]| tovon_desk::messages::text(language, key, params);
    match command {
        ExchangeCommand::Export { to } => {
            let made = desk.export_bundle(&to)?;
            println!(
                "{}",
                say(
                    "exchange.bundle_written",
                    &[
                        ("number", &made.number.to_string()),
                        ("path", &made.path.display().to_string()),
                        ("size", &made.size.to_string()),
                        ("first", &made.first.to_string()),
                        ("last", &made.last.to_string()),
                        ("blobs", &made.blobs.to_string()),
                    ]
                )
            );
        }
        ExchangeCommand::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|error| InputError::Unreadable {
                field: "file".to_owned(),
                path: file.display().to_string(),
                problem: error.to_string(),
            })?;
            let received = desk.import_bundle(&bytes)?;
            return Ok(match received {
                Received::Applied { number, confirmed_seq } => {
                    let (number, confirmed) = (number.to_string(), confirmed_seq.to_string());
                    println!(
                        "{}",
                        say("exchange.applied", &[("number", &number), ("confirmed", &confirmed)])
                    );
                    None
                }
                Received::AlreadyApplied { number } => {
                    println!("{}", say("exchange.already_applied", &[("number", &number.to_string())]));
                    Some(ALREADY_APPLIED)
                }
                Received::Waiting { number, expected } => {
                    let (number, expected) = (number.to_string(), expected.to_string());
                    println!("{}", say("exchange.waiting", &[("number", &number), ("expected", &expected)]));
                    Some(WAITING)
                }
            });
        }
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
    Ok(None)
}
