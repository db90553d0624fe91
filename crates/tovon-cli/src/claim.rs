//! `tovon claim …`: register an incident, show a claim, list claims, move one along.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use tovon_desk::dto::{
    ClaimDraftDto, ClaimDto, ClaimListQueryDto, ClaimOutcome, ClaimSortCode, ClaimStateCode,
    ClaimTransitionDto, DueFilterCode, WorkQueueCode,
};
use tovon_desk::messages::text;
use tovon_desk::{Desk, DeskError};

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Registers an incident; prints its number and the warnings to look at.
    New(Box<NewClaim>),
    /// One claim (by number or id) with its deadlines, warnings and events.
    Show {
        claim: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Claims, the overdue first: number, state, next deadline, insured person.
    List {
        /// Only claims in this state (registered, awaiting_documents, under_review, …).
        #[arg(long, value_parser = parse_state)]
        status: Option<ClaimStateCode>,
        /// Only claims with an overdue deadline.
        #[arg(long)]
        overdue: bool,
        /// Only claims whose act waits for a supervisor's approval.
        #[arg(long)]
        awaiting_approval: bool,
        /// Only the claims of one line of `tovon claim today` (payments_due, mine, …).
        #[arg(long, value_parser = parse_queue)]
        queue: Option<WorkQueueCode>,
        /// Claim number (in part, either script), policy number, PINFL, passport or name.
        #[arg(long, default_value = "")]
        query: String,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// The signed-in user's work for today: each queue with its count (the Today screen).
    Today {
        #[arg(long)]
        json: bool,
    },
    /// Calculates the claim with a Calculator request (FILE, `-` for standard input; its
    /// sum insured, event and birth dates are the claim's) and saves it to the claim.
    Calc {
        claim: String,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Moves a claim to STATE; refusal, deferral and reopening need --reason.
    Transition {
        claim: String,
        #[arg(value_parser = parse_state)]
        state: ClaimStateCode,
        #[arg(long, default_value = "")]
        reason: String,
        /// The day it happened (default today).
        #[arg(long, default_value = "")]
        on: String,
    },
    #[command(flatten)]
    Documents(crate::documents::DocumentCommand),
}

#[derive(Debug, Args)]
pub struct NewClaim {
    /// A JSON draft (as the window sends it; `-` for standard input) instead of the options.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["policy", "claimant"])]
    from: Option<PathBuf>,
    /// The policy: series and number, PINFL or passport; it must match exactly one.
    #[arg(long, required_unless_present = "from")]
    policy: Option<String>,
    /// The registering branch's code, the number's prefix (e.g. ТШ).
    #[arg(long, required_unless_present = "from")]
    branch: Option<String>,
    #[arg(long, required_unless_present = "from")]
    claimant: Option<String>,
    /// Who the claimant is to the insured person.
    #[arg(long, default_value = "ўзи")]
    relation: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    beneficiary: String,
    #[arg(long, required_unless_present = "from")]
    event_date: Option<String>,
    #[arg(long, required_unless_present = "from")]
    place: Option<String>,
    #[arg(long, required_unless_present = "from")]
    circumstances: Option<String>,
    #[arg(long, value_parser = ["injury", "disability", "death"], default_value = "injury")]
    outcome: String,
    /// The day the written notice came in (default today).
    #[arg(long)]
    notice_date: Option<String>,
    #[arg(long)]
    driving: bool,
    #[arg(long)]
    fracture: bool,
    #[arg(long)]
    criminal_case: bool,
    #[arg(long)]
    suicide: bool,
    #[arg(long, default_value = "")]
    notes: String,
    #[arg(long)]
    json: bool,
}

fn parse_state(text: &str) -> Result<ClaimStateCode, String> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_owned())).map_err(|_| {
        "expected registered, awaiting_documents, under_review, approved, refused, deferred, act_signed, paid or closed"
            .to_owned()
    })
}

pub(crate) fn parse_queue(text: &str) -> Result<WorkQueueCode, String> {
    WorkQueueCode::ALL.into_iter().find(|queue| queue.code() == text.trim()).ok_or_else(|| {
        let codes: Vec<&str> = WorkQueueCode::ALL.iter().map(|queue| queue.code()).collect();
        format!("expected one of {}", codes.join(", "))
    })
}

