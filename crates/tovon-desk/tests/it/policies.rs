//! The policy register against real files and a real database: import, re-import, bad rows,
//! search in either script.

use std::io::Write;

use tovon_desk::Desk;

const HEADER: &str = "policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch";

/// A valid PINFL for a man born on `ddmmyy` in the 1900s, with serial `serial`.
pub fn pinfl(ddmmyy: &str, serial: u32) -> String {
    let body = format!("3{ddmmyy}{serial:06}");
    let check: u32 = body
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip([7, 3, 1].iter().cycle())
        .map(|(d, w)| d * w)
        .sum::<u32>()
        % 10;
    format!("{body}{check}")
}

pub fn row(number: u32, name: &str, sum: &str) -> String {
    format!(
        "MKS,{number:07},2026-01-10,10.01.2026,09.01.2027,2026-01-10,{sum},{name},12.10.1963,{},AA{number:07},+998901234567,Тошкент,KR-{number},20 000 000,Тошкент",
        pinfl("121063", number)
    )
}

fn write(dir: &tempfile::TempDir, name: &str, lines: &[String]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    let mut file = std::fs::File::create(&path).unwrap();
    writeln!(file, "{HEADER}").unwrap();
    for line in lines {
        writeln!(file, "{line}").unwrap();
    }
    path
}

/// Imports these rows as a register file into the desk.
pub fn import_rows(desk: &mut Desk, dir: &tempfile::TempDir, rows: &[String]) {
    let file = write(dir, &format!("register-{}.csv", rows.len()), rows);
    desk.import_policies(&file, None).unwrap();
}

fn desk(dir: &tempfile::TempDir) -> Desk {
    crate::signed_in(&dir.path().join("tovon.sqlite3"), "officer")
}

#[test]
fn good_rows_are_imported_bad_rows_reported_with_row_column_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let file = write(
        &dir,
        "register.csv",
        &[
            row(1, "Каримов Алишер Бахтиёрович", "\"10 000 000,00\""),
            row(2, "Oʻgʻilxon Toʻxtayeva", "5000000"),
            "MKS,0000003,2026-01-10,2026-01-10,2027-01-09,,abc,Иванов,1963-10-12,31210632040245,,,,,,"
                .to_owned(),
            String::new(),
            row(4, "Эргашев Ғайрат", "7000000"),
        ],
    );
    let report = desk.import_policies(&file, None).unwrap();
    assert_eq!((report.rows_read, report.inserted, report.rejected), (4, 3, 1));
    let columns: Vec<(i64, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(columns, [(4, "sum_insured"), (4, "pinfl")], "row 4 of the file (the header is row 1)");
    assert_eq!(report.problems[0].value, "abc");
}

#[test]
fn a_re_import_is_idempotent_and_a_change_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let first =
        write(&dir, "a.csv", &[row(1, "Каримов Алишер", "10000000"), row(2, "Тошматов Бобур", "5000000")]);
    desk.import_policies(&first, None).unwrap();
    let again = desk.import_policies(&first, None).unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 2));
    let changed =
        write(&dir, "b.csv", &[row(1, "Каримов Алишер", "12000000"), row(2, "Тошматов Бобур", "5000000")]);
    let report = desk.import_policies(&changed, None).unwrap();
    assert_eq!((report.inserted, report.updated, report.unchanged), (0, 1, 1));
    let found = desk.find_policies("MKS 0000001").unwrap();
    assert_eq!(found[0].sum_insured, "12000000.00");
}

#[test]
fn search_by_number_pinfl_passport_and_name_in_either_script() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let file = write(
        &dir,
        "r.csv",
        &[row(1, "Каримов Алишер Бахтиёрович", "10000000"), row(2, "Oʻgʻilxon Toʻxtayeva", "5000000")],
    );
    desk.import_policies(&file, None).unwrap();
    let numbers =
        |query: &str| desk.find_policies(query).unwrap().into_iter().map(|p| p.number).collect::<Vec<_>>();
    assert_eq!(numbers("0000001"), ["0000001"]);
    assert_eq!(numbers("MKS-0000002"), ["0000002"]);
    assert_eq!(numbers(&pinfl("121063", 2)), ["0000002"]);
    assert_eq!(numbers("aa 0000001"), ["0000001"]);
    assert_eq!(numbers("karimov"), ["0000001"], "Latin finds Cyrillic");
    assert_eq!(numbers("КАРИМОВ алишер"), ["0000001"]);
    assert_eq!(numbers("ўғилхон"), ["0000002"], "Cyrillic finds Latin");
    assert_eq!(numbers("og'ilxon to`xtayeva"), ["0000002"], "apostrophe variants");
    assert_eq!(numbers("Ка"), ["0000001"], "two letters: by prefix");
    assert!(numbers("Петров").is_empty());
}

