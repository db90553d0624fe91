//! The documents checklist against a real database and attachments folder: the required
//! set from the claim's facts, receipts, requests, online certificates, completeness
//! moving the claim to review, and attachments checked by their SHA-256.

use tovon_desk::Desk;
use tovon_desk::dto::{
    ChecklistDto, ClaimFactsDto, ClaimOutcome, ClaimStateCode, DeadlineKindCode, DocumentReceiptDto,
    DocumentRequestDto, DocumentStateCode, ErrorCode, MedicalSourceCode,
};

use crate::claims::{draft, opened, policy_id, today};

/// Ticks every required item still missing, received on `on`.
pub(crate) fn receive_all(desk: &mut Desk, claim: &str, on: &str) -> ChecklistDto {
    receive_all_as_of(desk, claim, on, today())
}

/// Every missing required document received on `on`, the desk's day being `today`.
pub(crate) fn receive_all_as_of(
    desk: &mut Desk,
    claim: &str,
    on: &str,
    today: chrono::NaiveDate,
) -> ChecklistDto {
    let list = desk.documents(claim, today).unwrap();
    let mut last = list.clone();
    for item in list.groups.iter().flat_map(|group| &group.items) {
        if item.required && item.state == DocumentStateCode::Missing {
            last = desk.receive_document(claim, &receipt(&item.key, on), today).unwrap();
        }
    }
    last
}

fn receipt(item: &str, on: &str) -> DocumentReceiptDto {
    DocumentReceiptDto {
        item: item.to_owned(),
        received_on: on.to_owned(),
        copy: false,
        note: String::new(),
        source: None,
    }
}

fn keys(list: &ChecklistDto, pick: impl Fn(&tovon_desk::dto::ChecklistItemDto) -> bool) -> Vec<String> {
    list.groups
        .iter()
        .flat_map(|group| &group.items)
        .filter(|item| pick(item))
        .map(|item| item.key.clone())
        .collect()
}

fn item<'a>(list: &'a ChecklistDto, key: &str) -> &'a tovon_desk::dto::ChecklistItemDto {
    list.groups.iter().flat_map(|group| &group.items).find(|item| item.key == key).unwrap()
}

fn new_claim(desk: &mut Desk) -> String {
    let policy = policy_id(desk, "0000001");
    desk.register_claim(&draft(policy, "2026-10-01", "2026-10-05"), today()).unwrap().number
}

#[test]
fn an_injury_with_a_fracture_is_complete_the_day_its_last_item_comes_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let list = desk.documents(&number, today()).unwrap();
    assert_eq!((list.required, list.missing), (6, 6));
    assert_eq!(
        list.groups.iter().map(|group| group.clause.as_str()).collect::<Vec<_>>(),
        ["6.2.1", "6.3"],
        "grouped by clause"
    );
    assert!(list.groups[0].title.starts_with("6.2.1. Тан жароҳати"));
    assert_eq!(item(&list, "xray_images").due, "2027-01-05", "3 months from the notice (6.1б)");
    let deadline = list.deadline.clone().unwrap();
    assert_eq!((deadline.kind, deadline.due.as_str()), (DeadlineKindCode::Documents, "2027-01-05"));

    for (on, key) in (10..).zip(keys(&list, |item| item.required && item.key != "xray_images")) {
        let receipt = receipt(&key, &format!("2026-10-{on}"));
        let after = desk.receive_document(&number, &receipt, today()).unwrap();
        assert_eq!(after.state, ClaimStateCode::Registered);
    }
    let copy =
        DocumentReceiptDto {
            copy: true, note: "нусха, асли кейин".into(), ..receipt("xray_images", "")
        };
    let done = desk.receive_document(&number, &copy, today()).unwrap();
    assert_eq!(
        (done.missing, done.complete_on.as_deref()),
        (0, Some("2026-11-22")),
        "ticked today by default"
    );
    let x_ray = item(&done, "xray_images");
    assert!(x_ray.copy && x_ray.note == "нусха, асли кейин" && x_ray.received_by.is_some());
    assert_eq!(done.state, ClaimStateCode::UnderReview, "complete documents start the review");
    let decision = done.deadline.clone().unwrap();
    assert_eq!(
        (decision.kind, decision.due.as_str()),
        (DeadlineKindCode::Decision, "2026-12-07"),
        "6.6: 15 days"
    );

    let claim = desk.claim(&number, today()).unwrap();
    let step = claim.events.last().unwrap();
    assert_eq!((step.to_state, step.on_date.as_str()), (ClaimStateCode::UnderReview, "2026-11-22"));
    assert_eq!(step.reason, "Барча талаб қилинган ҳужжатлар олинди");
    assert_eq!(claim.next_due.unwrap().kind, DeadlineKindCode::Decision);
    assert_eq!((claim.documents_required, claim.documents_missing), (6, 0));
    assert_eq!(done.history.len(), 6);
    assert!(done.history.iter().all(|line| line.action == "received"));
}

