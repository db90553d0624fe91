//! `tovon-hq`: the head office on the command line (issue 20), over the PostgreSQL database
//! named by `--database` or `TOVON_HQ_DATABASE_URL`, with the key file named by `--key-file`
//! or `TOVON_HQ_KEY_FILE`.
//!
//! Once the head office has a user, every command but `serve` and `watch` runs as
//! TOVON_HQ_USER signed in with TOVON_HQ_PASSWORD; an auditor reads (`status`, `claims`,
//! `scan`) and changes nothing.
//!
//! Exit status: 0 done, 3 not signed in or not allowed, 2 a request, an argument or a bundle refused, 4 a bundle with nothing
//! new, 5 a bundle waiting for an earlier one, 6 `status` with a desk whose history was
//! refused, 1 anything else.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tovon_hq::{Hq, HqError, HqRole, HqSession, Ingested};

#[derive(Debug, Parser)]
#[command(name = "tovon-hq", version, about = "Tovon head office: the network's desks and their bundles")]
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
    /// prefix it numbers under and the fingerprint to compare with the desk's. With --to,
    /// writes the desk's enrolment answer (its first bundle) into that folder.
    Enrol {
        request: PathBuf,
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Re-enrols the desk numbering under PREFIX with the request's new keys (its PC
        /// replaced, its key file lost, its database restored from its backup): it keeps its
        /// prefix and history, and gets back what the backup lacks with its next exchange; its
        /// old keys are kept to verify what they signed.
        #[arg(long, value_name = "PREFIX", conflicts_with = "to")]
        replaces: Option<String>,
    },
    /// Revokes the desk numbering under PREFIX.
    Revoke { prefix: String },
    /// Every desk: the last bundle each way and days since, the audit log confirmed up to,
    /// entries waiting, a history refused (exit status 6 when one was).
    Status,
    /// Writes the head office's public keys to FILE for desks' administrators, and prints
    /// their fingerprint to read out to them.
    Identity {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Takes in desks' bundles (<prefix>-<number>.tovon, or any part of one cut for e-mail,
    /// the other parts beside it), each on its own. Exit status: 0 applied, 4 nothing new,
    /// 5 waits for an earlier bundle or for its other parts, 2 refused (the worst of them).
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Writes the next bundle for the desk PREFIX into the folder --to.
    Export {
        prefix: String,
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// The whole register, not only what changed since the last the desk acknowledged
        /// (the desk asked for it).
        #[arg(long)]
        whole_register: bool,
    },
    /// Loads the insurer's register file (CSV or XLSX, read and checked as a desk reads it):
    /// every desk gets the whole of it with its next bundle, then only what changed.
    Register { file: PathBuf },
    /// The bank-day calendar, the head office's for every desk.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// The payment schedule's versions, the head office's for every desk.
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// Serves desks over HTTPS on --listen (`tovon exchange sync`), with the head office's
    /// certificate (made at first use beside the key file, <key-file>.tls.pem). --address is
    /// where desks reach it (default https://<the address bound>); it and the certificate's
    /// SHA-256 go to every desk with its next bundle. Prints the address bound and runs until
    /// stopped.
    Serve {
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8443")]
        listen: std::net::SocketAddr,
        #[arg(long, value_name = "URL")]
        address: Option<String>,
        /// Also watch DIR for bundles carried by hand (as `watch`), every minute.
        #[arg(long, value_name = "DIR")]
        watch: Option<PathBuf>,
    },
    /// Takes in every bundle put in DIR (or whose parts are all there), then moves it to
    /// DIR/taken, DIR/waiting or DIR/refused (with a .txt saying why); every --every
    /// seconds, or once with --once.
    Watch {
        folder: PathBuf,
        #[arg(long, default_value_t = 60)]
        every: u64,
        #[arg(long)]
        once: bool,
    },
    /// The head office's users: `init` the first administrator (while there is none), `add`
    /// another (administrators). The password is read from standard input.
    #[command(subcommand)]
    User(UserCommand),
    /// The claims the head office holds: branch, desk, number, state, insured person, and the
    /// PINFL of a policy typed by hand, masked unless --reveal (which is logged).
    Claims {
        #[arg(long)]
        desk: Option<String>,
        #[arg(long)]
        reveal: bool,
    },
    /// Writes a scan's or an issued document's bytes (by SHA-256) to FILE; the read is logged.
    Scan {
        sha256: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// The access log, newest first: sign-ins, identifiers revealed, scans read (administrators).
    Log {
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Sets a setting the head office owns for a branch's desks: decisions.officer_limit_tiyin
    /// or security.idle_lock_minutes. It reaches them with their next bundle.
    Setting {
        #[arg(long)]
        branch: String,
        key: String,
        value: String,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// The first administrator, while the head office has no user.
    Init {
        login: String,
        #[arg(long)]
        name: String,
    },
    /// Another user: administrator or auditor (who reads and changes nothing).
    Add {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["administrator", "auditor"])]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Makes DATE (YYYY-MM-DD) a holiday or a working day; it reaches every desk with its
    /// next bundle.
    Set {
        date: chrono::NaiveDate,
        #[arg(value_parser = ["holiday", "working"])]
        kind: String,
        /// What the day is (the decree).
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Confirms YEAR's days against the decrees.
    Confirm { year: i32 },
}

#[derive(Debug, Subcommand)]
enum ScheduleCommand {
    /// Adds a version of the payment schedule from its TOML (`tovon schedule export` is the
    /// starting point); its number must be above every version shipped or added.
    Add {
        file: PathBuf,
        /// What the version changes and on whose decision.
        #[arg(long)]
        note: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(error) => {
            eprintln!("tovon-hq: {error}");
            // Not signed in, or not allowed: as the desk's command line says it.
            if matches!(
                error,
                Failure::Hq(HqError::SignedOut | HqError::WrongCredentials | HqError::Forbidden { .. })
            ) {
                return ExitCode::from(3);
            }
            let refused = matches!(
                error,
                Failure::Hq(
                    HqError::Request(_)
                        | HqError::AlreadyEnrolled { .. }
                        | HqError::NoSuchDesk { .. }
                        | HqError::OtherBranch { .. }
                        | HqError::Refused(_)
                        | HqError::NotOwnedSetting { .. }
                        | HqError::BadSetting { .. }
                        | HqError::BadYear { .. }
                        | HqError::NoNote
                        | HqError::Schedule(_)
                        | HqError::ScheduleVersionTaken { .. }
                        | HqError::Password { .. }
                        | HqError::UsersExist
                        | HqError::NoSuchBlob { .. }
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

const REFUSED: u8 = 2;
const NOTHING_NEW: u8 = 4;
const WAITING: u8 = 5;

/// The worse of two import outcomes: refused, then waiting, then nothing new, then applied.
fn worse(one: u8, other: u8) -> u8 {
    let rank = |status: u8| [0, NOTHING_NEW, WAITING, REFUSED].iter().position(|s| *s == status).unwrap_or(3);
    if rank(other) > rank(one) { other } else { one }
}

fn key_file(cli_key: Option<PathBuf>) -> Result<PathBuf, Failure> {
    cli_key
        .or_else(|| std::env::var_os("TOVON_HQ_KEY_FILE").map(PathBuf::from))
        .ok_or_else(|| Failure::Usage("no key file: pass --key-file or set TOVON_HQ_KEY_FILE".to_owned()))
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    tovon_hq::read_bundle_file(path).map_err(|error| Failure::Usage(format!("{}: {error}", path.display())))
}

/// A bundle file, or a part of one with the other parts beside it, joined.
fn read_bundle(path: &Path) -> Result<Result<Vec<u8>, tovon_exchange::PartError>, Failure> {
    let bytes = read(path)?;
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let folder = path.parent().unwrap_or(Path::new("."));
    Ok(tovon_exchange::assemble(&name, bytes, |sibling| {
        tovon_hq::read_bundle_file(&folder.join(sibling)).ok()
    }))
}

/// Writes a bundle for a desk into `folder`: one file, or its parts when above what e-mail
/// carries; the first file's path.
fn write_bundle(folder: &Path, name: &str, sealed: &[u8]) -> Result<PathBuf, Failure> {
    let files = tovon_exchange::split(sealed, tovon_exchange::PART_LIMIT);
    let count = files.len() as u32;
    let mut first = None;
    for (at, bytes) in files.iter().enumerate() {
        let file = if count == 1 {
            name.to_owned()
        } else {
            tovon_exchange::part_file_name(name, at as u32 + 1, count)
        };
        let path = write(folder, &file, bytes)?;
        first.get_or_insert(path);
    }
    first.ok_or_else(|| Failure::Usage("nothing to write".to_owned()))
}

fn write(folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, Failure> {
    let path = folder.join(name);
    let temporary = folder.join(format!(".{name}.part"));
    let failed = |error: std::io::Error| Failure::Usage(format!("{}: {error}", path.display()));
    // Encrypted, but a desk's business all the same: the owner's alone, as the desk writes them.
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temporary).map_err(failed)?;
    std::io::Write::write_all(&mut file, bytes).map_err(failed)?;
    file.sync_all().map_err(failed)?;
    std::fs::rename(&temporary, &path).map_err(failed)?;
    Ok(path)
}

fn run(cli: Cli) -> Result<u8, Failure> {
    if let Command::Identity { output } = &cli.command {
        let public = tovon_hq::identity(&key_file(cli.key_file)?)?.public();
        let file = tovon_exchange::PartyFile::of(tovon_exchange::HEAD_OFFICE, &public);
        let text = serde_json::to_string_pretty(&file).unwrap_or_default();
        std::fs::write(output, format!("{text}\n"))
            .map_err(|error| Failure::Usage(format!("{}: {error}", output.display())))?;
        println!("the head office's keys written to {}; fingerprint {}", output.display(), file.fingerprint);
        return Ok(0);
    }
    let url = cli.database.or_else(|| std::env::var("TOVON_HQ_DATABASE_URL").ok()).ok_or_else(|| {
        Failure::Usage("no database: pass --database or set TOVON_HQ_DATABASE_URL".to_owned())
    })?;
    let mut hq = Hq::connect(&url)?;
    // Who is asking: nobody while the head office is being set up (no user yet), else the
    // user TOVON_HQ_USER signs in. The servers run as the service, not as a person.
    let session = match &cli.command {
        Command::User(UserCommand::Init { .. }) | Command::Serve { .. } | Command::Watch { .. } => None,
        _ => sign_in(&mut hq)?,
    };
    let administrator = |session: &Option<HqSession>| match session {
        Some(session) => session.require(HqRole::Administrator),
        None => Ok(()),
    };
    let reads_only = matches!(cli.command, Command::Status | Command::Claims { .. } | Command::Scan { .. });
    if !reads_only {
        administrator(&session)?;
    }
    let who = session.as_ref().map_or_else(|| "(setup)".to_owned(), |session| session.login.clone());
    match cli.command {
        Command::User(UserCommand::Init { login, name }) => {
            hq.init_user(&login, &name, &password()?)?;
            println!("{login}: the head office's first administrator");
        }
        Command::User(UserCommand::Add { login, name, role }) => {
            let session = session.ok_or(HqError::SignedOut)?;
            let role = HqRole::parse(&role).unwrap_or(HqRole::Auditor);
            hq.add_user(&session, &login, &name, role, &password()?)?;
            println!("{login} added");
        }
        Command::Claims { desk, reveal } => {
            println!(
                "{:<6} {:<6} {:<16} {:<18} {:<32} PINFL (typed by hand)",
                "branch", "desk", "number", "state", "insured"
            );
            for claim in hq.claims(desk.as_deref(), reveal, &who)? {
                println!("{claim}");
            }
        }
        Command::Scan { sha256, output } => {
            let bytes = match &session {
                Some(session) => hq.read_blob(session, &sha256)?,
                None => {
                    hq.read_blob(&HqSession { login: who.clone(), role: HqRole::Administrator }, &sha256)?
                }
            };
            write_private_file(&output, &bytes)?;
            println!("{} bytes written to {}; the read is logged", bytes.len(), output.display());
        }
        Command::Log { limit } => {
            let session = session.unwrap_or(HqSession { login: who.clone(), role: HqRole::Administrator });
            for (at, login, action, subject) in hq.access_log(&session, limit)? {
                println!("{at}  {login:<12} {action:<15} {subject}");
            }
        }
        Command::Enrol { request, replaces: Some(prefix), .. } => {
            let enrolled = hq.replace_keys(&read(&request)?, &prefix)?;
            println!(
                "{} re-enrolled with new keys; fingerprint {}; its old keys are kept",
                enrolled.prefix, enrolled.fingerprint
            );
        }
        Command::Enrol { request, to, replaces: None } => {
            let enrolled = hq.enrol(&read(&request)?)?;
            println!("enrolled as {}; fingerprint {}", enrolled.prefix, enrolled.fingerprint);
            if let Some(folder) = to {
                let identity = tovon_hq::identity(&key_file(cli.key_file)?)?;
                let answer = hq.bundle_for(&enrolled.prefix, &identity)?;
                let path = write_bundle(&folder, &answer.file_name, &answer.bytes)?;
                println!("enrolment answer written to {}", path.display());
            }
        }
        Command::Revoke { prefix } => {
            hq.revoke(&prefix)?;
            println!("{prefix} revoked");
        }
        // Written above, before the database is reached.
        Command::Identity { .. } => {}
        Command::Status => return status(&mut hq),
        Command::Import { files } => {
            let identity = tovon_hq::identity(&key_file(cli.key_file)?)?;
            let mut worst = 0;
            for file in files {
                let name = file.display().to_string();
                let bytes = match read_bundle(&file)? {
                    Ok(bytes) => bytes,
                    Err(tovon_exchange::PartError::Missing { missing, count }) => {
                        let missing: Vec<String> = missing.iter().map(u32::to_string).collect();
                        println!("{name}: waits: parts {} of {count} not here", missing.join(", "));
                        worst = worse(worst, WAITING);
                        continue;
                    }
                    Err(error) => {
                        eprintln!("tovon-hq: {name}: refused: {error}");
                        worst = REFUSED;
                        continue;
                    }
                };
                match hq.ingest(&bytes, &identity) {
                    Ok(Ingested::Applied { desk, number, first, last }) => {
                        println!("{name}: {desk} bundle {number} applied, entries {first}–{last}");
                    }
                    Ok(Ingested::NoOp { desk, number }) => {
                        println!("{name}: {desk} bundle {number} holds nothing new");
                        worst = worse(worst, NOTHING_NEW);
                    }
                    Ok(Ingested::Waiting { desk, number, missing_first, missing_last, bundles }) => {
                        let missing = if bundles.0 == bundles.1 {
                            format!("bundle {} not received", bundles.0)
                        } else {
                            format!("bundles {}–{} not received", bundles.0, bundles.1)
                        };
                        println!(
                            "{name}: {desk} bundle {number} waits: entries {missing_first}–{missing_last} from {desk} missing: {missing}"
                        );
                        worst = worse(worst, WAITING);
                    }
                    Err(HqError::Refused(refusal)) => {
                        eprintln!("tovon-hq: {name}: refused: {refusal}");
                        worst = REFUSED;
                    }
                    Err(error) => return Err(error.into()),
                }
            }
            return Ok(worst);
        }
        Command::Export { prefix, to, whole_register } => {
            let identity = tovon_hq::identity(&key_file(cli.key_file)?)?;
            let made = hq.bundle_with(&prefix, &identity, whole_register)?;
            let path = write_bundle(&to, &made.file_name, &made.bytes)?;
            println!(
                "bundle {} for {prefix} written to {} ({} bytes; acknowledges {prefix}'s bundle {})",
                made.number,
                path.display(),
                made.bytes.len(),
                made.acknowledges
            );
        }
        Command::Calendar(CalendarCommand::Set { date, kind, name }) => {
            hq.set_calendar_day(date, kind == "holiday", &name)?;
            println!("{date}: {kind}; sent with each desk's next bundle");
        }
        Command::Calendar(CalendarCommand::Confirm { year }) => {
            hq.confirm_calendar_year(year)?;
            println!("{year} confirmed; sent with each desk's next bundle");
        }
        Command::Schedule(ScheduleCommand::Add { file, note }) => {
            let source = String::from_utf8(read(&file)?)
                .map_err(|_| Failure::Usage(format!("{}: not UTF-8 text", file.display())))?;
            let version = hq.add_schedule_version(&source, &note)?;
            println!("schedule version {version} added; sent with each desk's next bundle");
        }
        Command::Register { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|error| Failure::Usage(format!("{}: {error}", file.display())))?;
            let read =
                tovon_desk::read_register(&bytes, tovon_desk::Language::UzbekCyrillic).map_err(|error| {
                    Failure::Usage(format!(
                        "{}: {}",
                        file.display(),
                        error.message(tovon_desk::Language::UzbekCyrillic)
                    ))
                })?;
            for problem in &read.problems {
                eprintln!(
                    "{}: row {}: {} «{}»: {}",
                    file.display(),
                    problem.row,
                    problem.column,
                    problem.value,
                    problem.problem
                );
            }
            let name = file.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            let loaded = hq.load_register(
                &name,
                &tovon_exchange::sha256_hex(&bytes),
                &read.records,
                (read.rows_read, read.rejected),
            )?;
            println!(
                "register load {}: {} rows read, {} new, {} changed, {} unchanged, {} rejected",
                loaded.load,
                loaded.rows_read,
                loaded.added,
                loaded.changed,
                loaded.unchanged,
                loaded.rejected
            );
        }
        Command::Watch { folder, every, once } => {
            let identity = tovon_hq::identity(&key_file(cli.key_file)?)?;
            loop {
                for found in tovon_hq::watch_once(&mut hq, &identity, &folder)? {
                    println!("{}: {} ({})", found.file, found.outcome, found.detail);
                }
                if once {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_secs(every.max(1)));
            }
        }
        Command::Serve { listen, address, watch } => {
            let key_path = key_file(cli.key_file)?;
            if let Some(folder) = watch {
                let (url, key_path) = (url.clone(), key_path.clone());
                std::thread::spawn(move || watch_forever(&url, &key_path, &folder));
            }
            let identity = tovon_hq::identity(&key_path)?;
            let mut tls_path = key_path.into_os_string();
            tls_path.push(".tls.pem");
            let mut names = vec!["localhost".to_owned(), listen.ip().to_string()];
            names.extend(address.as_deref().and_then(host_of));
            let certificate = tovon_hq::certificate(Path::new(&tls_path), &names)?;
            let sha256 = certificate.sha256.clone();
            tovon_hq::serve(url, identity, certificate, listen, |bound| {
                let address = address.unwrap_or_else(|| format!("https://{bound}"));
                match hq.set_address(&address, &sha256) {
                    Ok(()) => println!(
                        "serving desks at {address} (listening on {bound}); certificate sha256 {sha256}"
                    ),
                    Err(error) => eprintln!("tovon-hq: {error}"),
                }
                use std::io::Write;
                let _ = std::io::stdout().flush();
            })?;
        }
        Command::Setting { branch, key, value } => {
            hq.set_branch_setting(&branch, &key, &value)?;
            println!("{branch}: {key} = {value}; sent with each desk's next bundle");
        }
    }
    Ok(0)
}

/// `serve --watch`: the folder watched every minute beside the server; a pass that fails
/// is reported and tried again at the next.
fn watch_forever(url: &str, key_path: &Path, folder: &Path) {
    loop {
        let pass = Hq::reconnect(url).and_then(|mut hq| {
            let identity = tovon_hq::identity(key_path)?;
            tovon_hq::watch_once(&mut hq, &identity, folder)
        });
        match pass {
            Ok(found) => found
                .iter()
                .for_each(|found| println!("{}: {} ({})", found.file, found.outcome, found.detail)),
            Err(error) => eprintln!("tovon-hq: watching {}: {error}", folder.display()),
        }
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// The user TOVON_HQ_USER signed in with TOVON_HQ_PASSWORD, or none while the head office
/// has no user yet.
fn sign_in(hq: &mut Hq) -> Result<Option<HqSession>, Failure> {
    if !hq.has_users()? {
        return Ok(None);
    }
    let (Ok(login), Ok(password)) = (std::env::var("TOVON_HQ_USER"), std::env::var("TOVON_HQ_PASSWORD"))
    else {
        return Err(HqError::SignedOut.into());
    };
    Ok(Some(hq.sign_in(&login, &password)?))
}

/// A new user's password: one line of standard input.
fn password() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|error| Failure::Usage(format!("the password: {error}")))?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

/// Writes a file only its owner reads (0600), over one that was there.
fn write_private_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let failed = |error: std::io::Error| Failure::Usage(format!("{}: {error}", path.display()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    std::io::Write::write_all(&mut file, bytes).map_err(failed)?;
    file.sync_all().map_err(failed)
}

/// The host of an `https://host:port/…` address, for the certificate's names.
fn host_of(address: &str) -> Option<String> {
    let rest = address.strip_prefix("https://")?;
    let host_port = rest.split('/').next()?;
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_port,
    };
    Some(host.trim_matches(['[', ']']).to_owned())
}

fn status(hq: &mut Hq) -> Result<u8, Failure> {
    let mut refused = false;
    let days = |days: Option<i64>| days.map_or("never".to_owned(), |days| format!("{days} d ago"));
    for desk in hq.desks()? {
        println!(
            "{:<8} {:<6} in {:>5} ({})  out {:>5} ({}, acknowledged {})  log confirmed to {}{}{}{}{}",
            desk.prefix,
            desk.branch,
            desk.last_in,
            days(desk.days_since_in),
            desk.out_number,
            days(desk.days_since_out),
            desk.last_out,
            desk.chain_seq,
            desk.waiting
                .map_or(String::new(), |(first, last)| format!("  waiting: entries {first}–{last} missing")),
            if desk.revoked { "  revoked" } else { "" },
            desk.refused.as_ref().map_or(String::new(), |why| format!("  HISTORY REFUSED: {why}")),
            desk.history_from.map_or(String::new(), |from| format!(
                "  restored from a backup: its entries from {from} go back with each bundle until it has them"
            )),
        );
        refused |= desk.refused.is_some() && !desk.revoked;
    }
    Ok(if refused { 6 } else { 0 })
}