fn invalid(field: &str, problem: String) -> DeskError {
    DeskError::InvalidInput { field: field.to_owned(), problem }
}

fn draft(desk: &Desk, new: &NewClaim, today: chrono::NaiveDate) -> Result<ClaimDraftDto, DeskError> {
    if let Some(file) = &new.from {
        let written = crate::read_file(file)?;
        return serde_json::from_str(&written).map_err(|error| {
            invalid("FILE", text(desk.language(), "cli.not_a_draft", &[("detail", &error.to_string())]))
        });
    }
    let query = new.policy.clone().unwrap_or_default();
    let found = desk.find_policies(&query)?;
    let policy = match found.as_slice() {
        [one] => one.id,
        [] => {
            return Err(invalid(
                "policy",
                text(desk.language(), "cli.no_policy_matches", &[("query", &query)]),
            ));
        }
        many => {
            let listed: Vec<String> =
                many.iter().take(5).map(|p| format!("{} {}", p.series, p.number)).collect();
            return Err(invalid(
                "policy",
                text(
                    desk.language(),
                    "cli.many_policies",
                    &[("query", &query), ("count", &many.len().to_string()), ("listed", &listed.join(", "))],
                ),
            ));
        }
    };
    Ok(ClaimDraftDto {
        policy_id: Some(policy),
        policy_by_hand: None,
        branch_code: new.branch.clone().unwrap_or_default(),
        claimant_name: new.claimant.clone().unwrap_or_default(),
        claimant_relation: new.relation.clone(),
        claimant_phone: new.phone.clone(),
        beneficiary_name: new.beneficiary.clone(),
        event_date: new.event_date.clone().unwrap_or_default(),
        event_place: new.place.clone().unwrap_or_default(),
        circumstances: new.circumstances.clone().unwrap_or_default(),
        outcome: match new.outcome.as_str() {
            "disability" => ClaimOutcome::Disability,
            "death" => ClaimOutcome::Death,
            _ => ClaimOutcome::Injury,
        },
        notice_date: new.notice_date.clone().unwrap_or_else(|| today.to_string()),
        was_driving: new.driving,
        fracture: new.fracture,
        criminal_case: new.criminal_case,
        suicide: new.suicide,
        notes: new.notes.clone(),
    })
}

