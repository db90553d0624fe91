//! `tovon`: the desk's use cases on the command line, over the same database file
//! as the window (`--db`, else `TOVON_DB`, else the app data folder).
//!
//! Exit status: 0 done, 2 bad input (the message names it), 3 not signed in or not allowed
//! for the user's role, 1 anything else.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Datelike;
use clap::{Parser, Subcommand};

/// The register import allocates on its reading thread and frees on the storing one.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod audit;
mod claim;
mod decide;
mod documents;
mod exchange;
mod export;
mod policies;
mod users;
use tovon_desk::dto::{DbInfoDto, ScheduleVersionDto};
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
    /// Payment schedule versions (version 1 ships; an administrator adds later ones).
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// Prints the N-th bank day after DATE (DATE itself not counted), as YYYY-MM-DD, on the
    /// database's calendar (the shipped defaults when there is no database yet).
    BankDays {
        /// YYYY-MM-DD or DD.MM.YYYY.
        date: String,
        /// How many bank days, 1 or more.
        #[arg(allow_negative_numbers = true)]
        n: i64,
    },
    /// Prints AMOUNT in words exactly as a document writes it ("Бир миллион … сўм 50
    /// тийин"); 0.00 to 999 999 999 999.99, at most two decimals.
    Words {
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// uz-Cyrl (default), uz-Latn or ru.
        #[arg(long, default_value = "uz-Cyrl")]
        lang: String,
    },
    /// The policy register.
    #[command(subcommand)]
    Policies(PoliciesCommand),
    /// The holiday calendar.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Claims: register, show, list, move along the lifecycle.
    #[command(subcommand)]
    Claim(claim::ClaimCommand),
    /// The decision on a claim and what follows it: approve, refuse, defer, sign, pay.
    Decide {
        /// The claim's id or number.
        claim: String,
        #[command(subcommand)]
        command: decide::DecideCommand,
    },
    /// Writes an issued document's PDF: the act, the refusal letter (as issued), or a
    /// documents request (issued now, or today's same one again).
    Print {
        #[arg(value_enum)]
        kind: decide::PrintKind,
        /// The claim's id or number.
        claim: String,
        /// uz-Cyrl, uz-Latn or ru (a request is issued in it; an act or letter must match).
        #[arg(long)]
        lang: Option<String>,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Writes a copy of the database to PATH through SQLite's online backup API (the desk can
    /// stay open) and checks it with integrity_check.
    Backup { path: PathBuf },
    /// Replaces the database with the backup at PATH after checking it; the replaced database
    /// is kept beside it as <name>.before-restore-<time>. Works on a database that no longer
    /// opens. Close the window first.
    Restore { path: PathBuf },
    /// The audit log: check its chain, or show a claim's history.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// The claims list or the payments register to an XLSX file.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// The exchange with the head office: enrolment, bundles out and in.
    #[command(subcommand)]
    Exchange(exchange::ExchangeCommand),
    /// The desk's users. Every command but calc, language, db info and schedule
    /// versions|export runs as TOVON_USER, signed in with TOVON_PASSWORD.
    #[command(subcommand)]
    User(users::UserCommand),
    /// The officer's authority limit, the idle lock, the backups kept.
    #[command(subcommand)]
    Settings(users::SettingsCommand),
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

#[derive(Debug, Subcommand)]
enum PoliciesCommand {
    /// Imports the insurer's register (CSV or XLSX with a header row); prints the summary and
    /// the bad rows.
    Import {
        file: PathBuf,
        /// A saved column mapping for headers the built-in names do not cover.
        #[arg(long)]
        mapping: Option<String>,
    },
    /// How the header of a register file is read: each field and the column taken for it.
    Header {
        file: PathBuf,
        #[arg(long)]
        mapping: Option<String>,
    },
    /// Saved column mappings.
    #[command(subcommand)]
    Mapping(MappingCommand),
    /// Finds policies by series and number, number, PINFL, passport or name (either script);
    /// PINFL and passport are shown masked (5.4д).
    Find { query: String },
    /// Shows a policy's PINFL and passport in full; the audit log records it.
    Reveal {
        policy_id: i64,
        /// The claim it is seen for.
        #[arg(long)]
        claim: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum MappingCommand {
    /// Every saved mapping with its pairs.
    List,
    /// Saves a mapping (replacing one of the same name): pairs HEADER=FIELD, e.g.
    /// "Застрахованный=full_name".
    Save {
        name: String,
        #[arg(required = true)]
        pairs: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// The holidays and working weekend days of a year.
    List { year: i32 },
    /// Makes a day a holiday or a working day (an administrator's decision).
    Set {
        /// YYYY-MM-DD or DD.MM.YYYY.
        date: String,
        #[arg(value_parser = ["holiday", "working"])]
        kind: String,
        /// What the day is (e.g. the decree).
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Confirms a year's days against the decrees (an administrator's); a deadline counted
    /// into a year not confirmed says so.
    Confirm { year: i32 },
}

#[derive(Debug, Subcommand)]
enum ScheduleCommand {
    /// Every version with its date, and what it leaves unpayable or missing.
    Versions,
    /// Prints a version's TOML (the newest by default): the starting point of the next one.
    Export { version: Option<u32> },
    /// Validates a version file and adds it; its number must be above every existing one.
    Add {
        file: PathBuf,
        /// What the version changes and on whose decision.
        #[arg(long)]
        note: String,
    },
}

/// The desk's language, known once the database is open: what messages are written in.
static LANGUAGE: std::sync::OnceLock<tovon_desk::Language> = std::sync::OnceLock::new();

/// An exit status other than 0 for a command that did what it could without an error
/// (`exchange import`: applied before, or waiting).
static STATUS: std::sync::OnceLock<u8> = std::sync::OnceLock::new();

/// Opens the desk and remembers its language for the messages.
fn open_desk(db_path: &Path) -> Result<Desk, DeskError> {
    let desk = Desk::open(db_path)?;
    let _ = LANGUAGE.set(desk.language());
    // A key pair made because the key file was missing (or one the database did not know).
    if let Some(notice) = desk.new_key_notice() {
        eprintln!("tovon: {notice}");
    }
    Ok(desk)
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => STATUS.get().map_or(ExitCode::SUCCESS, |status| ExitCode::from(*status)),
        Err(error) => {
            // In the desk's language once a desk was opened (uz-Cyrl before), like the window.
            let language = LANGUAGE.get().copied().unwrap_or_default();
            let message = error.message(language);
            // The command line's own names (DATE, N, --payee, a request's JSON path) close
            // the line, so a script's author sees which argument to fix.
            match error.field().filter(|field| !message.contains(field.as_str())) {
                Some(field) => eprintln!("tovon: {message} ({field})"),
                None => eprintln!("tovon: {message}"),
            }
            ExitCode::from(exit_status(&error))
        }
    }
}

/// `tovon policies find … | head`: when the reader goes away, stop quietly (status 141, as
/// a shell's own tools do) instead of reporting the failed write as a crash. Every other
/// panic is reported as before.
fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("Broken pipe") {
            std::process::exit(141);
        }
        report(info);
    }));
}

