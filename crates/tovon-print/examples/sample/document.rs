//! The sample document: two pages (letterhead, a 60-row table over the page break,
//! signatures), used by the benchmark and by the `sample` example.

use chrono::NaiveDate;
use tovon_print::{Align, Block, Column, Document, Table};

pub fn sample() -> Document {
    let rows = (1..=60)
        .map(|n| {
            vec![
                format!("{n}"),
                format!("Бармоқ суяги синиши, {n}-банд, ўнг қўл"),
                "5".into(),
                "500 000,00".into(),
            ]
        })
        .collect();
    Document {
        title: "Далолатнома".into(),
        letterhead: vec!["«Суғурта» АЖ".into(), "Лицензия СФ 00054, 25.02.2022".into()],
        reference: vec!["№ ТШ-2026-Д-000001".into(), "22.11.2026".into()],
        blocks: vec![
            Block::Heading("СУҒУРТА ҲОДИСАСИ ҲАҚИДА ДАЛОЛАТНОМА".into()),
            Block::Fields(vec![("Суғурталанган шахс".into(), "Каримов Алишер Бахтиёрович".into())]),
            Block::Table(Table {
                columns: vec![
                    Column { title: "Банд".into(), width: 1.0, align: Align::Left },
                    Column { title: "Жароҳат".into(), width: 5.0, align: Align::Left },
                    Column { title: "%".into(), width: 1.0, align: Align::Right },
                    Column { title: "Сумма".into(), width: 2.0, align: Align::Right },
                ],
                rows,
                bold_rows: vec![],
            }),
            Block::Signatures {
                roles: vec!["Суғурталовчи вакили".into(), "Аризачи".into()],
                caption: "(имзо)".into(),
            },
        ],
        footer: "ТШ-2026-000001".into(),
        issued_on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
        anchor: String::new(),
    }
}
