//! `tovon decide ID …` (approve with the act, refuse with grounds, defer with the case,
//! sign, pay, a payment from outside, show) and `tovon print act|refusal|request ID`.

use std::path::Path;

use clap::{Subcommand, ValueEnum};
use tovon_desk::dto::{
    ApproveDto, DecisionViewDto, DeferDto, ExternalPaymentInputDto, IssuedKindCode, LanguageTag,
    PayeeInputDto, PayeeRoleCode, PaymentInputDto, RefuseDto,
};
use tovon_desk::{Desk, DeskError, InputError, Language};

use crate::claim::code;

#[derive(Debug, Subcommand)]
pub enum DecideCommand {
    /// Approves: the incident act from the latest calculation, numbered and stored. Without
    /// --payee the desk's default payees (1.1.3) are used.
    Approve {
        /// ROLE:AMOUNT:NAME, ROLE one of insured, bank, heir, other; repeat per payee.
        #[arg(long = "payee")]
        payees: Vec<String>,
        /// The day of the decision (default today).
        #[arg(long, default_value = "")]
        on: String,
        /// The act's language (default the desk's).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Refuses on one or more grounds (see `decide ID show`) with the reasoned explanation.
    Refuse {
        #[arg(long = "ground", required = true)]
        grounds: Vec<String>,
        #[arg(long)]
        explanation: String,
        #[arg(long, default_value = "")]
        on: String,
        #[arg(long)]
        lang: Option<String>,
    },
    /// Defers the decision until the named case is ruled on (6.7).
    Defer {
        #[arg(long = "case")]
        case_reference: String,
        #[arg(long, default_value = "")]
        explanation: String,
        #[arg(long, default_value = "")]
        on: String,
    },
    /// A supervisor approves the act waiting above the officer's authority limit: it is
    /// issued as drafted.
    Confirm,
    /// Returns the act waiting for approval (a supervisor, with --note) or withdraws it (its
    /// author).
    Return {
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The act was signed by both sides (default today).
    Sign {
        #[arg(long, default_value = "")]
        on: String,
    },
    /// A transfer to a payee (its id from `decide ID show`).
    Pay {
        #[arg(long)]
        payee: i64,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        order: String,
        #[arg(long, default_value = "")]
        on: String,
    },
    /// A payment to the insured person made outside the desk, entered once.
    External {
        #[arg(long)]
        paid_on: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        item: Option<String>,
        #[arg(long)]
        reference: String,
    },
    /// The decision view: payable, payees, payments, documents issued.
    Show {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PrintKind {
    Act,
    Refusal,
    Request,
}

fn language_tag(lang: Option<&str>) -> Result<Option<LanguageTag>, DeskError> {
    lang.map(|tag| tag.parse::<Language>().map(LanguageTag::from)).transpose().map_err(DeskError::from)
}

fn payee(text: &str, index: usize) -> Result<PayeeInputDto, DeskError> {
    let mut parts = text.splitn(3, ':');
    let (Some(role), Some(amount), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(InputError::Shape {
            field: format!("payee[{index}]"),
            value: text.to_owned(),
            shape: "ROLE:AMOUNT:NAME".to_owned(),
        }
        .into());
    };
    let role = match role.trim() {
        "insured" => PayeeRoleCode::Insured,
        "bank" => PayeeRoleCode::Bank,
        "heir" => PayeeRoleCode::Heir,
        "other" => PayeeRoleCode::Other,
        other => {
            return Err(InputError::NotOneOf {
                field: format!("payee[{index}]"),
                value: other.to_owned(),
                expected: "insured, bank, heir, other".to_owned(),
            }
            .into());
        }
    };
    Ok(PayeeInputDto { role, name: name.to_owned(), details: String::new(), amount: amount.to_owned() })
}

fn report(view: &DecisionViewDto) {
    println!("{}: {}", view.number, code(&view.state));
    if let Some(payable) = &view.payable {
        println!(
            "payable {payable}{}",
            if view.prior_changed { " (payments changed since: calculate again)" } else { "" }
        );
    }
    for prior in &view.prior_payments {
        println!(
            "  paid before: {} {} {} {}",
            prior.source,
            prior.paid_on,
            prior.item.as_deref().unwrap_or("—"),
            prior.amount
        );
    }
    for decision in &view.decisions {
        println!("decision {} on {} by {}", code(&decision.kind), decision.decided_on, decision.user);
        for ground in &decision.grounds {
            println!("  ground {} ({}): {}", ground.code, ground.clause, ground.title);
        }
        if !decision.case_reference.is_empty() {
            println!("  case {}", decision.case_reference);
        }
        if let Some(approver) = &decision.approved_by {
            println!("  approved by {approver}");
        }
        if let Some(signed) = &decision.signed_on {
            println!("  act signed {signed}");
        }
        for payee in &decision.payees {
            println!(
                "  payee {} {} {} {}: paid {}",
                payee.id,
                code(&payee.role),
                payee.name,
                payee.amount,
                payee.paid
            );
        }
    }
    if let Some(submission) = &view.submission {
        println!(
            "act {} {} by {} on {}{}",
            code(&submission.state),
            submission.payable,
            submission.author,
            submission.submitted_at,
            submission
                .reviewer
                .as_ref()
                .map_or(String::new(), |reviewer| format!("; {reviewer}: {}", submission.note))
        );
    }
    for document in &view.documents {
        println!(
            "issued {} {} {} {} bytes sha256 {}",
            code(&document.kind),
            document.number,
            document.issued_on,
            document.size,
            document.sha256
        );
    }
    if let Some(deadline) = &view.payment_deadline {
        println!("payment due {} ({})", deadline.due, code(&deadline.state));
    }
    if let Some(late) = &view.refusal_late {
        eprintln!("warning: {late}");
    }
}

pub fn run(desk: &mut Desk, claim: &str, command: DecideCommand) -> Result<(), DeskError> {
    let today = chrono::Local::now().date_naive();
    let view = match command {
        DecideCommand::Approve { payees, on, lang } => {
            let payees = if payees.is_empty() {
                desk.decision_view(claim, today)?.default_payees
            } else {
                payees.iter().enumerate().map(|(index, text)| payee(text, index)).collect::<Result<_, _>>()?
            };
            let language = language_tag(lang.as_deref())?;
            desk.approve_claim(claim, &ApproveDto { payees, decided_on: on, language }, today)?
        }
        DecideCommand::Refuse { grounds, explanation, on, lang } => {
            let before = desk.decision_view(claim, today)?;
            if let Some(late) = before.refusal_late {
                eprintln!("warning: {late}");
            }
            let language = language_tag(lang.as_deref())?;
            desk.refuse_claim(claim, &RefuseDto { grounds, explanation, decided_on: on, language }, today)?
        }
        DecideCommand::Defer { case_reference, explanation, on } => {
            desk.defer_claim(claim, &DeferDto { case_reference, explanation, decided_on: on }, today)?
        }
        DecideCommand::Confirm => desk.approve_submission(claim, today)?,
        DecideCommand::Return { note } => desk.close_submission(claim, &note, today)?,
        DecideCommand::Sign { on } => desk.sign_act(claim, &on, today)?,
        DecideCommand::Pay { payee, amount, order, on } => desk.record_payment(
            claim,
            &PaymentInputDto { payee_id: payee, paid_on: on, amount, order_number: order },
            today,
        )?,
        DecideCommand::External { paid_on, amount, item, reference } => desk.add_external_payment(
            claim,
            &ExternalPaymentInputDto { paid_on, amount, item, reference },
            today,
        )?,
        DecideCommand::Show { json } => {
            let view = desk.decision_view(claim, today)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&view).unwrap_or_default());
                return Ok(());
            }
            view
        }
    };
    report(&view);
    Ok(())
}

/// `tovon print KIND ID -o FILE`: the stored bytes of the latest act or refusal letter, or a
/// documents request (issued now unless the same one was issued today).
pub fn print(
    desk: &mut Desk,
    kind: PrintKind,
    claim: &str,
    lang: Option<&str>,
    output: &Path,
) -> Result<(), DeskError> {
    let today = chrono::Local::now().date_naive();
    let language = language_tag(lang)?;
    let (document, bytes) = match kind {
        PrintKind::Request => {
            let issued = desk.issue_request(claim, language, today)?;
            desk.issued_pdf(issued.id)?
        }
        PrintKind::Act | PrintKind::Refusal => {
            let kind =
                if matches!(kind, PrintKind::Act) { IssuedKindCode::Act } else { IssuedKindCode::Refusal };
            let (document, bytes) = desk.issued_document(claim, kind)?;
            if let Some(language) = language.filter(|language| *language != document.language) {
                return Err(InputError::PrintedAsIssued {
                    number: document.number,
                    issued: Language::from(document.language).tag().to_owned(),
                    asked: Language::from(language).tag().to_owned(),
                }
                .into());
            }
            (document, bytes)
        }
    };
    tovon_desk::write_private(output, &bytes).map_err(|error| InputError::CannotWrite {
        field: "output".to_owned(),
        path: output.display().to_string(),
        problem: error.to_string(),
    })?;
    println!(
        "{} {} → {} ({} bytes, sha256 {})",
        document.number,
        document.issued_on,
        output.display(),
        bytes.len(),
        document.sha256
    );
    Ok(())
}
