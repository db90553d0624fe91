//! `tovon exchange …`: the desk as a party to the exchange with the head office (issue 20).

use std::path::PathBuf;

use clap::Subcommand;
use tovon_desk::{Desk, DeskError, Received};

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
    /// Applies a head office bundle (HQ-<prefix>-<number>.tovon, or any part of one cut for
    /// e-mail, the other parts beside it). Exit status: 0 applied, 4 applied before (nothing
    /// done), 5 waits for an earlier bundle or a missing part (nothing done), 2 refused
    /// (nothing done; the message says why).
    Import { file: PathBuf },
    /// Sends the next bundle to the head office over HTTPS (its address and certificate come
    /// with its bundles) and applies its answer. Exit status as `import` for the answer; 2
    /// refused, 1 the head office not reached (nothing lost: the entries go again next time).
    Sync,
}

/// `exchange import`'s exit status when the bundle was applied before.
pub const ALREADY_APPLIED: u8 = 4;
/// `exchange import`'s exit status when an earlier bundle is missing.
pub const WAITING: u8 = 5;

/// Runs the command; returns the exit status when it is not 0 without being an error.
pub fn run(desk: &mut Desk, command: ExchangeCommand) -> Result<Option<u8>, DeskError> {
    let language = desk.language();
    match command {
        ExchangeCommand::Export { to } => {
            println!("{}", desk.export_bundle(&to)?.said(language).message);
        }
        ExchangeCommand::Sync => {
            let synced = desk.sync_with_head_office(&mut |_| {})?;
            println!("{}", synced.sent.said(language).message);
            let received = synced.received;
            println!("{}", received.said(language).message);
            return Ok(match received {
                Received::Applied { .. } => None,
                Received::AlreadyApplied { .. } => Some(ALREADY_APPLIED),
                Received::Waiting { .. } | Received::AwaitingHistory { .. } => Some(WAITING),
            });
        }
        ExchangeCommand::Import { file } => {
            let bytes = match desk.read_bundle_file(&file) {
                // A part of a bundle cut for e-mail, the others not here yet: it waits.
                Err(DeskError::Exchange(missing)) if missing.waits() => {
                    println!("{}", DeskError::Exchange(missing).message(language));
                    return Ok(Some(WAITING));
                }
                read => read?,
            };
            let received = desk.import_bundle(&bytes)?;
            println!("{}", received.said(language).message);
            return Ok(match received {
                Received::Applied { .. } => None,
                Received::AlreadyApplied { .. } => Some(ALREADY_APPLIED),
                Received::Waiting { .. } | Received::AwaitingHistory { .. } => Some(WAITING),
            });
        }
        ExchangeCommand::Request { output } => {
            let request = desk.write_enrolment_request(&output)?;
            println!(
                "{}",
                tovon_desk::messages::text(
                    language,
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
            let bytes = desk.read_chosen_file(&file)?;
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
