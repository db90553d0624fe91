//! Schedule versions: versions 1 and 2 ship with the program (`assets/schedule/`; 2 is 1
//! with decisions D18–D27, in force from the same day, so every new calculation takes it);
//! an administrator adds later ones (filling item 5's percentage, adding items 21–26) as
//! new versions stored in the database. Nothing edits a version in place.

use std::sync::LazyLock;

use tovon_core::schedule::{ScheduleError, ScheduleTable};
use tovon_store::Store;

use crate::dto::ScheduleVersionDto;
use crate::error::invalid;
use crate::{Desk, DeskError};

/// The shipped versions' TOML, oldest first; each is pinned by its SHA-256 in a test.
pub const SHIPPED_VERSIONS: [(u32, &str); 2] = [
    (1, include_str!("../../../assets/schedule/v1.toml")),
    (2, include_str!("../../../assets/schedule/v2.toml")),
];

static SHIPPED: LazyLock<Result<Vec<ScheduleTable>, ScheduleError>> =
    LazyLock::new(|| SHIPPED_VERSIONS.iter().map(|(_, text)| ScheduleTable::from_toml(text)).collect());

/// The newest version the program ships; an added version is numbered above it.
/// The newest schedule version shipped with the program (the head office adds above it).
pub fn newest_shipped_schedule() -> u32 {
    newest_shipped()
}

fn newest_shipped() -> u32 {
    SHIPPED_VERSIONS.iter().map(|(version, _)| *version).max().unwrap_or(1)
}

/// A stored version this program cannot read (a newer program's), with why.
pub(crate) type UnreadableVersion = (u32, String);

/// The shipped versions and the readable added ones, in version order; the unreadable ones
/// with their error, so they are reported rather than silently used.
/// The schedule versions this program ships, alone (no database).
pub(crate) fn shipped_tables() -> Result<Vec<ScheduleTable>, DeskError> {
    SHIPPED.as_ref().map(Clone::clone).map_err(|error| DeskError::Schedule(error.clone()))
}

pub(crate) fn load_tables(store: &Store) -> Result<(Vec<ScheduleTable>, Vec<UnreadableVersion>), DeskError> {
    let shipped = SHIPPED.as_ref().map_err(|error| DeskError::Schedule(error.clone()))?;
    let mut tables = shipped.clone();
    let mut unreadable = Vec::new();
    for stored in store.schedule_versions()? {
        // A version added before the program shipped its own of that number is kept in the
        // file, reported, and not used: the shipped one governs.
        if stored.version <= newest_shipped() {
            unreadable.push((
                stored.version,
                format!(
                    "version {} ships with this program; the added one is kept but not used",
                    stored.version
                ),
            ));
            continue;
        }
        match ScheduleTable::from_toml(&stored.source_toml) {
            Ok(table) => tables.push(table),
            Err(error) => unreadable.push((stored.version, error.to_string())),
        }
    }
    tables.sort_by_key(|table| table.version);
    Ok((tables, unreadable))
}

use tovon_store::sha256_hex;

impl Desk {
    /// Every version: shipped and added, oldest first.
    pub fn schedule_versions(&self) -> Result<Vec<ScheduleVersionDto>, DeskError> {
        let stored = self.store.schedule_versions()?;
        Ok(self
            .tables
            .iter()
            .map(|table| {
                let added = stored
                    .iter()
                    .find(|row| row.version == table.version && table.version > newest_shipped());
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
        if let Some((_, text)) = SHIPPED_VERSIONS.iter().find(|(shipped, _)| *shipped == wanted) {
            return Ok((*text).to_owned());
        }
        self.store
            .schedule_versions()?
            .into_iter()
            .find(|row| row.version == wanted)
            .map(|row| row.source_toml)
            .ok_or_else(|| {
                crate::error::InputError::NoScheduleVersion {
                    field: "version".to_owned(),
                    version: wanted.to_string(),
                }
                .into()
            })
    }

    /// Validates and stores a new version. Its number must be above every existing one: a
    /// version is never replaced, a correction is the next number.
    pub fn add_schedule_version(
        &mut self,
        source_toml: &str,
        note: &str,
    ) -> Result<ScheduleVersionDto, DeskError> {
        self.require(crate::users::Permission::Administer)?;
        self.not_the_head_offices("file")?;
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
            .unwrap_or(1)
            .max(newest_shipped());
        if table.version <= newest {
            return Err(invalid(
                "version",
                crate::messages::text(
                    self.language(),
                    "schedule_error.version_taken",
                    &[
                        ("version", &table.version.to_string()),
                        ("newest", &newest.to_string()),
                        ("next", &(newest + 1).to_string()),
                    ],
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
            DeskError::Internal(format!("schedule version {version} was stored but is not listed"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shipped version is never edited: version 1 stays byte for byte as it shipped, for the
    /// calculations saved with it; version 2 likewise once shipped. A correction is version 3.
    #[test]
    fn the_shipped_versions_are_pinned_by_their_sha256() {
        let pinned = [
            (1, "fe131ff0cbdea1dc07621d782eb0404d4932a253f1e19b2f0f54bc534f973bfd"),
            (2, "6e57e2e7144f75df3da48c0aab33184c992def419d9e075cf3f1a6fa3448456d"),
        ];
        let shipped: Vec<(u32, String)> =
            SHIPPED_VERSIONS.iter().map(|(version, text)| (*version, sha256_hex(text))).collect();
        let pinned: Vec<(u32, String)> = pinned.iter().map(|(v, hash)| (*v, (*hash).to_owned())).collect();
        assert_eq!(shipped, pinned);
    }

    #[test]
    fn every_shipped_version_loads_with_its_own_number_and_the_newest_is_in_force() {
        let tables = SHIPPED.as_ref().expect("the shipped versions load");
        let numbers: Vec<u32> = tables.iter().map(|table| table.version).collect();
        assert_eq!(numbers, SHIPPED_VERSIONS.iter().map(|(version, _)| *version).collect::<Vec<_>>());
        let first_day = tables[0].effective_from;
        let in_force = tovon_core::schedule::in_force(tables, first_day).map(|table| table.version);
        assert_eq!(in_force, Some(newest_shipped()), "version 2 is in force from version 1's first day");
    }
}
