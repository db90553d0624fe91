//! The head office's key file: made at first use, its owner's alone, read back the same,
//! refused by name when it is not one (never replaced).

use std::os::unix::fs::PermissionsExt;

#[test]
fn the_key_file_is_made_once_read_back_the_same_and_refused_when_damaged() {
    let dir = tempfile_dir();
    let path = dir.join("tovon-hq.key");
    let made = tovon_hq::identity(&path).unwrap().public();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o077, 0);
    let again = tovon_hq::identity(&path).unwrap().public();
    assert_eq!(tovon_exchange::fingerprint(&again), tovon_exchange::fingerprint(&made));
    std::fs::write(&path, "tovon hq key 1\nzz\n").unwrap();
    let error = tovon_hq::identity(&path).err().unwrap();
    assert!(error.to_string().contains("tovon-hq.key"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "tovon hq key 1\nzz\n", "left as it was");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tovon-hq-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
