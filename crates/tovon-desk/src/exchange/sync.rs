//! `tovon exchange sync` (issue 20): the same bundles over HTTPS. The desk's next bundle is
//! posted to the head office's address (from its terms), the head office's certificate
//! pinned by the SHA-256 its terms named; the answer is the head office's next bundle, applied
//! here as one carried by hand would be. Nothing is lost when the network fails: the entries
//! not confirmed go again with the next bundle.

use super::bundles::{MadeBundle, Received};
use super::error::ExchangeError;
use super::transport::{Answer, TransportError, post};
use super::{HQ_ADDRESS, HQ_CERTIFICATE};
use crate::dto::{ExchangeProgressDto, ExchangeStep, SyncedDto};
use crate::{Desk, DeskError};

/// A round with the head office: what left, what it made of it, what came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    pub sent: MadeBundle,
    /// The head office's word for the desk's bundle: `applied`, `no_op` or `waiting`.
    pub taken: String,
    pub received: Received,
}

impl Desk {
    /// Sends the next bundle to the head office over HTTPS and applies its answer.
    pub fn sync_with_head_office(
        &mut self,
        progress: &mut dyn FnMut(ExchangeProgressDto),
    ) -> Result<Synced, DeskError> {
        self.session()?;
        let address = self.store.setting(HQ_ADDRESS)?;
        let certificate = self.store.setting(HQ_CERTIFICATE)?;
        let (Some(address), Some(certificate)) = (address, certificate) else {
            return Err(ExchangeError::NoAddress.into());
        };
        let (sent, sealed) = self.next_bundle(progress)?;
        self.remember_sent(&sent)?;
        progress(ExchangeProgressDto { step: ExchangeStep::Sending, done: 0, total: sealed.len() as u64 });
        let answer = post(&address, &certificate, &sealed).map_err(|error| match error {
            TransportError::WrongCertificate { address } => ExchangeError::WrongCertificate { address },
            TransportError::Unreachable { address, detail } => ExchangeError::Unreachable { address, detail },
        })?;
        match answer {
            Answer::Taken { outcome, bundle } => {
                let received = self.import_bundle_with_progress(&bundle, progress)?;
                Ok(Synced { sent, taken: outcome, received })
            }
            Answer::Refused { code, reason } => Err(ExchangeError::HeadOfficeRefused { code, reason }.into()),
        }
    }
}

impl Synced {
    /// The round, said in `language`.
    pub fn said(&self, language: tovon_core::Language) -> SyncedDto {
        SyncedDto { sent: self.sent.said(language), received: self.received.said(language) }
    }
}
