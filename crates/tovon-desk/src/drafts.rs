//! A user's half-filled forms (issue 19): the window saves the New claim form as it is typed
//! and gets it back when the same user signs in again — after a sign-out, a lock or a restart
//! — and never shows it to anyone else. A draft is the form's own content, opaque to the desk
//! (JSON, at most 64 KB); it is not a record of any claim, so it is not audited.

use crate::dto::FormCode;
use crate::{Desk, DeskError, InputError};

/// The most a form's draft may hold.
pub const MAX_DRAFT_BYTES: usize = 64 * 1024;

impl FormCode {
    fn code(self) -> &'static str {
        match self {
            FormCode::NewClaim => "new_claim",
        }
    }
}

impl Desk {
    /// The signed-in user's draft of `form`, as the window saved it.
    pub fn form_draft(&self, form: FormCode) -> Result<Option<String>, DeskError> {
        let user = self.session()?.user_id;
        Ok(self.store.form_draft(user, form.code())?)
    }

    /// Keeps the signed-in user's draft of `form`.
    pub fn save_form_draft(&self, form: FormCode, content: &str) -> Result<(), DeskError> {
        let user = self.session()?.user_id;
        if content.len() > MAX_DRAFT_BYTES {
            return Err(InputError::TextTooLong {
                field: "draft".to_owned(),
                max_kb: (MAX_DRAFT_BYTES / 1024) as u64,
            }
            .into());
        }
        if serde_json::from_str::<serde_json::Value>(content).is_err() {
            return Err(InputError::Shape {
                field: "draft".to_owned(),
                value: content.chars().take(40).collect(),
                shape: "JSON".to_owned(),
            }
            .into());
        }
        Ok(self.store.save_form_draft(user, form.code(), content)?)
    }

    /// Forgets the signed-in user's draft of `form` ("New blank", or the form submitted).
    pub fn discard_form_draft(&self, form: FormCode) -> Result<(), DeskError> {
        let user = self.session()?.user_id;
        Ok(self.store.discard_form_draft(user, form.code())?)
    }
}
