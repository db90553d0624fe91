//! Issue 18: the audit chain's witnesses outside the database, through the `tovon` process.
//! An anchor file and an issued PDF from before confirm the log; a log rewritten with plain
//! SHA-256, laundered through forged SQL functions, or cut back and re-headed passes the
//! chain's own check but is named by the anchor it contradicts. A lost key file makes a new
//! pair, said so, and the old anchors still verify.

use std::path::{Path, PathBuf};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use crate::{run, run_as, stdout, with_one_policy};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `tovon audit verify [--anchor FILE…]`: exit status and everything printed.
fn verify(db: &Path, anchors: &[&Path]) -> (Option<i32>, String) {
    let mut args: Vec<String> = vec!["audit".into(), "verify".into()];
    if !anchors.is_empty() {
        args.push("--anchor".into());
        args.extend(anchors.iter().map(|path| path.display().to_string()));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(db, &args);
    (out.status.code(), format!("{}{}", stdout(&out), stderr(&out)))
}

/// A claim refused (its letter issued and printed to `letter.pdf`), then an anchor written by
/// the administrator to `anchor.txt`.
fn refused_and_anchored(dir: &tempfile::TempDir) -> (PathBuf, PathBuf, PathBuf) {
    let db = with_one_policy(dir);
    let number = crate::decide::register(&db, "2026-01-05");
    let refused = run(&db, &["decide", &number, "refuse", "--ground", "3.1d", "--explanation", "x"]);
    assert_eq!(refused.status.code(), Some(0), "{}", stderr(&refused));
    let letter = dir.path().join("letter.pdf");
    let printed = run(&db, &["print", "refusal", &number, "-o", &letter.display().to_string()]);
    assert_eq!(printed.status.code(), Some(0), "{}", stderr(&printed));
    let anchor = dir.path().join("anchor.txt");
    let officer = run_as("officer", &db, &["audit", "anchor", "-o", &anchor.display().to_string()]);
    assert_eq!(officer.status.code(), Some(3), "an officer may not write anchors: {}", stderr(&officer));
    let written = run(&db, &["audit", "anchor", "-o", &anchor.display().to_string()]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(stdout(&written).contains("Назорат белгиси ёзилди"), "{}", stdout(&written));
    (db, letter, anchor)
}

/// A copy of the database and its key file, to tamper with.
fn copy_of(db: &Path, name: &str) -> PathBuf {
    let copy = db.with_file_name(format!("{name}.sqlite3"));
    std::fs::copy(db, &copy).expect("copy");
    std::fs::copy(db.with_file_name("tovon.sqlite3.key"), copy.with_file_name(format!("{name}.sqlite3.key")))
        .expect("copy the key");
    copy
}

/// The chain's link hash as anyone can compute it: SHA-256 over the fields, each typed and
/// length-prefixed (README, "The audit log").
fn link_hash(fields: &[ValueRef<'_>]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        match field {
            ValueRef::Null => hasher.update(b"n;"),
            ValueRef::Integer(number) => hasher.update(format!("i{number};").as_bytes()),
            ValueRef::Real(number) => hasher.update(format!("r{number};").as_bytes()),
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                hasher.update(format!("t{}:", bytes.len()).as_bytes());
                hasher.update(bytes);
                hasher.update(b";");
            }
        }
    }
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Recomputes every link of the chain and the head (the guards dropped first).
pub(crate) fn rechain(conn: &Connection) {
    let last = rechain_log_only(conn);
    conn.execute("UPDATE audit_head SET (seq, hash) = (SELECT max(seq), ?1 FROM audit_log)", [last])
        .expect("head");
}

/// Recomputes every link of the chain, the head left as it was; the last hash.
pub(crate) fn rechain_log_only(conn: &Connection) -> String {
    let _ = conn.execute_batch("DROP TRIGGER IF EXISTS audit_log_no_update;");
    let rows: Vec<(i64, Vec<rusqlite::types::Value>)> = {
        let mut statement = conn
            .prepare(
                "SELECT seq, at, actor, entity, entity_key, claim_id, action, before, after \
                 FROM audit_log ORDER BY seq",
            )
            .expect("prepare");
        statement
            .query_map([], |row| {
                Ok((row.get(0)?, (1..9).map(|i| row.get(i)).collect::<Result<Vec<_>, _>>()?))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let mut previous = String::new();
    for (seq, fields) in rows {
        let mut all = vec![ValueRef::Integer(seq), ValueRef::Text(previous.as_bytes())];
        all.extend(fields.iter().map(ValueRef::from));
        let hash = link_hash(&all);
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            params![seq, previous, hash],
        )
        .expect("relink");
        previous = hash;
    }
    previous
}

/// Someone with the database and any SQLite binding: the program's SQL functions defined by
/// hand, writing as whom they please.
fn forger(db: &Path) -> Connection {
    let conn = Connection::open(db).expect("open");
    let flags = FunctionFlags::SQLITE_UTF8;
    conn.create_scalar_function("tovon_actor", 0, flags, |_| Ok("system".to_owned())).expect("actor");
    conn.create_scalar_function("tovon_audit_hash", 10, flags, |ctx| {
        let fields: Vec<ValueRef<'_>> = (0..ctx.len()).map(|index| ctx.get_raw(index)).collect();
        Ok(link_hash(&fields))
    })
    .expect("hash");
    conn.create_scalar_function("tovon_digest", 1, flags, |ctx| {
        Ok(match ctx.get_raw(0) {
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                Some(Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect::<String>())
            }
            _ => None,
        })
    })
    .expect("digest");
    conn
}

#[test]
fn anchors_and_issued_pdfs_confirm_the_log_and_name_a_rewrite_a_laundering_and_a_cut() {
    let dir = tempfile::tempdir().expect("temp");
    let (db, letter, anchor) = refused_and_anchored(&dir);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for private in [&anchor, &db.with_file_name("tovon.sqlite3.key")] {
            let mode = std::fs::metadata(private).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", private.display());
        }
    }
    let pristine = copy_of(&db, "pristine");
    let (code, message) = verify(&db, &[&anchor, &letter]);
    assert_eq!(code, Some(0), "{message}");
    assert_eq!(message.matches("тасдиқланди").count(), 2, "{message}");
    assert!(message.contains("ташқарида сақланган назорат белгилари билан тасдиқланган"), "{message}");

    // 1. A claimant's name changed and the log rewritten to match, every hash recomputed.
    let rewritten = copy_of(&pristine, "rewritten");
    {
        let conn = Connection::open(&rewritten).expect("open");
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_on_claim_update;
             UPDATE claim SET claimant_name = 'Сохта Аризачи';
             UPDATE audit_log SET after = json_set(after, '$.claimant_name', 'Сохта Аризачи')
                 WHERE entity = 'claim' AND after IS NOT NULL;
             UPDATE audit_log SET before = json_set(before, '$.claimant_name', 'Сохта Аризачи')
                 WHERE entity = 'claim' AND before IS NOT NULL;",
        )
        .expect("rewrite");
        rechain(&conn);
    }
    let (code, message) = verify(&rewritten, &[]);
    assert_eq!(code, Some(0), "the chain alone cannot tell a consistent rewrite: {message}");
    let (code, message) = verify(&rewritten, &[&anchor, &letter]);
    assert_eq!(code, Some(1), "{message}");
    // Both witnesses contradict it: the claim's first entry precedes the letter's anchor.
    assert_eq!(message.matches("Аудит журнали қайта ёзилган").count(), 2, "{message}");
    assert!(
        message.contains("(/") && message.contains("anchor.txt)") && message.contains("letter.pdf)"),
        "{message}"
    );
    assert!(!message.contains("Аудит журнали бутун"), "{message}");

    // 2. The history laundered through forged functions: the log replaced by one baseline
    //    entry per row, every row matching, the chain whole.
    let laundered = copy_of(&pristine, "laundered");
    forger(&laundered)
        .execute_batch(
            "DROP TRIGGER audit_log_no_delete;
             CREATE TEMP TABLE kept AS SELECT seq, entity, entity_key, claim_id, after FROM audit_log
                 WHERE seq IN (SELECT max(seq) FROM audit_log
                               WHERE action IN ('insert', 'update', 'delete', 'baseline')
                               GROUP BY entity, entity_key)
                 AND action <> 'delete';
             DELETE FROM audit_log;
             UPDATE audit_head SET seq = 0, hash = '';
             INSERT INTO audit_entry (entity, entity_key, claim_id, action, after)
                 SELECT entity, entity_key, claim_id, 'baseline', after FROM kept ORDER BY seq;",
        )
        .expect("launder");
    let (code, message) = verify(&laundered, &[]);
    assert_eq!(code, Some(0), "laundering keeps the chain whole: {message}");
    let (code, message) = verify(&laundered, &[&anchor]);
    assert_eq!(code, Some(1), "{message}");
    assert!(
        message.contains("Аудит журнали кесилган") || message.contains("Аудит журнали қайта ёзилган"),
        "{message}"
    );

    // 3. The tail cut back before the anchor and the head moved to match: the rows agree
    //    (only events were cut), the anchor file does not; the letter, older, still confirms.
    let cut = copy_of(&pristine, "cut");
    let anchored: i64 = std::fs::read_to_string(&anchor)
        .expect("anchor")
        .split_whitespace()
        .find_map(|field| field.strip_prefix("entry=").and_then(|seq| seq.parse().ok()))
        .expect("entry=");
    Connection::open(&cut)
        .expect("open")
        .execute_batch(&format!(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > {keep};
             UPDATE audit_head SET (seq, hash) = (SELECT seq, hash FROM audit_log WHERE seq = {keep});",
            keep = anchored - 2
        ))
        .expect("cut");
    let (code, message) = verify(&cut, &[&anchor, &letter]);
    assert_eq!(code, Some(1), "{message}");
    assert!(
        message.contains("Аудит журнали кесилган") && message.contains(&format!("{anchored}-ёзувни")),
        "{message}"
    );
    assert!(message.contains("letter.pdf: журнал"), "the older letter still confirms: {message}");
    assert!(!message.contains("Аудит журнали бутун"), "{message}");
    // The check's own sign-in has been appended since: the anchored entry is there again,
    // another one — the anchor now names a rewrite; the chain alone still says whole.
    let (code, message) = verify(&cut, &[]);
    assert_eq!(code, Some(0), "{message}");
    let (code, message) = verify(&cut, &[&anchor]);
    assert_eq!(code, Some(1), "{message}");
    assert!(message.contains("Аудит журнали қайта ёзилган"), "{message}");

    // 4. An anchor edited, one from another desk, and files that hold none.
    let edited = dir.path().join("edited.txt");
    let text = std::fs::read_to_string(&anchor).expect("anchor");
    std::fs::write(&edited, text.replace(&format!("entry={anchored}"), &format!("entry={}", anchored - 1)))
        .expect("write");
    let other_dir = tempfile::tempdir().expect("temp");
    let (_, _, foreign) = refused_and_anchored(&other_dir);
    let cp1251 = dir.path().join("cp1251.txt");
    std::fs::write(&cp1251, [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]).expect("write");
    let (code, message) = verify(&pristine, &[&edited, &foreign, &cp1251, Path::new("/dev/zero")]);
    assert_eq!(code, Some(1), "{message}");
    assert!(message.contains("edited.txt: назорат белгисининг имзоси тўғри эмас"), "{message}");
    assert!(message.contains("бу стол ҳеч қачон эга бўлмаган калит"), "{message}");
    assert!(message.contains("cp1251.txt: назорат белгиси топилмади"), "{message}");
    assert!(message.contains("/dev/zero: назорат белгиси топилмади"), "{message}");
}

