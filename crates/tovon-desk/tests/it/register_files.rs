//! Register files as insurers send them: XLSX sheets written the way Excel writes them
//! (shared strings, date cells, numbers for identifiers), headers in their own wording
//! mapped once and saved, files that are not registers at all.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tovon_desk::Desk;
use tovon_desk::dto::{ColumnMappingDto, ColumnPairDto};

use crate::policies::pinfl;

fn desk(dir: &tempfile::TempDir) -> Desk {
    crate::signed_in(&dir.path().join("tovon.sqlite3"), "officer")
}

/// A sheet with a title row, the header on row 3, dates as date cells, PINFL and sums as
/// numbers, a blank row, and one bad row.
fn write_sheet(path: &std::path::Path, header: &[&str]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    sheet.write_string(0, 0, "Полислар реестри, январь 2026").unwrap();
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(2, u16::try_from(column).unwrap(), *name).unwrap();
    }
    let day = |y: u16, m: u8, d: u8| ExcelDateTime::from_ymd(y, m, d).unwrap();
    for (row, number) in [(3u32, 1u32), (4, 2), (6, 3)] {
        sheet.write_string(row, 0, "MKS").unwrap();
        sheet.write_string(row, 1, format!("{number:07}")).unwrap();
        sheet.write_datetime_with_format(row, 2, day(2026, 1, 10), &date).unwrap();
        sheet.write_datetime_with_format(row, 3, day(2026, 1, 10), &date).unwrap();
        sheet.write_datetime_with_format(row, 4, day(2027, 1, 9), &date).unwrap();
        sheet.write_number(row, 5, 10_000_000.5).unwrap();
        sheet
            .write_string(
                row,
                6,
                ["Каримов Алишер", "Oʻgʻilxon Toʻxtayeva", "Иванов Пётр"][number as usize - 1],
            )
            .unwrap();
        sheet.write_datetime_with_format(row, 7, day(1963, 10, 12), &date).unwrap();
        // Typed as a number, as Excel keeps a column of digits.
        let pinfl = pinfl("121063", number);
        let pinfl = if number == 3 { format!("{}9", &pinfl[..13]) } else { pinfl };
        sheet.write_number(row, 8, pinfl.parse::<f64>().unwrap()).unwrap();
    }
    workbook.save(path).unwrap();
}

const CANONICAL: [&str; 9] = [
    "policy_series",
    "policy_number",
    "issued_on",
    "starts_on",
    "ends_on",
    "sum_insured",
    "full_name",
    "birth_date",
    "pinfl",
];

#[test]
fn an_xlsx_register_is_imported_with_dates_numbers_and_its_own_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let path = dir.path().join("реестр.xlsx");
    write_sheet(&path, &CANONICAL);
    let header = desk.import_header(&path, None).unwrap();
    assert_eq!(header.problem, None, "the title row above the header is passed over");
    assert_eq!(header.headers, CANONICAL);
    let report = desk.import_policies(&path, None).unwrap();
    assert_eq!((report.rows_read, report.inserted), (3, 2), "{report:?}");
    let found = desk.find_policies("karimov").unwrap();
    assert_eq!(found.len(), 1);
    let identity = desk.reveal_identity(found[0].id, None).unwrap();
    assert_eq!(identity.pinfl, pinfl("121063", 1), "a PINFL typed as a number keeps its 14 digits");
    assert_eq!(found[0].pinfl, format!("**********{}", &identity.pinfl[10..]), "masked in the list");
    assert_eq!((found[0].starts_on.as_str(), found[0].ends_on.as_str()), ("2026-01-10", "2027-01-09"));
    assert_eq!(found[0].birth_date, "1963-10-12");
    assert_eq!(found[0].sum_insured, "10000000.50");
    assert_eq!(report.rejected, 1);
    assert_eq!(report.problems[0].row, 7, "the row number Excel shows");
    assert_eq!(report.problems[0].column, "pinfl");
}

#[test]
fn a_header_in_the_insurers_own_words_is_mapped_once_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let path = dir.path().join("bank.xlsx");
    let own = ["Серия", "Номер", "Выдан", "С", "По", "Сумма", "Заёмщик", "Д.р.", "ПИНФЛ"];
    write_sheet(&path, &own);

    let refused = desk.import_policies(&path, None).unwrap_err();
    assert_eq!(refused.field().as_deref(), Some("header"));
    let header = desk.import_header(&path, None).unwrap();
    assert_eq!(header.headers, own);
    let unmapped: Vec<&str> = header
        .fields
        .iter()
        .filter(|field| field.required && field.position.is_none())
        .map(|field| field.field.as_str())
        .collect();
    assert_eq!(unmapped, ["issued_on", "starts_on", "ends_on", "sum_insured", "full_name", "birth_date"]);
    assert!(header.problem.is_some());

    let pairs = own
        .iter()
        .zip(CANONICAL)
        .skip(2)
        .map(|(header, field)| ColumnPairDto { header: (*header).to_owned(), field: field.to_owned() })
        .collect();
    desk.save_column_mapping(&ColumnMappingDto { name: "Банк А".to_owned(), pairs }).unwrap();
    let mapped = desk.import_header(&path, Some("Банк А")).unwrap();
    assert_eq!(mapped.problem, None, "{mapped:?}");
    let report = desk.import_policies(&path, Some("Банк А")).unwrap();
    assert_eq!((report.inserted, report.rejected), (2, 1));
    assert_eq!(desk.column_mappings().unwrap()[0].pairs.len(), 7);

    let unknown = desk.import_policies(&path, Some("Банк Б")).unwrap_err();
    assert_eq!(unknown.field().as_deref(), Some("mapping"));
    assert!(unknown.to_string().contains("Банк А"), "names the saved ones: {unknown}");
}

