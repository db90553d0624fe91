-- 0004: the insurer's policy register, imported from its files; search by series and
-- number, PINFL, passport, and by name in either script (name_search is the folded Latin
-- form, indexed by an FTS5 trigram index).
CREATE TABLE policy_import (
    id          INTEGER PRIMARY KEY NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    rows_read   INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE policy (
    id                INTEGER PRIMARY KEY NOT NULL,
    series            TEXT NOT NULL,
    number            TEXT NOT NULL,
    issued_on         TEXT NOT NULL,
    starts_on         TEXT NOT NULL,
    ends_on           TEXT NOT NULL,
    premium_paid_on   TEXT,
    sum_insured_tiyin INTEGER NOT NULL CHECK (sum_insured_tiyin > 0),
    full_name         TEXT NOT NULL,
    name_search       TEXT NOT NULL,
    birth_date        TEXT NOT NULL,
    pinfl             TEXT NOT NULL CHECK (length(pinfl) = 14),
    passport          TEXT,
    phone             TEXT,
    address           TEXT,
    loan_agreement    TEXT,
    loan_amount_tiyin INTEGER,
    branch            TEXT,
    -- 0: entered by hand for a claim, "not in registry".
    in_registry       INTEGER NOT NULL DEFAULT 1 CHECK (in_registry IN (0, 1)),
    import_id         INTEGER REFERENCES policy_import (id),
    CHECK (starts_on <= ends_on)
) STRICT;

CREATE UNIQUE INDEX policy_series_number ON policy (series, number);
CREATE INDEX policy_pinfl ON policy (pinfl);
CREATE INDEX policy_passport ON policy (passport);
CREATE INDEX policy_number ON policy (number);

CREATE VIRTUAL TABLE policy_name USING fts5 (
    name_search, content = 'policy', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER policy_name_after_insert AFTER INSERT ON policy BEGIN
    INSERT INTO policy_name (rowid, name_search) VALUES (new.id, new.name_search);
END;
CREATE TRIGGER policy_name_after_delete AFTER DELETE ON policy BEGIN
    INSERT INTO policy_name (policy_name, rowid, name_search) VALUES ('delete', old.id, old.name_search);
END;
CREATE TRIGGER policy_name_after_update AFTER UPDATE OF name_search ON policy BEGIN
    INSERT INTO policy_name (policy_name, rowid, name_search) VALUES ('delete', old.id, old.name_search);
    INSERT INTO policy_name (rowid, name_search) VALUES (new.id, new.name_search);
END;

-- A re-import that changes a policy records what it was and what it became.
CREATE TABLE policy_change (
    id         INTEGER PRIMARY KEY NOT NULL,
    policy_id  INTEGER NOT NULL REFERENCES policy (id),
    import_id  INTEGER NOT NULL REFERENCES policy_import (id),
    before     TEXT NOT NULL,
    after      TEXT NOT NULL
) STRICT;
