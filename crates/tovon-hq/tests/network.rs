//! A simulated network (issue 20): the head office on a real PostgreSQL and three desks on
//! real SQLite files, each driven through the real `tovon` and `tovon-hq` command lines,
//! registering, deciding and paying claims and exchanging bundles by file; then the faults —
//! a bundle twice, out of order, a gap, a changed byte, cut short, a wrong signer, a wrong
//! receiver, an old one replayed, a copied desk's second history, a head office bundle twice
//! or ahead of its turn. After each, nothing is lost at either end, the next good bundle is
//! accepted, and the claims, payments and issued documents agree between each desk and the
//! head office to the tiyin and the byte.
//!
//! `tovon` is the desk's binary beside `tovon-hq` in the target folder: `cargo test
//! --workspace` (`make test`) builds both before running any test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use std::io::Write;

mod common;
use common::Scratch;

const PASSWORD: &str = "тармоқ-пароли-1";

/// The desk's command line, beside this package's.
fn tovon_binary() -> PathBuf {
    let hq = PathBuf::from(env!("CARGO_BIN_EXE_tovon-hq"));
    let desk = hq.with_file_name(format!("tovon{}", std::env::consts::EXE_SUFFIX));
    assert!(desk.exists(), "{} is missing: build the desk's CLI (cargo build -p tovon-cli)", desk.display());
    desk
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// The network's shared parts: the head office's database and key file, the "USB stick".
struct Network {
    root: tempfile::TempDir,
    scratch: Scratch,
    usb: PathBuf,
}

/// A desk: its folder (database, key files, scans) and the prefix it numbers under.
#[derive(Clone)]
struct Desk {
    db: PathBuf,
    branch: &'static str,
    prefix: String,
}

impl Network {
    fn new() -> Network {
        let root = tempfile::tempdir().unwrap();
        let usb = root.path().join("usb");
        std::fs::create_dir_all(&usb).unwrap();
        Network { scratch: Scratch::new("network"), usb, root }
    }

    fn hq(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tovon-hq"))
            .args(args)
            .env("TOVON_HQ_DATABASE_URL", self.scratch.url())
            .env("TOVON_HQ_KEY_FILE", self.root.path().join("hq.key"))
            .output()
            .unwrap()
    }

    fn hq_ok(&self, args: &[&str]) -> String {
        let output = self.hq(args);
        assert_eq!(output.status.code(), Some(0), "tovon-hq {args:?}: {}", text(&output));
        text(&output)
    }

    /// The newest file the command wrote into the USB folder.
    fn written(&self, before: &[PathBuf]) -> PathBuf {
        let now = self.usb_files();
        let new: Vec<&PathBuf> = now.iter().filter(|file| !before.contains(file)).collect();
        assert_eq!(new.len(), 1, "one file written: {new:?}");
        new[0].clone()
    }

    fn usb_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.usb).unwrap().map(|entry| entry.unwrap().path()).collect()
    }

    /// A desk of `branch` made, enrolled, and holding its enrolment answer.
    fn desk(&self, folder: &str, branch: &'static str) -> Desk {
        let db = self.root.path().join(folder).join("tovon.sqlite3");
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        let desk = Desk { db, branch, prefix: String::new() };
        desk.with_password("admin", &["user", "init", "admin", "--name", "Тизим Администратори"]);
        desk.with_password(
            "admin",
            &["user", "add", "officer", "--name", "Каримова Нилуфар", "--role", "officer"],
        );
        desk.ok("admin", &["settings", "set", "--branch", branch]);
        let register = desk.db.with_file_name("register.csv");
        std::fs::write(
            &register,
            "Полис серияси,Полис рақами,Берилган сана,Бошланиш санаси,Тугаш санаси,Суғурта суммаси,Ф.И.Ш.,Туғилган сана,ЖШШИР\n\
             MKS,0000001,2020-01-10,2020-01-10,2099-01-09,10000000,Каримов Алишер,12.10.1963,31210632040244\n",
        )
        .unwrap();
        desk.ok("officer", &["policies", "import", register.to_str().unwrap()]);
        let request = desk.db.with_file_name("request.json");
        desk.ok("admin", &["exchange", "request", "-o", request.to_str().unwrap()]);
        let keys = self.root.path().join("hq.json");
        if !keys.exists() {
            self.hq_ok(&["identity", "-o", keys.to_str().unwrap()]);
        }
        let fingerprint: serde_json::Value = serde_json::from_slice(&std::fs::read(&keys).unwrap()).unwrap();
        let fingerprint = fingerprint["fingerprint"].as_str().unwrap().to_owned();
        desk.ok("admin", &["exchange", "trust", keys.to_str().unwrap(), "--fingerprint", &fingerprint]);
        let before = self.usb_files();
        let enrolled = self.hq_ok(&["enrol", request.to_str().unwrap(), "--to", self.usb.to_str().unwrap()]);
        let prefix = enrolled.split_whitespace().nth(2).unwrap().trim_end_matches(';').to_owned();
        let answer = self.written(&before);
        assert_eq!(desk.import(&answer), Some(0));
        Desk { prefix, ..desk }
    }

    /// The desk's next bundle, written to the USB folder.
    fn bundle_from(&self, desk: &Desk) -> PathBuf {
        let before = self.usb_files();
        desk.ok("officer", &["exchange", "export", "--to", self.usb.to_str().unwrap()]);
        let file = self.written(&before);
        assert!(file.file_name().unwrap().to_str().unwrap().starts_with(&format!("{}-", desk.prefix)));
        file
    }

    /// The head office's next bundle for the desk.
    fn bundle_for(&self, desk: &Desk) -> PathBuf {
        let before = self.usb_files();
        self.hq_ok(&["export", &desk.prefix, "--to", self.usb.to_str().unwrap()]);
        self.written(&before)
    }

    /// `tovon-hq import FILE`: its exit status and output.
    fn take_in(&self, file: &Path) -> (Option<i32>, String) {
        let output = self.hq(&["import", file.to_str().unwrap()]);
        (output.status.code(), text(&output))
    }

    /// A whole round: the desk's bundle in, the head office's answer back.
    fn sync(&self, desk: &Desk) {
        let (status, said) = self.take_in(&self.bundle_from(desk));
        assert!(matches!(status, Some(0 | 4)), "{said}");
        assert_eq!(desk.import(&self.bundle_for(desk)), Some(0));
    }

    /// A restored desk's round: its bundle (on an emptied stick: it reuses numbers the
    /// head office has) taken in, and the head office's answer with its history; what the
    /// answer said.
    fn answer_restored(&self, desk: &Desk) -> String {
        for file in self.usb_files() {
            std::fs::remove_file(file).unwrap();
        }
        let (status, said) = self.take_in(&self.bundle_from(desk));
        assert!(matches!(status, Some(0 | 4)), "{said}");
        let applied = desk.run("officer", &["exchange", "import", self.bundle_for(desk).to_str().unwrap()]);
        assert_eq!(applied.status.code(), Some(0), "{}", text(&applied));
        desk.ok("admin", &["audit", "verify"]);
        text(&applied)
    }

    /// A round, then the desk's next bundle taken in: both ends hold the same.
    fn agree(&self, desk: &Desk) {
        self.sync(desk);
        let (status, said) = self.take_in(&self.bundle_from(desk));
        assert!(matches!(status, Some(0 | 4)), "{said}");
        assert_eq!(self.holds(desk), desk.holds());
    }

    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.scratch.url(), postgres::NoTls).unwrap()
    }

    /// What the head office holds of a desk, as the desk would list it.
    fn holds(&self, desk: &Desk) -> Held {
        let mut client = self.client();
        let claims = client
            .query("SELECT number, state FROM hq_claim WHERE desk = $1 ORDER BY number", &[&desk.prefix])
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
        let paid: i64 = client
            .query_one(
                "SELECT coalesce(sum(amount_tiyin), 0)::BIGINT FROM hq_payment WHERE desk = $1",
                &[&desk.prefix],
            )
            .unwrap()
            .get(0);
        let documents = client
            .query(
                "SELECT number, encode(sha256(pdf), 'hex') FROM hq_issued_document WHERE desk = $1 ORDER BY number",
                &[&desk.prefix],
            )
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
        let scans = client
            .query(
                "SELECT encode(sha256(b.bytes), 'hex') FROM hq_row r JOIN hq_desk d ON d.id = r.desk_id
                 JOIN hq_blob b ON b.sha256 = r.row ->> 'sha256'
                 WHERE d.prefix = $1 AND r.entity = 'claim_attachment' ORDER BY 1",
                &[&desk.prefix],
            )
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect();
        Held { claims, paid, documents, scans }
    }
}

