//! The head office over HTTPS (issue 20): `POST /v1/exchange` takes a desk's bundle (the
//! body, signed by the desk: that signature is the request's authentication) and answers with
//! the head office's next bundle for that desk, made only once the desk's bundle was opened
//! and checked. TLS with the head office's own certificate (made at first use, self-signed,
//! its SHA-256 sent to desks in their terms and pinned by them). Ingest runs on blocking
//! threads, one database connection each.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use tovon_exchange::ExchangeIdentity;

use crate::{Hq, HqError, Ingested, Refusal};

/// The most a posted bundle may hold.
const MAX_BUNDLE: usize = 256 * 1024 * 1024;

/// The server's certificate and key (DER), and the certificate's SHA-256 desks pin.
pub struct Certificate {
    pub der: Vec<u8>,
    pub key_der: Vec<u8>,
    pub sha256: String,
}

/// The certificate kept in `path` (PEM: certificate, then key; the owner's alone), made at
/// first use for `names` (host names and addresses desks reach the head office by).
pub fn certificate(path: &Path, names: &[String]) -> Result<Certificate, HqError> {
    let problem = |problem: String| HqError::KeyFile { path: path.display().to_string(), problem };
    let pem = match std::fs::read_to_string(path) {
        Ok(pem) => pem,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let made = rcgen::generate_simple_self_signed(names.to_vec())
                .map_err(|error| problem(error.to_string()))?;
            let pem = format!("{}{}", made.cert.pem(), made.key_pair.serialize_pem());
            crate::identity::write_private(path, pem.as_bytes())
                .map_err(|error| problem(error.to_string()))?;
            pem
        }
        Err(error) => return Err(problem(error.to_string())),
    };
    use rustls::pki_types::pem::PemObject;
    let der = rustls::pki_types::CertificateDer::from_pem_slice(pem.as_bytes())
        .map_err(|error| problem(format!("its certificate: {error}")))?;
    let key = rustls::pki_types::PrivatePkcs8KeyDer::from_pem_slice(pem.as_bytes())
        .map_err(|error| problem(format!("its key: {error}")))?;
    let sha256 = tovon_exchange::sha256_hex(der.as_ref());
    Ok(Certificate { der: der.as_ref().to_vec(), key_der: key.secret_pkcs8_der().to_vec(), sha256 })
}

struct Served {
    database: String,
    identity: ExchangeIdentity,
}

/// Serves on `listen` until the process ends; `ready` hears the address bound (a port 0
/// becomes the one the system gave).
pub fn serve(
    database: String,
    identity: ExchangeIdentity,
    certificate: Certificate,
    listen: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), HqError> {
    let failed = |error: std::io::Error| HqError::Serve(error.to_string());
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().map_err(failed)?;
    let tls = rustls::ServerConfig::builder_with_provider(Arc::new(ring_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|error| HqError::Serve(error.to_string()))?
        .with_no_client_auth()
        .with_single_cert(
            vec![certificate.der.into()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(certificate.key_der.into()),
        )
        .map_err(|error| HqError::Serve(error.to_string()))?;
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let served = Arc::new(Served { database, identity });
    let app = Router::new()
        .route(tovon_exchange::EXCHANGE_PATH, post(exchange))
        .layer(DefaultBodyLimit::max(MAX_BUNDLE))
        .with_state(served);
    // Bound before the runtime runs, so `ready` (which may use the database's synchronous
    // client, itself a runtime) is called outside it.
    let listener = std::net::TcpListener::bind(listen).map_err(failed)?;
    listener.set_nonblocking(true).map_err(failed)?;
    ready(listener.local_addr().map_err(failed)?);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(failed)?;
        loop {
            let (stream, _) = listener.accept().await.map_err(failed)?;
            let (acceptor, app) = (acceptor.clone(), app.clone());
            tokio::spawn(async move {
                // A handshake that fails (a desk pinning another certificate) ends that
                // connection only.
                let Ok(stream) = acceptor.accept(stream).await else { return };
                let service = hyper_util::service::TowerToHyperService::new(app);
                let _ = hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new())
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

/// A desk's bundle in, the head office's next bundle for it out.
async fn exchange(State(served): State<Arc<Served>>, body: Bytes) -> Response {
    let answered = tokio::task::spawn_blocking(move || answer(&served, &body)).await;
    match answered {
        Ok(Ok((outcome, bundle))) => {
            let mut response = (StatusCode::OK, bundle).into_response();
            response.headers_mut().insert("tovon-outcome", HeaderValue::from_static(outcome));
            response
        }
        Ok(Err(HqError::Refused(refusal))) => {
            let mut response = (status_of(&refusal), refusal.to_string()).into_response();
            response.headers_mut().insert("tovon-refusal", HeaderValue::from_static(refusal.code()));
            response
        }
        Ok(Err(error)) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

fn answer(served: &Served, body: &[u8]) -> Result<(&'static str, Vec<u8>), HqError> {
    let mut hq = Hq::reconnect(&served.database)?;
    let (outcome, desk) = match hq.ingest(body, &served.identity)? {
        Ingested::Applied { desk, .. } => ("applied", desk),
        Ingested::NoOp { desk, .. } => ("no_op", desk),
        Ingested::Waiting { desk, .. } => ("waiting", desk),
    };
    Ok((outcome, hq.bundle_for(&desk, &served.identity)?.bytes))
}

fn status_of(refusal: &Refusal) -> StatusCode {
    match refusal {
        Refusal::Bundle(
            tovon_exchange::BundleError::BadSignature { .. }
            | tovon_exchange::BundleError::UnknownSender { .. },
        ) => StatusCode::FORBIDDEN,
        Refusal::Revoked { .. } => StatusCode::FORBIDDEN,
        Refusal::Rewritten { .. } => StatusCode::CONFLICT,
        Refusal::Bundle(_) | Refusal::Chain { .. } | Refusal::Member { .. } => StatusCode::BAD_REQUEST,
    }
}

/// rustls over ring. rustls marks it deprecated for its lack of post-quantum key exchange;
/// the provider that has one (aws-lc-rs) needs cmake and a C toolchain at build time, which
/// the desks' build machines do not have. TLS 1.3 with X25519 is what ring gives.
#[allow(deprecated)]
fn ring_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}