#[test]
fn changed_facts_recompute_the_set_and_what_came_in_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let complete = receive_all(&mut desk, &number, "2026-11-02");
    assert_eq!(complete.state, ClaimStateCode::UnderReview);

    // A disability set later, no fracture after all: the state body's conclusion is added,
    // the X-rays stay received but are no longer required.
    let facts = ClaimFactsDto {
        outcome: ClaimOutcome::Disability,
        was_driving: true,
        fracture: false,
        beneficiary_name: None,
    };
    let changed = desk.change_claim_facts(&number, &facts, today()).unwrap();
    assert_eq!(
        keys(&changed, |item| item.required && item.state == DocumentStateCode::Missing),
        ["sobriety_conclusion", "disability_conclusion"]
    );
    let x_ray = item(&changed, "xray_images");
    assert!(!x_ray.required && x_ray.state == DocumentStateCode::Received);
    assert_eq!(changed.state, ClaimStateCode::AwaitingDocuments, "review waits for the new documents");
    assert_eq!(changed.complete_on, None);
    assert_eq!(changed.history.last().unwrap().action, "facts_changed");
    let claim = desk.claim(&number, today()).unwrap();
    assert_eq!(claim.outcome, ClaimOutcome::Disability);
    assert_eq!((claim.documents_required, claim.documents_missing), (7, 2), "the summary counts them too");
    assert!(claim.events.last().unwrap().reason.contains("Ногиронлик даражаси"), "{:?}", claim.events);

    let done = receive_all(&mut desk, &number, "2026-11-20");
    assert_eq!((done.state, done.complete_on.as_deref()), (ClaimStateCode::UnderReview, Some("2026-11-20")));
}

#[test]
fn death_asks_for_the_beneficiary_or_the_heirs_and_the_forensic_report_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let heirs = ClaimFactsDto {
        outcome: ClaimOutcome::Death,
        was_driving: false,
        fracture: false,
        beneficiary_name: Some("  ".into()),
    };
    let list = desk.change_claim_facts(&number, &heirs, today()).unwrap();
    assert_eq!(
        keys(&list, |item| item.required),
        [
            "policy_original",
            "death_certificate",
            "inheritance_certificate",
            "heirs_ids",
            "application",
            "insured_passport",
        ],
        "under 6.2.3, then 6.3: nothing under bodily injury"
    );
    let forensic = item(&list, "forensic_report");
    assert!(forensic.requestable && !forensic.required);
    let named = ClaimFactsDto { beneficiary_name: Some("Каримова Нилуфар".into()), ..heirs };
    let list = desk.change_claim_facts(&number, &named, today()).unwrap();
    assert!(keys(&list, |item| item.required).contains(&"beneficiary_id".to_owned()));
    assert!(!keys(&list, |item| item.required).contains(&"heirs_ids".to_owned()));

    let request = DocumentRequestDto {
        item: "forensic_report".into(),
        reason: "Ўлим сабабини аниқлаш".into(),
        requested_on: "2026-11-10".into(),
    };
    let requested = desk.request_document(&number, &request, today()).unwrap();
    let forensic = item(&requested, "forensic_report");
    assert!(forensic.required);
    assert_eq!((forensic.due.as_str(), forensic.due_clause.as_str()), ("2027-02-10", "5.3б"));
    assert_eq!(requested.state, ClaimStateCode::AwaitingDocuments, "the request starts 5.3б");
    let claim = desk.claim(&number, today()).unwrap();
    let asked = claim.deadlines.iter().find(|d| d.kind == DeadlineKindCode::RequestedDocuments).unwrap();
    assert_eq!(asked.due, "2027-02-10");
    // The other papers are still due by 6.1б, earlier: the summary shows the earliest,
    // as the claim's header does.
    let deadline = requested.deadline.unwrap();
    assert_eq!((deadline.kind, deadline.due.as_str()), (DeadlineKindCode::Documents, "2027-01-05"));
    assert_eq!(claim.next_due.unwrap().due, deadline.due);
    let twice = desk.request_document(&number, &request, today()).unwrap_err().to_dto(desk.language());
    assert_eq!(twice.field.as_deref(), Some("item"));
    assert!(twice.message.contains("аллақачон талаб қилинган"), "{}", twice.message);
    let required = DocumentRequestDto { item: "death_certificate".into(), ..request };
    assert!(desk.request_document(&number, &required, today()).is_err(), "a required item needs no request");
}

