//! The exchange over HTTPS (issue 20): a desk's bundle posted to the head office's address,
//! the head office's answer (its next bundle for the desk) read back. The head office's
//! certificate is believed only when it is the one its enrolment answer named (its SHA-256,
//! pinned); no certificate authority is asked. The desk is known by its bundle's signature:
//! the request body is the signed bundle.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

/// The most an answer may hold.
const MAX_ANSWER: u64 = 256 * 1024 * 1024;

/// What the head office made of the bundle, and its answer.
#[derive(Debug)]
pub enum Answer {
    /// Taken in (applied, nothing new, or waiting: `outcome`); `bundle` is the head office's
    /// next bundle for the desk.
    Taken { outcome: String, bundle: Vec<u8> },
    /// Refused: the head office's code for why (`bad_signature`, `rewritten`, …) and its
    /// words.
    Refused { code: String, reason: String },
}

/// Why no answer came.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("the head office at {address} presented a certificate other than the one enrolled")]
    WrongCertificate { address: String },
    #[error("the head office at {address} cannot be reached: {detail}")]
    Unreachable { address: String, detail: String },
}

/// Accepts the one certificate whose SHA-256 was pinned; the handshake's signatures are
/// still checked with it.
#[derive(Debug)]
struct Pinned {
    sha256: String,
    provider: Arc<CryptoProvider>,
    mismatch: Arc<AtomicBool>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if tovon_exchange::sha256_hex(end_entity.as_ref()) == self.sha256 {
            Ok(ServerCertVerified::assertion())
        } else {
            self.mismatch.store(true, Ordering::SeqCst);
            Err(rustls::Error::General("not the enrolled certificate".to_owned()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// Posts `bundle` to the head office at `address` (`https://host:port`), whose certificate's
/// SHA-256 is `certificate`; returns its answer.
pub fn post(address: &str, certificate: &str, bundle: &[u8]) -> Result<Answer, TransportError> {
    let unreachable = |detail: String| TransportError::Unreachable { address: address.to_owned(), detail };
    let provider = Arc::new(ring_provider());
    let mismatch = Arc::new(AtomicBool::new(false));
    let verifier = Pinned {
        sha256: certificate.to_owned(),
        provider: Arc::clone(&provider),
        mismatch: Arc::clone(&mismatch),
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| unreachable(error.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    let agent = ureq::AgentBuilder::new()
        .tls_config(Arc::new(config))
        .timeout_connect(Duration::from_secs(15))
        .timeout(Duration::from_secs(600))
        .build();
    let url = format!("{}{}", address.trim_end_matches('/'), tovon_exchange::EXCHANGE_PATH);
    let sent = agent.post(&url).set("content-type", "application/octet-stream").send_bytes(bundle);
    match sent {
        Ok(response) => {
            let outcome = response.header("tovon-outcome").unwrap_or_default().to_owned();
            let mut bytes = Vec::new();
            response
                .into_reader()
                .take(MAX_ANSWER)
                .read_to_end(&mut bytes)
                .map_err(|error| unreachable(error.to_string()))?;
            Ok(Answer::Taken { outcome, bundle: bytes })
        }
        Err(ureq::Error::Status(status, response)) => {
            let code = response.header("tovon-refusal").unwrap_or("").to_owned();
            let reason = response.into_string().unwrap_or_default();
            Ok(Answer::Refused {
                code: if code.is_empty() { format!("http_{status}") } else { code },
                reason,
            })
        }
        Err(ureq::Error::Transport(_)) if mismatch.load(Ordering::SeqCst) => {
            Err(TransportError::WrongCertificate { address: address.to_owned() })
        }
        Err(ureq::Error::Transport(transport)) => Err(unreachable(transport.to_string())),
    }
}

/// rustls over ring. rustls marks it deprecated for its lack of post-quantum key exchange;
/// the provider that has one (aws-lc-rs) needs cmake and a C toolchain at build time, which
/// the desks' build machines do not have. TLS 1.3 with X25519 is what ring gives.
#[allow(deprecated)]
fn ring_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}
