//! Which column of an import file holds which field. The canonical header is
//! `policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,
//! full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch`;
//! the usual Uzbek (either script), Russian and English names are recognised too.

use crate::translit::fold_for_search;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    PolicySeries,
    PolicyNumber,
    IssuedOn,
    StartsOn,
    EndsOn,
    PremiumPaidOn,
    SumInsured,
    FullName,
    BirthDate,
    Pinfl,
    Passport,
    Phone,
    Address,
    LoanAgreement,
    LoanAmount,
    Branch,
}

impl Column {
    pub const ALL: [Column; 16] = [
        Column::PolicySeries,
        Column::PolicyNumber,
        Column::IssuedOn,
        Column::StartsOn,
        Column::EndsOn,
        Column::PremiumPaidOn,
        Column::SumInsured,
        Column::FullName,
        Column::BirthDate,
        Column::Pinfl,
        Column::Passport,
        Column::Phone,
        Column::Address,
        Column::LoanAgreement,
        Column::LoanAmount,
        Column::Branch,
    ];

    /// The canonical name (the template's header).
    pub fn name(self) -> &'static str {
        match self {
            Column::PolicySeries => "policy_series",
            Column::PolicyNumber => "policy_number",
            Column::IssuedOn => "issued_on",
            Column::StartsOn => "starts_on",
            Column::EndsOn => "ends_on",
            Column::PremiumPaidOn => "premium_paid_on",
            Column::SumInsured => "sum_insured",
            Column::FullName => "full_name",
            Column::BirthDate => "birth_date",
            Column::Pinfl => "pinfl",
            Column::Passport => "passport",
            Column::Phone => "phone",
            Column::Address => "address",
            Column::LoanAgreement => "loan_agreement",
            Column::LoanAmount => "loan_amount",
            Column::Branch => "branch",
        }
    }

    /// The column of a canonical name ("pinfl").
    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|column| column.name() == name)
    }

    /// Whether a row is refused when the column is missing or empty.
    pub fn required(self) -> bool {
        matches!(
            self,
            Column::PolicySeries
                | Column::PolicyNumber
                | Column::IssuedOn
                | Column::StartsOn
                | Column::EndsOn
                | Column::SumInsured
                | Column::FullName
                | Column::BirthDate
                | Column::Pinfl
        )
    }

    /// Other names the column goes by (written in any script; compared folded).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::PolicySeries => {
                &["полис серияси", "серия полиса", "серия", "series", "policy series", "seriya"]
            }
            Column::PolicyNumber => &[
                "полис рақами",
                "номер полиса",
                "полис №",
                "рақами",
                "номер",
                "number",
                "policy number",
                "policy no",
            ],
            Column::IssuedOn => {
                &["берилган сана", "дата выдачи", "расмийлаштирилган сана", "issue date", "issued"]
            }
            Column::StartsOn => &[
                "бошланиш санаси",
                "амал қилиш бошланиши",
                "дата начала",
                "начало",
                "start date",
                "period start",
            ],
            Column::EndsOn => &[
                "тугаш санаси",
                "амал қилиш тугаши",
                "дата окончания",
                "окончание",
                "end date",
                "period end",
            ],
            Column::PremiumPaidOn => &[
                "мукофот тўланган сана",
                "дата оплаты премии",
                "дата оплаты",
                "premium paid",
                "premium paid date",
            ],
            Column::SumInsured => &["суғурта суммаси", "страховая сумма", "sum insured", "insured sum"],
            Column::FullName => &[
                "ф.и.ш.",
                "фиш",
                "фамилия исми шарифи",
                "суғурталанган шахс",
                "фио",
                "ф.и.о.",
                "full name",
                "name",
                "insured person",
            ],
            Column::BirthDate => &["туғилган сана", "дата рождения", "birth date", "date of birth"],
            Column::Pinfl => &["жшшир", "пинфл", "jshshir", "pinfl", "personal number"],
            Column::Passport => {
                &["паспорт", "паспорт серия ва рақами", "паспорт маълумотлари", "passport", "id card"]
            }
            Column::Phone => &["телефон", "телефон рақами", "phone", "telephone"],
            Column::Address => &["манзил", "яшаш манзили", "адрес", "address"],
            Column::LoanAgreement => &[
                "кредит шартномаси",
                "кредит шартномаси рақами",
                "кредитный договор",
                "номер кредитного договора",
                "loan agreement",
            ],
            Column::LoanAmount => &["кредит суммаси", "сумма кредита", "микроқарз суммаси", "loan amount"],
            Column::Branch => &["филиал", "бўлим", "branch"],
        }
    }
}

/// Which position of a row holds each recognised column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnMap {
    positions: Vec<(Column, usize)>,
}