#[test]
fn an_extra_document_under_6_4_is_asked_for_with_its_reason_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let no_reason = DocumentRequestDto {
        item: "Иш жойидан маълумотнома".into(),
        reason: " ".into(),
        requested_on: String::new(),
    };
    let error = desk.request_document(&number, &no_reason, today()).unwrap_err().to_dto(desk.language());
    assert_eq!(
        (error.field.as_deref(), error.message.as_str()),
        (Some("reason"), "«Сабаб» тўлдирилиши шарт.")
    );
    let request = DocumentRequestDto {
        reason: "3.1и: хавфсизлик қоидалари бузилганми".into(), ..no_reason
    };
    let list = desk.request_document(&number, &request, today()).unwrap();
    let extra = list.groups.last().unwrap();
    assert_eq!(extra.clause, "6.4");
    let requested = &extra.items[0];
    assert!(requested.key.starts_with("extra-") && requested.required);
    assert_eq!(requested.title, "Иш жойидан маълумотнома");
    assert_eq!(requested.request.as_ref().unwrap().reason, "3.1и: хавфсизлик қоидалари бузилганми");
    assert_eq!(requested.due, "2027-02-22");
    assert_eq!(list.state, ClaimStateCode::AwaitingDocuments);
    let key = requested.key.clone();
    let done = receive_all(&mut desk, &number, "2026-11-21");
    assert_eq!(item(&done, &key).state, DocumentStateCode::Received);
    assert_eq!(done.state, ClaimStateCode::UnderReview);
}

#[test]
fn an_online_certificate_counts_once_someone_verified_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let online = DocumentReceiptDto {
        source: Some(MedicalSourceCode::Online),
        ..receipt("medical_certificate", "2026-11-01")
    };
    desk.receive_document(&number, &online, today()).unwrap();
    let list = receive_all(&mut desk, &number, "2026-11-02");
    let certificate = item(&list, "medical_certificate");
    assert_eq!(certificate.state, DocumentStateCode::AwaitingVerification);
    assert_eq!((list.missing, list.state), (1, ClaimStateCode::Registered));

    let early = desk.verify_document(&number, "medical_certificate", "2026-10-30", today()).unwrap_err();
    assert_eq!(early.to_dto(desk.language()).field.as_deref(), Some("verified_on"));
    let verified = desk.verify_document(&number, "medical_certificate", "2026-11-05", today()).unwrap();
    let certificate = item(&verified, "medical_certificate");
    assert_eq!(certificate.state, DocumentStateCode::Received);
    assert_eq!(certificate.counts_from.as_deref(), Some("2026-11-05"));
    assert!(certificate.verified_by.is_some());
    assert_eq!(
        (verified.state, verified.complete_on.as_deref()),
        (ClaimStateCode::UnderReview, Some("2026-11-05"))
    );

    let in_person = desk.verify_document(&number, "policy_original", "", today()).unwrap_err();
    assert_eq!(in_person.to_dto(desk.language()).field.as_deref(), Some("item"));
    let source_on_paper =
        DocumentReceiptDto { source: Some(MedicalSourceCode::Online), ..receipt("policy_original", "") };
    let error =
        desk.receive_document(&number, &source_on_paper, today()).unwrap_err().to_dto(desk.language());
    assert_eq!(error.field.as_deref(), Some("source"));
}

