//! The insurer's policy register: recognising the columns of an import file (in Uzbek
//! Cyrillic, Uzbek Latin, Russian or English) and turning one row into a checked policy.

mod header;
mod row;

pub use header::{Column, ColumnMap, HeaderError, detect_columns};
pub use row::{Policy, RowProblem, parse_amount, parse_date, parse_row};
