//! `tovon audit verify` (the hash chain and every logged row) and `tovon audit claim ID` (a
//! claim's history from the log).

use std::path::Path;

use clap::Subcommand;
use tovon_desk::dto::AuditActionCode;
use tovon_desk::{Desk, DeskError};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walks the log's hash chain and compares every logged row with it; exit 1 at the first
    /// broken link or row changed behind the log, naming it.
    Verify {
        #[arg(long)]
        json: bool,
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
pub fn verify(db: &Path, json: bool) -> Result<(), DeskError> {
    let found = crate::users::credentials()
        .map(|(login, password)| tovon_desk::verify_audit_as_found(db, &login, &password));
    let mut desk = crate::open_desk(db)?;
    crate::users::sign_in(&mut desk)?;
    let check = found.ok_or_else(|| DeskError::Internal("the credentials went missing".to_owned()))??;
    desk.log_audit_check(&check)?;
    report(&check, json)
}

fn report(check: &tovon_desk::dto::AuditCheckDto, json: bool) -> Result<(), DeskError> {
    if json {
        println!("{}", serde_json::to_string_pretty(check).unwrap_or_default());
    }
    if !check.intact {
        return Err(DeskError::AuditBroken(check.message.clone()));
    }
    if !json {
        println!("{}", check.message);
    }
    Ok(())
}

pub fn run(desk: &mut Desk, command: AuditCommand) -> Result<(), DeskError> {
    match command {
        AuditCommand::Verify { json } => report(&desk.verify_audit()?, json)?,
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
