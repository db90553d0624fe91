//! `tovon claim new|show|list|transition` as processes over one database file: the number,
//! the JSON of `show`, the list's order and filters, refused moves with status 2.

use chrono::{Days, Local};

use crate::{run, stdout, with_one_policy};

#[test]
fn register_show_move_and_list_a_claim() {
    let dir = tempfile::tempdir().expect("temp");
    let db = with_one_policy(&dir);
    let today = Local::now().date_naive();
    let event = today.checked_sub_days(Days::new(60)).expect("date").to_string();
    let notice = today.checked_sub_days(Days::new(25)).expect("date").to_string();
    let new = [
        "claim",
        "new",
        "--policy",
        "MKS 0000001",
        "--branch",
        "ТШ",
        "--claimant",
        "Каримов Алишер",
        "--event-date",
        &event,
        "--place",
        "Тошкент",
        "--circumstances",
        "Йиқилди",
        "--fracture",
        "--notice-date",
        &notice,
    ];
    let registered = run(&db, &new);
    assert_eq!(registered.status.code(), Some(0), "{registered:?}");
    let text = stdout(&registered);
    let number = format!("ТШ-{}-000001", today.format("%Y"));
    assert!(text.starts_with(&format!("{number}  registered  Каримов Алишер\n")), "{text}");
    assert!(text.contains("warning (6.1а)"), "notice 35 days after the event: {text}");

    let shown = run(&db, &["claim", "show", &number, "--json"]);
    assert_eq!(shown.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(json["number"], number.as_str());
    assert_eq!(json["state"], "registered");
    assert_eq!(json["fracture"], true);
    assert_eq!(json["policy"]["in_registry"], true);
    assert_eq!(json["deadlines"][0]["kind"], "notice");
    assert_eq!(json["deadlines"][0]["state"], "met_late");
    assert_eq!(json["next_due"]["kind"], "documents");
    assert_eq!(json["events"][0]["to_state"], "registered");

    let illegal = run(&db, &["claim", "transition", &number, "paid"]);
    assert_eq!(illegal.status.code(), Some(2));
    let said = String::from_utf8_lossy(&illegal.stderr);
    assert!(said.contains("«Рўйхатга олинган» ҳолатидан") && said.contains("Мумкин:"), "{said}");
    let no_reason = run(&db, &["claim", "transition", &number, "refused"]);
    assert_eq!(no_reason.status.code(), Some(2));
    let unknown = run(&db, &["claim", "transition", &number, "done"]);
    assert_eq!(unknown.status.code(), Some(2));
    let early = run(&db, &["claim", "transition", &number, "under_review"]);
    assert_eq!(early.status.code(), Some(2), "review waits for the documents");
    assert!(String::from_utf8_lossy(&early.stderr).contains("Ҳужжатлар тўлиқ эмас"), "{early:?}");
    // Documents complete 20 days ago: the 15-day decision is overdue.
    let complete = today.checked_sub_days(Days::new(20)).expect("date").to_string();
    let docs = run(&db, &["claim", "docs", &number, "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&docs.stdout).expect("json");
    let missing: Vec<String> = list["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|group| group["items"].as_array().expect("items").iter())
        .filter(|item| item["required"] == true)
        .map(|item| item["key"].as_str().expect("key").to_owned())
        .collect();
    assert_eq!(missing.len(), 6, "an injury with a fracture: {missing:?}");
    let mut moved = None;
    for item in &missing {
        let received = run(&db, &["claim", "doc-receive", &number, item, "--date", &complete]);
        assert_eq!(received.status.code(), Some(0), "{received:?}");
        moved = Some(received);
    }
    let moved = stdout(&moved.expect("received"));
    assert!(moved.contains(&format!("{number}  under_review  documents: 6 of 6")), "{moved}");
    assert!(moved.contains(&format!("complete on {complete}; decision due")), "{moved}");

    let overdue = run(&db, &["claim", "list", "--overdue"]);
    assert_eq!(overdue.status.code(), Some(0));
    let line = stdout(&overdue);
    assert!(line.starts_with(&format!("{number}  under_review")), "{line}");
    assert!(line.contains("decision") && line.contains("overdue"), "{line}");
    let other_state = run(&db, &["claim", "list", "--status", "paid"]);
    assert_eq!(other_state.status.code(), Some(1), "nothing matches");
    let missing = run(&db, &["claim", "show", "ТШ-1999-000001"]);
    assert_eq!(missing.status.code(), Some(1));
    let refused = run(
        &db,
        &[
            "claim",
            "new",
            "--policy",
            "MKS 9999999",
            "--branch",
            "ТШ",
            "--claimant",
            "X",
            "--event-date",
            &event,
            "--place",
            "Т",
            "--circumstances",
            "Т",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("полис топилмади"));
}
