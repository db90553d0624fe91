-- 0021: a desk restored from a backup while enrolled (issue 20) would re-issue numbers the
-- head office already has. It holds from the first entry after the restore: it numbers no
-- claim and no document, and changes no claim, until the head office's copy of the history
-- it lost is replayed (then NULL again).
ALTER TABLE exchange_state ADD COLUMN restored_from INTEGER CHECK (restored_from IS NULL OR restored_from > 0);
