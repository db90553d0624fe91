//! PDF documents of a claim — the incident act (далолатнома), the refusal letter, the
//! documents request — laid out on A4 with printpdf.
//!
//! The desk composes a [`Document`] (its words already in the reader's language) and
//! [`render`] lays it out: the embedded DejaVu Serif (`assets/fonts/`, subset per document),
//! text wrapped to its column, tables whose header repeats on every page they continue to,
//! page numbers "1/2", and bytes that are the same for the same document (no clock, fixed
//! ids), so a reprint is identical.

mod document;
mod fonts;
mod layout;

pub use document::{Align, Block, Column, Document, Table};
pub use layout::render;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The shipped font does not parse: a defect of the build.
    #[error("the embedded font {0} does not load")]
    Font(&'static str),
}