#[test]
fn a_lost_key_file_makes_a_new_pair_said_so_and_old_anchors_still_verify() {
    let dir = tempfile::tempdir().expect("temp");
    let (db, letter, anchor) = refused_and_anchored(&dir);
    let key_file = db.with_file_name("tovon.sqlite3.key");
    let secret = std::fs::read_to_string(&key_file).expect("key");
    let secret = secret.lines().nth(1).expect("the secret line").to_owned();
    // Not in the database, nor in its backup.
    let backup = dir.path().join("copy.sqlite3");
    let made = run(&db, &["backup", &backup.display().to_string()]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    for file in [&db, &backup] {
        let bytes = std::fs::read(file).expect("read");
        assert!(!bytes.windows(secret.len()).any(|window| window == secret.as_bytes()), "{}", file.display());
    }

    std::fs::remove_file(&key_file).expect("lose the key");
    let listed = run(&db, &["claim", "list"]);
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    assert!(stderr(&listed).contains("янги калит жуфтлиги яратилди"), "{}", stderr(&listed));
    assert!(key_file.exists(), "a new key file");
    let again = run(&db, &["claim", "list"]);
    assert!(!stderr(&again).contains("калит"), "said once: {}", stderr(&again));
    let (code, message) = verify(&db, &[&anchor, &letter]);
    assert_eq!(code, Some(0), "{message}");
    assert_eq!(message.matches("тасдиқланди").count(), 2, "{message}");
    let keys = Connection::open(&db)
        .expect("open")
        .query_row("SELECT group_concat(reason) FROM desk_key", [], |row| row.get::<_, String>(0))
        .expect("keys");
    assert_eq!(keys, "first_start,key_missing");
}
