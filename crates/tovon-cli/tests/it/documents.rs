//! `tovon claim docs|doc-…` as processes: a scan attached with a receipt, a refused item
//! and file with status 2, a stored scan changed on disk caught with status 1.

use crate::{run, stdout, with_one_policy};

#[test]
fn a_scan_attached_from_the_command_line_is_checked_by_its_sha256() {
    let dir = tempfile::tempdir().expect("temp");
    let db = with_one_policy(&dir);
    let registered = run(
        &db,
        &[
            "claim",
            "new",
            "--policy",
            "MKS 0000001",
            "--branch",
            "ТШ",
            "--claimant",
            "Каримов Алишер",
            "--event-date",
            "2026-01-05",
            "--place",
            "Тошкент",
            "--circumstances",
            "Йиқилди",
            "--notice-date",
            "2026-01-10",
        ],
    );
    assert_eq!(registered.status.code(), Some(0), "{registered:?}");
    let number = "ТШ-2026-000001";
    let scan = dir.path().join("полис.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% a scanned policy\n%%EOF\n").expect("write");
    let scan_path = scan.to_str().expect("utf-8");
    let received = run(
        &db,
        &["claim", "doc-receive", number, "policy_original", "--date", "2026-01-10", "--file", scan_path],
    );
    assert_eq!(received.status.code(), Some(0), "{received:?}");
    let text = stdout(&received);
    assert!(text.contains("[x] policy_original"), "{text}");
    assert!(text.contains("attachment 1: полис.pdf (application/pdf, 34 bytes"), "{text}");
    assert_eq!(run(&db, &["claim", "doc-check", number]).status.code(), Some(0));

    let unknown = run(&db, &["claim", "doc-receive", number, "no_such_item"]);
    assert_eq!(unknown.status.code(), Some(2));
    let not_a_scan = run(
        &db,
        &[
            "claim",
            "doc-attach",
            number,
            "policy_original",
            dir.path().join("register.csv").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(not_a_scan.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_a_scan.stderr).contains("PDF, JPEG ёки PNG файл эмас"));

    let stored = std::fs::read_dir(dir.path().join("attachments"))
        .expect("attachments folder")
        .flat_map(|folder| std::fs::read_dir(folder.expect("entry").path()).expect("folder"))
        .map(|file| file.expect("file").path())
        .next()
        .expect("a stored scan");
    std::fs::write(&stored, b"%PDF-1.4\n% another paper\n%%EOF\n").expect("tamper");
    let check = run(&db, &["claim", "doc-check", number]);
    assert_eq!(check.status.code(), Some(1), "{check:?}");
    assert!(String::from_utf8_lossy(&check.stderr).contains("полис.pdf"), "{check:?}");
    let out = dir.path().join("out.pdf");
    let save = run(&db, &["claim", "doc-save", "1", "-o", out.to_str().expect("utf-8")]);
    assert_eq!(save.status.code(), Some(1));
    assert!(!out.exists(), "a changed scan is never written out");
}
