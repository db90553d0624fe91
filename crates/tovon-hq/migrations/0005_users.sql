-- 0005: the head office's own users (issue 20). The head office holds every branch's
-- identifiers and medical scans: once it has a user, every command that reads or changes
-- what it holds signs in (Argon2id passwords), an identifier is shown in full only when
-- asked and that is logged, and every read of a scan is logged, with who and when.
CREATE TABLE hq_user (
    id            BIGSERIAL PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9_.-]{2,32}$'),
    full_name     TEXT NOT NULL CHECK (full_name <> ''),
    -- administrator: everything; auditor: reads (status, claims, scans) and nothing else.
    role          TEXT NOT NULL CHECK (role IN ('administrator', 'auditor')),
    password_hash TEXT NOT NULL,
    added_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE hq_access_log (
    id      BIGSERIAL PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    login   TEXT NOT NULL,
    -- sign_in, wrong_password, reveal (identifiers shown in full), scan (a scan's bytes read).
    action  TEXT NOT NULL CHECK (action IN ('sign_in', 'wrong_password', 'reveal', 'scan')),
    subject TEXT NOT NULL DEFAULT ''
);

-- The log is appended to, never changed.
CREATE FUNCTION hq_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is never changed';
END;
$$;
CREATE TRIGGER hq_access_log_no_change BEFORE UPDATE OR DELETE ON hq_access_log
    FOR EACH ROW EXECUTE FUNCTION hq_access_log_append_only();
