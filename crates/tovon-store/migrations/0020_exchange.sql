-- 0020: the desk's side of the exchange with the head office (issue 20). Each bundle made for
-- the head office is remembered by its number with the audit entries it carried, so the
-- head office's acknowledgement of a number says up to which entry it holds the log; and
-- the state of the exchange: the desk's last bundle acknowledged (the chain confirmed up to
-- that entry), the head office's last bundle applied here. Bookkeeping, not records: not
-- audited (a head office bundle that changes records is logged by what it changes).
CREATE TABLE exchange_sent (
    number    INTEGER PRIMARY KEY NOT NULL CHECK (number > 0),
    first_seq INTEGER NOT NULL CHECK (first_seq > 0),
    last_seq  INTEGER NOT NULL CHECK (last_seq >= first_seq - 1),
    last_hash TEXT NOT NULL,
    size      INTEGER NOT NULL CHECK (size > 0),
    made_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE exchange_state (
    id              INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    -- The desk's last bundle the head office applied, and the entry it reached.
    acknowledged    INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged >= 0),
    confirmed_seq   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_seq >= 0),
    confirmed_hash  TEXT NOT NULL DEFAULT '',
    acknowledged_at TEXT,
    -- The head office's last bundle applied here.
    applied         INTEGER NOT NULL DEFAULT 0 CHECK (applied >= 0),
    applied_at      TEXT
) STRICT;

INSERT INTO exchange_state (id) VALUES (1);
