//! The head office taking in a year of a branch network (issue 20), beside PostgreSQL's own
//! `COPY` of the same rows, in the same run.
//!
//! The network is generated in-process through the desk's use cases, never the CLI: 200
//! branches, each a desk on its own SQLite file enrolled at the head office, working 100
//! claims through documents, calculation, approval (the act rendered and stored), signing and
//! payment, then writing its bundle (`TOVON_BENCH_BRANCHES`, `TOVON_BENCH_CLAIMS` set other
//! sizes). The generated desks, their requests and bundles and the head office's key are kept
//! in `target/bench-network/` and reused by later runs.
//!
//! Each round, on fresh databases: the desks are enrolled (untimed), then every bundle is
//! ingested as `tovon-hq import` does (timed: decrypt, check, recompute every hash, apply);
//! then the same entries and documents' bytes, decoded beforehand, are loaded into plain
//! tables with `COPY … FROM STDIN` (timed: the physical floor). Best of the rounds each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use postgres::{Client, NoTls};
use tovon_desk::Desk;
use tovon_desk::dto::{
    ApproveDto, ClaimDraftDto, ClaimOutcome, DocumentReceiptDto, DocumentStateCode, PaymentInputDto,
};
use tovon_exchange::{AuditLine, ExchangeIdentity};
use tovon_hq::Hq;

mod common;
use common::{PASSWORD, Scratch, desk_trusting, pinfl};

/// Bumped when what is generated changes, so an old cache is not reused (3: desk schema 21,
/// a claim's register policy carried by its series and number).
const GENERATION: u32 = 3;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// Two Cyrillic letters a branch: 27 × 27 codes.
fn branch_code(index: usize) -> String {
    const LETTERS: [char; 27] = [
        'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р', 'С', 'Т', 'У', 'Ф',
        'Х', 'Ц', 'Ч', 'Ш', 'Э', 'Ю', 'Я',
    ];
    [LETTERS[index / 27 % 27], LETTERS[index % 27]].iter().collect()
}

/// One branch's desk made, enrolled and worked; its request and bundle files.
fn generate_branch(folder: &Path, index: usize, claims: usize, hq: &mut Hq, identity: &ExchangeIdentity) {
    let code = branch_code(index);
    let desk_folder = folder.join("desks").join(&code);
    std::fs::create_dir_all(&desk_folder).unwrap();
    // Enrolment: trust the head office, the request, the answer.
    let mut desk = desk_trusting(&desk_folder.join("tovon.sqlite3"), &code, identity);
    let request = folder.join("requests").join(format!("{index:04}.json"));
    desk.write_enrolment_request(&request).unwrap();
    let prefix = hq.enrol(&std::fs::read(&request).unwrap()).unwrap().prefix;
    assert_eq!(prefix, code);
    // The register: a policy a claim, so no claim's payout is cut by another's.
    let register = desk_folder.join("register.csv");
    let mut file = std::fs::File::create(&register).unwrap();
    writeln!(file, "{}", tovon_desk::REGISTER_COLUMNS.join(",")).unwrap();
    for claim in 0..claims {
        writeln!(
            file,
            "MKS,{index:03}{claim:05},2026-01-10,2026-01-10,2027-01-09,,10000000,Каримов Алишер {claim},1963-10-12,{},,,,,,",
            pinfl("121063", index * claims + claim)
        )
        .unwrap();
    }
    drop(file);
    desk.sign_out().unwrap();
    desk.sign_in("officer", PASSWORD).unwrap();
    desk.import_policies(&register, None).unwrap();
    desk.import_bundle(&hq.bundle_for(&prefix, identity).unwrap().bytes).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    for claim in 0..claims {
        work_claim(&mut desk, &code, &format!("MKS {index:03}{claim:05}"), claim, today);
    }
    desk.export_bundle(&folder.join("bundles")).unwrap();
}