#[test]
fn names_are_found_as_people_type_them_and_a_long_answer_says_how_long() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let people = [
        "Ҳолматов Шерзод",
        "Йўлдошев Азиз",
        "Жўраев Бахтиёр",
        "Тўхтаева Гулнора",
        "Раҳимов Рустам",
        "Юсупова Нилуфар",
        "Қодиров Ғайрат",
        "Фёдоров Пётр",
    ];
    let mut rows: Vec<String> =
        people.iter().enumerate().map(|(n, name)| row(n as u32 + 1, name, "10000000")).collect();
    rows.extend((100..220).map(|n| row(n, &format!("Каримов Алишер {n}"), "10000000")));
    import_rows(&mut desk, &dir, &rows);
    let name = |query: &str| {
        let found = desk.search_policies(query).unwrap();
        assert_eq!(found.total as usize, found.policies.len(), "{query}");
        found.policies.into_iter().map(|p| p.full_name).collect::<Vec<_>>()
    };
    for (typed, person) in [
        ("kholmatov", "Ҳолматов Шерзод"),
        ("Холматов", "Ҳолматов Шерзод"),
        ("yuldashev", "Йўлдошев Азиз"),
        ("juraev", "Жўраев Бахтиёр"),
        ("Dzhuraev Bakhtiyor", "Жўраев Бахтиёр"),
        ("tukhtaeva", "Тўхтаева Гулнора"),
        ("to´xtayeva", "Тўхтаева Гулнора"),
        ("toʹxtayeva", "Тўхтаева Гулнора"),
        ("rakhimov", "Раҳимов Рустам"),
        ("Рахимов", "Раҳимов Рустам"),
        ("Nilufar Yusupova", "Юсупова Нилуфар"),
        ("Кодиров Гайрат", "Қодиров Ғайрат"),
        ("Федоров", "Фёдоров Пётр"),
    ] {
        assert_eq!(name(typed), [person], "{typed}");
    }
    // 120 Karimovs: the first 50, and the count of all.
    let many = desk.search_policies("karimov").unwrap();
    assert_eq!((many.policies.len(), many.total), (50, 120));
    // A part of a policy number finds it.
    let part = desk.search_policies("00021").unwrap();
    let numbers: Vec<&str> = part.policies.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(
        (numbers.as_slice(), part.total),
        (
            [
                "0000210", "0000211", "0000212", "0000213", "0000214", "0000215", "0000216", "0000217",
                "0000218", "0000219"
            ]
            .as_slice(),
            10
        )
    );
    assert_eq!(desk.search_policies("0000005").unwrap().policies[0].full_name, "Раҳимов Рустам");

    // The claims list finds the insured the same way, through the policy's name.
    let policy = desk.find_policies("MKS 0000001").unwrap()[0].id;
    let claim = desk
        .register_claim(&crate::claims::draft(policy, "2026-11-01", "2026-11-02"), crate::claims::today());
    let number = claim.unwrap().number;
    let query = tovon_desk::dto::ClaimListQueryDto {
        state: None,
        due: None,
        awaiting_approval: false,
        queue: None,
        query: "Sherzod Kholmatov".to_owned(),
        sort: tovon_desk::dto::ClaimSortCode::NextDue,
        limit: 10,
        offset: 0,
    };
    let listed = desk.list_claims(&query, crate::claims::today()).unwrap();
    assert_eq!(listed.rows.iter().map(|row| row.number.as_str()).collect::<Vec<_>>(), [number.as_str()]);
}

#[test]
fn a_file_that_is_not_a_register_is_refused_naming_why_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let path = dir.path().join("letter.csv");
    std::fs::write(&path, "Hurmatli mijoz,\nsizning arizangiz\n").unwrap();
    let error = desk.import_policies(&path, None).unwrap_err();
    assert_eq!(error.field().as_deref(), Some("header"));
    assert!(error.to_string().contains("pinfl"), "{error}");
    let missing = desk.import_policies(&dir.path().join("none.csv"), None).unwrap_err();
    assert_eq!(missing.field().as_deref(), Some("FILE"));
    assert!(desk.find_policies("karimov").unwrap().is_empty());
}

#[test]
fn semicolons_and_a_bom_and_non_utf8_rows_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let path = dir.path().join("excel.csv");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(HEADER.replace(',', ";").as_bytes());
    bytes.extend(b"\n");
    bytes.extend(row(1, "Каримов Алишер", "10000000").replace(',', ";").as_bytes());
    bytes.extend(b"\nMKS;0000002;\xC0\xE1\xE2;x\n");
    std::fs::write(&path, bytes).unwrap();
    let report = desk.import_policies(&path, None).unwrap();
    assert_eq!((report.inserted, report.rejected), (1, 1));
    assert!(report.problems[0].problem.contains("UTF-8"), "{:?}", report.problems);
}

