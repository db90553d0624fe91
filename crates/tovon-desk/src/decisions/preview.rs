//! A document before it is issued (issue 19): the paper the desk would issue, marked as a
//! draft and unnumbered, as PDF bytes or as the blocks the window lays out itself — a window
//! whose web view shows no PDF (WebKitGTK) still shows every line of it.

use tovon_print::{Align, Block, Document};

use crate::DeskError;
use crate::dto::{PaperBlockDto, PaperColumnDto, PaperDto};

/// A document not issued: read it, then decide.
#[derive(Debug, Clone)]
pub struct Preview {
    pub(crate) document: Document,
}

impl Preview {
    /// The draft as PDF, laid out as the issued one would be.
    pub fn pdf(&self) -> Result<Vec<u8>, DeskError> {
        tovon_print::render(&self.document).map_err(|error| DeskError::Internal(error.to_string()))
    }

    /// The draft's blocks, for the window to lay out.
    pub fn paper(&self) -> PaperDto {
        let document = &self.document;
        PaperDto {
            title: document.title.clone(),
            letterhead: document.letterhead.clone(),
            reference: document.reference.clone(),
            blocks: document.blocks.iter().filter_map(block_dto).collect(),
            footer: document.footer.clone(),
        }
    }
}

fn block_dto(block: &Block) -> Option<PaperBlockDto> {
    Some(match block {
        Block::Heading(text) => PaperBlockDto::Heading { text: text.clone() },
        Block::Paragraph(text) => PaperBlockDto::Paragraph { text: text.clone() },
        Block::Strong(text) => PaperBlockDto::Strong { text: text.clone() },
        Block::Fields(pairs) => PaperBlockDto::Fields { pairs: pairs.clone() },
        Block::Table(table) => PaperBlockDto::Table {
            columns: table
                .columns
                .iter()
                .map(|column| PaperColumnDto {
                    title: column.title.clone(),
                    right: column.align == Align::Right,
                })
                .collect(),
            rows: table.rows.clone(),
            bold_rows: table.bold_rows.iter().map(|row| *row as u32).collect(),
        },
        Block::Signatures { roles, caption } => {
            PaperBlockDto::Signatures { roles: roles.clone(), caption: caption.clone() }
        }
        Block::Space(_) => return None,
    })
}
