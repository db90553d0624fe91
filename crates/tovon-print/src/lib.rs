//! PDF documents of a claim (issue 6): the incident act (далолатнома), the refusal
//! letter and the documents request, laid out with printpdf on A4.
//!
//! Empty until those documents are built; the crate exists so that the dependency
//! direction (desk → print → core, never core → print) is fixed from the start.