impl ColumnMap {
    pub fn new(positions: Vec<(Column, usize)>) -> ColumnMap {
        ColumnMap { positions }
    }

    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions.iter().find(|(known, _)| *known == column).map(|(_, at)| *at)
    }

    pub fn positions(&self) -> &[(Column, usize)] {
        &self.positions
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("the header has no column for {}; columns found: {found}", missing.join(", "))]
    Missing { missing: Vec<&'static str>, found: String },
    #[error("the header names {column} twice (columns {first} and {second})")]
    Duplicate { column: &'static str, first: usize, second: usize },
}

/// A header cell folded for comparison: Latin, lower case, no apostrophes, `_` as a space,
/// punctuation at the ends dropped.
fn fold_header(cell: &str) -> String {
    fold_for_search(&cell.replace(['_', '\u{feff}'], " "))
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

/// A saved column mapping: which field a header cell of the insurer's own wording holds.
/// Its pairs come before the built-in names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SavedMapping {
    pub pairs: Vec<(String, Column)>,
}

/// The field each header cell names, if any: the saved mapping first, then the canonical
/// names and their aliases (compared folded: script, case, apostrophes, `_`).
pub fn recognise_columns(header: &[&str], saved: &SavedMapping) -> Vec<Option<Column>> {
    header
        .iter()
        .map(|cell| {
            let folded = fold_header(cell);
            if folded.is_empty() {
                return None;
            }
            saved
                .pairs
                .iter()
                .find(|(text, _)| fold_header(text) == folded)
                .map(|(_, column)| *column)
                .or_else(|| {
                    Column::ALL.into_iter().find(|column| {
                        fold_header(column.name()) == folded
                            || column.aliases().iter().any(|alias| fold_header(alias) == folded)
                    })
                })
        })
        .collect()
}

/// Recognises the header row. Every required column must be found, none twice; unknown
/// columns are ignored (reported by the caller if it wishes).
pub fn detect_columns(header: &[&str]) -> Result<ColumnMap, HeaderError> {
    detect_columns_with(header, &SavedMapping::default())
}

/// The same, with a saved mapping for headers the built-in names do not cover.
pub fn detect_columns_with(header: &[&str], saved: &SavedMapping) -> Result<ColumnMap, HeaderError> {
    let mut positions: Vec<(Column, usize)> = Vec::new();
    for (at, found) in recognise_columns(header, saved).into_iter().enumerate() {
        if let Some(column) = found {
            if let Some(&(_, first)) = positions.iter().find(|(known, _)| *known == column) {
                return Err(HeaderError::Duplicate {
                    column: column.name(),
                    first: first + 1,
                    second: at + 1,
                });
            }
            positions.push((column, at));
        }
    }
    let missing: Vec<&'static str> = Column::ALL
        .into_iter()
        .filter(|column| column.required() && !positions.iter().any(|(known, _)| known == column))
        .map(Column::name)
        .collect();
    if !missing.is_empty() {
        return Err(HeaderError::Missing { missing, found: header.join(", ") });
    }
    Ok(ColumnMap { positions })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANONICAL: &str = "policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch";

    #[test]
    fn the_canonical_header_maps_every_column_in_order() {
        let header: Vec<&str> = CANONICAL.split(',').collect();
        let map = detect_columns(&header).unwrap_or_default();
        for (at, column) in Column::ALL.into_iter().enumerate() {
            assert_eq!(map.position(column), Some(at), "{}", column.name());
        }
    }

    #[test]
    fn uzbek_in_either_script_russian_and_english_names_are_recognised() {
        let cyrillic = [
            "Полис серияси",
            "Полис рақами",
            "Берилган сана",
            "Бошланиш санаси",
            "Тугаш санаси",
            "Суғурта суммаси",
            "Ф.И.Ш.",
            "Туғилган сана",
            "ЖШШИР",
            "Паспорт",
            "Филиал",
        ];
        let latin = [
            "Polis seriyasi",
            "Polis raqami",
            "Berilgan sana",
            "Boshlanish sanasi",
            "Tugash sanasi",
            "Sug'urta summasi",
            "F.I.Sh.",
            "Tug‘ilgan sana",
            "JShShIR",
            "Pasport",
            "Filial",
        ];
        let russian = [
            "Серия полиса",
            "Номер полиса",
            "Дата выдачи",
            "Дата начала",
            "Дата окончания",
            "Страховая сумма",
            "ФИО",
            "Дата рождения",
            "ПИНФЛ",
            "Паспорт",
            "Филиал",
        ];
        for header in [&cyrillic[..], &latin[..], &russian[..]] {
            let map = detect_columns(header).unwrap_or_else(|error| panic!("{header:?}: {error}"));
            assert_eq!(map.position(Column::Pinfl), Some(8));
            assert_eq!(map.position(Column::Branch), Some(10));
        }
    }

    #[test]
    fn a_saved_mapping_names_headers_the_aliases_do_not_know() {
        let header = ["Серия", "Номер", "Дата выд.", "С", "По", "Сумма", "Застрахованный", "Д.р.", "ПИНФЛ"];
        assert!(detect_columns(&header).is_err());
        let saved = SavedMapping {
            pairs: vec![
                ("дата выд.".to_owned(), Column::IssuedOn),
                ("с".to_owned(), Column::StartsOn),
                ("ПО".to_owned(), Column::EndsOn),
                ("Сумма".to_owned(), Column::SumInsured),
                ("Zastraxovanniy".to_owned(), Column::FullName),
                ("Д.р.".to_owned(), Column::BirthDate),
            ],
        };
        let map = detect_columns_with(&header, &saved).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(map.position(Column::FullName), Some(6), "compared folded, across scripts");
        assert_eq!(map.position(Column::EndsOn), Some(4));
        assert_eq!(Column::from_name("loan_amount"), Some(Column::LoanAmount));
        assert_eq!(Column::from_name("loan"), None);
    }

    #[test]
    fn a_missing_or_doubled_column_is_named() {
        let error = detect_columns(&["policy_series", "policy_number", "full_name"]).unwrap_err();
        assert!(
            error.to_string().starts_with(
                "the header has no column for issued_on, starts_on, ends_on, sum_insured, birth_date, pinfl"
            ),
            "{error}"
        );
        let doubled: Vec<&str> = CANONICAL.split(',').chain(["ПИНФЛ"]).collect();
        assert_eq!(
            detect_columns(&doubled),
            Err(HeaderError::Duplicate { column: "pinfl", first: 10, second: 17 })
        );
    }
}