fn run(cli: Cli) -> Result<(), DeskError> {
    if run_without_desk(&cli.command, cli.db.as_deref())? {
        return Ok(());
    }
    let db_path = resolve_db_path(cli.db)?;
    if let Command::Audit(audit::AuditCommand::Verify { json, anchors }) = cli.command {
        return audit::verify(&db_path, json, &anchors);
    }
    let mut desk = open_desk(&db_path)?;
    if !open_to_all(&cli.command) {
        users::sign_in(&mut desk)?;
    }
    match cli.command {
        Command::User(command) => users::run(&mut desk, command)?,
        Command::Policies(command) => policies::run(&mut desk, command)?,
        Command::Settings(command) => users::settings(&mut desk, command)?,
        Command::BankDays { .. } | Command::Words { .. } | Command::Restore { .. } | Command::Calc { .. } => {
        }
        Command::Claim(command) => claim::run(&mut desk, command)?,
        Command::Decide { claim, command } => decide::run(&mut desk, &claim, command)?,
        Command::Audit(command) => audit::run(&mut desk, command)?,
        Command::Export(command) => export::run(&mut desk, command)?,
        Command::Exchange(command) => {
            if let Some(status) = exchange::run(&mut desk, command)? {
                let _ = STATUS.set(status);
            }
        }
        Command::Backup { path } => {
            let made = desk.backup(&path)?;
            println!(
                "{}: {} bytes, schema {}, integrity_check ok",
                made.path, made.bytes, made.schema_version
            );
        }
        Command::Print { kind, claim, lang, output } => {
            decide::print(&mut desk, kind, &claim, lang.as_deref(), &output)?
        }
        Command::Calendar(CalendarCommand::List { year }) => {
            for day in desk.calendar_year(year)? {
                println!(
                    "{}  {:<7}  {}{}{}",
                    day.date,
                    if day.holiday { "holiday" } else { "working" },
                    day.name,
                    if day.estimate { "  (estimate: confirm)" } else { "" },
                    if day.by_administrator { "  (set by administrator)" } else { "" },
                );
            }
        }
        Command::Calendar(CalendarCommand::Confirm { year }) => {
            let status = desk.confirm_calendar_year(year, chrono::Local::now().date_naive())?;
            let years: Vec<String> = status.confirmed.iter().map(i32::to_string).collect();
            println!("confirmed: {}", years.join(", "));
        }
        Command::Calendar(CalendarCommand::Set { date, kind, name }) => {
            let day = desk.set_calendar_day(parse_date(&date, "DATE")?, kind == "holiday", &name)?;
            println!("{}  {}", day.date, if day.holiday { "holiday" } else { "working" });
        }
        Command::Schedule(ScheduleCommand::Versions) => {
            print!("{}", render_versions(&desk.schedule_versions()?))
        }
        Command::Schedule(ScheduleCommand::Export { version }) => {
            print!("{}", desk.export_schedule(version)?)
        }
        Command::Schedule(ScheduleCommand::Add { file, note }) => {
            let added = desk.add_schedule_version(&read_file(&file)?, &note)?;
            print!("added:\n{}", render_versions(&[added]));
        }
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
                desk.set_desk_language(&tag)?;
            }
            println!("{}", desk.language());
        }
    }
    Ok(())
}

