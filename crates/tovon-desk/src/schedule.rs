//! Schedule versions: version 1 ships with the program (`assets/schedule/`); an
//! administrator adds later ones (filling item 5's percentage, adding items 21–26) as new
//! versions stored in the database. Nothing edits a version in place.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};
use tovon_core::schedule::{ScheduleError, ScheduleTable};
use tovon_store::Store;

use crate::dto::ScheduleVersionDto;
use crate::error::invalid;
use crate::{Desk, DeskError};

const SHIPPED_V1: &str = include_str!("../../../assets/schedule/v1.toml");

static SHIPPED: LazyLock<Result<ScheduleTable, ScheduleError>> =
    LazyLock::new(|| ScheduleTable::from_toml(SHIPPED_V1));

/// A stored version this program cannot read (a newer program's), with why.
pub(crate) type UnreadableVersion = (u32, String);

/// The shipped versions and the readable added ones, in version order; the unreadable ones
/// with their error, so they are reported rather than silently used.
pub(crate) fn load_tables(store: &Store) -> Result<(Vec<ScheduleTable>, Vec<UnreadableVersion>), DeskError> {
    let shipped = SHIPPED.as_ref().map_err(|error| DeskError::Schedule(error.clone()))?;
    let mut tables = vec![shipped.clone()];
    let mut unreadable = Vec::new();
    for stored in store.schedule_versions()? {
        match ScheduleTable::from_toml(&stored.source_toml) {
            Ok(table) => tables.push(table),
            Err(error) => unreadable.push((stored.version, error.to_string())),
        }
    }
    tables.sort_by_key(|table| table.version);
    Ok((tables, unreadable))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Desk {
    /// Every version: shipped and added, oldest first.
    pub fn schedule_versions(&self) -> Result<Vec<ScheduleVersionDto>, DeskError> {
        let stored = self.store.schedule_versions()?;
        Ok(self
            .tables
            .iter()
            .map(|table| {
                let added = stored.iter().find(|row| row.version == table.version);
                ScheduleVersionDto {
                    version: table.version,
                    effective_from: table.effective_from.to_string(),
                    shipped: added.is_none(),
                    note: added.map(|row| row.note.clone()),
                    added_at: added.map(|row| row.added_at.clone()),
                    items: u32::try_from(table.items.len()).unwrap_or(u32::MAX),
                    unpayable_items: table
                        .items
                        .iter()
                        .filter(|item| {
                            item.percent.is_none()
                                && item.parameters == tovon_core::schedule::ItemParameters::None
                        })
                        .map(|item| item.id.to_string())
                        .collect(),
                    missing_articles: table
                        .missing
                        .iter()
                        .flat_map(|missing| missing.numbers.iter().copied())
                        .collect(),
                    error: None,
                }
            })
            .chain(self.unreadable_versions.iter().map(|(version, error)| ScheduleVersionDto {
                version: *version,
                effective_from: String::new(),
                shipped: false,
                note: None,
                added_at: None,
                items: 0,
                unpayable_items: Vec::new(),
                missing_articles: Vec::new(),
                error: Some(error.clone()),
            }))
            .collect())
    }

    /// The TOML of a version (the newest when `version` is `None`): the starting point of the
    /// next one.
    pub fn export_schedule(&self, version: Option<u32>) -> Result<String, DeskError> {
        let wanted = version.or_else(|| self.tables.last().map(|table| table.version)).unwrap_or(1);
        if wanted == 1 {
            return Ok(SHIPPED_V1.to_owned());
        }
        self.store
            .schedule_versions()?
            .into_iter()
            .find(|row| row.version == wanted)
            .map(|row| row.source_toml)
            .ok_or_else(|| invalid("version", format!("there is no schedule version {wanted}")))
    }

    /// Validates and stores a new version. Its number must be above every existing one: a
    /// version is never replaced, a correction is the next number.
    pub fn add_schedule_version(
        &mut self,
        source_toml: &str,
        note: &str,
    ) -> Result<ScheduleVersionDto, DeskError> {
        self.require(crate::users::Permission::Administer)?;
        if note.trim().is_empty() {
            return Err(invalid(
                "note",
                "say what the version changes (e.g. \"item 5: 5 %, decision of …\")".to_owned(),
            ));
        }
        let table =
            ScheduleTable::from_toml(source_toml).map_err(|error| invalid("file", error.to_string()))?;
        let newest = self
            .tables
            .iter()
            .map(|table| table.version)
            .chain(self.unreadable_versions.iter().map(|(v, _)| *v))
            .max()
            .unwrap_or(1);
        if table.version <= newest {
            return Err(invalid(
                "version",
                format!(
                    "version {} exists or is older than version {newest}; a new version is numbered {}",
                    table.version,
                    newest + 1
                ),
            ));
        }
        self.store.add_schedule_version(
            table.version,
            &table.effective_from.to_string(),
            source_toml,
            &sha256_hex(source_toml),
            note.trim(),
        )?;
        let version = table.version;
        self.tables.push(table);
        self.tables.sort_by_key(|table| table.version);
        self.schedule_versions()?.into_iter().find(|dto| dto.version == version).ok_or_else(|| {
            DeskError::InvalidInput {
                field: "version".to_owned(),
                problem: "stored but not listed".to_owned(),
            }
        })
    }
}
