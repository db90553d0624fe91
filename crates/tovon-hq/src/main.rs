//! `tovon-hq`: the head office on the command line (issue 20), over the PostgreSQL database
//! named by `--database` or `TOVON_HQ_DATABASE_URL`.
//!
//! Exit status: 0 done, 2 a request or an argument refused, 1 anything else.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tovon_hq::{Hq, HqError};

#[derive(Debug, Parser)]
#[command(name = "tovon-hq", version, about = "Tovon head office: the network's desks")]
struct Cli {
    /// The head office's database (libpq connection string or postgresql:// URL).
    #[arg(long, global = true, value_name = "URL")]
    database: Option<String>,
    /// The head office's key file (default: $TOVON_HQ_KEY_FILE), made at first use, 0600.
    #[arg(long, global = true, value_name = "PATH")]
    key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Enrols the desk of an enrolment request file (`tovon exchange request`); prints the
    /// prefix it numbers under and the fingerprint to compare with the desk's.
    Enrol { request: PathBuf },
    /// Revokes the desk numbering under PREFIX.
    Revoke { prefix: String },
    /// Every desk: prefix, branch, enrolled, the last bundle each way, revoked or not.
    Status,
    /// Writes the head office's public keys to FILE for desks' administrators, and prints
    /// their fingerprint to read out to them.
    Identity {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tovon-hq: {error}");
            let refused = matches!(
                error,
                Failure::Hq(
                    HqError::Request(_) | HqError::AlreadyEnrolled { .. } | HqError::NoSuchDesk { .. }
                ) | Failure::Usage(_)
            );
            ExitCode::from(if refused { 2 } else { 1 })
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Hq(#[from] HqError),
    #[error("{0}")]
    Usage(String),
}

fn run(cli: Cli) -> Result<(), Failure> {
    if let Command::Identity { output } = &cli.command {
        let path =
            cli.key_file.or_else(|| std::env::var_os("TOVON_HQ_KEY_FILE").map(PathBuf::from)).ok_or_else(
                || Failure::Usage("no key file: pass --key-file or set TOVON_HQ_KEY_FILE".to_owned()),
            )?;
        let public = tovon_hq::identity(&path)?.public();
        let file = tovon_exchange::PartyFile::of("HQ", &public);
        let text = serde_json::to_string_pretty(&file).unwrap_or_default();
        std::fs::write(output, format!("{text}\n"))
            .map_err(|error| Failure::Usage(format!("{}: {error}", output.display())))?;
        println!("the head office's keys written to {}; fingerprint {}", output.display(), file.fingerprint);
        return Ok(());
    }
    let url = cli.database.or_else(|| std::env::var("TOVON_HQ_DATABASE_URL").ok()).ok_or_else(|| {
        Failure::Usage("no database: pass --database or set TOVON_HQ_DATABASE_URL".to_owned())
    })?;
    let mut hq = Hq::connect(&url)?;
    match cli.command {
        Command::Enrol { request } => {
            let text = std::fs::read(&request)
                .map_err(|error| Failure::Usage(format!("{}: {error}", request.display())))?;
            let enrolled = hq.enrol(&text)?;
            println!("enrolled as {}; fingerprint {}", enrolled.prefix, enrolled.fingerprint);
        }
        Command::Revoke { prefix } => {
            hq.revoke(&prefix)?;
            println!("{prefix} revoked");
        }
        // Written above, before the database is reached.
        Command::Identity { .. } => {}
        Command::Status => {
            for desk in hq.desks()? {
                println!(
                    "{:<8} {:<6} enrolled {}  in {:>6}  out {:>6}{}  {}",
                    desk.prefix,
                    desk.branch,
                    desk.enrolled_at,
                    desk.last_in,
                    desk.last_out,
                    if desk.revoked { "  revoked" } else { "" },
                    desk.fingerprint
                );
            }
        }
    }
    Ok(())
}
