//! `tovon audit verify` (the hash chain, every logged row, and the anchors kept outside),
//! `tovon audit anchor` (the chain's head signed, for safekeeping) and `tovon audit claim ID`
//! (a claim's history from the log).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use tovon_desk::dto::{AnchorOutcomeCode, AuditActionCode};
use tovon_desk::{Desk, DeskError};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walks the log's hash chain and compares every logged row with it; exit 1 at the first
    /// broken link or row changed behind the log, naming it.
    Verify {
        #[arg(long)]
        json: bool,
        /// Anchor files (`tovon audit anchor`) or issued PDFs: each says up to which entry the
        /// log is confirmed, or names the rewrite or cut that contradicts it (exit 1).
        #[arg(long = "anchor", value_name = "FILE", num_args = 1..)]
        anchors: Vec<PathBuf>,
    },
    /// Writes the log's last entry, signed by the desk's key, to FILE: keep it away from the
    /// desk (administrator).
    Anchor {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// A claim's history from the log, oldest first.
    Claim {
        /// The claim's id or number.
        claim: String,
        #[arg(long)]
        json: bool,
    },
}

fn action(code: AuditActionCode) -> &'static str {
    match code {
        AuditActionCode::Insert => "insert",
        AuditActionCode::Update => "update",
        AuditActionCode::Delete => "delete",
        AuditActionCode::Baseline => "baseline",
        AuditActionCode::Event => "event",
    }
}

/// `audit verify`: the log checked as found, read-only, before anything writes to it; then
/// the sign-in (logged, a wrong password too) and the result, logged.
pub fn verify(db: &Path, json: bool, anchors: &[PathBuf]) -> Result<(), DeskError> {
    let found = crate::users::credentials()
        .map(|(login, password)| tovon_desk::verify_audit_as_found(db, &login, &password, anchors));
    let check = match found {
        Some(Ok(check)) => check,
        // No credentials, wrong ones, or a file not checkable as found: the sign-in says so
        // (and logs the attempt) before the check's own error.
        found => {
            let mut desk = crate::open_desk(db)?;
            crate::users::sign_in(&mut desk)?;
            return Err(match found {
                Some(Err(error)) => error,
                _ => DeskError::Internal("the credentials went missing".to_owned()),
            });
        }
    };
    // The check stands however its logging goes: a log that refuses appends (entries slipped
    // in past its head) is reported with what the check found, not in place of it.
    let logged = crate::open_desk(db).and_then(|mut desk| {
        crate::users::sign_in(&mut desk)?;
        desk.log_audit_check(&check)
    });
    match (report(&check, json), logged) {
        (reported, Ok(())) => reported,
        (Ok(()), Err(error)) => Err(error),
        (Err(broken), Err(error)) => {
            let language = crate::LANGUAGE.get().copied().unwrap_or_default();
            eprintln!("tovon: {}", error.message(language));
            Err(broken)
        }
    }
}

fn report(check: &tovon_desk::dto::AuditCheckDto, json: bool) -> Result<(), DeskError> {
    if json {
        println!("{}", serde_json::to_string_pretty(check).unwrap_or_default());
    }
    let anchors: Vec<&str> = check.anchors.iter().map(|finding| finding.message.as_str()).collect();
    let unconfirmed = check.anchors.iter().any(|finding| finding.outcome != AnchorOutcomeCode::Confirmed);
    if !check.intact || unconfirmed {
        let message = std::iter::once(check.message.as_str()).chain(anchors).collect::<Vec<_>>().join("\n");
        return Err(DeskError::AuditBroken(message));
    }
    if !json {
        for line in anchors {
            println!("{line}");
        }
        println!("{}", check.message);
    }
    Ok(())
}

pub fn run(desk: &mut Desk, command: AuditCommand) -> Result<(), DeskError> {
    match command {
        AuditCommand::Verify { json, .. } => report(&desk.verify_audit()?, json)?,
        AuditCommand::Anchor { output } => {
            let anchor = desk.write_anchor(&output)?;
            println!(
                "{}",
                tovon_desk::messages::text(
                    desk.language(),
                    "audit.anchor.written",
                    &[("path", &anchor.path), ("seq", &anchor.seq.to_string()), ("at", &anchor.signed_at),]
                )
            );
        }
        AuditCommand::Claim { claim, json } => {
            let history = desk.claim_history(&claim)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&history).unwrap_or_default());
                return Ok(());
            }
            for entry in history {
                println!(
                    "{:>6}  {}  {:<12}  {} {} {}",
                    entry.seq,
                    entry.at,
                    entry.actor,
                    entry.entity,
                    entry.entity_key,
                    action(entry.action)
                );
                for change in entry.changes {
                    println!(
                        "          {}: {} → {}",
                        change.field,
                        change.before.as_deref().unwrap_or("—"),
                        change.after.as_deref().unwrap_or("—")
                    );
                }
            }
        }
    }
    Ok(())
}
