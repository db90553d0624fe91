//! Issued documents: the documents request (reprinted while nothing changed that day, else
//! a new number referring to the old), and every issued PDF read back checked against its
//! SHA-256 — for the window, Save as, and the system viewer's private copy.

use super::*;

use tovon_store::write_private;

impl Desk {
    /// Issues the documents request: the required items still missing, their clauses and
    /// the deadline. The same request on the same day in the same language is the same
    /// document (reprinted); anything changed makes a new one that replaces it.
    pub fn issue_request(
        &mut self,
        id_or_number: &str,
        language: Option<crate::dto::LanguageTag>,
        today: NaiveDate,
    ) -> Result<IssuedDocumentDto, DeskError> {
        let user = self.require(Permission::ClaimWork)?.login.clone();
        let officer = self.full_name_of(&user)?;
        let claim = self.find_claim(id_or_number)?;
        let paper_language = self.paper_language(language);
        let stored = self.documents_of(&claim)?;
        let list = stored.checklist()?;
        let missing: Vec<_> = list.missing().collect();
        let Some(due) = missing.iter().map(|item| item.due).min() else {
            return Err(DecisionError::NothingMissing { claim: claim.number.clone() }.into());
        };
        let content = RequestContent {
            missing: missing
                .iter()
                .map(|item| (stored.title(&item.key, paper_language), item.clauses.clone()))
                .collect(),
            due,
        };
        let policy = self.policy_of(&claim)?;
        let render = |number: &str, refers_to: Option<Earlier>, anchor: &str| {
            let paper = ClaimPaper {
                claim: &claim,
                policy: &policy,
                language: paper_language,
                number,
                issued_on: today,
                officer: &officer,
                refers_to,
            };
            rendered(paper.request(&content), anchor)
        };
        let last = self
            .store
            .issued_documents(claim.id)?
            .into_iter()
            .rev()
            .find(|d| d.kind == DocumentKind::Request);
        if let Some(last) = &last
            && last.issued_on == today
            && last.language == paper_language
        {
            let refers = match last.refers_to {
                Some(id) => self.store.issued_document(id)?.map(|old| (old.number, old.issued_on, false)),
                None => None,
            };
            if let Some((document, bytes)) = self.store.issued_pdf(last.id)? {
                // The same paper again carries its first issue's anchor (none before issue 18).
                let anchor =
                    tovon_store::Anchor::find_in(&bytes).map(|anchor| anchor.line()).unwrap_or_default();
                if render(&last.number, refers, &anchor)? == bytes {
                    return self.issued_dto(&document);
                }
            }
        }
        let refers = last.as_ref().map(|last| (last.number.clone(), last.issued_on, false));
        let prefix = self.numbering_prefix(claim.branch_code.as_str());
        let issue = Self::issue_of(
            &user,
            &prefix,
            DocumentKind::Request,
            paper_language,
            today,
            last.as_ref().map(|last| last.id),
        );
        let id = match self
            .store
            .issue_document(claim.id, None, &issue, |number, anchor| render(number, refers.clone(), anchor))
        {
            Ok(id) => id,
            Err(IssueError::Store(error)) => return Err(error.into()),
            Err(IssueError::Render(error)) => return Err(error),
        };
        let document = self.store.issued_document(id)?.ok_or_else(|| {
            DeskError::NotFound(text(self.language(), "not_found.document", &[("id", &id.to_string())]))
        })?;
        self.issued_dto(&document)
    }

    /// The latest document of a kind a claim issued, with its bytes exactly as issued.
    pub fn issued_document(
        &self,
        id_or_number: &str,
        kind: IssuedKindCode,
    ) -> Result<(IssuedDocumentDto, Vec<u8>), DeskError> {
        self.session()?;
        let claim = self.find_claim(id_or_number)?;
        let last = self
            .store
            .issued_documents(claim.id)?
            .into_iter()
            .rev()
            .find(|d| d.kind == DocumentKind::from(kind))
            .ok_or_else(|| {
                DeskError::NotFound(text(
                    self.language(),
                    "decision_error.none_issued",
                    &[
                        ("number", &claim.number),
                        (
                            "kind",
                            &text(
                                self.language(),
                                &format!("issued.kind.{}", DocumentKind::from(kind).code()),
                                &[],
                            ),
                        ),
                    ],
                ))
            })?;
        self.issued_pdf(last.id)
    }

    /// One issued document by id, with its bytes (checked against the stored SHA-256).
    pub fn issued_pdf(&self, document_id: i64) -> Result<(IssuedDocumentDto, Vec<u8>), DeskError> {
        self.session()?;
        let (document, bytes) = self.store.issued_pdf(document_id)?.ok_or_else(|| {
            DeskError::NotFound(text(
                self.language(),
                "not_found.document",
                &[("id", &document_id.to_string())],
            ))
        })?;
        let sha = crate::documents::attachments::sha256_hex(&bytes);
        if sha != document.sha256 {
            return Err(DeskError::Internal(text(
                self.language(),
                "decision_error.damaged",
                &[("number", &document.number)],
            )));
        }
        Ok((self.issued_dto(&document)?, bytes))
    }

    /// Writes an issued document's bytes to `path` (Save as), readable by the user only
    /// where the system has such permissions.
    pub fn save_issued_document(
        &self,
        document_id: i64,
        path: &std::path::Path,
    ) -> Result<IssuedDocumentDto, DeskError> {
        let (document, bytes) = self.issued_pdf(document_id)?;
        self.write_issued(path, &bytes)?;
        Ok(document)
    }

    pub(super) fn write_issued(&self, path: &std::path::Path, bytes: &[u8]) -> Result<(), DeskError> {
        write_private(path, bytes).map_err(|error| {
            DecisionError::CannotWrite { path: path.display().to_string(), problem: error.to_string() }.into()
        })
    }

    /// The folder the system viewer's copies go to: beside the database, the owner's alone
    /// (never a temporary folder shared with other accounts).
    pub fn viewing_folder(&self) -> std::path::PathBuf {
        self.store.path().parent().unwrap_or_else(|| std::path::Path::new(".")).join("viewing")
    }

    /// A copy of an issued document in `folder` under its number, for the system's viewer.
    pub fn viewing_copy(
        &self,
        document_id: i64,
        folder: &std::path::Path,
    ) -> Result<std::path::PathBuf, DeskError> {
        let (document, bytes) = self.issued_pdf(document_id)?;
        let path = folder.join(&document.file_name);
        tovon_store::private_folder(folder)
            .map_err(|error| DeskError::Internal(format!("{}: {error}", folder.display())))?;
        self.write_issued(&path, &bytes)?;
        Ok(path)
    }

    pub(crate) fn issued_dto(&self, document: &StoredDocument) -> Result<IssuedDocumentDto, DeskError> {
        let refers_to = match document.refers_to {
            Some(id) => self.store.issued_document(id)?.map(|old| old.number),
            None => None,
        };
        Ok(IssuedDocumentDto {
            id: document.id,
            kind: document.kind.into(),
            number: document.number.clone(),
            language: document.language.into(),
            issued_on: document.issued_on.to_string(),
            sha256: document.sha256.clone(),
            size: document.size,
            refers_to,
            user: document.user.clone(),
            file_name: format!("{}.pdf", document.number),
        })
    }
}
