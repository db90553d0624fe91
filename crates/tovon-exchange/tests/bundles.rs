//! A bundle sealed by one party and opened by another, and every fault a carried file can
//! have: a changed byte, a cut, another receiver, an unknown or a false signer, a member
//! swapped under a signed manifest, a newer format or schema. Each is refused by name.

use ed25519_dalek::SigningKey;
use tovon_exchange::{
    AuditRange, BundleError, ExchangeIdentity, Manifest, Member, Party, fingerprint, open, seal,
};

fn party() -> ExchangeIdentity {
    ExchangeIdentity::with_new_decryption(SigningKey::generate(&mut rand_core::OsRng))
}

fn manifest(number: u64) -> Manifest {
    Manifest {
        format: 0,
        schema: 19,
        sender: "ТШ".to_owned(),
        receiver: "HQ".to_owned(),
        number,
        acknowledges: 3,
        audit: Some(AuditRange {
            first: 101,
            last: 140,
            previous_hash: "a".repeat(64),
            last_hash: "b".repeat(64),
        }),
        members: vec![],
    }
}

fn members() -> Vec<Member> {
    vec![
        Member { name: "audit.jsonl".to_owned(), bytes: "{\"seq\":101}\n".repeat(40).into_bytes() },
        Member { name: "documents/ТШ-2026-Д0001.pdf".to_owned(), bytes: b"%PDF-1.7 ...".to_vec() },
    ]
}

struct Network {
    desk: ExchangeIdentity,
    hq: ExchangeIdentity,
}

impl Network {
    fn new() -> Network {
        Network { desk: party(), hq: party() }
    }

    fn sealed(&self) -> Vec<u8> {
        seal(manifest(41), &members(), &self.desk, &self.hq.public()).unwrap()
    }

    fn open(&self, sealed: &[u8]) -> Result<tovon_exchange::Opened, BundleError> {
        let desk = self.desk.public();
        open(sealed, &self.hq, |name| name == "HQ", 19, |sender| (sender == "ТШ").then(|| desk.clone()))
    }
}

#[test]
fn a_sealed_bundle_opens_whole_at_its_receiver() {
    let network = Network::new();
    let opened = network.open(&network.sealed()).unwrap();
    assert_eq!(opened.members, members());
    assert_eq!((opened.manifest.number, opened.manifest.acknowledges, opened.manifest.format), (41, 3, 1));
    assert_eq!(opened.manifest.members[1].size, 12);
    assert_eq!(opened.manifest.audit.unwrap().last, 140);
    // Nothing readable of the members in the carried file: PINFL and scans travel encrypted.
    let sealed = network.sealed();
    assert!(!sealed.windows(11).any(|window| window == b"audit.jsonl"));
    assert!(!sealed.windows(8).any(|window| window == b"%PDF-1.7"));
}

#[test]
fn a_changed_byte_anywhere_or_a_cut_file_is_refused_as_damaged() {
    let network = Network::new();
    let sealed = network.sealed();
    for at in [0, 40, sealed.len() / 2, sealed.len() - 1] {
        let mut changed = sealed.clone();
        changed[at] ^= 0x01;
        assert!(
            matches!(network.open(&changed), Err(BundleError::Damaged { .. } | BundleError::NotForUs)),
            "byte {at}"
        );
    }
    for keep in [0, 10, sealed.len() / 2, sealed.len() - 1] {
        assert!(
            matches!(network.open(&sealed[..keep]), Err(BundleError::Damaged { .. } | BundleError::NotForUs)),
            "cut at {keep}"
        );
    }
    assert!(matches!(network.open(b"PK\x03\x04 not a bundle"), Err(BundleError::Damaged { .. })));
}