#[test]
fn bad_input_is_refused_naming_the_field_and_a_mistake_can_be_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let unknown = desk.receive_document(&number, &receipt("passport_of_cat", ""), today()).unwrap_err();
    let dto = unknown.to_dto(desk.language());
    assert_eq!((dto.code, dto.field.as_deref()), (ErrorCode::InvalidInput, Some("item")));
    assert!(dto.message.contains("passport_of_cat"));
    let future = desk.receive_document(&number, &receipt("application", "2026-11-23"), today()).unwrap_err();
    assert_eq!(future.to_dto(desk.language()).field.as_deref(), Some("received_on"));
    let before_event =
        desk.receive_document(&number, &receipt("application", "2026-09-30"), today()).unwrap_err();
    assert_eq!(before_event.to_dto(desk.language()).field.as_deref(), Some("received_on"));
    let not_a_date =
        desk.receive_document(&number, &receipt("application", "31.02.2026"), today()).unwrap_err();
    assert_eq!(not_a_date.to_dto(desk.language()).field.as_deref(), Some("received_on"));
    // Nothing of the refused ones was stored.
    assert_eq!(desk.documents(&number, today()).unwrap().history.len(), 0);

    let complete = receive_all(&mut desk, &number, "2026-11-03");
    assert_eq!(complete.state, ClaimStateCode::UnderReview);
    let taken_back = desk.unreceive_document(&number, "policy_original", today()).unwrap();
    assert_eq!(item(&taken_back, "policy_original").state, DocumentStateCode::Missing);
    assert_eq!(taken_back.state, ClaimStateCode::AwaitingDocuments);
    let line = taken_back.history.last().unwrap();
    assert_eq!(line.action, "unreceived");
    assert!(line.detail.contains("2026-11-03"), "the log keeps what it was: {}", line.detail);
    assert!(desk.unreceive_document(&number, "policy_original", today()).is_err());
}

/// A small PNG scan, "рентген.png", beside the database: its path and bytes.
fn scan_png(dir: &tempfile::TempDir) -> (std::path::PathBuf, Vec<u8>) {
    let png = dir.path().join("рентген.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[7; 100]);
    std::fs::write(&png, &bytes).unwrap();
    (png, bytes)
}

#[test]
fn attachments_are_checked_stored_by_hash_verified_on_read_and_removed_only_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let (png, bytes) = scan_png(&dir);
    let list = desk.attach_document(&number, "xray_images", &png, today()).unwrap();
    let attached = &item(&list, "xray_images").attachments[0];
    assert_eq!(
        (attached.file_name.as_str(), attached.media_type.as_str(), attached.size),
        ("рентген.png", "image/png", 108)
    );
    let stored = dir.path().join("attachments").join(&attached.sha256[..2]).join(&attached.sha256);
    assert_eq!(std::fs::read(&stored).unwrap(), bytes, "content-addressed beside the database");
    let (_, read) = desk.attachment_content(attached.id).unwrap();
    assert_eq!(read, bytes);
    // For the system's viewer (a window that shows no PDF): a checked copy, the owner's alone.
    let viewing = desk.attachment_viewing_copy(attached.id, &dir.path().join("viewing")).unwrap();
    assert_eq!(std::fs::read(&viewing).unwrap(), bytes);
    assert!(viewing.file_name().unwrap().to_string_lossy().ends_with("рентген.png"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&viewing).unwrap().permissions().mode() & 0o077, 0);

    let text = dir.path().join("scan.pdf");
    std::fs::write(&text, "not really a pdf").unwrap();
    let error =
        desk.attach_document(&number, "xray_images", &text, today()).unwrap_err().to_dto(desk.language());
    assert_eq!(
        (error.field.as_deref(), error.message.as_str()),
        (Some("file"), "scan.pdf: PDF, JPEG ёки PNG файл эмас.")
    );
    let big = dir.path().join("big.pdf");
    std::fs::File::create(&big).unwrap().set_len(21 * 1024 * 1024).unwrap();
    let error =
        desk.attach_document(&number, "xray_images", &big, today()).unwrap_err().to_dto(desk.language());
    assert!(error.message.contains("21.0 МБ") && error.message.contains("20.0 МБ"), "{}", error.message);
    let missing =
        desk.attach_document(&number, "xray_images", &dir.path().join("nope.png"), today()).unwrap_err();
    assert_eq!(missing.to_dto(desk.language()).field.as_deref(), Some("file"));
    // A device never ends and a folder is not a scan: each refused at once (issue 18).
    for not_a_file in [std::path::Path::new("/dev/zero"), dir.path()] {
        let refused = desk.attach_document(&number, "xray_images", not_a_file, today()).unwrap_err();
        let shown = refused.to_dto(desk.language());
        assert_eq!(shown.field.as_deref(), Some("file"));
        assert!(shown.message.contains("оддий файл эмас"), "{}", shown.message);
    }

    // Someone edits the stored file: the read says so and shows nothing.
    std::fs::write(&stored, b"\x89PNG\r\n\x1a\nchanged").unwrap();
    let tampered = desk.attachment_content(attached.id).unwrap_err().to_dto(desk.language());
    assert!(
        desk.attachment_viewing_copy(attached.id, &dir.path().join("viewing")).is_err(),
        "a changed scan is not handed to the viewer either"
    );
    assert_eq!(tampered.code, ErrorCode::Storage);
    assert!(
        tampered.message.contains("рентген.png") && tampered.message.contains("SHA-256"),
        "{}",
        tampered.message
    );
    assert_eq!(desk.check_attachments(&number).unwrap().len(), 1);
    std::fs::remove_file(&stored).unwrap();
    let gone = desk.attachment_content(attached.id).unwrap_err().to_dto(desk.language());
    assert_eq!(gone.code, ErrorCode::Storage);

    let no_reason = desk.remove_attachment(&number, attached.id, "", today()).unwrap_err();
    assert_eq!(no_reason.to_dto(desk.language()).field.as_deref(), Some("reason"));
    let removed = desk.remove_attachment(&number, attached.id, "бошқа аризанинг сурати", today()).unwrap();
    let kept = &item(&removed, "xray_images").attachments[0];
    assert_eq!(kept.removed_reason.as_deref(), Some("бошқа аризанинг сурати"));
    assert!(kept.removed_by.is_some() && kept.removed_at.is_some());
    assert_eq!(removed.history.last().unwrap().action, "attachment_removed");
    assert!(desk.remove_attachment(&number, attached.id, "again", today()).is_err());
    assert!(desk.check_attachments(&number).unwrap().is_empty(), "a removed one is not checked");
}