/// Claims (number, state), the tiyin paid, issued documents (number, SHA-256 of the bytes),
/// scans (SHA-256 of the bytes).
#[derive(Debug, PartialEq, Eq)]
struct Held {
    claims: Vec<(String, String)>,
    paid: i64,
    documents: Vec<(String, String)>,
    scans: Vec<String>,
}

impl Desk {
    fn command(&self, user: &str, args: &[&str]) -> Command {
        let mut command = Command::new(tovon_binary());
        command.args(args).env("TOVON_DB", &self.db).env("TOVON_USER", user).env("TOVON_PASSWORD", PASSWORD);
        command
    }

    fn run(&self, user: &str, args: &[&str]) -> Output {
        self.command(user, args).output().unwrap()
    }

    fn ok(&self, user: &str, args: &[&str]) -> String {
        let output = self.run(user, args);
        assert_eq!(output.status.code(), Some(0), "tovon {args:?}: {}", text(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn with_password(&self, user: &str, args: &[&str]) {
        let mut child = self
            .command(user, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", text(&output));
    }

    /// `tovon exchange import FILE`'s exit status.
    fn import(&self, file: &Path) -> Option<i32> {
        self.run("officer", &["exchange", "import", file.to_str().unwrap()]).status.code()
    }

    /// Registers a claim on the event day `event` and takes it through its documents,
    /// calculation (item `item`), approval, signing and payment; its number.
    fn paid_claim(&self, event: &str, item: &str) -> String {
        let registered = self.ok(
            "officer",
            &[
                "claim",
                "new",
                "--branch",
                self.branch,
                "--policy",
                "MKS 0000001",
                "--claimant",
                "Каримов Алишер",
                "--event-date",
                event,
                "--place",
                "Тошкент",
                "--circumstances",
                "Йиқилди",
                "--notice-date",
                event,
            ],
        );
        let number = registered.split_whitespace().next().unwrap().to_owned();
        for document in [
            "application",
            "policy_original",
            "insured_passport",
            "medical_certificate",
            "medical_record_extract",
        ] {
            self.ok("officer", &["claim", "doc-receive", &number, document, "--date", "2026-03-10"]);
        }
        let calc = self.db.with_file_name(format!("calc-{item}.json"));
        std::fs::write(&calc, format!(r#"{{"injuries": [{{"item": "{item}"}}]}}"#)).unwrap();
        self.ok("officer", &["claim", "calc", &number, calc.to_str().unwrap()]);
        self.ok("officer", &["decide", &number, "approve", "--on", "2026-03-11"]);
        self.ok("officer", &["decide", &number, "sign", "--on", "2026-03-12"]);
        let shown: serde_json::Value =
            serde_json::from_str(&self.ok("officer", &["decide", &number, "show", "--json"])).unwrap();
        let payee = &shown["decisions"].as_array().unwrap().last().unwrap()["payees"][0];
        let (id, amount) = (payee["id"].to_string(), payee["amount"].as_str().unwrap().to_owned());
        self.ok(
            "officer",
            &[
                "decide",
                &number,
                "pay",
                "--payee",
                &id,
                "--amount",
                &amount,
                "--order",
                "ПТ-1",
                "--on",
                "2026-03-13",
            ],
        );
        number
    }

    /// Registers a claim (ТШ) on MKS 0000009, a policy typed by hand — Тошматов Бобур, PINFL
    /// 30505900000358 — that the register does not have.
    fn claim_on_a_policy_typed_by_hand(&self) {
        let draft = serde_json::json!({
            "policy_by_hand": {
                "series": "MKS", "number": "0000009", "issued_on": "2026-02-01", "starts_on": "2026-02-01",
                "ends_on": "2099-01-31", "sum_insured": "5000000", "full_name": "Тошматов Бобур",
                "birth_date": "1990-05-05", "pinfl": "30505900000358"
            },
            "branch_code": "ТШ", "claimant_name": "Тошматов Бобур", "claimant_relation": "ўзи",
            "event_date": "2026-03-01", "event_place": "Тошкент", "circumstances": "Йиқилди",
            "outcome": "injury", "notice_date": "2026-03-01"
        });
        let draft_file = self.db.with_file_name("draft.json");
        std::fs::write(&draft_file, draft.to_string()).unwrap();
        self.ok("officer", &["claim", "new", "--from", draft_file.to_str().unwrap()]);
    }

    /// What the desk holds, read from its file.
    fn holds(&self) -> Held {
        let conn =
            rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        let pairs = |sql: &str| -> Vec<(String, String)> {
            let mut statement = conn.prepare(sql).unwrap();
            statement
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let claims = pairs("SELECT number, state FROM claim ORDER BY number");
        let mut statement = conn.prepare("SELECT number, pdf FROM issued_document ORDER BY number").unwrap();
        let documents = statement
            .query_map([], |row| Ok((row.get(0)?, tovon_exchange::sha256_hex(&row.get::<_, Vec<u8>>(1)?))))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let paid = conn
            .query_row("SELECT coalesce(sum(amount_tiyin), 0) FROM claim_payment", [], |row| row.get(0))
            .unwrap();
        // Each scan's bytes as the desk keeps them beside the database.
        let folder = self.db.with_file_name("attachments");
        let mut scans: Vec<String> = pairs("SELECT sha256, '' FROM claim_attachment")
            .into_iter()
            .map(|(sha256, _)| {
                tovon_exchange::sha256_hex(&std::fs::read(folder.join(&sha256[..2]).join(&sha256)).unwrap())
            })
            .collect();
        scans.sort();
        Held { claims, paid, documents, scans }
    }
}

#[test]
fn three_desks_and_the_head_office_agree_through_every_fault() {
    let network = Network::new();
    let first = network.desk("first", "ТШ");
    let second = network.desk("second", "ТШ");
    let third = network.desk("third", "САМ");
    assert_eq!((first.prefix.as_str(), second.prefix.as_str(), third.prefix.as_str()), ("ТШ", "ТШ2", "САМ"));

    // Each desk works; the second one numbers under its own prefix.
    assert_eq!(first.paid_claim("2026-03-01", "28"), "ТШ-2026-000001");
    assert_eq!(second.paid_claim("2026-03-01", "28"), "ТШ2-2026-000001");
    third.paid_claim("2026-03-01", "28");
    for desk in [&first, &second, &third] {
        network.sync(desk);
        let held = desk.holds();
        assert_eq!(network.holds(desk), held, "{} and the head office agree", desk.prefix);
        assert_eq!((held.claims.len(), held.documents.len()), (1, 1));
        assert!(held.paid > 0);
    }

    // A changed byte, a file cut short, then the good one; then the good one again.
    first.paid_claim("2026-03-02", "32");
    let bundle = network.bundle_from(&first);
    let mut changed = std::fs::read(&bundle).unwrap();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x20;
    let changed_file = network.usb.join("changed.tovon");
    std::fs::write(&changed_file, &changed).unwrap();
    let (status, said) = network.take_in(&changed_file);
    assert_eq!(status, Some(2), "{said}");
    assert!(said.contains("damaged"), "{said}");
    let short_file = network.usb.join("short.tovon");
    std::fs::write(&short_file, &std::fs::read(&bundle).unwrap()[..middle]).unwrap();
    assert_eq!(network.take_in(&short_file).0, Some(2));
    assert_eq!(network.holds(&first).claims.len(), 1, "nothing of a refused bundle applied");
    assert_eq!(network.take_in(&bundle).0, Some(0));
    let (status, said) = network.take_in(&bundle);
    assert_eq!(status, Some(4), "the same bundle twice is nothing new: {said}");
    assert_eq!(first.import(&network.bundle_for(&first)), Some(0));
    assert_eq!(network.holds(&first), first.holds());

    // Out of order: two bundles (the second repeats the first's entries, unacknowledged);
    // the later one first applies both, the earlier one then holds nothing new.
    second.paid_claim("2026-03-02", "32");
    let earlier = network.bundle_from(&second);
    second.paid_claim("2026-03-03", "35");
    let later = network.bundle_from(&second);
    assert_eq!(network.take_in(&later).0, Some(0));
    assert_eq!(network.take_in(&earlier).0, Some(4));
    assert_eq!(network.holds(&second), second.holds());

    // A head office bundle for another desk does not open there; twice, or ahead of its
    // turn, it changes nothing.
    let for_second = network.bundle_for(&second);
    assert_eq!(third.import(&for_second), Some(2));
    let skipped = network.bundle_for(&second);
    assert_eq!(second.import(&skipped), Some(5), "waits for the one before");
    assert_eq!(second.import(&for_second), Some(0));
    assert_eq!(second.import(&for_second), Some(4));
    assert_eq!(second.import(&skipped), Some(0));

    // A bundle signed by someone else in the desk's name.
    let keys = std::fs::read(network.root.path().join("hq.json")).unwrap();
    let (_, head_office) = tovon_exchange::PartyFile::read(&keys).unwrap();
    let stranger = tovon_exchange::ExchangeIdentity::with_new_decryption(
        ed25519_dalek::SigningKey::generate(&mut rand_core::OsRng),
    );
    let forged = tovon_exchange::seal(
        tovon_exchange::Manifest {
            format: tovon_exchange::FORMAT,
            schema: tovon_exchange::DESK_SCHEMA,
            sender: "САМ".to_owned(),
            receiver: "HQ".to_owned(),
            number: 99,
            acknowledges: 0,
            audit: None,
            members: vec![],
        },
        &[],
        &stranger,
        &head_office,
    )
    .unwrap();
    let forged_file = network.usb.join("forged.tovon");
    std::fs::write(&forged_file, forged).unwrap();
    let (status, said) = network.take_in(&forged_file);
    assert_eq!(status, Some(2), "{said}");
    assert!(said.contains("signature"), "{said}");

    // A gap: the third desk's bookkeeping claims the head office confirmed more than it
    // did, so its bundle starts past what the head office holds: it waits, naming what is
    // missing; put right, the next bundle applies.
    third.paid_claim("2026-03-02", "32");
    let conn = rusqlite::Connection::open(&third.db).unwrap();
    let (confirmed, hash): (i64, String) = conn
        .query_row("SELECT confirmed_seq, confirmed_hash FROM exchange_state", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    conn.execute(
        "UPDATE exchange_state SET confirmed_seq = ?1 + 3, confirmed_hash = (SELECT hash FROM audit_log WHERE seq = ?1 + 3)",
        [confirmed],
    )
    .unwrap();
    let (status, said) = network.take_in(&network.bundle_from(&third));
    assert_eq!(status, Some(5), "{said}");
    assert!(
        said.contains(&format!("entries {}–{} from САМ missing", confirmed + 1, confirmed + 3)),
        "{said}"
    );
    conn.execute(
        "UPDATE exchange_state SET confirmed_seq = ?1, confirmed_hash = ?2",
        rusqlite::params![confirmed, hash],
    )
    .unwrap();
    drop(conn);
    network.sync(&third);
    assert_eq!(network.holds(&third), third.holds());

    // A copy of the first desk on a second PC: the history accepted first goes on; the
    // copy's is refused as rewritten and `status` says so.
    let copy_folder = network.root.path().join("copy");
    std::fs::create_dir_all(&copy_folder).unwrap();
    for entry in std::fs::read_dir(first.db.parent().unwrap()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, copy_folder.join(path.file_name().unwrap())).unwrap();
        }
    }
    let copy = Desk { db: copy_folder.join("tovon.sqlite3"), branch: "ТШ", prefix: "ТШ".to_owned() };
    first.paid_claim("2026-03-04", "35");
    copy.paid_claim("2026-03-04", "31");
    network.sync(&first);
    // The copy's bundle has the number the first desk's last one had: another stick.
    for file in network.usb_files() {
        std::fs::remove_file(file).unwrap();
    }
    let (status, said) = network.take_in(&network.bundle_from(&copy));
    assert_eq!(status, Some(2), "{said}");
    assert!(said.contains("rewrote its history"), "{said}");
    let status = network.hq(&["status"]);
    assert_eq!(status.status.code(), Some(6), "{}", text(&status));
    assert!(text(&status).contains("HISTORY REFUSED"), "{}", text(&status));
    first.paid_claim("2026-03-05", "36");
    network.sync(&first);

    // Every desk and the head office agree at the end.
    for desk in [&first, &second, &third] {
        network.sync(desk);
        assert_eq!(network.holds(desk), desk.holds(), "{} and the head office agree", desk.prefix);
    }
    assert_eq!(first.holds().claims.len(), 4);

    // The desk's check says up to which entry the head office confirmed its log: the last
    // entry the head office holds of it.
    let verified: serde_json::Value =
        serde_json::from_str(&first.ok("officer", &["audit", "verify", "--json"])).unwrap();
    let held: i64 =
        network.client().query_one("SELECT chain_seq FROM hq_desk WHERE prefix = 'ТШ'", &[]).unwrap().get(0);
    assert_eq!(verified["head_office_confirmed"], serde_json::json!(held), "{verified}");
}

/// A small deterministic generator (the seed is printed, so a failing run can be repeated).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Runs `command` and kills it with SIGKILL after `after_ms` (it may have finished by then).
fn killed(mut command: Command, after_ms: u64) {
    let mut child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(after_ms));
    let _ = child.kill();
    let _ = child.wait();
}

/// Crash safety: the head office killed during an ingest and the desk during an import,
/// again and again at random moments (`TOVON_CRASH_KILLS` each, 12 by default). After each
/// kill each side is whole — the head office holds the desk's entries 1..its chain head and
/// nothing half; the desk's file passes `integrity_check` and `audit verify` — and the bundle
/// applies on the next try.
#[test]
fn a_bundle_killed_midway_at_either_end_applies_whole_on_the_next_try() {
    let kills: u64 =
        std::env::var("TOVON_CRASH_KILLS").ok().and_then(|kills| kills.parse().ok()).unwrap_or(12);
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    println!("crash seed {seed}");
    let mut rng = Rng(seed);
    let network = Network::new();
    let desk = network.desk("desk", "ТШ");
    desk.paid_claim("2026-03-01", "28");
    let mut client = network.client();
    let mut outcomes = [0; 2];
    for round in 0..kills {
        // New work each round, so each bundle has entries the head office has not applied.
        let scan = desk.db.with_file_name(format!("scan-{round}.pdf"));
        std::fs::write(&scan, format!("%PDF-1.4\n% ariza {round}\n%%EOF\n")).unwrap();
        desk.ok("officer", &["claim", "doc-attach", "ТШ-2026-000001", "application", scan.to_str().unwrap()]);
        let bundle = network.bundle_from(&desk);
        let mut command = Command::new(env!("CARGO_BIN_EXE_tovon-hq"));
        command
            .args(["import", bundle.to_str().unwrap()])
            .env("TOVON_HQ_DATABASE_URL", network.scratch.url())
            .env("TOVON_HQ_KEY_FILE", network.root.path().join("hq.key"));
        let before: i64 = client
            .query_one("SELECT coalesce(chain_seq, 0) FROM hq_desk WHERE prefix = 'ТШ'", &[])
            .unwrap()
            .get(0);
        killed(command, rng.below(220));
        let row = client
            .query_one(
                "SELECT coalesce(chain_seq, 0), (SELECT count(*) FROM hq_entry e WHERE e.desk_id = d.id),
                        (SELECT coalesce(max(seq), 0) FROM hq_entry e WHERE e.desk_id = d.id)
                 FROM hq_desk d WHERE prefix = 'ТШ'",
                &[],
            )
            .unwrap();
        let (head, count, last): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
        assert_eq!((count, last), (head, head), "entries 1..{head} and nothing half (seed {seed})");
        if head == before {
            outcomes[0] += 1;
            let (status, said) = network.take_in(&bundle);
            assert_eq!(status, Some(0), "applies on the next try: {said} (seed {seed})");
        } else {
            outcomes[1] += 1;
        }
        assert_eq!(network.holds(&desk), desk.holds(), "seed {seed}");
    }
    println!("head office: {} kills before the commit, {} after", outcomes[0], outcomes[1]);

    let mut outcomes = [0; 2];
    for round in 0..kills {
        let minutes = (20 + round).to_string();
        network.hq_ok(&["setting", "--branch", "ТШ", "security.idle_lock_minutes", &minutes]);
        let answer = network.bundle_for(&desk);
        killed(desk.command("officer", &["exchange", "import", answer.to_str().unwrap()]), rng.below(220));
        let conn = rusqlite::Connection::open(&desk.db).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
        assert_eq!(integrity, "ok", "seed {seed}");
        let (applied, kept): (i64, String) = conn
            .query_row(
                "SELECT applied, (SELECT value FROM setting WHERE key = 'security.idle_lock_minutes') FROM exchange_state",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        drop(conn);
        let number = i64::try_from(round).unwrap() + 2;
        assert!(
            (applied == number - 1 && kept != minutes) || (applied == number && kept == minutes),
            "the setting and the bundle's number move together: {applied} {kept} (seed {seed})"
        );
        assert_eq!(desk.run("officer", &["audit", "verify"]).status.code(), Some(0), "seed {seed}");
        if applied < number {
            outcomes[0] += 1;
            assert_eq!(desk.import(&answer), Some(0), "applies on the next try (seed {seed})");
        } else {
            outcomes[1] += 1;
        }
    }
    println!("desk: {} kills before the commit, {} after", outcomes[0], outcomes[1]);
}

/// `tovon-hq serve` running, killed when dropped.
struct Server {
    child: std::process::Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Network {
    /// The head office serving on 127.0.0.1:`port` (0: any) with the key file `key` over the
    /// database `database`; returns once it listens.
    fn serve(&self, key: &Path, database: &str, port: u16) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_tovon-hq"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("TOVON_HQ_DATABASE_URL", database)
            .env("TOVON_HQ_KEY_FILE", key)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let address = line.split_whitespace().nth(3).unwrap_or_default().to_owned();
        assert!(address.starts_with("https://127.0.0.1:"), "serving: {line}");
        Server { child, address }
    }
}

/// `tovon exchange sync`: the same bundles over HTTPS, the head office's certificate pinned
/// by the SHA-256 its terms named. A server with another certificate at the same address is
/// refused before anything is sent; a head office not reached loses nothing; a bundle posted
/// by someone without the desk's key is refused by the head office and answered with nothing.
#[test]
fn desks_sync_over_https_with_the_certificate_pinned() {
    let network = Network::new();
    let key = network.root.path().join("hq.key");
    let server = network.serve(&key, &network.scratch.url(), 0);
    let port: u16 = server.address.rsplit(':').next().unwrap().parse().unwrap();
    let first = network.desk("first", "ТШ");
    let third = network.desk("third", "САМ");
    first.paid_claim("2026-03-01", "28");
    third.paid_claim("2026-03-01", "28");
    for desk in [&first, &third] {
        let synced = desk.run("officer", &["exchange", "sync"]);
        assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
        assert!(text(&synced).contains("юборилди"), "{}", text(&synced));
        assert_eq!(network.holds(desk), desk.holds(), "{} over HTTPS", desk.prefix);
    }
    // Synced again: the head office's answer confirmed the first round.
    let again = first.run("officer", &["exchange", "sync"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    let verified: serde_json::Value =
        serde_json::from_str(&first.ok("officer", &["audit", "verify", "--json"])).unwrap();
    assert!(verified["head_office_confirmed"].as_i64().unwrap() > 0, "{verified}");

    // The head office away: nothing sent, nothing lost.
    drop(server);
    first.paid_claim("2026-03-02", "32");
    let away = first.run("officer", &["exchange", "sync"]);
    assert_eq!(away.status.code(), Some(1), "{}", text(&away));
    assert!(text(&away).contains("уланиб бўлмади"), "{}", text(&away));

    // Someone else's server at the head office's address: refused before a byte is sent.
    let elsewhere = Scratch::new("impostor");
    let impostor = network.serve(&network.root.path().join("other.key"), &elsewhere.url(), port);
    let refused = first.run("officer", &["exchange", "sync"]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(text(&refused).contains("сертификатини кўрсатмади"), "{}", text(&refused));
    let taken: i64 = postgres::Client::connect(&elsewhere.url(), postgres::NoTls)
        .unwrap()
        .query_one("SELECT count(*) FROM hq_bundle_in", &[])
        .unwrap()
        .get(0);
    assert_eq!(taken, 0, "the impostor received nothing");
    drop(impostor);

    // Back, at the same address: the next round carries everything that waited.
    let server = network.serve(&key, &network.scratch.url(), port);
    let back = first.run("officer", &["exchange", "sync"]);
    assert_eq!(back.status.code(), Some(0), "{}", text(&back));
    assert_eq!(network.holds(&first), first.holds());

    // A bundle in the first desk's name, signed by another key, posted to the head office.
    let keys = std::fs::read(network.root.path().join("hq.json")).unwrap();
    let (_, head_office) = tovon_exchange::PartyFile::read(&keys).unwrap();
    let stranger = tovon_exchange::ExchangeIdentity::with_new_decryption(
        ed25519_dalek::SigningKey::generate(&mut rand_core::OsRng),
    );
    let manifest = tovon_exchange::Manifest {
        format: tovon_exchange::FORMAT,
        schema: tovon_exchange::DESK_SCHEMA,
        sender: "ТШ".to_owned(),
        receiver: "HQ".to_owned(),
        number: 1000,
        acknowledges: 0,
        audit: None,
        members: vec![],
    };
    let forged = tovon_exchange::seal(manifest, &[], &stranger, &head_office).unwrap();
    let certificate: String = network
        .client()
        .query_one("SELECT value FROM hq_setting WHERE branch = '*' AND key = 'exchange.certificate'", &[])
        .unwrap()
        .get(0);
    match tovon_desk::transport::post(&server.address, &certificate, &forged).unwrap() {
        tovon_desk::transport::Answer::Refused { code, .. } => assert_eq!(code, "bad_signature"),
        tovon_desk::transport::Answer::Taken { outcome, .. } => {
            panic!("a forged bundle was taken: {outcome}")
        }
    }
    assert_eq!(network.holds(&first), first.holds(), "nothing of it applied");
}

/// A bundle above what e-mail carries (20 MB) is written as numbered parts; the head office
/// given one part alone waits for the others, naming them, and takes the bundle whole once
/// they are all beside it.
#[test]
fn a_bundle_above_twenty_megabytes_travels_in_parts() {
    let network = Network::new();
    let desk = network.desk("desk", "ТШ");
    desk.paid_claim("2026-03-01", "28");
    // Two scans of 12 MB each, neither like the other.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for scan in 0..2 {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.extend((0..12_000_000 / 8).flat_map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_le_bytes()
        }));
        let file = desk.db.with_file_name(format!("scan-{scan}.pdf"));
        std::fs::write(&file, bytes).unwrap();
        desk.ok(
            "officer",
            &["claim", "doc-attach", "ТШ-2026-000001", "medical_certificate", file.to_str().unwrap()],
        );
    }
    let before = network.usb_files();
    desk.ok("officer", &["exchange", "export", "--to", network.usb.to_str().unwrap()]);
    let mut parts: Vec<PathBuf> =
        network.usb_files().into_iter().filter(|file| !before.contains(file)).collect();
    parts.sort();
    let names: Vec<String> =
        parts.iter().map(|part| part.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["ТШ-000001.1-of-2.tovon", "ТШ-000001.2-of-2.tovon"]);
    assert!(parts.iter().all(|part| std::fs::metadata(part).unwrap().len() <= 20_000_000));

    // The first part alone on the head office's side.
    let aside = network.root.path().join("aside.tovon");
    std::fs::rename(&parts[1], &aside).unwrap();
    let (status, said) = network.take_in(&parts[0]);
    assert_eq!(status, Some(5), "{said}");
    assert!(said.contains("parts 2 of 2 not here"), "{said}");
    assert!(network.holds(&desk).claims.is_empty(), "nothing applied");
    std::fs::rename(&aside, &parts[1]).unwrap();
    let (status, said) = network.take_in(&parts[1]);
    assert_eq!(status, Some(0), "{said}");
    assert_eq!(network.holds(&desk), desk.holds());
    assert_eq!(network.holds(&desk).scans.len(), 2);
}

/// The register is the head office's (issue 20): loaded there with the desk's own reader,
/// sent whole with a desk's enrolment answer and then only what changed; a policy typed by
/// hand for a claim travels with it, and when the register later brings the same policy the
/// desk links the two instead of holding it twice. Once enrolled, a desk imports no register
/// of its own.
#[test]
fn the_register_reaches_every_desk_whole_then_by_its_changes() {
    let network = Network::new();
    let header = "Полис серияси,Полис рақами,Берилган сана,Бошланиш санаси,Тугаш санаси,Суғурта суммаси,Ф.И.Ш.,Туғилган сана,ЖШШИР\n";
    let register = network.root.path().join("register-1.csv");
    std::fs::write(
        &register,
        format!(
            "{header}MKS,0000002,2026-01-10,2026-01-10,2099-01-09,8000000,Юсупова Дилноза,03.04.1980,30304800000415\n\
             MKS,0000003,2026-01-10,2026-01-10,2099-01-09,6000000,Раҳимов Баҳодир,21.07.1975,32107750000359\n\
             MKS,0000004,2026-01-10,2026-01-10,2099-01-09,6000000,Қодиров Азиз,бир кун,32107750000359\n"
        ),
    )
    .unwrap();
    let loaded = network.hq(&["register", register.to_str().unwrap()]);
    assert_eq!(loaded.status.code(), Some(0), "{}", text(&loaded));
    assert!(
        text(&loaded).contains("3 rows read, 2 new, 0 changed, 0 unchanged, 1 rejected"),
        "{}",
        text(&loaded)
    );
    assert!(text(&loaded).contains("row 4"), "the bad row is named: {}", text(&loaded));

    let desk = network.desk("desk", "ТШ");
    let policies = |number: &str| -> Vec<(i64, String)> {
        let conn = rusqlite::Connection::open(&desk.db).unwrap();
        let mut statement = conn
            .prepare("SELECT in_registry, sum_insured_tiyin || '' FROM policy WHERE number = ?1")
            .unwrap();
        statement
            .query_map([number], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(policies("0000002"), [(1, "800000000".to_owned())], "the whole register came with the answer");
    assert_eq!(policies("0000003").len(), 1);
    let refused = desk.run("officer", &["policies", "import", register.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));

    // A claim on a policy the register does not have yet, typed by hand.
    desk.claim_on_a_policy_typed_by_hand();
    network.sync(&desk);
    let hand: i64 = network
        .client()
        .query_one("SELECT count(*) FROM hq_hand_policy WHERE row ->> 'number' = '0000009'", &[])
        .unwrap()
        .get(0);
    assert_eq!(hand, 1, "the hand-typed policy travelled with its claim");

    // A month later: one policy changed, the hand-typed one now in the register.
    let month = network.root.path().join("register-2.csv");
    std::fs::write(
        &month,
        format!(
            "{header}MKS,0000002,2026-01-10,2026-01-10,2099-01-09,8000000,Юсупова Дилноза,03.04.1980,30304800000415\n\
             MKS,0000003,2026-01-10,2026-01-10,2099-01-09,7000000,Раҳимов Баҳодир,21.07.1975,32107750000359\n\
             MKS,0000009,2026-02-01,2026-02-01,2099-01-31,5000000,Тошматов Бобур,05.05.1990,30505900000358\n"
        ),
    )
    .unwrap();
    let loaded = network.hq(&["register", month.to_str().unwrap()]);
    assert!(
        text(&loaded).contains("3 rows read, 1 new, 1 changed, 1 unchanged, 0 rejected"),
        "{}",
        text(&loaded)
    );
    let answer = network.bundle_for(&desk);
    let applied = desk.run("officer", &["exchange", "import", answer.to_str().unwrap()]);
    assert_eq!(applied.status.code(), Some(0), "{}", text(&applied));
    assert!(
        text(&applied).contains("0 та янги, 2 та ўзгарган, 0 та ўзгармаган"),
        "only the changes travel: {}",
        text(&applied)
    );
    assert_eq!(policies("0000003"), [(1, "700000000".to_owned())]);
    assert_eq!(policies("0000009"), [(1, "500000000".to_owned())], "linked, not held twice");
    // The next answer carries no register: nothing changed since the last one acknowledged.
    network.sync(&desk);
    let again = network.bundle_for(&desk);
    let quiet = desk.run("officer", &["exchange", "import", again.to_str().unwrap()]);
    assert!(!text(&quiet).contains("Реестр"), "{}", text(&quiet));
    // The whole register again, when the desk asks for it.
    let before = network.usb_files();
    network.hq_ok(&["export", &desk.prefix, "--to", network.usb.to_str().unwrap(), "--whole-register"]);
    let whole = desk.run("officer", &["exchange", "import", network.written(&before).to_str().unwrap()]);
    assert!(text(&whole).contains("0 та янги, 0 та ўзгарган, 3 та ўзгармаган"), "{}", text(&whole));
}

/// The calendar and the schedule's versions are the head office's too: set there, they
/// reach every desk with its next bundle; once enrolled a desk changes neither itself.
#[test]
fn the_calendar_and_schedule_versions_come_from_the_head_office() {
    let network = Network::new();
    let desk = network.desk("desk", "ТШ");
    network.hq_ok(&["calendar", "set", "2026-03-23", "holiday", "--name", "Наврўз (кўчирилган)"]);
    network.hq_ok(&["calendar", "confirm", "2027"]);
    let shipped = desk.ok("officer", &["schedule", "export"]);
    let next = shipped.replacen("version = 2", "version = 3", 1).replacen(
        "effective_from = \"2026-01-01\"",
        "effective_from = \"2026-04-01\"",
        1,
    );
    let file = network.root.path().join("v3.toml");
    std::fs::write(&file, &next).unwrap();
    let taken = network.hq(&["schedule", "add", file.to_str().unwrap(), "--note", ""]);
    assert_eq!(taken.status.code(), Some(2), "a version says what it changes: {}", text(&taken));
    network.hq_ok(&["schedule", "add", file.to_str().unwrap(), "--note", "3-бўлим, бошқарув қарори 2026/14"]);
    let again = network.hq(&["schedule", "add", file.to_str().unwrap(), "--note", "яна"]);
    assert_eq!(again.status.code(), Some(2), "a version is added once: {}", text(&again));

    assert_eq!(desk.import(&network.bundle_for(&desk)), Some(0));
    let calendar = desk.ok("officer", &["calendar", "list", "2026"]);
    assert!(calendar.contains("2026-03-23  holiday  Наврўз (кўчирилган)"), "{calendar}");
    let versions = desk.ok("officer", &["schedule", "versions"]);
    assert!(versions.contains("2026-04-01"), "version 3 is here: {versions}");
    let refused = desk.run("admin", &["calendar", "set", "2026-03-24", "holiday", "--name", "Бошқа"]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    let refused = desk.run("admin", &["schedule", "add", file.to_str().unwrap(), "--note", "ўзи"]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));

    // Nothing new since: the next answer carries none of it, and applying it changes nothing.
    network.sync(&desk);
    assert_eq!(desk.import(&network.bundle_for(&desk)), Some(0));
    assert_eq!(desk.ok("officer", &["schedule", "versions"]), versions);
}

/// Bundles carried by hand into a folder the head office watches: each taken in and moved
/// out of the way — taken, refused with the reason beside it — never taken twice.
#[test]
fn a_watched_folder_takes_in_what_is_put_there_once() {
    let network = Network::new();
    let first = network.desk("first", "ТШ");
    let third = network.desk("third", "САМ");
    first.paid_claim("2026-03-01", "28");
    third.paid_claim("2026-03-01", "28");
    let inbox = network.root.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    for desk in [&first, &third] {
        let bundle = network.bundle_from(desk);
        std::fs::rename(&bundle, inbox.join(bundle.file_name().unwrap())).unwrap();
    }
    let mut changed = std::fs::read(inbox.join("САМ-000001.tovon")).unwrap();
    let middle = changed.len() / 2;
    changed[middle] ^= 1;
    std::fs::write(inbox.join("САМ-000099.tovon"), changed).unwrap();
    let watched = network.hq(&["watch", inbox.to_str().unwrap(), "--once"]);
    assert_eq!(watched.status.code(), Some(0), "{}", text(&watched));
    let said = text(&watched);
    assert!(said.contains("ТШ-000001.tovon: taken (ТШ bundle 1 applied"), "{said}");
    assert!(said.contains("САМ-000099.tovon: refused"), "{said}");
    for (outcome, file) in
        [("taken", "ТШ-000001.tovon"), ("taken", "САМ-000001.tovon"), ("refused", "САМ-000099.tovon")]
    {
        assert!(inbox.join(outcome).join(file).exists(), "{file} moved to {outcome}/");
    }
    let reason = std::fs::read_to_string(inbox.join("refused").join("САМ-000099.tovon.txt")).unwrap();
    assert!(reason.contains("damaged"), "{reason}");
    for desk in [&first, &third] {
        assert_eq!(network.holds(desk), desk.holds());
    }
    let again = network.hq(&["watch", inbox.to_str().unwrap(), "--once"]);
    assert_eq!(text(&again), "", "nothing left to take");
}

/// The head office's own users: once it has one, every command signs in; an auditor reads
/// and changes nothing; an identifier is masked unless revealed, and revealing it and reading
/// a scan are logged with who did it.
#[test]
fn the_head_office_signs_its_users_in_and_logs_what_they_read() {
    let network = Network::new();
    let desk = network.desk("desk", "ТШ");
    desk.claim_on_a_policy_typed_by_hand();
    let scan = desk.db.with_file_name("scan.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% ariza\n%%EOF\n").unwrap();
    desk.ok("officer", &["claim", "doc-attach", "ТШ-2026-000001", "application", scan.to_str().unwrap()]);
    network.sync(&desk);

    let as_user = |user: Option<(&str, &str)>, args: &[&str], input: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tovon-hq"));
        command
            .args(args)
            .env("TOVON_HQ_DATABASE_URL", network.scratch.url())
            .env("TOVON_HQ_KEY_FILE", network.root.path().join("hq.key"))
            .env_remove("TOVON_HQ_USER")
            .env_remove("TOVON_HQ_PASSWORD")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some((login, password)) = user {
            command.env("TOVON_HQ_USER", login).env("TOVON_HQ_PASSWORD", password);
        }
        let mut child = command.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let boss = Some(("boss", "бош-офис-пароли"));
    let auditor = Some(("audit", "тафтиш-пароли-1"));
    assert_eq!(
        as_user(None, &["user", "init", "boss", "--name", "Бош Администратор"], "бош-офис-пароли\n")
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        as_user(None, &["user", "init", "again", "--name", "Яна"], "бош-офис-пароли\n").status.code(),
        Some(2)
    );
    let signed_out = as_user(None, &["status"], "");
    assert_eq!(signed_out.status.code(), Some(3), "{}", text(&signed_out));
    assert_eq!(as_user(Some(("boss", "нотўғри-парол")), &["status"], "").status.code(), Some(3));
    let added = as_user(
        boss,
        &["user", "add", "audit", "--name", "Тафтишчи", "--role", "auditor"],
        "тафтиш-пароли-1\n",
    );
    assert_eq!(added.status.code(), Some(0), "{}", text(&added));
    assert_eq!(as_user(auditor, &["status"], "").status.code(), Some(0));
    let forbidden = as_user(auditor, &["setting", "--branch", "ТШ", "security.idle_lock_minutes", "20"], "");
    assert_eq!(forbidden.status.code(), Some(3), "an auditor changes nothing: {}", text(&forbidden));

    let masked = as_user(auditor, &["claims"], "");
    assert!(text(&masked).contains("ТШ-2026-000001"), "{}", text(&masked));
    assert!(
        text(&masked).contains("••••••••••0358") && !text(&masked).contains("30505900000358"),
        "{}",
        text(&masked)
    );
    let revealed = as_user(auditor, &["claims", "--reveal"], "");
    assert!(text(&revealed).contains("30505900000358"), "{}", text(&revealed));
    let sha256 = tovon_exchange::sha256_hex(&std::fs::read(&scan).unwrap());
    let copy = network.root.path().join("read.pdf");
    let read = as_user(auditor, &["scan", &sha256, "-o", copy.to_str().unwrap()], "");
    assert_eq!(read.status.code(), Some(0), "{}", text(&read));
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&scan).unwrap());
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let log = text(&as_user(boss, &["log"], ""));
    assert!(log.contains(&format!("audit        scan            {sha256}")), "{log}");
    assert!(log.contains("audit        reveal          claims *"), "{log}");
    assert!(log.contains("boss         wrong_password"), "{log}");
    let mut client = network.client();
    assert!(client.execute("DELETE FROM hq_access_log", &[]).is_err(), "the access log is never changed");
}

#[test]
fn a_desk_restored_from_an_old_backup_gets_its_history_back_and_numbers_above_it() {
    let network = Network::new();
    let desk = network.desk("restored", "ТШ");
    assert_eq!(desk.paid_claim("2026-03-01", "28"), "ТШ-2026-000001");
    network.sync(&desk);
    let backup = desk.db.with_file_name("before-the-disk-failed.sqlite3");
    desk.ok("admin", &["backup", backup.to_str().unwrap()]);
    // After the backup: a claim on a policy typed by hand, a paid claim with its act, a scan,
    // a user — all sent to the head office before the disk fails.
    desk.claim_on_a_policy_typed_by_hand();
    assert_eq!(desk.paid_claim("2026-03-02", "32"), "ТШ-2026-000003");
    let scan = desk.db.with_file_name("ariza.pdf");
    std::fs::write(&scan, "%PDF-1.4\n% ariza\n%%EOF\n").unwrap();
    desk.ok("officer", &["claim", "doc-attach", "ТШ-2026-000002", "application", scan.to_str().unwrap()]);
    desk.with_password("admin", &["user", "add", "clerk", "--name", "Юсупов Жасур", "--role", "officer"]);
    // The register comes from the head office, then a claim on one of its policies: the
    // restored desk will take that policy in again under another row.
    let register = network.root.path().join("register.csv");
    std::fs::write(
        &register,
        "Полис серияси,Полис рақами,Берилган сана,Бошланиш санаси,Тугаш санаси,Суғурта суммаси,Ф.И.Ш.,Туғилган сана,ЖШШИР
         MKS,0000002,2026-01-10,2026-01-10,2099-01-09,8000000,Юсупова Дилноза,03.04.1980,30304800000415
",
    )
    .unwrap();
    network.hq_ok(&["register", register.to_str().unwrap()]);
    network.sync(&desk);
    let on_register = desk.ok(
        "officer",
        &[
            "claim",
            "new",
            "--branch",
            "ТШ",
            "--policy",
            "MKS 0000002",
            "--claimant",
            "Юсупова Дилноза",
            "--event-date",
            "2026-03-05",
            "--place",
            "Тошкент",
            "--circumstances",
            "Йиқилди",
            "--notice-date",
            "2026-03-05",
        ],
    );
    assert!(on_register.starts_with("ТШ-2026-000004"), "{on_register}");
    let (status, said) = network.take_in(&network.bundle_from(&desk));
    assert_eq!(status, Some(0), "{said}");
    let lost = desk.holds();
    let policy_of = |claim: &str| -> (String, i64) {
        let conn = rusqlite::Connection::open(&desk.db).unwrap();
        conn.query_row(
            "SELECT p.number, p.id FROM claim c JOIN policy p ON p.id = c.policy_id WHERE c.number = ?1",
            [claim],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
    };
    let (by_hand, by_hand_row) = policy_of("ТШ-2026-000002");
    let (on_register_policy, on_register_row) = policy_of("ТШ-2026-000004");
    assert_eq!((by_hand.as_str(), on_register_policy.as_str()), ("0000009", "0000002"));
    assert_eq!(network.holds(&desk), lost);
    // The head office's bundle made before it hears of the restore.
    let stale = network.bundle_for(&desk);

    let restored = desk.run("admin", &["restore", backup.to_str().unwrap()]);
    assert_eq!(restored.status.code(), Some(0), "{}", text(&restored));
    assert!(text(&restored).contains("history"), "{}", text(&restored));
    // A backup made while it holds, restored, holds from the same entry.
    let held_from = || -> i64 {
        rusqlite::Connection::open(&desk.db)
            .unwrap()
            .query_row("SELECT restored_from FROM exchange_state", [], |row| row.get(0))
            .unwrap()
    };
    let from = held_from();
    let while_held = desk.db.with_file_name("while-held.sqlite3");
    desk.ok("admin", &["backup", while_held.to_str().unwrap()]);
    desk.ok("admin", &["restore", while_held.to_str().unwrap()]);
    assert_eq!(held_from(), from);
    // Until the history is back: no claim numbered, none changed; an old bundle waits.
    let refused = desk
        .run("officer", &["claim", "doc-receive", "ТШ-2026-000001", "application", "--date", "2026-03-10"]);
    assert_ne!(refused.status.code(), Some(0));
    assert!(text(&refused).contains("тикланди"), "{}", text(&refused));
    let anchor = desk.db.with_file_name("anchor.txt");
    let refused = desk.run("admin", &["audit", "anchor", "-o", anchor.to_str().unwrap()]);
    assert_ne!(refused.status.code(), Some(0), "no anchor on entries that will move");
    assert!(text(&refused).contains("тикланди"), "{}", text(&refused));
    assert!(!anchor.exists());
    assert_eq!(desk.import(&stale), Some(5));

    // Its bundle says so (under a number the head office had: the file forgot the later ones,
    // so on an emptied stick); the head office holds every entry it carries, and answers with
    // the history the desk lost.
    for file in network.usb_files() {
        std::fs::remove_file(file).unwrap();
    }
    let (status, said) = network.take_in(&network.bundle_from(&desk));
    assert_eq!(status, Some(4), "{said}");
    let status = network.hq_ok(&["status"]);
    assert!(status.contains("restored from a backup: its entries from"), "{status}");
    // A history that does not continue the desk's log (an entry changed at the head office)
    // is refused whole; the desk keeps waiting.
    let mut client = network.client();
    let from: i64 = client
        .query_one("SELECT history_from FROM hq_desk WHERE prefix = $1", &[&desk.prefix])
        .unwrap()
        .get(0);
    let changed = "UPDATE hq_entry SET at = at || '0' WHERE seq = $1 AND desk_id = (SELECT id FROM hq_desk WHERE prefix = $2)";
    client.execute(changed, &[&(from + 1), &desk.prefix]).unwrap();
    let forged = desk.run("officer", &["exchange", "import", network.bundle_for(&desk).to_str().unwrap()]);
    assert_eq!(forged.status.code(), Some(2), "{}", text(&forged));
    assert!(text(&forged).contains("давоми эмас"), "{}", text(&forged));
    client
        .execute(
            "UPDATE hq_entry SET at = left(at, -1) WHERE seq = $1 AND desk_id = (SELECT id FROM hq_desk WHERE prefix = $2)",
            &[&(from + 1), &desk.prefix],
        )
        .unwrap();
    assert_ne!(desk.holds(), lost, "nothing of it applied");
    let answer = network.bundle_for(&desk);
    let first_answer = network.root.path().join("first-answer.tovon");
    std::fs::copy(&answer, &first_answer).unwrap();
    // Killed while applying it, at random moments: after each kill the desk either still
    // holds with nothing of the bundle applied, or has all of it.
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    println!("replay kill seed {seed}");
    let mut rng = Rng(seed);
    let state = || -> (Option<i64>, i64) {
        let conn = rusqlite::Connection::open(&desk.db).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
        assert_eq!(check, "ok");
        conn.query_row("SELECT restored_from, applied FROM exchange_state", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap()
    };
    let (holding, applied_before) = state();
    let mut whole = false;
    for _ in 0..6 {
        killed(desk.command("officer", &["exchange", "import", answer.to_str().unwrap()]), rng.below(250));
        let (held, applied) = state();
        assert!((held, applied) == (holding, applied_before) || (held.is_none() && applied > applied_before));
        whole = held.is_none();
        if whole {
            break;
        }
    }
    let applied = desk.run("officer", &["exchange", "import", answer.to_str().unwrap()]);
    assert_eq!(applied.status.code(), Some(if whole { 4 } else { 0 }), "{}", text(&applied));
    assert_eq!(desk.holds(), lost, "the claims, payments, acts and scans are back");
    // Each claim on its own policy again, whichever row the policy has now.
    let (by_hand_now, by_hand_row_now) = policy_of("ТШ-2026-000002");
    let (on_register_now, on_register_row_now) = policy_of("ТШ-2026-000004");
    assert_eq!((by_hand_now.as_str(), on_register_now.as_str()), ("0000009", "0000002"));
    assert_ne!((by_hand_row_now, on_register_row_now), (by_hand_row, on_register_row), "relinked");
    desk.ok("admin", &["audit", "verify"]);
    // The user added after the backup is back, without the password the log never held.
    let clerk = desk.run("clerk", &["claim", "list"]);
    assert_ne!(clerk.status.code(), Some(0));
    let active: i64 = rusqlite::Connection::open(&desk.db)
        .unwrap()
        .query_row("SELECT active FROM app_user WHERE login = 'clerk'", [], |row| row.get(0))
        .unwrap();
    assert_eq!(active, 0, "inactive until the administrator sets a new password");

    // Numbers go on above the highest the network has seen.
    assert_eq!(desk.paid_claim("2026-03-03", "35"), "ТШ-2026-000005");
    let documents: Vec<String> = desk.holds().documents.into_iter().map(|(number, _)| number).collect();
    let unique: std::collections::BTreeSet<&String> = documents.iter().collect();
    assert_eq!(unique.len(), documents.len(), "{documents:?}");
    // The next round takes in what the desk did since the restore; both ends agree.
    network.sync(&desk);
    let (status, said) = network.take_in(&network.bundle_from(&desk));
    assert!(matches!(status, Some(0 | 4)), "{said}");
    assert_eq!(network.holds(&desk), desk.holds());
    assert_eq!(network.hq(&["status"]).status.code(), Some(0), "no history refused");

    // Restored from a backup the head office holds no more than: nothing comes back, the
    // hold ends, and what was done since the restore stays where it is.
    let fresh = desk.db.with_file_name("fresh.sqlite3");
    desk.ok("admin", &["backup", fresh.to_str().unwrap()]);
    desk.ok("admin", &["restore", fresh.to_str().unwrap()]);
    let said = network.answer_restored(&desk);
    assert!(said.contains("ҳеч нарса йўқолмаган"), "{said}");
    assert_eq!(desk.paid_claim("2026-03-04", "36"), "ТШ-2026-000006");
    network.agree(&desk);

    // Put back by hand from an older copy, not through `tovon restore`: the mark beside the
    // database says more left the desk than its log holds, and it holds the same way.
    let copy = desk.db.with_file_name("copied-by-hand.sqlite3");
    desk.ok("admin", &["backup", copy.to_str().unwrap()]);
    assert_eq!(desk.paid_claim("2026-03-05", "31"), "ТШ-2026-000007");
    network.agree(&desk);
    let before = desk.holds();
    std::fs::copy(&copy, &desk.db).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", desk.db.display()));
    }
    let refused = desk
        .run("officer", &["claim", "doc-receive", "ТШ-2026-000001", "application", "--date", "2026-03-10"]);
    assert!(text(&refused).contains("тикланди"), "{}", text(&refused));
    network.answer_restored(&desk);
    assert_eq!(desk.holds(), before);

    // The first backup restored again: the answer to the first restore is not this one's,
    // however alike; the head office's answer to this one brings everything back.
    desk.ok("admin", &["restore", backup.to_str().unwrap()]);
    assert_eq!(desk.import(&first_answer), Some(5));
    network.answer_restored(&desk);
    assert_eq!(desk.holds(), before);
    network.agree(&desk);
}

#[test]
fn a_desk_whose_pc_and_keys_were_lost_is_enrolled_again_under_its_prefix() {
    let network = Network::new();
    let old = network.desk("old-pc", "ТШ");
    assert_eq!(old.paid_claim("2026-03-01", "28"), "ТШ-2026-000001");
    network.sync(&old);
    let backup = network.root.path().join("backup-on-a-stick.sqlite3");
    old.ok("admin", &["backup", backup.to_str().unwrap()]);
    assert_eq!(old.paid_claim("2026-03-02", "32"), "ТШ-2026-000002");
    let (status, said) = network.take_in(&network.bundle_from(&old));
    assert_eq!(status, Some(0), "{said}");
    let lost = old.holds();

    // A new PC: the backup restored, no key file.
    let db = network.root.path().join("new-pc").join("tovon.sqlite3");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let new = Desk { db, branch: "ТШ", prefix: old.prefix.clone() };
    let restored = new.run("admin", &["restore", backup.to_str().unwrap()]);
    assert_eq!(restored.status.code(), Some(0), "{}", text(&restored));
    for file in network.usb_files() {
        std::fs::remove_file(file).unwrap();
    }
    // Its new keys are nobody's the head office knows.
    let (status, said) = network.take_in(&network.bundle_from(&new));
    assert_eq!(status, Some(2), "{said}");
    let request = new.db.with_file_name("request.json");
    new.ok("admin", &["exchange", "request", "-o", request.to_str().unwrap()]);
    let no_desk = network.hq(&["enrol", request.to_str().unwrap(), "--replaces", "НМ"]);
    assert_eq!(no_desk.status.code(), Some(2), "{}", text(&no_desk));
    // A desk of another branch does not take ТШ's place.
    let stranger = Desk { db: network.root.path().join("stranger").join("tovon.sqlite3"), ..new.clone() };
    std::fs::create_dir_all(stranger.db.parent().unwrap()).unwrap();
    stranger.with_password("admin", &["user", "init", "admin", "--name", "Бегона"]);
    stranger.ok("admin", &["settings", "set", "--branch", "САМ"]);
    let strangers = stranger.db.with_file_name("request.json");
    stranger.ok("admin", &["exchange", "request", "-o", strangers.to_str().unwrap()]);
    let other_branch = network.hq(&["enrol", strangers.to_str().unwrap(), "--replaces", &old.prefix]);
    assert_eq!(other_branch.status.code(), Some(2), "{}", text(&other_branch));
    assert!(text(&other_branch).contains("branch САМ"), "{}", text(&other_branch));
    network.hq_ok(&["enrol", request.to_str().unwrap(), "--replaces", &old.prefix]);
    let again = network.hq(&["enrol", request.to_str().unwrap(), "--replaces", &old.prefix]);
    assert_eq!(again.status.code(), Some(2), "the same keys twice: {}", text(&again));

    // From its next exchange on it is the desk it replaces, with what the backup lacked.
    let (status, said) = network.take_in(&network.bundle_from(&new));
    assert_eq!(status, Some(4), "{said}");
    assert_eq!(new.import(&network.bundle_for(&new)), Some(0));
    assert_eq!(new.holds(), lost);
    assert_eq!(new.paid_claim("2026-03-03", "35"), "ТШ-2026-000003");
    network.sync(&new);
    let (status, said) = network.take_in(&network.bundle_from(&new));
    assert!(matches!(status, Some(0 | 4)), "{said}");
    assert_eq!(network.holds(&new), new.holds());
    // The old PC's keys are kept, and no longer accepted.
    let kept: i64 = network.client().query_one("SELECT count(*) FROM hq_desk_key", &[]).unwrap().get(0);
    assert_eq!(kept, 1);
    for file in network.usb_files() {
        std::fs::remove_file(file).unwrap();
    }
    let (status, said) = network.take_in(&network.bundle_from(&old));
    assert_eq!(status, Some(2), "{said}");
}
