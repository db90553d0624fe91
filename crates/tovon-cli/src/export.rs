//! `tovon export …`: the claims list and the payments register to XLSX, as the window's
//! exports write them (issue 19).

use std::path::PathBuf;

use clap::Subcommand;
use tovon_desk::dto::{ClaimListQueryDto, ClaimSortCode, DueFilterCode, WorkQueueCode};
use tovon_desk::{Desk, DeskError};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The claims list (every claim, or those of one Today line, or overdue) to FILE.
    Claims {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Only the claims of one line of `tovon claim today` (payments_due, mine, …).
        #[arg(long, value_parser = crate::claim::parse_queue)]
        queue: Option<WorkQueueCode>,
        /// Only claims with an overdue deadline.
        #[arg(long)]
        overdue: bool,
        /// PINFL and passport in full (the audit log records it).
        #[arg(long)]
        reveal: bool,
    },
    /// The payments recorded from FROM to TO (DD.MM.YYYY or YYYY-MM-DD) to FILE.
    Payments {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long)]
        reveal: bool,
    },
}

pub fn run(desk: &mut Desk, command: ExportCommand) -> Result<(), DeskError> {
    let today = chrono::Local::now().date_naive();
    let done = match command {
        ExportCommand::Claims { output, queue, overdue, reveal } => {
            let query = ClaimListQueryDto {
                state: None,
                due: overdue.then_some(DueFilterCode::Overdue),
                awaiting_approval: false,
                queue,
                query: String::new(),
                sort: ClaimSortCode::NextDue,
                limit: 1,
                offset: 0,
            };
            desk.export_claims(&query, reveal, &output, today)?
        }
        ExportCommand::Payments { from, to, output, reveal } => {
            desk.export_payments(&from, &to, reveal, &output)?
        }
    };
    let rows = done.rows.to_string();
    println!(
        "{}",
        tovon_desk::messages::text(desk.language(), "export.done", &[("rows", &rows), ("file", &done.file)])
    );
    Ok(())
}
