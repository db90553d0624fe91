//! Where the exchange stands, for Settings → Exchange and the header's "not sent for N days".

use super::{HQ_ADDRESS, HQ_FINGERPRINT};
use crate::dto::{BundleDto, ExchangeStatusDto};
use crate::{Desk, DeskError};

impl Desk {
    /// Where the exchange stands, for the Settings panel and the header's reminder.
    pub fn exchange_status(&self, today: chrono::NaiveDate) -> Result<ExchangeStatusDto, DeskError> {
        self.session()?;
        let state = self.store.exchange_state()?;
        let last_sent = self.store.last_sent()?;
        let (head, _) = self.store.audit_head()?;
        let waiting_entries = (head - state.confirmed_seq).max(0);
        let day_of = |at: &str| chrono::DateTime::parse_from_rfc3339(at).ok().map(|at| at.date_naive());
        let since = last_sent.as_ref().map(|sent| sent.made_at.clone()).or_else(|| state.applied_at.clone());
        let days_unsent = since
            .as_deref()
            .and_then(day_of)
            .filter(|_| self.numbering_prefix.is_some() && waiting_entries > 0)
            .map(|day| (today - day).num_days().max(0));
        Ok(ExchangeStatusDto {
            own_fingerprint: tovon_exchange::fingerprint(&self.exchange_identity()?.public()),
            head_office_fingerprint: self.store.setting(HQ_FINGERPRINT)?,
            prefix: self.numbering_prefix.clone(),
            address: self.store.setting(HQ_ADDRESS)?,
            last_sent: last_sent.map(|sent| BundleDto { number: sent.number, at: sent.made_at }),
            acknowledged: state.acknowledged,
            confirmed_seq: state.confirmed_seq,
            waiting_entries,
            last_received: state
                .applied_at
                .filter(|_| state.applied > 0)
                .map(|at| BundleDto { number: state.applied, at }),
            days_unsent,
            awaiting_history: state.restored_from.is_some(),
        })
    }
}
