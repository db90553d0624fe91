//! Documents rendered and read back the way a person would check them: pdftotext for the
//! words, pdfinfo for the pages, pdffonts for the embedded subset.
// Test code: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use chrono::NaiveDate;
use tovon_print::{Align, Block, Column, Document, Table, render};

fn document(rows: usize) -> Document {
    Document {
        title: "Ҳужжатлар талабномаси".into(),
        letterhead: vec![
            "«Суғурта» АЖ".into(),
            "Лицензия СФ 00054, 25.02.2022".into(),
            "Тошкент филиали".into(),
        ],
        reference: vec!["№ ТШ-2026-Т-000001".into(), "22.11.2026".into()],
        blocks: vec![
            Block::Heading("ҲУЖЖАТЛАР ТАЛАБНОМАСИ".into()),
            Block::Paragraph(
                "Ҳурматли Каримов Алишер! Ўзбекистон, ўқув, ғалла, ҳосил — oʻzbek, gʻalla.".into(),
            ),
            Block::Fields(vec![("Ариза".into(), "ТШ-2026-000001".into())]),
            Block::Table(Table {
                columns: vec![
                    Column { title: "№".into(), width: 0.6, align: Align::Right },
                    Column { title: "Ҳужжат".into(), width: 6.0, align: Align::Left },
                    Column { title: "Банд".into(), width: 1.5, align: Align::Left },
                ],
                rows: (1..=rows)
                    .map(|n| vec![n.to_string(), format!("Ҳужжат рақами {n}"), "6.3".into()])
                    .collect(),
                bold_rows: vec![],
            }),
            Block::Signatures {
                roles: vec!["Суғурталовчи вакили".into()], caption: "(имзо)".into()
            },
        ],
        footer: "ТШ-2026-000001 аризаси".into(),
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        anchor: String::new(),
    }
}

fn tool(name: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new(name)
        .args(args)
        .arg(&file)
        .args(if name == "pdftotext" { &["-"][..] } else { &[][..] })
        .output();
    let output = output.unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(output.status.success(), "{name}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_words_come_back_and_the_font_is_embedded_as_a_subset() {
    let pdf = render(&document(3)).unwrap();
    let text = tool("pdftotext", &pdf, &["-layout"]);
    for expected in [
        "ҲУЖЖАТЛАР ТАЛАБНОМАСИ",
        "Ўзбекистон, ўқув, ғалла, ҳосил",
        "oʻzbek, gʻalla",
        "№ ТШ-2026-Т-000001",
        "Ҳужжат рақами 3",
        "1/1",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    let fonts = tool("pdffonts", &pdf, &[]);
    assert!(
        fonts.lines().filter(|line| line.contains("DejaVuSerif")).all(|line| line.contains(" yes yes yes")),
        "{fonts}"
    );
    assert!(pdf.len() < 60_000, "subset: {} bytes", pdf.len());
}

#[test]
fn a_long_table_continues_on_the_next_page_under_its_header() {
    let pdf = render(&document(45)).unwrap();
    let info = tool("pdfinfo", &pdf, &[]);
    assert!(info.contains("Pages:           2"), "{info}");
    let text = tool("pdftotext", &pdf, &[]);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages[1].contains("Ҳужжат") && pages[1].contains("Банд"), "header repeated:\n{}", pages[1]);
    assert!(pages[0].contains("1/2") && pages[1].contains("2/2"));
    assert!(pages[1].contains("Ҳужжат рақами 45"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let first = render(&document(10)).unwrap();
    let again = render(&document(10)).unwrap();
    assert_eq!(first, again, "a reprint is identical");
    let other = render(&Document { footer: "бошқа".into(), ..document(10) }).unwrap();
    assert_ne!(first, other);
}
