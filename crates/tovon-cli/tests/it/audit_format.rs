//! Issue 18: a database logged in audit format 1 (a BLOB by its length) moves over to
//! SHA-256 without a false alarm — the next open checks each issued PDF against its last
//! format-1 entry and re-baselines it, logged — while a PDF changed behind the log's back
//! with its length kept, before the move, is not re-baselined and stays named by `verify`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::anchors::rechain;
use crate::{run, stdout, with_one_policy};

/// A refused claim (its letter an issued PDF), its log rewritten as format 1 wrote it.
fn in_format_one(dir: &tempfile::TempDir) -> PathBuf {
    let db = with_one_policy(dir);
    let number = crate::decide::register(&db, "2026-01-05");
    let refused = run(&db, &["decide", &number, "refuse", "--ground", "3.1d", "--explanation", "x"]);
    assert_eq!(refused.status.code(), Some(0), "{}", String::from_utf8_lossy(&refused.stderr));
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch(
        r#"DROP TRIGGER audit_log_no_update;
           UPDATE audit_log SET after = json_remove(after, '$.audit_format')
               WHERE entity = 'audit_log' AND json_extract(after, '$.audit_format') IS NOT NULL;
           UPDATE audit_log SET after = replace(after,
                   '"pdf_sha256":"' || json_extract(after, '$.pdf_sha256') || '"',
                   '"pdf_bytes":' || (SELECT length(pdf) FROM issued_document WHERE id = CAST(audit_log.entity_key AS INTEGER)))
               WHERE entity = 'issued_document' AND after IS NOT NULL;"#,
    )
    .expect("format 1");
    rechain(&conn);
    db
}

fn rebaseline_event(db: &Path) -> String {
    Connection::open(db)
        .expect("open")
        .query_row(
            "SELECT after FROM audit_log WHERE json_extract(after, '$.rebaselined') IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .expect("the re-baseline is logged")
}

#[test]
fn a_format_one_log_moves_to_sha256_without_a_false_alarm_but_not_over_a_changed_pdf() {
    let dir = tempfile::tempdir().expect("temp");
    let db = in_format_one(&dir);
    assert_eq!(run(&db, &["claim", "list"]).status.code(), Some(0));
    let event = rebaseline_event(&db);
    assert!(
        event.contains(r#""rebaselined":["issued_document"]"#) && event.contains(r#""not_rebaselined":[]"#),
        "{event}"
    );
    let verified = run(&db, &["audit", "verify"]);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}{}",
        stdout(&verified),
        String::from_utf8_lossy(&verified.stderr)
    );

    let dir = tempfile::tempdir().expect("temp");
    let db = in_format_one(&dir);
    Connection::open(&db)
        .expect("open")
        .execute_batch(
            "DROP TRIGGER issued_document_no_update; DROP TRIGGER audit_on_issued_document_update;
             UPDATE issued_document SET pdf = zeroblob(length(pdf));",
        )
        .expect("tamper");
    assert_eq!(run(&db, &["claim", "list"]).status.code(), Some(0));
    let event = rebaseline_event(&db);
    assert!(event.contains(r#""not_rebaselined":["issued_document"]"#), "{event}");
    let verified = run(&db, &["audit", "verify"]);
    let said = format!("{}{}", stdout(&verified), String::from_utf8_lossy(&verified.stderr));
    assert_eq!(verified.status.code(), Some(1), "{said}");
    assert!(said.contains("Журналдан ташқарида ўзгартирилган"), "{said}");
}