/// The mode bits of a file or folder (unix).
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Issue 18: every file with personal data is its owner's alone — a scan and its folders,
/// the viewer's copy and its folder beside the database (not a shared temporary folder), a
/// saved document, the database and a backup — and a backup killed half-way leaves nothing
/// behind after the next start.
#[cfg(unix)]
#[test]
fn personal_data_is_kept_by_its_owner_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = opened(&dir);
    let number = new_claim(&mut desk);
    let (png, _) = scan_png(&dir);
    let list = desk.attach_document(&number, "xray_images", &png, today()).unwrap();
    let sha = item(&list, "xray_images").attachments[0].sha256.clone();
    let root = dir.path().join("attachments");
    assert_eq!(mode(&root), 0o700);
    assert_eq!(mode(&root.join(&sha[..2])), 0o700);
    assert_eq!(mode(&root.join(&sha[..2]).join(&sha)), 0o600);
    assert_eq!(mode(&dir.path().join("tovon.sqlite3")), 0o600);

    let letter = desk.issue_request(&number, None, today()).unwrap();
    let folder = desk.viewing_folder();
    assert!(folder.starts_with(dir.path()), "beside the database: {}", folder.display());
    let copy = desk.viewing_copy(letter.id, &folder).unwrap();
    assert_eq!((mode(&folder), mode(&copy)), (0o700, 0o600));
    let saved = dir.path().join("сўров.pdf");
    std::fs::write(&saved, b"old, readable by all").unwrap();
    desk.save_issued_document(letter.id, &saved).unwrap();
    assert_eq!(mode(&saved), 0o600, "a file saved over is made the owner's too");

    let backups = tovon_desk::backups_folder(&dir.path().join("tovon.sqlite3"));
    std::fs::create_dir_all(&backups).unwrap();
    for leftover in ["tovon-20261120-090000.partial", "tovon-20261120-090000.partial-journal"] {
        std::fs::write(backups.join(leftover), b"half a copy").unwrap();
    }
    drop(desk);
    drop(opened(&dir));
    let left: Vec<_> =
        std::fs::read_dir(&backups).unwrap().flatten().map(|entry| entry.file_name()).collect();
    assert!(left.is_empty(), "a killed backup's leftovers are removed at the next start: {left:?}");
}