#[test]
fn a_mapping_that_names_a_field_twice_or_an_unknown_field_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let pair =
        |header: &str, field: &str| ColumnPairDto { header: header.to_owned(), field: field.to_owned() };
    let twice =
        ColumnMappingDto { name: "x".to_owned(), pairs: vec![pair("A", "pinfl"), pair("B", "pinfl")] };
    assert_eq!(desk.save_column_mapping(&twice).unwrap_err().field().as_deref(), Some("mapping.field"));
    let unknown = ColumnMappingDto { name: "x".to_owned(), pairs: vec![pair("A", "inn")] };
    assert_eq!(desk.save_column_mapping(&unknown).unwrap_err().field().as_deref(), Some("mapping.field"));
    let nameless = ColumnMappingDto { name: " ".to_owned(), pairs: vec![pair("A", "pinfl")] };
    assert_eq!(desk.save_column_mapping(&nameless).unwrap_err().field().as_deref(), Some("mapping.name"));
    assert!(desk.column_mappings().unwrap().is_empty());
}

#[test]
fn files_that_are_not_registers_are_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    let good = dir.path().join("good.xlsx");
    write_sheet(&good, &CANONICAL);
    let bytes = std::fs::read(&good).unwrap();
    // A workbook cut short: its sheet's XML breaks off after some rows are read.
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let old = dir.path().join("old.xls");
    std::fs::write(&old, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest of an old workbook").unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    for path in [&cut, &old, &empty] {
        let error = desk.import_policies(path, None).unwrap_err();
        assert_eq!(error.field().as_deref(), Some("FILE"), "{}: {error}", path.display());
    }
    assert!(desk.import_policies(&old, None).unwrap_err().to_string().contains(".xlsx"));
    assert!(desk.find_policies("karimov").unwrap().is_empty());
}

/// Issue 18: a register as Excel really saves it — CSV in a Russian locale (Windows-1251,
/// semicolons), "Unicode text" (UTF-16 with its BOM, tabs), UTF-8 with a BOM — is read with
/// its Cyrillic intact; bytes that are no known encoding are refused saying so, not "map the
/// columns".
#[test]
fn registers_saved_by_excel_in_each_encoding_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = desk(&dir);
    // Windows-1251 has Ў but not Ғ, Қ or Ҳ: a name a Russian-locale Excel can save.
    let rows = |separator: &str, first: u32, name: &str| {
        let header = [
            "policy_series",
            "policy_number",
            "issued_on",
            "starts_on",
            "ends_on",
            "sum_insured",
            "full_name",
            "birth_date",
            "pinfl",
        ];
        let mut text = header.join(separator) + "\r\n";
        for number in first..first + 2 {
            let cells = [
                "MKS".to_owned(),
                format!("{number:07}"),
                "10.01.2026".to_owned(),
                "10.01.2026".to_owned(),
                "09.01.2027".to_owned(),
                "10000000".to_owned(),
                name.to_owned(),
                "12.10.1963".to_owned(),
                pinfl("121063", number),
            ];
            text += &(cells.join(separator) + "\r\n");
        }
        text
    };
    let russian_locale = rows(";", 101, "Усмонов Ўткир Бахтиёрович");
    let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&russian_locale);
    assert!(!unmappable, "every letter has its Windows-1251 byte");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(rows("\t", 201, "Ғаниев Шоҳрух Ўткирович").encode_utf16().flat_map(u16::to_le_bytes));
    let bom_utf8 =
        [b"\xEF\xBB\xBF".as_slice(), rows(",", 301, "Ғаниев Шоҳрух Ўткирович").as_bytes()].concat();
    for (name, bytes) in [("cp1251.csv", cp1251.into_owned()), ("unicode.txt", utf16), ("bom.csv", bom_utf8)]
    {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let report = desk.import_policies(&path, None).unwrap();
        assert_eq!((report.inserted, report.rejected), (2, 0), "{name}: {report:?}");
    }
    let found = desk.find_policies("Ғаниев").unwrap();
    assert_eq!(found.len(), 4);
    assert!(found.iter().all(|policy| policy.full_name == "Ғаниев Шоҳрух Ўткирович"), "{found:?}");
    let found = desk.find_policies("Усмонов").unwrap();
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|policy| policy.full_name == "Усмонов Ўткир Бахтиёрович"), "{found:?}");

    // Not text in any encoding the desk knows: said so, naming the encodings it reads.
    let noise = dir.path().join("noise.csv");
    std::fs::write(&noise, (0u8..=255).cycle().take(3000).collect::<Vec<u8>>()).unwrap();
    let refused = desk.import_policies(&noise, None).unwrap_err();
    let shown = refused.to_dto(tovon_desk::Language::UzbekCyrillic).message;
    assert!(shown.contains("кодировкаси танилмади") && shown.contains("Windows-1251"), "{shown}");
}
