-- 0008: the documents checklist (6.2, 6.3, 6.4). What is required is computed from the
-- catalogue and the claim's facts; stored here is what came in, what the insurer asked
-- for, the scans attached, and a log of every change, which is never changed or deleted.

-- A document received for a checklist item: a catalogue code or "extra-<request id>".
-- Un-ticking (a mistake) deletes the row; the log keeps what it was.
CREATE TABLE claim_document (
    claim_id    INTEGER NOT NULL REFERENCES claim (id),
    item        TEXT NOT NULL,
    received_on TEXT NOT NULL,
    copy        INTEGER NOT NULL CHECK (copy IN (0, 1)),
    received_by TEXT NOT NULL,
    note        TEXT NOT NULL,
    -- Medical documents: an institution seen in person, or an online service whose
    -- certificate counts once verified (DOMAIN.md).
    source      TEXT CHECK (source IN ('in_person', 'online')),
    verified_on TEXT,
    verified_by TEXT,
    PRIMARY KEY (claim_id, item),
    CHECK ((verified_on IS NULL) = (verified_by IS NULL)),
    CHECK (verified_on IS NULL OR source = 'online')
) STRICT, WITHOUT ROWID;

-- The insurer's requests: a catalogue item kept for requests (the forensic report, 6.3)
-- or an extra document under 6.4 with its wording. History: never changed or deleted.
CREATE TABLE claim_document_request (
    id           INTEGER PRIMARY KEY NOT NULL,
    claim_id     INTEGER NOT NULL REFERENCES claim (id),
    item         TEXT,
    text         TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason <> ''),
    requested_on TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    entered_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (item IS NOT NULL OR text <> '')
) STRICT;

CREATE INDEX claim_document_request_claim ON claim_document_request (claim_id, id);

CREATE TRIGGER claim_document_request_no_update BEFORE UPDATE ON claim_document_request BEGIN
    SELECT RAISE(ABORT, 'a document request is history: never changed');
END;
CREATE TRIGGER claim_document_request_no_delete BEFORE DELETE ON claim_document_request BEGIN
    SELECT RAISE(ABORT, 'a document request is history: never deleted');
END;

-- A scan attached to an item. The bytes live in the attachments folder under their
-- SHA-256 (content-addressed); the row is never deleted: removing sets `removed_*` once.
CREATE TABLE claim_attachment (
    id             INTEGER PRIMARY KEY NOT NULL,
    claim_id       INTEGER NOT NULL REFERENCES claim (id),
    item           TEXT NOT NULL,
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    size           INTEGER NOT NULL CHECK (size > 0),
    media_type     TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    file_name      TEXT NOT NULL,
    added_by       TEXT NOT NULL,
    added_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    removed_at     TEXT,
    removed_by     TEXT,
    removed_reason TEXT,
    CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removed_reason IS NULL))
) STRICT;

CREATE INDEX claim_attachment_claim ON claim_attachment (claim_id, item, id);

CREATE TRIGGER claim_attachment_removed_once BEFORE UPDATE ON claim_attachment
WHEN OLD.removed_at IS NOT NULL
    OR NEW.id IS NOT OLD.id OR NEW.claim_id IS NOT OLD.claim_id OR NEW.item IS NOT OLD.item
    OR NEW.sha256 IS NOT OLD.sha256 OR NEW.size IS NOT OLD.size OR NEW.media_type IS NOT OLD.media_type
    OR NEW.file_name IS NOT OLD.file_name OR NEW.added_by IS NOT OLD.added_by
    OR NEW.added_at IS NOT OLD.added_at
BEGIN
    SELECT RAISE(ABORT, 'an attachment is only ever marked removed, once');
END;
CREATE TRIGGER claim_attachment_no_delete BEFORE DELETE ON claim_attachment BEGIN
    SELECT RAISE(ABORT, 'an attachment is never deleted: it is marked removed');
END;

-- Every change to a claim's documents and facts: who, when, what, before and after (JSON).
CREATE TABLE claim_log (
    id        INTEGER PRIMARY KEY NOT NULL,
    claim_id  INTEGER NOT NULL REFERENCES claim (id),
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_name TEXT NOT NULL,
    action    TEXT NOT NULL,
    item      TEXT,
    detail    TEXT NOT NULL CHECK (json_valid(detail))
) STRICT;

CREATE INDEX claim_log_claim ON claim_log (claim_id, id);

CREATE TRIGGER claim_log_no_update BEFORE UPDATE ON claim_log BEGIN
    SELECT RAISE(ABORT, 'the claim log is history: never changed');
END;
CREATE TRIGGER claim_log_no_delete BEFORE DELETE ON claim_log BEGIN
    SELECT RAISE(ABORT, 'the claim log is history: never deleted');
END;
