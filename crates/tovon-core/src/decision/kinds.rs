//! What a decision is (6.5 approve, 6.6 refuse, 6.7 defer) and which numbered document a
//! claim is issued (the act of 1.1.3, the refusal letter of 6.6, the documents request of
//! 6.1б), with the codes their rows hold.

use std::str::FromStr;

/// The decision made on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    Approve,
    Refuse,
    Defer,
}

/// A numbered document the desk issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    Act,
    Refusal,
    Request,
}

/// A stored code that names no kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a known kind")]
pub struct UnknownKind(pub String);

impl DecisionKind {
    pub const ALL: [DecisionKind; 3] = [DecisionKind::Approve, DecisionKind::Refuse, DecisionKind::Defer];

    pub const fn code(self) -> &'static str {
        match self {
            DecisionKind::Approve => "approve",
            DecisionKind::Refuse => "refuse",
            DecisionKind::Defer => "defer",
        }
    }
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [DocumentKind::Act, DocumentKind::Refusal, DocumentKind::Request];

    pub const fn code(self) -> &'static str {
        match self {
            DocumentKind::Act => "act",
            DocumentKind::Refusal => "refusal",
            DocumentKind::Request => "request",
        }
    }

    /// The letter its numbers carry: далолатнома, рад этиш, сўров ("ТШ-2026-Д0001").
    pub const fn mark(self) -> &'static str {
        match self {
            DocumentKind::Act => "Д",
            DocumentKind::Refusal => "Р",
            DocumentKind::Request => "С",
        }
    }
}

impl FromStr for DecisionKind {
    type Err = UnknownKind;

    fn from_str(code: &str) -> Result<Self, UnknownKind> {
        DecisionKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or_else(|| UnknownKind(code.to_owned()))
    }
}

impl FromStr for DocumentKind {
    type Err = UnknownKind;

    fn from_str(code: &str) -> Result<Self, UnknownKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or_else(|| UnknownKind(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_code_and_nothing_else_does() {
        for kind in DecisionKind::ALL {
            assert_eq!(kind.code().parse::<DecisionKind>(), Ok(kind));
        }
        for kind in DocumentKind::ALL {
            assert_eq!(kind.code().parse::<DocumentKind>(), Ok(kind));
        }
        assert!("Approve".parse::<DecisionKind>().is_err());
        assert!("".parse::<DocumentKind>().is_err());
    }
}