/// A claim through its whole life: registered, documents in, calculated, approved (the act
/// rendered and stored), signed, paid.
fn work_claim(desk: &mut Desk, branch: &str, policy: &str, claim: usize, today: NaiveDate) {
    let policy_id = desk.find_policies(policy).unwrap()[0].id;
    let event = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap() + chrono::Days::new((claim % 300) as u64);
    let draft = ClaimDraftDto {
        policy_id: Some(policy_id),
        policy_by_hand: None,
        branch_code: branch.to_owned(),
        claimant_name: "Каримов Алишер".to_owned(),
        claimant_relation: "ўзи".to_owned(),
        claimant_phone: String::new(),
        beneficiary_name: String::new(),
        event_date: event.to_string(),
        event_place: "Тошкент ш.".to_owned(),
        circumstances: "Зинапоядан йиқилиб, қўлини синдирди".to_owned(),
        outcome: ClaimOutcome::Injury,
        notice_date: event.to_string(),
        was_driving: false,
        fracture: true,
        criminal_case: false,
        suicide: false,
        notes: String::new(),
    };
    let number = desk.register_claim(&draft, today).unwrap().number;
    let list = desk.documents(&number, today).unwrap();
    for item in list.groups.iter().flat_map(|group| &group.items) {
        if item.required && item.state == DocumentStateCode::Missing {
            let receipt = DocumentReceiptDto {
                item: item.key.clone(),
                received_on: (event + chrono::Days::new(5)).to_string(),
                copy: false,
                note: String::new(),
                source: None,
            };
            desk.receive_document(&number, &receipt, today).unwrap();
        }
    }
    desk.calculate_claim(&number, r#"{"injuries": [{"item": "28"}]}"#, today).unwrap();
    let view = desk.decision_view(&number, today).unwrap();
    let on = (event + chrono::Days::new(7)).to_string();
    let approve = ApproveDto { payees: view.default_payees, decided_on: on.clone(), language: None };
    desk.approve_claim(&number, &approve, today).unwrap();
    let view = desk.sign_act(&number, &on, today).unwrap();
    let payee = &view.decisions.last().unwrap().payees[0];
    let payment = PaymentInputDto {
        payee_id: payee.id,
        paid_on: on,
        amount: payee.amount.clone(),
        order_number: "ПТ-1".to_owned(),
    };
    desk.record_payment(&number, &payment, today).unwrap();
}

/// The generated network: made once (two threads, a branch at a time) and kept.
fn network(branches: usize, claims: usize) -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/bench-network")
        .join(format!("v{GENERATION}-{branches}x{claims}"));
    if folder.join("done").exists() {
        return folder;
    }
    let _ = std::fs::remove_dir_all(&folder);
    for sub in ["desks", "requests", "bundles"] {
        std::fs::create_dir_all(folder.join(sub)).unwrap();
    }
    let identity = tovon_hq::identity(&folder.join("hq.key")).unwrap();
    let scratch = Scratch::new("generate");
    let started = Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                let mut hq = Hq::connect(&scratch.url()).unwrap();
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    if index >= branches {
                        break;
                    }
                    generate_branch(&folder, index, claims, &mut hq, &identity);
                }
            });
        }
    });
    eprintln!("generated {branches} branches × {claims} claims in {:.1} s", started.elapsed().as_secs_f64());
    std::fs::write(folder.join("done"), b"").unwrap();
    folder
}

fn files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    files
}

/// Every desk enrolled on a fresh database, then every bundle ingested: the ingest's time.
fn ingest_round(folder: &Path, identity: &ExchangeIdentity) -> (Duration, u64) {
    let scratch = Scratch::new("ingest");
    let mut hq = Hq::connect(&scratch.url()).unwrap();
    for request in files(&folder.join("requests")) {
        hq.enrol(&std::fs::read(&request).unwrap()).unwrap();
    }
    let bundles: Vec<Vec<u8>> =
        files(&folder.join("bundles")).iter().map(|file| std::fs::read(file).unwrap()).collect();
    let started = Instant::now();
    let mut entries = 0;
    for bundle in &bundles {
        match hq.ingest(bundle, identity).unwrap() {
            tovon_hq::Ingested::Applied { first, last, .. } => entries += (last - first + 1) as u64,
            other => panic!("not applied: {other:?}"),
        }
    }
    (started.elapsed(), entries)
}

