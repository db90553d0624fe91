//! `tovon calc FILE|-`: the contract of the issue, the worked examples of tests/cases/calc, and
//! bad input refused with status 2 and one line naming the field or item.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::stdout;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases/calc/examples.json");

fn calc_stdin(request: &str) -> Output {
    let dir = tempfile::tempdir().expect("temp");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tovon"))
        .args(["calc", "-"])
        .env("TOVON_DB", dir.path().join("tovon.sqlite3"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tovon");
    child.stdin.take().expect("stdin").write_all(request.as_bytes()).expect("write request");
    child.wait_with_output().expect("wait")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_worked_examples_hold() {
    let text = std::fs::read_to_string(EXAMPLES)
        .unwrap_or_else(|error| panic!("the worked examples are in the repository at {EXAMPLES}: {error}"));
    let examples: Vec<serde_json::Value> = serde_json::from_str(&text).expect("examples parse");
    assert!(examples.len() >= 6);
    for example in examples {
        let id = example["id"].as_str().unwrap_or("?");
        let output = calc_stdin(&example["req"].to_string());
        if let Some(expected) = example["payable"].as_str() {
            assert!(output.status.success(), "{id}: {}", stderr(&output));
            let answer: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON answer");
            assert_eq!(answer["payable"], expected, "{id} ({})", example["why"]);
        } else {
            let named = example["error"].as_str().expect("payable or error");
            assert_eq!(output.status.code(), Some(2), "{id}");
            let message = stderr(&output);
            assert_eq!(message.trim_end().lines().count(), 1, "{id}: one line: {message}");
            assert!(message.contains(named), "{id}: names {named}: {message}");
        }
    }
}

#[test]
fn a_file_works_like_standard_input_and_amounts_have_two_decimals() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("request.json");
    std::fs::write(
        &path,
        r#"{"sum_insured": 6000000, "event_date": "2026-04-02", "calc_date": "2026-04-20",
            "injuries": [{"item": "97б", "surgery": true}, {"item": "108"}]}"#,
    )
    .expect("write");
    let output =
        crate::tovon(&["calc", path.to_str().expect("utf-8")], Some(&dir.path().join("tovon.sqlite3")));
    assert!(output.status.success(), "{}", stderr(&output));
    let answer: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(answer["payable"], "2100000.00");
    assert_eq!(answer["table_version"], 2, "version 2 is in force from version 1's day");
    let lines = answer["lines"].as_array().expect("lines");
    assert!(lines.iter().all(|line| {
        line["amount"].as_str().is_some_and(|amount| amount.split('.').nth(1).map(str::len) == Some(2))
    }));
    assert!(lines.iter().any(|line| line["kind"] == "surgery_addon" && line["clause"] == "97-банд, 1-изоҳ"));
}

#[test]
fn decimals_given_as_numbers_are_read_exactly() {
    let output = calc_stdin(
        r#"{"sum_insured": 1234567.89, "event_date": "2026-04-02", "calc_date": "2026-04-20", "injuries": [{"item": "28"}]}"#,
    );
    let answer: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(answer["payable"], "123456.79", "10 % of 1 234 567.89, half away from zero");
}

#[test]
fn deferred_items_come_with_their_earliest_date() {
    let output = calc_stdin(
        r#"{"sum_insured": "1000000", "event_date": "2026-01-05", "calc_date": "2026-03-01", "injuries": [{"item": "72"}]}"#,
    );
    let answer: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(answer["deferred"][0]["item"], "72");
    assert_eq!(answer["deferred"][0]["earliest_date"], "2026-10-05");
    assert_eq!(answer["payable"], "0.00");
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_field_or_item() {
    let base = r#""event_date": "2026-04-02", "calc_date": "2026-04-20""#;
    let cases = [
        (format!(r#"{{"sum_insured": "0", {base}, "injuries": [{{"item": "28"}}]}}"#), "sum_insured"),
        (format!(r#"{{"sum_insured": "-5", {base}, "injuries": []}}"#), "sum_insured"),
        (format!(r#"{{"sum_insured": "10 000x", {base}, "injuries": []}}"#), "sum_insured"),
        (r#"{"sum_insured": "1000", "event_date": "02.04.2026", "injuries": []}"#.to_owned(), "event_date"),
        (r#"{"sum_insured": "1000", "injuries": []}"#.to_owned(), "event_date"),
        (
            format!(r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "5"}}]}}"#),
            "5 банди учун жадвалда фоиз йўқ",
        ),
        (
            format!(
                r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "28"}}, {{"item": "999"}}]}}"#
            ),
            "999 банди тўловлар жадвалининг 2-версиясида йўқ. (injuries[1].item)",
        ),
        (
            format!(r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "28", "count": 0}}]}}"#),
            "injuries[0].count",
        ),
        (
            format!(r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "28", "count": -1}}]}}"#),
            "injuries[0].count",
        ),
        // The table of 20 has no row for 0.7 before the event (D8): the acuity before is
        // named, not the one after (issue 18).
        (
            format!(
                r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "20", "acuity_before": "0.7", "acuity_after": "0.5"}}]}}"#
            ),
            "injuries[0].acuity_before",
        ),
        (
            format!(
                r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "20", "acuity_before": "0.8", "acuity_after": "0.5"}}]}}"#
            ),
            "injuries[0].acuity_after",
        ),
        (
            format!(
                r#"{{"sum_insured": "1000", {base}, "injuries": [{injuries}]}}"#,
                injuries = ["{\"item\": \"28\"}"; 201].join(", ")
            ),
            "injuries",
        ),
        (
            format!(
                r#"{{"sum_insured": "1000", {base}, "prior_payments": [{{"amount": "999999999999.99"}}, {{"amount": "0.01"}}], "injuries": []}}"#
            ),
            "prior_payments",
        ),
        (format!(r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "56в"}}]}}"#), "birth_date"),
        (
            format!(r#"{{"sum_insured": "1000", {base}, "injuries": [{{"item": "28", "surgry": true}}]}}"#),
            "injuries[0].surgry",
        ),
        (format!(r#"{{"sum_insured": "1000", {base}, "outcome": "injured", "injuries": []}}"#), "outcome"),
        (
            format!(
                r#"{{"sum_insured": "1000", {base}, "prior_payments": [{{"item": "70б"}}], "injuries": []}}"#
            ),
            "prior_payments[0].amount",
        ),
        ("{not json".to_owned(), "request"),
    ];
    for (request, named) in cases {
        let output = calc_stdin(&request);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{request}\n{message}");
        assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
        assert!(message.contains(named), "{request}: expected {named:?} in {message:?}");
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn an_unreadable_file_is_named() {
    let dir = tempfile::tempdir().expect("temp");
    let output = crate::tovon(&["calc", "/no/such/request.json"], Some(&dir.path().join("tovon.sqlite3")));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("/no/such/request.json"));
}

#[test]
fn an_administrator_adds_version_3_and_calc_uses_it_from_its_date() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("tovon.sqlite3");
    let listed = crate::tovon(&["schedule", "versions"], Some(&db));
    assert!(stdout(&listed).contains("version 1  in force from 2026-01-01  shipped  226 items; unpayable: 5; missing: 21, 22, 23, 24, 25, 26"), "{}", stdout(&listed));
    assert!(
        stdout(&listed).contains("version 2  in force from 2026-01-01  shipped  226 items"),
        "{}",
        stdout(&listed)
    );
    let v2 = stdout(&crate::tovon(&["schedule", "export", "2"], Some(&db)));
    let v2 = v2
        .replacen("version = 2\n", "version = 3\n", 1)
        .replacen("effective_from = \"2026-01-01\"", "effective_from = \"2026-06-01\"", 1)
        .replacen(
            "text = \"Бош мия чайқалиши\"\ndefects = [\"percent_missing\"]\ndecision = \"D6\"",
            "text = \"Бош мия чайқалиши\"\npercent = \"5\"",
            1,
        );
    let file = dir.path().join("v3.toml");
    std::fs::write(&file, &v2).expect("write v3");
    let added =
        crate::tovon(&["schedule", "add", file.to_str().expect("utf-8"), "--note", "5-банд: 5 %"], Some(&db));
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(
        stdout(&added).contains("version 3  in force from 2026-06-01  added  226 items; unpayable: none"),
        "{}",
        stdout(&added)
    );
    let again =
        crate::tovon(&["schedule", "add", file.to_str().expect("utf-8"), "--note", "again"], Some(&db));
    assert_eq!(again.status.code(), Some(2), "a version is never replaced");
    assert!(stderr(&again).contains("(version)"), "{}", stderr(&again));

    let request = dir.path().join("request.json");
    std::fs::write(&request, r#"{"sum_insured": "1000000", "event_date": "2026-07-01", "calc_date": "2026-07-02", "injuries": [{"item": "5"}]}"#).expect("write");
    let answer = crate::tovon(&["calc", request.to_str().expect("utf-8")], Some(&db));
    let answer: serde_json::Value = serde_json::from_str(&stdout(&answer)).expect("JSON");
    assert_eq!((answer["table_version"].as_u64(), answer["payable"].as_str()), (Some(3), Some("50000.00")));
}

/// D25: money with more than two decimals or beyond 999 999 999 999,99 is refused, naming
/// the field; never rounded, never a crash.
#[test]
fn money_beyond_the_tiyin_or_the_largest_amount_is_refused_naming_the_field() {
    let asked = |sum: &str, prior: &str| {
        calc_stdin(&format!(
            r#"{{"sum_insured": {sum}, "event_date": "2026-04-02", "prior_payments": [{{"amount": {prior}}}], "injuries": [{{"item": "28"}}]}}"#
        ))
    };
    for (sum, prior, field) in [
        (r#""1000000.005""#, r#""0""#, "sum_insured"),
        ("1000000.005", r#""0""#, "sum_insured"),
        (r#""1e28""#, r#""0""#, "sum_insured"),
        (r#""1000000000000""#, r#""0""#, "sum_insured"),
        (r#""10000000000000000000000000000""#, r#""0""#, "sum_insured"),
        (r#""1000000""#, r#""99999999999999999999999999""#, "prior_payments[0].amount"),
        (r#""1000000""#, r#""0.001""#, "prior_payments[0].amount"),
    ] {
        let output = asked(sum, prior);
        assert_eq!(output.status.code(), Some(2), "{sum} {prior}: {}", stderr(&output));
        assert!(stderr(&output).contains(field), "{sum} {prior}: {}", stderr(&output));
    }
    // A doctor's conclusion takes nothing a schedule item does: nothing is silently ignored.
    let counted = calc_stdin(
        r#"{"sum_insured": "1000000", "event_date": "2026-04-02", "injuries": [{"item": "7.1", "section": "arms", "percent": "5", "reference": "№ 1", "count": 3}]}"#,
    );
    assert_eq!(counted.status.code(), Some(2));
    assert!(stderr(&counted).contains("injuries[0].count"), "{}", stderr(&counted));
    let largest = asked(r#""999999999999.99""#, r#""999999999999.99""#);
    assert!(largest.status.success(), "{}", stderr(&largest));
}

/// Issue 18: unbounded input is refused, never read for ever — `/dev/zero` as the request
/// file stops at the size limit — and a request saved with a UTF-8 byte order mark (Windows
/// Notepad) is read as the JSON it is.
#[test]
fn an_endless_file_is_refused_and_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().expect("temp");
    let endless = Command::new(env!("CARGO_BIN_EXE_tovon"))
        .args(["calc", "/dev/zero"])
        .env("TOVON_DB", dir.path().join("tovon.sqlite3"))
        .output()
        .expect("run");
    assert_eq!(endless.status.code(), Some(2), "{}", stderr(&endless));
    assert!(stderr(&endless).contains("4 МБ"), "{}", stderr(&endless));
    let with_bom = calc_stdin(
        "\u{feff}{\"sum_insured\": \"1000000\", \"event_date\": \"2026-04-02\", \"calc_date\": \"2026-04-20\", \"injuries\": [{\"item\": \"28\"}]}",
    );
    assert_eq!(with_bom.status.code(), Some(0), "{}", stderr(&with_bom));
    assert!(stdout(&with_bom).contains("\"payable\""), "{}", stdout(&with_bom));
}

/// Issue 19: `tovon calc`, `words` and `bank-days` create no file where there is no database,
/// and read one that exists as found: its bytes and its audit log stay as they were.
#[test]
fn queries_create_no_database_and_leave_an_existing_one_as_it_was() {
    let dir = tempfile::tempdir().expect("temp");
    let none = dir.path().join("none").join("tovon.sqlite3");
    let request = dir.path().join("request.json");
    std::fs::write(
        &request,
        r#"{"sum_insured": "10000000", "event_date": "2026-11-01", "injuries": [{"item": "28"}]}"#,
    )
    .expect("write");
    let request = request.to_str().expect("utf-8");
    for args in [vec!["calc", request], vec!["bank-days", "2026-12-25", "5"], vec!["words", "1500000.00"]] {
        let out = crate::tovon(&args, Some(&none));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert!(!none.parent().expect("folder").exists(), "no folder, no database, no key");

    let db = crate::with_one_policy(&dir);
    let before = std::fs::read(&db).expect("read");
    let entries = |db: &std::path::Path| {
        rusqlite::Connection::open(db)
            .expect("open")
            .query_row("SELECT count(*) FROM audit_log", [], |row| row.get::<_, i64>(0))
            .expect("count")
    };
    let logged = entries(&db);
    for args in [vec!["calc", request], vec!["bank-days", "2026-12-25", "5"]] {
        let out = crate::tovon(&args, Some(&db));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read(&db).expect("read"), before, "the database's bytes are untouched");
    assert_eq!(entries(&db), logged, "nothing appended to its log");
}
