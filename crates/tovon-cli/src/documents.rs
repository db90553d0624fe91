//! `tovon claim docs|doc-…`: a claim's documents checklist — what is required, what came
//! in, requests, online certificates verified, attachments.

use std::path::PathBuf;

use clap::Subcommand;
use tovon_desk::dto::{
    ChecklistDto, ClaimFactsDto, ClaimOutcome, DocumentReceiptDto, DocumentRequestDto, DocumentStateCode,
    MedicalSourceCode,
};
use tovon_desk::{Desk, DeskError};

#[derive(Debug, Subcommand)]
pub enum DocumentCommand {
    /// The checklist: each required item with its state, due day and attachments.
    Docs {
        claim: String,
        #[arg(long)]
        json: bool,
    },
    /// Records a document as received (again: corrects its details).
    DocReceive {
        claim: String,
        /// The item's code as `claim docs` shows it (policy_original, extra-3, …).
        item: String,
        /// The day it came in (default today).
        #[arg(long, default_value = "")]
        date: String,
        /// A copy, not the original.
        #[arg(long)]
        copy: bool,
        /// A medical certificate from an online (telemedicine) service: it counts only
        /// once verified (`claim doc-verify`).
        #[arg(long)]
        online: bool,
        #[arg(long, default_value = "")]
        note: String,
        /// A scan to attach (PDF, JPEG or PNG, at most 20 MB).
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Takes back a receipt recorded by mistake (the log keeps it).
    DocUnreceive { claim: String, item: String },
    /// Marks an online service's certificate verified (default today).
    DocVerify {
        claim: String,
        item: String,
        #[arg(long, default_value = "")]
        date: String,
    },
    /// The insurer asks for a document: the catalogue's forensic_report, or any other
    /// wording for an extra document (6.4).
    DocRequest {
        claim: String,
        #[arg(long)]
        item: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        date: String,
    },
    /// Attaches a scan (PDF, JPEG or PNG) to an item.
    DocAttach { claim: String, item: String, file: PathBuf },
    /// Removes an attachment from the checklist (marked, with the reason; never deleted).
    DocDetach {
        claim: String,
        attachment: i64,
        #[arg(long)]
        reason: String,
    },
    /// Writes an attachment out after checking it against its SHA-256.
    DocSave {
        attachment: i64,
        #[arg(short = 'o', long)]
        output: PathBuf,
    },
    /// Checks every attachment of a claim against its SHA-256; exit 1 if one fails.
    DocCheck { claim: String },
    /// Changes the facts the required documents depend on.
    Facts {
        claim: String,
        #[arg(long, value_parser = ["injury", "disability", "death"])]
        outcome: Option<String>,
        #[arg(long, value_parser = clap::builder::BoolishValueParser::new())]
        driving: Option<bool>,
        #[arg(long, value_parser = clap::builder::BoolishValueParser::new())]
        fracture: Option<bool>,
        /// The beneficiary named in the policy; "" for none (the heirs, 6.2.3г).
        #[arg(long)]
        beneficiary: Option<String>,
    },
}

pub fn run(desk: &mut Desk, command: DocumentCommand) -> Result<(), DeskError> {
    let today = chrono::Local::now().date_naive();
    let list = match command {
        DocumentCommand::Docs { claim, json } => {
            let list = desk.documents(&claim, today)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
                return Ok(());
            }
            list
        }
        DocumentCommand::DocReceive { claim, item, date, copy, online, note, file } => {
            let source = online.then_some(MedicalSourceCode::Online);
            let receipt = DocumentReceiptDto { item: item.clone(), received_on: date, copy, note, source };
            let list = desk.receive_document(&claim, &receipt, today)?;
            match file {
                Some(file) => desk.attach_document(&claim, &item, &file, today)?,
                None => list,
            }
        }
        DocumentCommand::DocUnreceive { claim, item } => desk.unreceive_document(&claim, &item, today)?,
        DocumentCommand::DocVerify { claim, item, date } => {
            desk.verify_document(&claim, &item, &date, today)?
        }
        DocumentCommand::DocRequest { claim, item, reason, date } => {
            desk.request_document(&claim, &DocumentRequestDto { item, reason, requested_on: date }, today)?
        }
        DocumentCommand::DocAttach { claim, item, file } => {
            desk.attach_document(&claim, &item, &file, today)?
        }
        DocumentCommand::DocDetach { claim, attachment, reason } => {
            desk.remove_attachment(&claim, attachment, &reason, today)?
        }
        DocumentCommand::DocSave { attachment, output } => {
            let (attachment, bytes) = desk.attachment_content(attachment)?;
            tovon_desk::write_private(&output, &bytes).map_err(|error| {
                tovon_desk::InputError::CannotWrite {
                    field: "output".to_owned(),
                    path: output.display().to_string(),
                    problem: error.to_string(),
                }
            })?;
            println!(
                "{}  {}  sha256 {} verified",
                output.display(),
                attachment.media_type,
                attachment.sha256
            );
            return Ok(());
        }
        DocumentCommand::DocCheck { claim } => {
            let failed = desk.check_attachments(&claim)?;
            for (attachment, message) in &failed {
                eprintln!("attachment {}: {message}", attachment.id);
            }
            if failed.is_empty() {
                println!("every attachment matches its SHA-256");
                return Ok(());
            }
            return Err(DeskError::Internal(format!(
                "{} attachment(s) fail their SHA-256 check",
                failed.len()
            )));
        }
        DocumentCommand::Facts { claim, outcome, driving, fracture, beneficiary } => {
            let current = desk.documents(&claim, today)?.facts;
            let outcome = match outcome.as_deref() {
                Some("disability") => ClaimOutcome::Disability,
                Some("death") => ClaimOutcome::Death,
                Some(_) => ClaimOutcome::Injury,
                None => current.outcome,
            };
            let facts = ClaimFactsDto {
                outcome,
                was_driving: driving.unwrap_or(current.was_driving),
                fracture: fracture.unwrap_or(current.fracture),
                beneficiary_name: beneficiary.or(current.beneficiary_name),
            };
            desk.change_claim_facts(&claim, &facts, today)?
        }
    };
    print!("{}", render(&list));
    Ok(())
}

