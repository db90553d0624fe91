//! `tovon`: the desk's use cases on the command line, over the same database file
//! as the window (`--db`, else `TOVON_DB`, else the app data folder).
//!
//! Exit status: 0 done, 2 bad input (the message names it), 1 anything else.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tovon_desk::dto::DbInfoDto;
use tovon_desk::{Desk, DeskError, resolve_db_path};

#[derive(Debug, Parser)]
#[command(name = "tovon", version, about = "Tovon claims desk: command line")]
struct Cli {
    /// The database file (default: $TOVON_DB, else the app data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The database file.
    #[command(subcommand)]
    Db(DbCommand),
    /// The payout for a request (JSON, see README); `-` reads standard input.
    Calc {
        /// The request file, or `-` for standard input.
        file: PathBuf,
    },
    /// Prints the interface language of this desk, or sets it (uz-Cyrl, uz-Latn, ru).
    Language {
        /// The language to switch to.
        tag: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum DbCommand {
    /// Path, schema version, SQLite version and rows per table (creates the file if missing).
    Info {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tovon: {error}");
            ExitCode::from(exit_status(&error))
        }
    }
}

fn run(cli: Cli) -> Result<(), DeskError> {
    if let Command::Calc { file } = &cli.command {
        return calc(file);
    }
    let mut desk = Desk::open(&resolve_db_path(cli.db)?)?;
    match cli.command {
        Command::Calc { .. } => {}
        Command::Db(DbCommand::Info { json }) => {
            let info = desk.db_info()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&info).unwrap_or_default());
            } else {
                print!("{}", render_db_info(&info));
            }
        }
        Command::Language { tag } => {
            if let Some(tag) = tag {
                desk.set_language_tag(&tag)?;
            }
            println!("{}", desk.language());
        }
    }
    Ok(())
}

/// `tovon calc`: needs no database yet (the shipped schedule, default settings).
fn calc(file: &Path) -> Result<(), DeskError> {
    let request = read_request(file)?;
    let today = chrono::Local::now().date_naive();
    let calculation = tovon_desk::calculate_request(&request, today)?;
    println!("{}", serde_json::to_string_pretty(&calculation).unwrap_or_default());
    Ok(())
}

fn read_request(file: &Path) -> Result<String, DeskError> {
    let unreadable = |error: std::io::Error| DeskError::InvalidInput {
        field: "FILE".to_owned(),
        problem: format!("cannot read {}: {error}", file.display()),
    };
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(unreadable)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(unreadable)
    }
}

fn exit_status(error: &DeskError) -> u8 {
    match error.code() {
        tovon_desk::dto::ErrorCode::InvalidInput => 2,
        tovon_desk::dto::ErrorCode::Storage | tovon_desk::dto::ErrorCode::Internal => 1,
    }
}

fn render_db_info(info: &DbInfoDto) -> String {
    let width = info.tables.iter().map(|table| table.table.len()).max().unwrap_or(0);
    let mut text = format!(
        "database:       {}\nschema version: {}\nsqlite version: {}\ntables:\n",
        info.path, info.schema_version, info.sqlite_version
    );
    for table in &info.tables {
        text.push_str(&format!("  {:<width$}  {:>10}\n", table.table, table.rows));
    }
    text
}
