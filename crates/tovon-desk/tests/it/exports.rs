//! Exports (issue 19) read back from the files they wrote: the claims list as filtered, the
//! payments register, the rejected rows — identifiers masked unless revealed (and then
//! logged), every file the owner's alone.

use std::os::unix::fs::PermissionsExt;

use calamine::{Data, Reader, Xlsx, open_workbook};
use tovon_desk::dto::{ClaimListQueryDto, ClaimSortCode, WorkQueueCode};

use crate::claims::{draft, policy_id, today};
use crate::decisions::{approve, pay_all, reviewed};
use crate::policies::{pinfl, row};

fn sheet(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|cells| {
            cells
                .iter()
                .map(|cell| match cell {
                    Data::Float(number) => format!("{number:.2}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn query(queue: Option<WorkQueueCode>) -> ClaimListQueryDto {
    ClaimListQueryDto {
        state: None,
        due: None,
        awaiting_approval: false,
        queue,
        query: String::new(),
        sort: ClaimSortCode::Number,
        limit: 1,
        offset: 0,
    }
}

fn owner_only(path: &std::path::Path) -> bool {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o077 == 0
}

#[test]
fn the_claims_list_and_the_payments_register_export_masked_unless_revealed() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = crate::claims::opened(&dir);
    let paid = reviewed(&mut desk, "0000001");
    approve(&mut desk, &paid, "2026-11-20", today());
    desk.sign_act(&paid, "2026-11-21", today()).unwrap();
    pay_all(&mut desk, &paid, "2026-11-22", today());
    let late = desk.register_claim(&draft(policy_id(&desk, "0000002"), "2026-07-01", "2026-07-02"), today());
    let late = late.unwrap().number;

    // The whole list, past the one-row page the window asked for.
    let file = dir.path().join("claims.xlsx");
    let done = desk.export_claims(&query(None), false, &file, today()).unwrap();
    assert_eq!(done.rows, 2);
    assert!(owner_only(&file));
    let rows = sheet(&file);
    assert_eq!(rows[0][0], "Рақам", "{:?}", rows[0]);
    assert_eq!(rows.len(), 3);
    let first = &rows[1];
    assert_eq!(
        (first[0].as_str(), first[3].as_str()),
        (paid.as_str(), format!("**********{}", &pinfl("121063", 1)[10..]).as_str())
    );
    assert_eq!(first[4], "AA*****01", "the passport masked as on screen");
    assert_eq!(first[7], "Тўланган");

    // Filtered as the Today line: only the late claim; revealed, and the look is logged.
    let overdue = dir.path().join("overdue.xlsx");
    let before = desk.verify_audit().unwrap().entries;
    desk.export_claims(&query(Some(WorkQueueCode::DocumentsOverdue)), true, &overdue, today()).unwrap();
    let rows = sheet(&overdue);
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1][0].as_str(), rows[1][3].as_str()), (late.as_str(), pinfl("121063", 2).as_str()));
    assert_eq!(desk.verify_audit().unwrap().entries, before + 1, "the reveal is on the record");

    // The payments register of November: the payment with its act and order.
    let register = dir.path().join("payments.xlsx");
    let done = desk.export_payments("01.11.2026", "30.11.2026", false, &register).unwrap();
    assert_eq!(done.rows, 1);
    let rows = sheet(&register);
    let payment = &rows[1];
    assert_eq!(payment[0], "22.11.2026");
    assert_eq!(payment[1], "8000000.00", "the amount as a number of sums");
    assert_eq!(payment[5], paid);
    assert!(payment[6].starts_with("ТШ-2026-Д"), "the act's number: {payment:?}");
    assert!(payment[9].starts_with("**********"));
    let empty =
        desk.export_payments("01.10.2026", "31.10.2026", false, &dir.path().join("october.xlsx")).unwrap();
    assert_eq!(empty.rows, 0);
    let wrong = desk.export_payments("31.02.2026", "30.11.2026", false, &register).unwrap_err();
    assert_eq!(wrong.field().as_deref(), Some("from"));
}

#[test]
fn the_rejected_rows_export_as_the_file_had_them_to_be_corrected_and_imported_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = crate::signed_in(&dir.path().join("tovon.sqlite3"), "officer");
    let path = dir.path().join("реестр.csv");
    let header = "policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch";
    let bad = row(2, "Тошматов Бобур", "5000000").replace(&pinfl("121063", 2), "31210630000001");
    std::fs::write(&path, format!("{header}\n{}\n{bad}\n", row(1, "Каримов Алишер", "10000000"))).unwrap();
    assert_eq!(desk.import_policies(&path, None).unwrap().rejected, 1);

    let csv = dir.path().join("rejected.csv");
    assert_eq!(desk.export_rejected_rows(&csv).unwrap().rows, 1);
    assert!(owner_only(&csv));
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let heading = lines.next().unwrap();
    assert!(heading.starts_with("Қатор,policy_series,") && heading.ends_with(",branch,Муаммо"), "{heading}");
    let line = lines.next().unwrap();
    assert!(
        line.starts_with("3,MKS,0000002,") && line.contains("31210630000001") && line.contains("pinfl:"),
        "{line}"
    );

    let xlsx = dir.path().join("rejected.xlsx");
    desk.export_rejected_rows(&xlsx).unwrap();
    assert_eq!(sheet(&xlsx)[1][2], "0000002");

    // Corrected (the problem column dropped, the PINFL fixed), the rows import again.
    let fixed: String = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            cells[1..cells.len() - 1].join(",").replace("31210630000001", &pinfl("121063", 2))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let again = dir.path().join("fixed.csv");
    std::fs::write(&again, fixed).unwrap();
    let report = desk.import_policies(&again, None).unwrap();
    assert_eq!((report.inserted, report.rejected), (1, 0));
    assert!(desk.export_rejected_rows(&csv).is_err(), "nothing rejected by the last import");
}

#[test]
fn the_calculators_result_prints_as_an_unnumbered_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let desk = crate::claims::opened(&dir);
    let request = r#"{"sum_insured": "6000000", "event_date": "2026-04-02", "calc_date": "2026-05-20",
        "injuries": [{"item": "71а"}, {"item": "72"}]}"#;
    let pdf = desk.calculation_pdf(request, today()).unwrap();
    let path = dir.path().join("calc.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let payable = desk.calculate(request, today()).unwrap().payable;
    // The payable as a paper writes money: "4 800 000,00".
    let (whole, tiyin) = payable.split_once('.').unwrap();
    let digits: Vec<char> = whole.chars().collect();
    let grouped: Vec<String> = digits.rchunks(3).rev().map(|chunk| chunk.iter().collect()).collect();
    let shown = format!("{},{tiyin}", grouped.join(" "));
    for expected in [
        "Суғурта тўлови ҳисоби".to_owned(),
        "6 000 000,00 сўм".to_owned(),
        "02.04.2026".to_owned(),
        "71а".to_owned(),
        "Кечиктирилган бандлар".to_owned(),
        format!("{} сўм", shown.to_string().replace('.', ",")),
    ] {
        assert!(
            text.contains(&expected) || expected.contains("сўм") && text.contains(&expected.replace(' ', "")),
            "«{expected}» in {text}"
        );
    }
    assert!(!String::from_utf8_lossy(&pdf).contains("tovon-anchor"), "no anchor: not an issued document");
}
