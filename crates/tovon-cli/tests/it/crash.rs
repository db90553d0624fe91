//! Crash safety (issue 7): two writer processes register claims and issue documents requests
//! through `tovon`, both killed with SIGKILL at a random moment, again and again. After each
//! kill the database passes `integrity_check` and `tovon audit verify`, every write the CLI
//! reported as done is there, and no claim or document number is duplicated or skipped.
//! `make test` kills 12 times; `make bench` 200 (`TOVON_CRASH_KILLS`).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::Connection;

use crate::{run, with_one_policy};

/// One writer: a shell loop that prints "C <claim>" after each claim `tovon` registered and
/// "D <document>" after each request it issued.
fn writer(db: &Path, scratch: &Path, name: &str) -> std::process::Child {
    let script = format!(
        r#"set -e
while true; do
  out=$("$TOVON" claim new --policy "MKS 0000001" --branch ТШ --claimant "Каримов Алишер" --event-date 2026-01-05 --place Тошкент --circumstances Йиқилди --notice-date 2026-01-05)
  number=${{out%% *}}
  echo "C $number"
  doc=$("$TOVON" print request "$number" -o "{scratch}/{name}.pdf")
  echo "D ${{doc%% *}}"
done"#,
        scratch = scratch.display()
    );
    use std::os::unix::process::CommandExt;
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("TOVON", env!("CARGO_BIN_EXE_tovon"))
        .env("TOVON_DB", db)
        .env("TOVON_USER", "officer")
        .env("TOVON_PASSWORD", crate::PASSWORD)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("start a writer")
}

/// A small deterministic generator (the seed is printed, so a failing run can be repeated).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Numbers of one sequence run 1..=n: no gap, no duplicate.
fn contiguous(conn: &Connection, sql: &str) -> Result<usize, String> {
    let mut statement = conn.prepare(sql).map_err(|error| error.to_string())?;
    let mut groups: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let rows = statement
        .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
        .map_err(|error| error.to_string())?;
    for row in rows {
        let (group, seq) = row.map_err(|error| error.to_string())?;
        groups.entry(group).or_default().push(seq);
    }
    let mut total = 0;
    for (group, mut seqs) in groups {
        seqs.sort_unstable();
        let expected: Vec<i64> = (1..=seqs.len() as i64).collect();
        if seqs != expected {
            return Err(format!("{group}: numbers {seqs:?} are not 1..={}", seqs.len()));
        }
        total += seqs.len();
    }
    Ok(total)
}

#[test]
fn killed_writers_lose_nothing_reported_and_leave_no_gap() {
    let kills: u32 =
        std::env::var("TOVON_CRASH_KILLS").ok().and_then(|value| value.parse().ok()).unwrap_or(12);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or(7);
    eprintln!("crash test: {kills} kills, seed {seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("temp");
    let db = with_one_policy(&dir);
    let mut reported_claims: Vec<String> = Vec::new();
    let mut reported_documents: Vec<String> = Vec::new();
    let mut mid_write = 0;
    for round in 1..=kills {
        let (sender, lines) = mpsc::channel::<String>();
        let mut children = Vec::new();
        for name in ["writer-a", "writer-b"] {
            let mut child = writer(&db, dir.path(), name);
            let stdout = child.stdout.take().expect("stdout");
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
            children.push(child);
        }
        drop(sender);
        std::thread::sleep(Duration::from_millis(40 + rng.below(600)));
        for child in &children {
            // The whole group: the shell and the `tovon` it is running, wherever it is.
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
        }
        for mut child in children {
            let _ = child.wait();
        }
        let mut last = String::new();
        for line in lines.iter() {
            if let Some(number) = line.strip_prefix("C ") {
                reported_claims.push(number.to_owned());
            } else if let Some(number) = line.strip_prefix("D ") {
                reported_documents.push(number.to_owned());
            }
            last = line;
        }
        if last.starts_with("C ") {
            mid_write += 1;
        }

        let conn = Connection::open(&db).expect("open after the kill");
        let problems: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("check");
        assert_eq!(problems, "ok", "round {round} (seed {seed})");
        let claims: Vec<String> = conn
            .prepare("SELECT number FROM claim")
            .and_then(|mut statement| statement.query_map([], |row| row.get(0))?.collect())
            .expect("claims");
        for number in &reported_claims {
            assert!(
                claims.contains(number),
                "round {round} (seed {seed}): reported claim {number} is missing"
            );
        }
        let documents: Vec<String> = conn
            .prepare("SELECT number FROM issued_document")
            .and_then(|mut statement| statement.query_map([], |row| row.get(0))?.collect())
            .expect("documents");
        for number in &reported_documents {
            assert!(
                documents.contains(number),
                "round {round} (seed {seed}): reported document {number} is missing"
            );
        }
        contiguous(&conn, "SELECT branch_code || '-' || year, seq FROM claim")
            .unwrap_or_else(|problem| panic!("round {round} (seed {seed}): claims {problem}"));
        contiguous(&conn, "SELECT branch_code || '-' || year || '-' || kind, seq FROM issued_document")
            .unwrap_or_else(|problem| panic!("round {round} (seed {seed}): documents {problem}"));
        drop(conn);
        let verified = run(&db, &["audit", "verify"]);
        assert_eq!(
            verified.status.code(),
            Some(0),
            "round {round} (seed {seed}): {}",
            String::from_utf8_lossy(&verified.stderr)
        );
    }
    eprintln!(
        "crash test: {kills} kills; {} claims and {} documents reported done, all present; {mid_write} kills between a claim and its request; integrity_check, audit verify and numbering held after each",
        reported_claims.len(),
        reported_documents.len()
    );
    assert!(!reported_claims.is_empty(), "the writers wrote something");
}
