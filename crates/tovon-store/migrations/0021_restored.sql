-- 0021: a desk restored from a backup while enrolled (issue 20) would re-issue numbers the
-- head office already has. It holds from the first entry after the backup's own: it numbers
-- no claim and no document, and changes no claim, until the head office's copy of the history
-- it lost is replayed (then NULL again). Each restore draws a nonce its bundles carry: only the
-- head office's answer to this restore is applied, never one to an earlier restore.
ALTER TABLE exchange_state ADD COLUMN restored_from INTEGER CHECK (restored_from IS NULL OR restored_from > 0);
ALTER TABLE exchange_state ADD COLUMN restore_nonce TEXT
    CHECK (restore_nonce IS NULL OR restore_nonce GLOB '[0-9a-f]*' AND length(restore_nonce) = 32);