/// The commands that run before the database is opened (the words and bank days need none;
/// a restore replaces a database that may no longer open); `true` when one ran.
fn run_without_desk(command: &Command, db: Option<&Path>) -> Result<bool, DeskError> {
    if let Command::Words { amount, lang } = command {
        // Needs no database: the words are the domain's.
        println!("{}", tovon_desk::words(amount, lang.parse()?)?);
        return Ok(true);
    }
    let db_path = || resolve_db_path(db.map(Path::to_path_buf));
    if let Command::BankDays { date, n } = command {
        // Without a database yet, the shipped defaults; a query creates no file.
        let from = parse_date(date, "DATE")?;
        let count = u32::try_from(*n).ok().filter(|n| *n >= 1).ok_or_else(|| {
            tovon_desk::InputError::NotACount { field: "N".to_owned(), value: n.to_string() }
        })?;
        // The database read as found (read-only); without one, the shipped defaults.
        let reference = tovon_desk::Reference::read(&db_path()?)?;
        let _ = LANGUAGE.set(reference.language());
        let (calendar, language) = (reference.calendar(), reference.language());
        let day = calendar.bank_days_after(from, count)?;
        println!("{}", day.format("%Y-%m-%d"));
        // The date stands (exit 0); a count across a year not confirmed is said on stderr.
        for year in (from.year()..=day.year()).filter(|year| !calendar.is_confirmed(*year)) {
            let warning =
                tovon_desk::messages::text(language, "calendar.unconfirmed", &[("year", &year.to_string())]);
            eprintln!("tovon: {warning}");
        }
        return Ok(true);
    }
    if let Command::Calc { file } = command {
        // Creates and writes no file: the database, if there is one, is read as found.
        let reference = tovon_desk::Reference::read(&db_path()?)?;
        let _ = LANGUAGE.set(reference.language());
        let calculation = reference.calculate(&read_file(file)?, chrono::Local::now().date_naive())?;
        println!("{}", serde_json::to_string_pretty(&calculation).unwrap_or_default());
        return Ok(true);
    }
    if let Command::Restore { path } = command {
        // Before opening: the database being replaced may no longer open.
        let credentials = users::credentials();
        let restored = tovon_desk::restore_as(
            &db_path()?,
            path,
            chrono::Local::now().naive_local(),
            credentials.as_ref().map(|(login, password)| (login.as_str(), password.as_str())),
        )?;
        println!(
            "restored {} ({} bytes, schema {})",
            restored.from.path, restored.from.bytes, restored.from.schema_version
        );
        if let Some(notice) = &restored.key_notice {
            eprintln!("tovon: {notice}");
        }
        if restored.awaiting_history {
            eprintln!(
                "tovon: the desk is enrolled: no claim is numbered or changed until the head office sends back \
                 the history this backup lacks (tovon exchange sync, or export a bundle and import its answer)"
            );
        }
        if let Some(kept) = restored.kept {
            println!("the replaced database is kept as {kept}");
        }
        return Ok(true);
    }
    Ok(false)
}

