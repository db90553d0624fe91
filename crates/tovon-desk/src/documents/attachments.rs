//! Scans attached to a claim's documents: kept content-addressed beside the database
//! (`<database folder>/attachments/ab/abcd…`, the file named by its SHA-256), checked for
//! size and type when added, and checked against their SHA-256 whenever read.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest scan accepted: a multi-page PDF scanned at 300 dpi fits.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("{file}: cannot be read: {detail}")]
    Unreadable { file: String, detail: String },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: {size} bytes, more than the {max} allowed")]
    TooLarge { file: String, size: u64, max: u64 },
    #[error("{file} is not a regular file")]
    NotAFile { file: String },
    #[error("{file}: not a PDF, JPEG or PNG file")]
    NotAScan { file: String },
    #[error("{file}: the stored copy is missing from {path}")]
    Missing { file: String, path: String },
    #[error(
        "{file}: the stored copy was changed after it was attached (SHA-256 {found}, expected {expected})"
    )]
    Tampered { file: String, expected: String, found: String },
    #[error("cannot store {file}: {detail}")]
    Write { file: String, detail: String },
}

/// The media type the content says it is (never the file name).
pub fn media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

pub use tovon_store::sha256_hex;

/// A scan read from the user's file and checked, ready to store.
#[derive(Debug)]
pub struct Scan {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    pub sha256: String,
}

/// Reads and checks the file a user picked.
pub fn read_scan(path: &Path) -> Result<Scan, AttachmentError> {
    let file_name =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let unreadable =
        |e: std::io::Error| AttachmentError::Unreadable { file: file_name.clone(), detail: e.to_string() };
    let metadata = fs::metadata(path).map_err(unreadable)?;
    // A device (/dev/zero), a pipe or a folder is not a scan, and would never end.
    if !metadata.is_file() {
        return Err(AttachmentError::NotAFile { file: file_name });
    }
    if metadata.len() > MAX_BYTES {
        return Err(AttachmentError::TooLarge { file: file_name, size: metadata.len(), max: MAX_BYTES });
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    // A file that grew while it was read.
    let size = bytes.len() as u64;
    if size > MAX_BYTES {
        return Err(AttachmentError::TooLarge { file: file_name, size, max: MAX_BYTES });
    }
    if bytes.is_empty() {
        return Err(AttachmentError::Empty { file: file_name });
    }
    let media_type =
        media_type(&bytes).ok_or_else(|| AttachmentError::NotAScan { file: file_name.clone() })?;
    let sha256 = sha256_hex(&bytes);
    Ok(Scan { file_name, bytes, media_type, sha256 })
}

/// The folder of a database's attachments.
#[derive(Debug, Clone)]
pub struct AttachmentFolder {
    root: PathBuf,
}

impl AttachmentFolder {
    pub fn beside(db_path: &Path) -> AttachmentFolder {
        let folder =
            db_path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
        AttachmentFolder { root: folder.join("attachments") }
    }

    fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(sha256.get(..2).unwrap_or("00")).join(sha256)
    }

    /// Stores a scan under its hash; a file already there with the right content is kept.
    pub fn put(&self, scan: &Scan) -> Result<(), AttachmentError> {
        let path = self.path_of(&scan.sha256);
        if fs::read(&path).is_ok_and(|existing| sha256_hex(&existing) == scan.sha256) {
            return Ok(());
        }
        let write = |e: std::io::Error| AttachmentError::Write {
            file: scan.file_name.clone(),
            detail: e.to_string(),
        };
        let folder = path.parent().unwrap_or(&self.root);
        tovon_store::private_folder(&self.root).map_err(write)?;
        tovon_store::private_folder(folder).map_err(write)?;
        // Written whole and synced under a temporary name, then renamed: a crash leaves
        // either no file or the whole one.
        let temporary = folder.join(format!("{}.part", scan.sha256));
        let mut file = tovon_store::create_private(&temporary).map_err(write)?;
        file.write_all(&scan.bytes).map_err(write)?;
        file.sync_all().map_err(write)?;
        drop(file);
        fs::rename(&temporary, &path).map_err(write)?;
        Ok(())
    }

    /// The bytes of a stored scan, after checking them against the hash they were stored by.
    pub fn get(&self, sha256: &str, file_name: &str) -> Result<Vec<u8>, AttachmentError> {
        let path = self.path_of(sha256);
        let bytes = fs::read(&path).map_err(|_| AttachmentError::Missing {
            file: file_name.to_owned(),
            path: path.display().to_string(),
        })?;
        let found = sha256_hex(&bytes);
        if found != sha256 {
            return Err(AttachmentError::Tampered {
                file: file_name.to_owned(),
                expected: sha256.to_owned(),
                found,
            });
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(media_type(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(media_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(media_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(media_type(b"GIF89a"), None);
        assert_eq!(media_type(b"PK\x03\x04"), None, "a .docx is refused");
    }

    #[test]
    fn sha256_of_nothing_is_the_known_one() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
