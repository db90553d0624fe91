//! What a printed document says, in order: the desk fills it, `render` lays it out.

use chrono::NaiveDate;

/// A document ready to lay out; every text is already in the reader's language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The PDF's title (metadata).
    pub title: String,
    /// The issuer's lines at the top left: insurer, licence, branch.
    pub letterhead: Vec<String>,
    /// At the top right: "№ ТШ-2026-С-000001", the date.
    pub reference: Vec<String>,
    pub blocks: Vec<Block>,
    /// Under every page, left: what the document is ("ТШ-2026-000001 аризаси бўйича").
    pub footer: String,
    /// The day it is issued: the PDF's dates (so the same document gives the same bytes).
    pub issued_on: NaiveDate,
    /// The desk's signed audit anchor at issue (issue 18), written as the PDF's `Identifier`
    /// where `tovon audit verify --anchor` reads it back; empty for a preview.
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A centred bold title.
    Heading(String),
    /// Running text, wrapped.
    Paragraph(String),
    /// Bold running text.
    Strong(String),
    /// Label and value pairs in two columns.
    Fields(Vec<(String, String)>),
    Table(Table),
    /// Signature lines: each role with a line to sign on, `caption` under it ("(имзо)").
    Signatures {
        roles: Vec<String>,
        caption: String,
    },
    /// Space, in millimetres.
    Space(f32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Centre,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Share of the text width (the columns' shares are scaled to fill it).
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Rows (by index) set in bold: totals.
    pub bold_rows: Vec<usize>,
}
