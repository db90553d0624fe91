//! The insurer's policy register: recognising the columns of an import file (in Uzbek
//! Cyrillic, Uzbek Latin, Russian or English) and turning one row into a checked policy.

mod header;
mod row;

pub use header::{
    Column, ColumnMap, HeaderError, SavedMapping, detect_columns, detect_columns_with, recognise_columns,
};
pub use row::{Policy, RowProblem, RowProblemKind, parse_date, parse_row};