fn render(list: &ChecklistDto) -> String {
    let mut text = format!(
        "{}  {}  documents: {} of {} required received\n",
        list.claim_number,
        crate::claim::code(&list.state),
        list.required - list.missing,
        list.required
    );
    for group in &list.groups {
        text.push_str(&format!("{}\n", group.title));
        for item in &group.items {
            let mark = match (item.state, item.required) {
                (DocumentStateCode::Received, _) => "[x]",
                (DocumentStateCode::AwaitingVerification, _) => "[?]",
                (DocumentStateCode::Missing, true) => "[ ]",
                (DocumentStateCode::Missing, false) => "[-]",
            };
            let state = match item.state {
                DocumentStateCode::Received => format!(
                    "received {}{}{}",
                    item.received_on.as_deref().unwrap_or_default(),
                    if item.copy { ", copy" } else { ", original" },
                    match (&item.verified_on, item.source) {
                        (Some(on), _) => format!(", online, verified {on}"),
                        (None, Some(MedicalSourceCode::InPerson)) => ", in person".to_owned(),
                        _ => String::new(),
                    }
                ),
                DocumentStateCode::AwaitingVerification => format!(
                    "received {} from an online service, not verified",
                    item.received_on.as_deref().unwrap_or_default()
                ),
                DocumentStateCode::Missing if item.required => format!(
                    "missing, due {} ({}){}",
                    item.due,
                    item.due_clause,
                    if item.overdue { " OVERDUE" } else { "" }
                ),
                DocumentStateCode::Missing => "may be requested".to_owned(),
            };
            let required = if item.required { "" } else { " (not required)" };
            text.push_str(&format!(
                "  {mark} {:<24} {} [{}]{required}: {state}\n",
                item.key, item.title, item.clauses
            ));
            if let Some(request) = &item.request {
                text.push_str(&format!("        requested {}: {}\n", request.requested_on, request.reason));
            }
            for attachment in &item.attachments {
                let removed = match (&attachment.removed_at, &attachment.removed_reason) {
                    (Some(at), Some(reason)) => format!("  REMOVED {at}: {reason}"),
                    _ => String::new(),
                };
                text.push_str(&format!(
                    "        attachment {}: {} ({}, {} bytes, sha256 {}){removed}\n",
                    attachment.id,
                    attachment.file_name,
                    attachment.media_type,
                    attachment.size,
                    attachment.sha256
                ));
            }
        }
    }
    match (&list.complete_on, &list.deadline) {
        (Some(on), Some(deadline)) => {
            text.push_str(&format!("complete on {on}; decision due {} ({})\n", deadline.due, deadline.clause))
        }
        (None, Some(deadline)) => text.push_str(&format!(
            "{} missing; documents due {} ({})\n",
            list.missing, deadline.due, deadline.clause
        )),
        _ => {}
    }
    text
}