#[test]
fn an_import_tells_its_progress_by_rows_and_bytes_then_the_indexing_while_another_thread_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let rows: Vec<String> = (1..=10_001).map(|n| row(n, "Каримов Алишер", "10000000")).collect();
    let file = write(&dir, "big.csv", &rows);
    let mut seen = Vec::new();
    let report = desk
        .import_policies_with_progress(&file, None, &mut |step| {
            seen.push(step);
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(report.inserted, 10_001);
    let phases: Vec<(tovon_desk::dto::ImportPhase, i64)> =
        seen.iter().map(|step| (step.phase, step.rows)).collect();
    use tovon_desk::dto::ImportPhase::{Indexing, Reading};
    assert_eq!(phases, [(Reading, 0), (Reading, 5000), (Reading, 10_000), (Indexing, 10_001)]);
    let total = std::fs::metadata(&file).unwrap().len();
    assert!(seen.iter().all(|step| step.total == total));
    assert!(seen[1].done > 0 && seen[1].done < seen[2].done && seen[2].done < total, "{seen:?}");
    assert_eq!(seen[3].done, total);
}

#[test]
fn a_persons_card_has_the_policy_in_full_their_other_policies_and_their_claims() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    // The same person (one PINFL) insured twice, and someone else.
    let again = row(7, "Каримов Алишер", "7000000").replace(&pinfl("121063", 7), &pinfl("121063", 1));
    import_rows(
        &mut desk,
        &dir,
        &[row(1, "Каримов Алишер", "10000000"), again, row(2, "Тошматов Бобур", "5000000")],
    );
    let first = desk.find_policies("MKS 0000001").unwrap()[0].id;
    let claim =
        desk.register_claim(&crate::claims::draft(first, "2026-11-01", "2026-11-02"), crate::claims::today());
    let number = claim.unwrap().number;
    let seventh = desk.find_policies("MKS 0000007").unwrap()[0].id;
    let card = desk.person_card(seventh, crate::claims::today()).unwrap();
    assert_eq!(card.policy.number, "0000007");
    assert_eq!(card.policy.pinfl, format!("**********{}", &pinfl("121063", 1)[10..]), "masked as in lists");
    assert_eq!(
        (
            card.phone.as_deref(),
            card.address.as_deref(),
            card.loan_agreement.as_deref(),
            card.loan_amount.as_deref()
        ),
        (Some("+998901234567"), Some("Тошкент"), Some("KR-7"), Some("20000000.00"))
    );
    assert_eq!(card.other_policies.iter().map(|p| p.number.as_str()).collect::<Vec<_>>(), ["0000001"]);
    assert_eq!(card.claims.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), [number.as_str()]);
    let other = desk.find_policies("MKS 0000002").unwrap()[0].id;
    let card = desk.person_card(other, crate::claims::today()).unwrap();
    assert!(card.other_policies.is_empty() && card.claims.is_empty());
    assert!(desk.person_card(999_999, crate::claims::today()).is_err());
}

#[test]
fn an_import_cancelled_half_way_stores_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    import_rows(&mut desk, &dir, &[row(1, "Тошматов Бобур", "5000000")]);
    let rows: Vec<String> = (2..=12_001).map(|n| row(n, "Каримов Алишер", "10000000")).collect();
    let file = write(&dir, "big.csv", &rows);
    // The person presses "Cancel" once 5 000 rows are read.
    let error = desk
        .import_policies_with_progress(&file, None, &mut |step| match step.rows >= 5000 {
            true => std::ops::ControlFlow::Break(()),
            false => std::ops::ControlFlow::Continue(()),
        })
        .unwrap_err();
    assert!(matches!(error, tovon_desk::DeskError::Cancelled), "{error:?}");
    assert_eq!(
        error.to_dto(tovon_desk::Language::UzbekCyrillic).message,
        "Бекор қилинди: ҳеч нарса сақланмади."
    );
    assert!(desk.find_policies("karimov").unwrap().is_empty(), "not one row of it stored");
    assert_eq!(desk.find_policies("toshmatov").unwrap().len(), 1, "what was there stays");
    // The same file imports whole afterwards.
    assert_eq!(desk.import_policies(&file, None).unwrap().inserted, 12_000);
}

#[test]
fn a_rejected_row_names_the_files_own_column_heading() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let path = dir.path().join("реестр.csv");
    std::fs::write(
        &path,
        "Полис серияси,Полис рақами,Берилган сана,Бошланиш санаси,Тугаш санаси,Суғурта суммаси,Ф.И.Ш.,Туғилган сана,ЖШШИР\n\
         MKS,0000001,2026-01-10,2026-01-10,2027-01-09,10000000,Каримов Алишер,12.10.1963,31210632040245\n",
    )
    .unwrap();
    let report = desk.import_policies(&path, None).unwrap();
    assert_eq!(report.rejected, 1);
    assert_eq!(report.problems[0].column, "ЖШШИР", "{:?}", report.problems);
}
