//! `tovon policies import` and `find`: the summary and bad rows, status 0 when the file was
//! read; a search prints series and number first, status 1 when nothing matches.

use crate::{stdout, tovon};

#[test]
fn import_then_find_as_the_contract_says() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("tovon.sqlite3");
    let file = dir.path().join("register.csv");
    std::fs::write(
        &file,
        "Полис серияси;Полис рақами;Берилган сана;Бошланиш санаси;Тугаш санаси;Суғурта суммаси;Ф.И.Ш.;Туғилган сана;ЖШШИР;Паспорт\n\
         MKS;0000001;10.01.2026;10.01.2026;09.01.2027;10 000 000,00;Каримов Алишер;12.10.1963;31210632040244;AA1234567\n\
         MKS;0000002;10.01.2026;10.01.2026;09.01.2027;5 000 000;Иванов Пётр;12.10.1963;31210632040245;\n",
    )
    .expect("write");
    let imported = tovon(&["policies", "import", file.to_str().expect("utf-8")], Some(&db));
    assert_eq!(imported.status.code(), Some(0), "the file was read, even with a rejected row");
    let text = stdout(&imported);
    assert!(
        text.starts_with("register.csv: 2 rows read: 1 new, 0 updated, 0 unchanged, 1 rejected\n"),
        "{text}"
    );
    assert!(
        text.contains("row 3, ЖШШИР, \"31210632040245\": ЖШШИР нинг назорат рақами 5, 4 бўлиши керак эди"),
        "{text}"
    );

    let found = tovon(&["policies", "find", "karimov"], Some(&db));
    assert_eq!(found.status.code(), Some(0));
    assert!(stdout(&found).starts_with("MKS 0000001  Каримов Алишер  1963-10-12"), "{}", stdout(&found));
    let none = tovon(&["policies", "find", "Петров"], Some(&db));
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).is_empty());
}
