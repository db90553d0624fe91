//! The `column_mapping` table: named mappings from the header cells of an insurer's own
//! register files to the canonical fields, saved once and named at each import.

use rusqlite::params;

use crate::{Store, StoreError};

/// One saved mapping: its name and its (header cell, canonical field) pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredColumnMapping {
    pub name: String,
    pub pairs: Vec<(String, String)>,
}

impl Store {
    /// Saves `pairs` under `name`, replacing what that name held, in one transaction.
    pub fn save_column_mapping(&mut self, name: &str, pairs: &[(String, String)]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM column_mapping WHERE name = ?1", [name])?;
        {
            let mut insert =
                tx.prepare("INSERT INTO column_mapping (name, header, field) VALUES (?1, ?2, ?3)")?;
            for (header, field) in pairs {
                insert.execute(params![name, header, field])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every saved mapping, by name.
    pub fn column_mappings(&self) -> Result<Vec<StoredColumnMapping>, StoreError> {
        let mut statement =
            self.conn.prepare("SELECT name, header, field FROM column_mapping ORDER BY name, header")?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>("name")?, row.get("header")?, row.get("field")?))
        })?;
        let mut mappings: Vec<StoredColumnMapping> = Vec::new();
        for row in rows {
            let (name, header, field) = row?;
            match mappings.last_mut() {
                Some(last) if last.name == name => last.pairs.push((header, field)),
                _ => mappings.push(StoredColumnMapping { name, pairs: vec![(header, field)] }),
            }
        }
        Ok(mappings)
    }

    /// The mapping saved under `name`, if there is one.
    pub fn column_mapping(&self, name: &str) -> Result<Option<StoredColumnMapping>, StoreError> {
        Ok(self.column_mappings()?.into_iter().find(|mapping| mapping.name == name))
    }
}
