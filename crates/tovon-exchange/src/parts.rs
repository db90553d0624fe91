//! A bundle above what an e-mail carries, cut into numbered parts (issue 20) and joined
//! again. A bundle that fits is one file, as sealed; a larger one is `n` part files, each
//! `TOVON-PART\n`, a header line of JSON (its index, the count, the whole's size and
//! SHA-256) and a piece of the sealed bytes. Joining checks that every part is there, that
//! they are of one bundle, and that the whole is the one the parts name; only then is the
//! bundle opened as any other.

use serde::{Deserialize, Serialize};

use crate::bundle::sha256_hex;

/// The most a bundle file may hold before it is cut into parts: 20 MB, what e-mail carries.
pub const PART_LIMIT: usize = 20_000_000;

const MAGIC: &[u8] = b"TOVON-PART\n";

/// What a part says of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartHeader {
    /// From 1.
    pub index: u32,
    pub count: u32,
    /// The whole sealed bundle's size and SHA-256.
    pub size: u64,
    pub sha256: String,
}

/// Why parts do not make a bundle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartError {
    #[error("part {index} is damaged: {detail}")]
    Damaged { index: u32, detail: String },
    #[error("parts {missing:?} of {count} are missing")]
    Missing { missing: Vec<u32>, count: u32 },
    #[error("the parts joined are not the bundle they name")]
    NotTheWhole,
}

/// The sealed bundle as files' bytes: itself when it fits in `limit`, else parts of at most
/// `limit` bytes each (header included).
pub fn split(sealed: &[u8], limit: usize) -> Vec<Vec<u8>> {
    if sealed.len() <= limit {
        return vec![sealed.to_vec()];
    }
    // A header is under 200 bytes; what is left of the limit carries the bundle.
    let piece = limit.saturating_sub(256).max(1);
    let count = sealed.len().div_ceil(piece) as u32;
    let sha256 = sha256_hex(sealed);
    sealed
        .chunks(piece)
        .enumerate()
        .map(|(at, chunk)| {
            let header =
                PartHeader { index: at as u32 + 1, count, size: sealed.len() as u64, sha256: sha256.clone() };
            let mut bytes = MAGIC.to_vec();
            // A struct of numbers and hex always serializes.
            bytes.extend_from_slice(serde_json::to_string(&header).unwrap_or_default().as_bytes());
            bytes.push(b'\n');
            bytes.extend_from_slice(chunk);
            bytes
        })
        .collect()
}

/// The part's header and its piece, when `bytes` is a part; `None` for a whole bundle.
pub fn part_of(bytes: &[u8]) -> Option<Result<(PartHeader, &[u8]), PartError>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let damaged = |detail: String| PartError::Damaged { index: 0, detail };
    let Some(end) = rest.iter().position(|byte| *byte == b'\n') else {
        return Some(Err(damaged("no header".to_owned())));
    };
    Some(
        serde_json::from_slice::<PartHeader>(&rest[..end])
            .map(|header| (header, &rest[end + 1..]))
            .map_err(|error| damaged(error.to_string())),
    )
}

/// The bundle the parts make, each part's bytes as read; parts of another bundle among them
/// are left aside.
pub fn join(of: &PartHeader, parts: &[Vec<u8>]) -> Result<Vec<u8>, PartError> {
    let mut pieces: Vec<Option<&[u8]>> = vec![None; of.count as usize];
    for bytes in parts {
        if let Some(found) = part_of(bytes) {
            let (header, piece) = found?;
            if header.sha256 == of.sha256
                && header.count == of.count
                && (1..=of.count).contains(&header.index)
            {
                pieces[header.index as usize - 1] = Some(piece);
            }
        }
    }
    let missing: Vec<u32> =
        pieces.iter().enumerate().filter(|(_, piece)| piece.is_none()).map(|(at, _)| at as u32 + 1).collect();
    if !missing.is_empty() {
        return Err(PartError::Missing { missing, count: of.count });
    }
    let whole: Vec<u8> = pieces.into_iter().flatten().flatten().copied().collect();
    if whole.len() as u64 != of.size || sha256_hex(&whole) != of.sha256 {
        return Err(PartError::NotTheWhole);
    }
    Ok(whole)
}

/// The bundle of the file `name` whose bytes are `bytes`: itself when it is a whole bundle;
/// when it is a part, the parts joined, each other part read by `sibling` (another file of
/// the same folder, by name).
pub fn assemble(
    name: &str,
    bytes: Vec<u8>,
    sibling: impl Fn(&str) -> Option<Vec<u8>>,
) -> Result<Vec<u8>, PartError> {
    let header = match part_of(&bytes) {
        None => return Ok(bytes),
        Some(found) => found?.0,
    };
    let whole = whole_file_name(name).unwrap_or_else(|| name.to_owned());
    let mut parts: Vec<Vec<u8>> = (1..=header.count)
        .filter(|index| *index != header.index)
        .filter_map(|index| sibling(&part_file_name(&whole, index, header.count)))
        .collect();
    parts.push(bytes);
    join(&header, &parts)
}

/// A part's file name: `ТШ-000041.tovon` → `ТШ-000041.2-of-3.tovon`.
pub fn part_file_name(whole: &str, index: u32, count: u32) -> String {
    let stem = whole.strip_suffix(".tovon").unwrap_or(whole);
    format!("{stem}.{index}-of-{count}.tovon")
}

/// The whole bundle's file name a part's file name is of: `ТШ-000041.2-of-3.tovon` →
/// `ТШ-000041.tovon`.
pub fn whole_file_name(part: &str) -> Option<String> {
    let stem = part.strip_suffix(".tovon")?;
    let (whole, numbers) = stem.rsplit_once('.')?;
    let (index, count) = numbers.split_once("-of-")?;
    (index.parse::<u32>().is_ok() && count.parse::<u32>().is_ok()).then(|| format!("{whole}.tovon"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_above_the_limit_is_cut_and_joined_whole_and_a_missing_or_changed_part_is_named() {
        let sealed: Vec<u8> = (0..10_000u32).flat_map(|n| n.to_le_bytes()).collect();
        assert_eq!(split(&sealed, sealed.len()), vec![sealed.clone()], "a bundle that fits is itself");
        let parts = split(&sealed, 4_096);
        assert_eq!(parts.len(), 11);
        assert!(parts.iter().all(|part| part.len() <= 4_096));
        let (header, _) = part_of(&parts[3]).unwrap().unwrap();
        assert_eq!((header.index, header.count), (4, 11));
        let mut shuffled = parts.clone();
        shuffled.reverse();
        assert_eq!(join(&header, &shuffled).unwrap(), sealed);
        let without: Vec<Vec<u8>> =
            parts.iter().enumerate().filter(|(at, _)| *at != 6).map(|(_, p)| p.clone()).collect();
        assert_eq!(join(&header, &without), Err(PartError::Missing { missing: vec![7], count: 11 }));
        let mut changed = parts.clone();
        let last = changed[2].len() - 1;
        changed[2][last] ^= 1;
        assert_eq!(join(&header, &changed), Err(PartError::NotTheWhole));
        assert_eq!(part_file_name("ТШ-000041.tovon", 2, 3), "ТШ-000041.2-of-3.tovon");
        assert_eq!(whole_file_name("ТШ-000041.2-of-3.tovon").as_deref(), Some("ТШ-000041.tovon"));
        assert_eq!(whole_file_name("ТШ-000041.tovon"), None);
    }
}