pub fn run(desk: &mut Desk, command: ClaimCommand) -> Result<(), DeskError> {
    let today = chrono::Local::now().date_naive();
    match command {
        ClaimCommand::New(new) => {
            let draft = draft(desk, &new, today)?;
            let claim = desk.register_claim(&draft, today)?;
            if new.json {
                print_json(&claim);
            } else {
                println!("{}  {}  {}", claim.number, code(&claim.state), claim.insured_name);
                for warning in &claim.warnings {
                    println!(
                        "warning ({}): {}",
                        if warning.clause.is_empty() { "-" } else { &warning.clause },
                        warning.message
                    );
                }
            }
        }
        ClaimCommand::Calc { claim, file, json } => {
            let request = crate::read_file(&file)?;
            let claim = desk.calculate_claim(&claim, &request, today)?;
            if json {
                print_json(&claim);
            } else if let Some(calculation) = &claim.calculation {
                let result = &calculation.result;
                println!(
                    "{}  calculation {}  table v{}  payable {}",
                    claim.number, calculation.count, result.table_version, result.payable
                );
                for deferred in &result.deferred {
                    println!("deferred (D14): {} from {}", deferred.item, deferred.earliest_date);
                }
            }
        }
        ClaimCommand::Show { claim, json } => {
            let claim = desk.claim(&claim, today)?;
            if json {
                print_json(&claim);
            } else {
                print!("{}", render(&claim));
            }
        }
        ClaimCommand::Today { json } => {
            let work = desk.today(today)?;
            if json {
                print_json(&work);
                return Ok(());
            }
            for line in &work.queues {
                let title = text(desk.language(), &format!("today.queue.{}", line.queue.code()), &[]);
                println!("{:>6}  {:<26}  {title}", line.count, line.queue.code());
            }
        }
        ClaimCommand::List { status, overdue, awaiting_approval, queue, query, limit, json } => {
            let list = desk.list_claims(
                &ClaimListQueryDto {
                    state: status,
                    due: overdue.then_some(DueFilterCode::Overdue),
                    awaiting_approval,
                    queue,
                    query,
                    sort: ClaimSortCode::NextDue,
                    limit,
                    offset: 0,
                },
                today,
            )?;
            if json {
                print_json(&list);
                return Ok(());
            }
            if list.rows.is_empty() {
                return Err(DeskError::NotFound(tovon_desk::messages::text(
                    desk.language(),
                    "claims.empty",
                    &[],
                )));
            }
            for row in &list.rows {
                let next = match (&row.next_due, &row.next_due_kind, &row.due_state) {
                    (Some(due), Some(kind), Some(state)) => format!("{} {due} {}", code(kind), code(state)),
                    _ => "-".to_owned(),
                };
                println!(
                    "{}  {:<18}  {:<40}  {}  {}{}",
                    row.number,
                    code(&row.state),
                    next,
                    row.policy,
                    row.insured_name,
                    if row.awaiting_approval { "  awaiting_approval" } else { "" }
                );
            }
            if list.total > list.rows.len() as i64 {
                println!("({} of {} claims listed)", list.rows.len(), list.total);
            }
        }
        ClaimCommand::Documents(command) => crate::documents::run(desk, command)?,
        ClaimCommand::Transition { claim, state, reason, on } => {
            let claim =
                desk.transition_claim(&claim, &ClaimTransitionDto { to: state, reason, on_date: on }, today)?;
            println!("{}  {}", claim.number, code(&claim.state));
            if let Some(next) = &claim.next_due {
                println!("next: {} due {} ({})", code(&next.kind), next.due, next.clause);
            }
        }
    }
    Ok(())
}

/// The snake-case code of a DTO enum, as JSON spells it.
pub(crate) fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

fn print_json<T: serde::Serialize>(value: &T) {
    println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
}

fn render(claim: &ClaimDto) -> String {
    let mut text = format!(
        "{}  {}\nwaits on:  {}\npolicy:    {} {}{}\ninsured:   {}\nclaimant:  {} ({})\nevent:     {}, {}; {}\noutcome:   {}\nnotice:    {}\n",
        claim.number,
        code(&claim.state),
        code(&claim.waits_on),
        claim.policy.series,
        claim.policy.number,
        if claim.policy.in_registry { "" } else { "  (not in registry)" },
        claim.insured_name,
        claim.claimant_name,
        claim.claimant_relation,
        claim.event_date,
        claim.event_place,
        claim.circumstances,
        code(&claim.outcome),
        claim.notice_date,
    );
    if let Some(calculation) = &claim.calculation {
        text.push_str(&format!(
            "calculation {}: {} ({}), table v{}, payable {}\n",
            calculation.count,
            calculation.calculated_on,
            calculation.user,
            calculation.result.table_version,
            calculation.result.payable
        ));
    }
    text.push_str(&format!(
        "documents: {} of {} required received\n",
        claim.documents_required - claim.documents_missing,
        claim.documents_required
    ));
    text.push_str("deadlines:\n");
    for deadline in &claim.deadlines {
        let kind = match &deadline.item {
            Some(item) => format!("{} {item}", code(&deadline.kind)),
            None => code(&deadline.kind),
        };
        text.push_str(&format!(
            "  {:<20} due {}  from {}  ({})  {}\n",
            kind,
            deadline.due,
            deadline.basis,
            deadline.clause,
            code(&deadline.state)
        ));
    }
    for warning in &claim.warnings {
        text.push_str(&format!("warning: {}\n", warning.message));
    }
    text.push_str("events:\n");
    for event in &claim.events {
        text.push_str(&format!(
            "  {}  {}  {} → {}{}{}\n",
            event.on_date,
            event.user,
            event.from_state.as_ref().map(code).unwrap_or_else(|| "-".to_owned()),
            code(&event.to_state),
            if event.reopening { " (reopened)" } else { "" },
            if event.reason.is_empty() { String::new() } else { format!(": {}", event.reason) }
        ));
    }
    text
}