#[test]
fn a_bundle_for_another_receiver_or_from_an_unknown_or_false_sender_is_refused() {
    let network = Network::new();
    let stranger = party();
    // Encrypted to another office's key.
    let elsewhere = seal(manifest(41), &members(), &network.desk, &stranger.public()).unwrap();
    assert_eq!(network.open(&elsewhere).unwrap_err(), BundleError::NotForUs);
    // Encrypted to us, but addressed to another in its signed manifest.
    let named = Manifest { receiver: "SAM".to_owned(), ..manifest(41) };
    let misaddressed = seal(named, &members(), &network.desk, &network.hq.public()).unwrap();
    assert_eq!(
        network.open(&misaddressed).unwrap_err(),
        BundleError::OtherReceiver { named: "SAM".to_owned() }
    );
    // From a desk the office does not know.
    let unknown = Manifest { sender: "XR".to_owned(), ..manifest(41) };
    let sealed = seal(unknown, &members(), &network.desk, &network.hq.public()).unwrap();
    assert_eq!(network.open(&sealed).unwrap_err(), BundleError::UnknownSender { sender: "XR".to_owned() });
    // Signed by someone else in ТШ's name.
    let forged = seal(manifest(41), &members(), &stranger, &network.hq.public()).unwrap();
    assert_eq!(network.open(&forged).unwrap_err(), BundleError::BadSignature { sender: "ТШ".to_owned() });
}

#[test]
fn a_newer_format_or_schema_is_refused_before_anything_is_read() {
    let network = Network::new();
    let newer = Manifest { schema: 20, ..manifest(41) };
    let sealed = seal(newer, &members(), &network.desk, &network.hq.public()).unwrap();
    assert_eq!(network.open(&sealed).unwrap_err(), BundleError::NewerSchema { found: 20, known: 19 });
}

#[test]
fn keys_travel_as_text_and_read_back_to_the_same_fingerprint() {
    let desk = party();
    let public = desk.public();
    let again = Party::from_text(&public.verifying_hex(), &public.recipient_text()).unwrap();
    assert_eq!(fingerprint(&again), fingerprint(&public));
    assert_eq!(fingerprint(&public).split(' ').count(), 8);
    let restored =
        ExchangeIdentity::new(SigningKey::generate(&mut rand_core::OsRng), &desk.decryption_text()).unwrap();
    assert_eq!(restored.public().recipient_text(), public.recipient_text());
    assert!(
        ExchangeIdentity::new(SigningKey::generate(&mut rand_core::OsRng), "AGE-SECRET-KEY-1XYZ").is_none()
    );
    assert!(Party::from_text("zz", &public.recipient_text()).is_none());
}

#[test]
fn an_enrolment_request_reads_back_and_refuses_a_fingerprint_not_its_keys() {
    use tovon_exchange::{EnrolmentRequest, RequestError};
    let desk = party();
    let request = EnrolmentRequest::of("ТШ", &desk.public());
    let text = serde_json::to_vec(&request).unwrap();
    let (read, party) = EnrolmentRequest::read(&text).unwrap();
    assert_eq!(read, request);
    assert_eq!(fingerprint(&party), request.fingerprint);
    let altered = |edit: &dyn Fn(&mut EnrolmentRequest)| {
        let mut changed = request.clone();
        edit(&mut changed);
        EnrolmentRequest::read(&serde_json::to_vec(&changed).unwrap()).unwrap_err()
    };
    let other = party_keys();
    assert!(matches!(altered(&|r| r.recipient = other.clone()), RequestError::WrongFingerprint { .. }));
    assert_eq!(altered(&|r| r.verifying_key = "00".to_owned()), RequestError::BadKeys);
    assert_eq!(altered(&|r| r.branch = " ".to_owned()), RequestError::NoBranch);
    assert_eq!(altered(&|r| r.format = 2), RequestError::NewerFormat { found: 2, known: 1 });
    assert!(matches!(EnrolmentRequest::read(b"{\"format\": 1}"), Err(RequestError::NotARequest { .. })));
}

fn party_keys() -> String {
    party().public().recipient_text()
}