/// The same entries and bytes, decoded beforehand, loaded with COPY into plain tables.
fn copy_round(folder: &Path, identity: &ExchangeIdentity) -> (Duration, u64) {
    let scratch = Scratch::new("copy");
    let mut client = Client::connect(&scratch.url(), NoTls).unwrap();
    client
        .batch_execute(
            "CREATE TABLE entry (desk TEXT, seq BIGINT, at TEXT, actor TEXT, entity TEXT, entity_key TEXT,
                 claim_id BIGINT, action TEXT, before TEXT, after TEXT, prev_hash TEXT, hash TEXT);
             CREATE TABLE blob (sha256 TEXT, bytes BYTEA);",
        )
        .unwrap();
    // Decoded outside the timing: the floor is the load alone.
    let mut entries_text = Vec::new();
    let mut blobs_text = Vec::new();
    let mut bytes_loaded = 0u64;
    let parties: std::collections::BTreeMap<String, tovon_exchange::Party> = files(&folder.join("requests"))
        .iter()
        .map(|file| {
            let (request, party) =
                tovon_exchange::EnrolmentRequest::read(&std::fs::read(file).unwrap()).unwrap();
            (request.branch, party)
        })
        .collect();
    for file in files(&folder.join("bundles")) {
        let sealed = std::fs::read(&file).unwrap();
        let opened = tovon_exchange::open(
            &sealed,
            identity,
            |_| true,
            i64::MAX,
            |sender| parties.get(sender).cloned(),
        )
        .unwrap();
        let desk = opened.manifest.sender.clone();
        for member in &opened.members {
            if member.name == tovon_exchange::members::AUDIT {
                let range = opened.manifest.audit.clone().unwrap();
                for line in tovon_exchange::read_chain(&member.bytes, &range).unwrap() {
                    write_entry(&mut entries_text, &desk, &line);
                }
            } else if let Some(sha256) = member.name.strip_prefix(tovon_exchange::members::BLOB_PREFIX) {
                bytes_loaded += member.bytes.len() as u64;
                write!(blobs_text, "{sha256}\t\\\\x").unwrap();
                for byte in &member.bytes {
                    write!(blobs_text, "{byte:02x}").unwrap();
                }
                blobs_text.push(b'\n');
            }
        }
    }
    let started = Instant::now();
    // In pieces of a megabyte, as a client streams a file (one protocol message holds < 1 GB).
    for (table, text) in [("entry", &entries_text), ("blob", &blobs_text)] {
        let mut writer = client.copy_in(&format!("COPY {table} FROM STDIN")).unwrap();
        for piece in text.chunks(1 << 20) {
            writer.write_all(piece).unwrap();
        }
        writer.finish().unwrap();
    }
    (started.elapsed(), bytes_loaded)
}

/// An entry as a line of COPY's text format.
fn write_entry(out: &mut Vec<u8>, desk: &str, line: &AuditLine) {
    let text = |value: &str| {
        value.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
    };
    let optional = |value: &Option<String>| value.as_deref().map_or_else(|| "\\N".to_owned(), text);
    let claim = line.claim_id.map_or_else(|| "\\N".to_owned(), |claim| claim.to_string());
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        text(desk),
        line.seq,
        text(&line.at),
        text(&line.actor),
        text(&line.entity),
        text(&line.entity_key),
        claim,
        text(&line.action),
        optional(&line.before),
        optional(&line.after),
        text(&line.prev_hash),
        text(&line.hash)
    )
    .unwrap();
}

fn main() {
    let branches = setting("TOVON_BENCH_BRANCHES", 200);
    let claims = setting("TOVON_BENCH_CLAIMS", 100);
    let rounds = setting("TOVON_BENCH_ROUNDS", 2);
    let folder = network(branches, claims);
    let identity = tovon_hq::identity(&folder.join("hq.key")).unwrap();
    let mut best_ingest = Duration::MAX;
    let mut best_copy = Duration::MAX;
    let (mut entries, mut bytes) = (0, 0);
    for round in 1..=rounds {
        let (ingest, counted) = ingest_round(&folder, &identity);
        let (copy, loaded) = copy_round(&folder, &identity);
        eprintln!(
            "round {round}: ingest {:.2} s, COPY {:.2} s, ratio {:.2}",
            ingest.as_secs_f64(),
            copy.as_secs_f64(),
            ingest.as_secs_f64() / copy.as_secs_f64()
        );
        best_ingest = best_ingest.min(ingest);
        best_copy = best_copy.min(copy);
        (entries, bytes) = (counted, loaded);
    }
    eprintln!(
        "head office ingest of {branches} branches × {claims} claims: {entries} entries and {:.1} MB of documents; \
         best ingest {:.2} s ({:.0} entries/s), best COPY floor {:.2} s, ratio {:.2} (goal ≤ 3)",
        bytes as f64 / 1e6,
        best_ingest.as_secs_f64(),
        entries as f64 / best_ingest.as_secs_f64(),
        best_copy.as_secs_f64(),
        best_ingest.as_secs_f64() / best_copy.as_secs_f64()
    );
}
