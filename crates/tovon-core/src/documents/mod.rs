//! The documents a claim needs (6.2, 6.3, 6.4): the catalogue of requirements, and a
//! claim's checklist — what is required for its facts, what came in, when it was complete.

mod catalogue;
mod checklist;

pub use catalogue::{Catalogue, CatalogueError, Condition, Group, Requirement};
pub use checklist::{
    Checklist, ChecklistFacts, ChecklistItem, DocumentRequest, ItemKey, ItemState, MedicalSource, Receipt,
    checklist,
};

/// The outcome a claim's requirements depend on (6.2.1 injury or other harm to health,
/// 6.2.2 disability, 6.2.3 death).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocOutcome {
    Injury,
    Disability,
    Death,
}

impl DocOutcome {
    pub fn code(self) -> &'static str {
        match self {
            DocOutcome::Injury => "injury",
            DocOutcome::Disability => "disability",
            DocOutcome::Death => "death",
        }
    }

    pub fn from_code(code: &str) -> Option<DocOutcome> {
        [DocOutcome::Injury, DocOutcome::Disability, DocOutcome::Death].into_iter().find(|o| o.code() == code)
    }
}
