//! Files with personal data (the database and its backups, scans, printed and saved
//! documents, the viewer's copies): readable and writable by their owner alone — files
//! 0600, folders 0700 where the system has such permissions (5.4д).

use std::io::Write;
use std::path::Path;

/// Only the owner may read or write `path` (a file: 0600).
pub fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates `folder` (and what is missing above it) and makes it the owner's alone (0700).
pub fn private_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Creates (or empties) `path` as the owner's alone, from the first byte: never readable by
/// others in between.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    // A file that existed before keeps its mode through open: set it.
    owner_only(path)?;
    Ok(file)
}

/// Writes `bytes` to `path` as the owner's alone and syncs them to the disk.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
