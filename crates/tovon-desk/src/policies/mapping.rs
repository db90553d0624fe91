//! Saved column mappings (a register whose header the built-in names do not cover is
//! mapped once, under a name, and imported with it from then on), and the header of a file
//! as the desk reads it, for the screen that maps it.

use std::ops::ControlFlow;
use std::path::Path;

use tovon_core::policy::{Column, SavedMapping, detect_columns_with, recognise_columns};

use super::import::{Found, HeaderSearch, header_message, read_file, source_error};
use super::source::{HeaderStep, Row, Visitor, read_rows};
use crate::dto::{ColumnMappingDto, ColumnPairDto, ImportFieldDto, ImportHeaderDto};
use crate::error::invalid;
use crate::messages::text;
use crate::{Desk, DeskError};

/// Finds the header row and stops.
struct HeaderOnly<'a> {
    search: HeaderSearch<'a>,
    taken: Option<Vec<String>>,
}

impl Visitor for HeaderOnly<'_> {
    fn header(&mut self, cells: &[&str], _total: u64) -> HeaderStep {
        match self.search.consider(cells) {
            Found::Header(_) => {
                self.taken = Some(cells.iter().map(|cell| (*cell).to_owned()).collect());
                HeaderStep::Stop
            }
            Found::NotIt => HeaderStep::NotIt,
            Found::GiveUp => HeaderStep::Stop,
        }
    }

    fn row(&mut self, _row: Row<'_>) -> ControlFlow<()> {
        ControlFlow::Break(())
    }
}

impl Desk {
    /// The mapping saved under `name` (none: the built-in names alone).
    pub(crate) fn saved_mapping(&self, name: Option<&str>) -> Result<SavedMapping, DeskError> {
        let Some(name) = name.map(str::trim).filter(|name| !name.is_empty()) else {
            return Ok(SavedMapping::default());
        };
        let stored = self.store.column_mapping(name)?.ok_or_else(|| {
            let known: Vec<String> = self
                .store
                .column_mappings()
                .unwrap_or_default()
                .into_iter()
                .map(|mapping| mapping.name)
                .collect();
            invalid(
                "mapping",
                text(
                    self.language(),
                    "import_error.no_mapping",
                    &[("name", name), ("known", &known.join(", "))],
                ),
            )
        })?;
        let pairs = stored
            .pairs
            .into_iter()
            .filter_map(|(header, field)| Column::from_name(&field).map(|column| (header, column)))
            .collect();
        Ok(SavedMapping { pairs })
    }

    /// Every saved mapping.
    pub fn column_mappings(&self) -> Result<Vec<ColumnMappingDto>, DeskError> {
        self.session()?;
        Ok(self
            .store
            .column_mappings()?
            .into_iter()
            .map(|mapping| ColumnMappingDto {
                name: mapping.name,
                pairs: mapping
                    .pairs
                    .into_iter()
                    .map(|(header, field)| ColumnPairDto { header, field })
                    .collect(),
            })
            .collect())
    }

    /// Saves a mapping under its name (replacing one of the same name). Each field once,
    /// each header once, and only the canonical fields.
    pub fn save_column_mapping(&mut self, mapping: &ColumnMappingDto) -> Result<(), DeskError> {
        self.require(crate::users::Permission::ClaimWork)?;
        let language = self.language();
        let name = mapping.name.trim();
        if name.is_empty() {
            return Err(invalid("mapping.name", text(language, "mapping_error.no_name", &[])));
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for pair in &mapping.pairs {
            let header = pair.header.trim();
            if header.is_empty() {
                continue;
            }
            let Some(column) = Column::from_name(pair.field.trim()) else {
                return Err(invalid(
                    "mapping.field",
                    text(language, "mapping_error.unknown_field", &[("field", &pair.field)]),
                ));
            };
            if let Some((_, other)) = pairs.iter().find(|(_, field)| field == column.name()) {
                return Err(invalid(
                    "mapping.field",
                    text(
                        language,
                        "mapping_error.field_twice",
                        &[
                            ("field", &text(language, &format!("registry.field.{}", column.name()), &[])),
                            ("header", other),
                        ],
                    ),
                ));
            }
            if pairs.iter().any(|(known, _)| known == header) {
                return Err(invalid(
                    "mapping.header",
                    text(language, "mapping_error.header_twice", &[("header", header)]),
                ));
            }
            pairs.push((header.to_owned(), column.name().to_owned()));
        }
        if pairs.is_empty() {
            return Err(invalid("mapping.pairs", text(language, "mapping_error.empty", &[])));
        }
        Ok(self.store.save_column_mapping(name, &pairs)?)
    }

    /// The header of a register file and which field each cell is taken for (with the
    /// mapping, if named): what the screen shows to map the columns it does not know.
    pub fn import_header(&self, path: &Path, mapping: Option<&str>) -> Result<ImportHeaderDto, DeskError> {
        self.session()?;
        let language = self.language();
        let saved = self.saved_mapping(mapping)?;
        let bytes = read_file(path, language)?;
        let mut header = HeaderOnly { search: HeaderSearch::new(&saved), taken: None };
        read_rows(&bytes, &mut header).map_err(|error| source_error(&error, language))?;
        let headers = match header.taken {
            Some(cells) => cells,
            None => header.search.best_guess().map(|(cells, _)| cells).unwrap_or_default(),
        };
        let cells: Vec<&str> = headers.iter().map(String::as_str).collect();
        let recognised = recognise_columns(&cells, &saved);
        let fields = Column::ALL
            .into_iter()
            .map(|column| ImportFieldDto {
                field: column.name().to_owned(),
                required: column.required(),
                position: recognised
                    .iter()
                    .position(|found| *found == Some(column))
                    .and_then(|at| u32::try_from(at).ok()),
            })
            .collect();
        let problem = detect_columns_with(&cells, &saved).err().map(|error| header_message(&error, language));
        Ok(ImportHeaderDto { headers, fields, problem })
    }
}
