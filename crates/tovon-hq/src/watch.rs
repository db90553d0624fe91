//! A folder the head office watches for bundles carried by hand (issue 20): each bundle found
//! there (or each bundle whose parts are all there) is taken in as `tovon-hq import` would,
//! then moved out of the way — to `taken/` when applied or holding nothing new, to `waiting/`
//! when earlier entries are missing, to `refused/` beside a `.txt` saying why — so a file is
//! never taken twice and never silently dropped. Parts wait in place until all are there; a
//! file that cannot be read is said and left for the next pass.

use std::path::{Path, PathBuf};

use tovon_exchange::ExchangeIdentity;

use crate::{Hq, HqError, Ingested};

/// What became of one bundle found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file (the first part's, for a bundle in parts).
    pub file: String,
    /// `taken`, `waiting` or `refused`: the folder it was moved to; `unreadable`: left in
    /// place, tried again at the next pass.
    pub outcome: &'static str,
    pub detail: String,
}

/// One pass over `folder`: every bundle there taken in and moved; what became of each.
pub fn watch_once(hq: &mut Hq, identity: &ExchangeIdentity, folder: &Path) -> Result<Vec<Found>, HqError> {
    let problem = |error: std::io::Error| HqError::Serve(format!("{}: {error}", folder.display()));
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(problem)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tovon") && !name.starts_with('.'))
        .collect();
    names.sort();
    let mut found = Vec::new();
    let mut done: Vec<String> = Vec::new();
    for name in &names {
        if done.contains(name) {
            continue;
        }
        let bytes = match crate::read_bundle_file(&folder.join(name)) {
            Ok(bytes) => bytes,
            // Still being copied in, or not a file one may read: said, left where it is.
            Err(error) => {
                found.push(Found { file: name.clone(), outcome: "unreadable", detail: error.to_string() });
                continue;
            }
        };
        let (files, sealed) = match tovon_exchange::part_of(&bytes) {
            None => (vec![name.clone()], Ok(bytes)),
            Some(Err(error)) => (vec![name.clone()], Err(error.to_string())),
            Some(Ok((header, _))) => {
                let whole = tovon_exchange::whole_file_name(name).unwrap_or_else(|| name.clone());
                let parts: Vec<String> = (1..=header.count)
                    .map(|index| tovon_exchange::part_file_name(&whole, index, header.count))
                    .collect();
                if !parts.iter().all(|part| names.contains(part)) {
                    continue; // the other parts are still on their way
                }
                let joined = tovon_exchange::assemble(name, bytes, |sibling| {
                    crate::read_bundle_file(&folder.join(sibling)).ok()
                })
                .map_err(|error| error.to_string());
                (parts, joined)
            }
        };
        done.extend(files.iter().cloned());
        let (outcome, detail) = match sealed {
            Err(detail) => ("refused", detail),
            Ok(sealed) => match hq.ingest(&sealed, identity) {
                Ok(Ingested::Applied { desk, number, first, last }) => {
                    ("taken", format!("{desk} bundle {number} applied, entries {first}–{last}"))
                }
                Ok(Ingested::NoOp { desk, number }) => {
                    ("taken", format!("{desk} bundle {number} holds nothing new"))
                }
                Ok(Ingested::Waiting { desk, number, missing_first, missing_last, .. }) => (
                    "waiting",
                    format!("{desk} bundle {number} waits: entries {missing_first}–{missing_last} missing"),
                ),
                Err(HqError::Refused(refusal)) => ("refused", refusal.to_string()),
                Err(error) => return Err(error),
            },
        };
        move_away(folder, outcome, &files, &detail).map_err(problem)?;
        found.push(Found { file: files[0].clone(), outcome, detail });
    }
    Ok(found)
}

/// Moves `files` into `folder/outcome/`, with the reason beside a refused or waiting one.
fn move_away(folder: &Path, outcome: &str, files: &[String], detail: &str) -> std::io::Result<()> {
    let to: PathBuf = folder.join(outcome);
    std::fs::create_dir_all(&to)?;
    for file in files {
        std::fs::rename(folder.join(file), to.join(file))?;
    }
    if outcome != "taken" {
        std::fs::write(to.join(format!("{}.txt", files[0])), format!("{detail}\n"))?;
    }
    Ok(())
}