/// Commands that run without a signed-in user: they read no personal data and change
/// nothing but the interface language; and the first administrator's making.
fn open_to_all(command: &Command) -> bool {
    matches!(
        command,
        Command::Calc { .. }
            | Command::Language { tag: None }
            | Command::Db(_)
            | Command::Schedule(ScheduleCommand::Versions | ScheduleCommand::Export { .. })
            | Command::User(users::UserCommand::Init { .. })
    )
}

fn render_versions(versions: &[ScheduleVersionDto]) -> String {
    versions
        .iter()
        .map(|version| match &version.error {
            Some(error) => format!("version {}: cannot be read by this program: {error}\n", version.version),
            None => format!(
                "version {}  in force from {}  {}  {} items; unpayable: {}; missing: {}{}\n",
                version.version,
                version.effective_from,
                if version.shipped { "shipped" } else { "added" },
                version.items,
                if version.unpayable_items.is_empty() {
                    "none".to_owned()
                } else {
                    version.unpayable_items.join(", ")
                },
                if version.missing_articles.is_empty() {
                    "none".to_owned()
                } else {
                    version.missing_articles.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                },
                version
                    .note
                    .as_ref()
                    .map(|note| format!("\n    {note} ({})", version.added_at.as_deref().unwrap_or("")))
                    .unwrap_or_default(),
            ),
        })
        .collect()
}

/// A date written YYYY-MM-DD or DD.MM.YYYY.
fn parse_date(text: &str, field: &str) -> Result<chrono::NaiveDate, DeskError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text.trim(), "%d.%m.%Y"))
        .map_err(|_| {
            tovon_desk::InputError::NotADate { field: field.to_owned(), value: text.to_owned() }.into()
        })
}

/// A file's text, or standard input for `-`.
/// The most a file argument (a request, a schedule version, a claim draft) may hold: 4 MB.
/// `/dev/zero` or a wrong file is refused after that much, never read for ever.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub(crate) fn read_file(file: &Path) -> Result<String, DeskError> {
    let unreadable = |problem: String| tovon_desk::InputError::Unreadable {
        field: "FILE".to_owned(),
        path: file.display().to_string(),
        problem,
    };
    let mut bytes = Vec::new();
    let read = if file.as_os_str() == "-" {
        std::io::stdin().lock().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|opened| opened.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|error| unreadable(error.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(tovon_desk::InputError::TooLong {
            field: "FILE".to_owned(),
            max_mb: MAX_FILE_BYTES >> 20,
        }
        .into());
    }
    String::from_utf8(bytes).map_err(|_| unreadable("UTF-8".to_owned()).into())
}

fn exit_status(error: &DeskError) -> u8 {
    // Not signed in, as README says (the window keeps it an input error on its field).
    if matches!(
        error,
        DeskError::Access(
            tovon_desk::AccessError::WrongCredentials
                | tovon_desk::AccessError::Deactivated
                | tovon_desk::AccessError::TooManyAttempts { .. }
        )
    ) {
        return 3;
    }
    match error.code() {
        tovon_desk::dto::ErrorCode::InvalidInput => 2,
        tovon_desk::dto::ErrorCode::Storage
        | tovon_desk::dto::ErrorCode::Internal
        | tovon_desk::dto::ErrorCode::NotFound
        | tovon_desk::dto::ErrorCode::Cancelled => 1,
        tovon_desk::dto::ErrorCode::SignedOut | tovon_desk::dto::ErrorCode::Forbidden => 3,
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
