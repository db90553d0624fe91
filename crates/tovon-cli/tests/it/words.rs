//! `tovon words` as a process: exactly the words a document prints, status 2 on bad input.

use crate::{stdout, tovon};

#[test]
fn words_prints_the_documents_wording_in_each_language() {
    for (lang, expected) in [
        ("uz-Cyrl", "Бир миллион икки юз эллик минг сўм 50 тийин\n"),
        ("uz-Latn", "Bir million ikki yuz ellik ming soʻm 50 tiyin\n"),
        ("ru", "Один миллион двести пятьдесят тысяч сумов 50 тийинов\n"),
    ] {
        let output = tovon(&["words", "1250000.50", "--lang", lang], None);
        assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), expected));
    }
    let output = tovon(&["words", "101 000,00"], None);
    assert_eq!(stdout(&output), "Юз бир минг сўм 00 тийин\n");
    for bad in ["-1", "1.001", "1000000000000", "бир", "1,2,3"] {
        let output = tovon(&["words", bad], None);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("AMOUNT"), "{bad}: {output:?}");
    }
}
