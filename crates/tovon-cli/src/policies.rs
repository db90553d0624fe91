//! `tovon policies`: the register — import (with a saved column mapping), the header as read,
//! saved mappings, find, and a policy's PINFL and passport revealed (logged).

use tovon_desk::dto::{ColumnMappingDto, ColumnPairDto};
use tovon_desk::{Desk, DeskError};

use crate::{MappingCommand, PoliciesCommand};

pub(crate) fn run(desk: &mut Desk, command: PoliciesCommand) -> Result<(), DeskError> {
    match command {
        PoliciesCommand::Reveal { policy_id, claim } => {
            let identity = desk.reveal_identity(policy_id, claim.as_deref())?;
            println!("PINFL {}\npassport {}", identity.pinfl, identity.passport);
        }
        PoliciesCommand::Import { file, mapping } => {
            let report = desk.import_policies(&file, mapping.as_deref())?;
            println!(
                "{}: {} rows read: {} new, {} updated, {} unchanged, {} rejected",
                report.file,
                report.rows_read,
                report.inserted,
                report.updated,
                report.unchanged,
                report.rejected
            );
            for problem in &report.problems {
                println!("row {}, {}, {:?}: {}", problem.row, problem.column, problem.value, problem.problem);
            }
            if report.problems.len() < usize::try_from(report.rejected).unwrap_or(0) {
                println!("(the first {} problems are listed)", report.problems.len());
            }
        }
        PoliciesCommand::Header { file, mapping } => {
            let header = desk.import_header(&file, mapping.as_deref())?;
            for field in &header.fields {
                let column = field.position.and_then(|at| header.headers.get(at as usize));
                println!(
                    "{}{}\t{}",
                    field.field,
                    if field.required { "*" } else { "" },
                    column.map_or("—".to_owned(), |name| format!(
                        "{} (column {})",
                        name,
                        field.position.unwrap_or(0) + 1
                    ))
                );
            }
            if let Some(problem) = header.problem {
                return Err(DeskError::InvalidInput { field: "header".to_owned(), problem });
            }
        }
        PoliciesCommand::Mapping(MappingCommand::List) => {
            for mapping in desk.column_mappings()? {
                println!("{}", mapping.name);
                for pair in mapping.pairs {
                    println!("  {} = {}", pair.header, pair.field);
                }
            }
        }
        PoliciesCommand::Mapping(MappingCommand::Save { name, pairs }) => {
            let pairs = pairs
                .iter()
                .map(|pair| match pair.rsplit_once('=') {
                    Some((header, field)) => {
                        Ok(ColumnPairDto { header: header.to_owned(), field: field.to_owned() })
                    }
                    None => Err(DeskError::from(tovon_desk::InputError::Shape {
                        field: "PAIRS".to_owned(),
                        value: pair.clone(),
                        shape: "HEADER=FIELD".to_owned(),
                    })),
                })
                .collect::<Result<Vec<_>, _>>()?;
            desk.save_column_mapping(&ColumnMappingDto { name, pairs })?;
        }
        PoliciesCommand::Find { query } => {
            let found = desk.search_policies(&query)?;
            if found.policies.is_empty() {
                return Err(DeskError::NotFound(tovon_desk::messages::text(
                    desk.language(),
                    "cli.no_policy_matches",
                    &[("query", &query)],
                )));
            }
            let shown = found.policies.len();
            for policy in found.policies {
                println!(
                    "{} {}  {}  {}  {}  {}–{}{}",
                    policy.series,
                    policy.number,
                    policy.full_name,
                    policy.birth_date,
                    policy.pinfl,
                    policy.starts_on,
                    policy.ends_on,
                    if policy.in_registry { "" } else { "  (not in registry)" }
                );
            }
            if found.total > shown as i64 {
                let counts = [("shown", shown.to_string()), ("total", found.total.to_string())];
                let counts: Vec<(&str, &str)> =
                    counts.iter().map(|(name, value)| (*name, value.as_str())).collect();
                eprintln!(
                    "{}",
                    tovon_desk::messages::text(desk.language(), "registry.more_matches", &counts)
                );
            }
        }
    }
    Ok(())
}
