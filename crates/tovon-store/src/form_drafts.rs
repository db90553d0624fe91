//! A user's half-filled forms (`form_draft`, issue 19): kept per user and form, replaced as the
//! window saves, deleted when submitted or discarded. Not a record: not audited.

use rusqlite::{OptionalExtension, params};

use crate::{Store, StoreError};

impl Store {
    /// The draft of `form` that `user_id` left, as the window saved it.
    pub fn form_draft(&self, user_id: i64, form: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT content FROM form_draft WHERE user_id = ?1 AND form = ?2",
                params![user_id, form],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Keeps `content` as `user_id`'s draft of `form`, replacing the one before.
    pub fn save_form_draft(&self, user_id: i64, form: &str, content: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO form_draft (user_id, form, content) VALUES (?1, ?2, ?3)
             ON CONFLICT (user_id, form) DO UPDATE SET
                 content = excluded.content, saved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![user_id, form, content],
        )?;
        Ok(())
    }

    /// Deletes `user_id`'s draft of `form` (submitted, or discarded).
    pub fn discard_form_draft(&self, user_id: i64, form: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM form_draft WHERE user_id = ?1 AND form = ?2", params![user_id, form])?;
        Ok(())
    }
}
