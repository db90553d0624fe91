-- The reference for Tovon's first import of a register (issue 18, `make bench`): the sqlite3
-- shell loads the same CSV into a plain table with a unique key on series and number, indexes
-- PINFL and passport, and builds an FTS5 trigram index on the name as written. The same
-- durability as the desk (WAL, synchronous FULL). {CSV} is replaced with the file's path.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE policy (
    id INTEGER PRIMARY KEY, series TEXT NOT NULL, number TEXT NOT NULL, issued_on TEXT, starts_on TEXT,
    ends_on TEXT, premium_paid_on TEXT, sum_insured TEXT, full_name TEXT, birth_date TEXT, pinfl TEXT,
    passport TEXT, phone TEXT, address TEXT, loan_agreement TEXT, loan_amount TEXT, branch TEXT,
    UNIQUE (series, number)
);
CREATE TEMP TABLE staging (policy_series, policy_number, issued_on, starts_on, ends_on, premium_paid_on,
    sum_insured, full_name, birth_date, pinfl, passport, phone, address, loan_agreement, loan_amount, branch);
.mode csv
.import --skip 1 {CSV} staging
BEGIN;
INSERT INTO policy (series, number, issued_on, starts_on, ends_on, premium_paid_on, sum_insured, full_name,
    birth_date, pinfl, passport, phone, address, loan_agreement, loan_amount, branch)
    SELECT * FROM staging;
CREATE INDEX policy_pinfl ON policy (pinfl);
CREATE INDEX policy_passport ON policy (passport);
CREATE VIRTUAL TABLE policy_name USING fts5 (full_name, content = 'policy', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO policy_name (policy_name) VALUES ('rebuild');
-- What keeps the name index when a refresh changes a name.
CREATE TRIGGER policy_name_after_update AFTER UPDATE OF full_name ON policy BEGIN
    INSERT INTO policy_name (policy_name, rowid, full_name) VALUES ('delete', old.id, old.full_name);
    INSERT INTO policy_name (rowid, full_name) VALUES (new.id, new.full_name);
END;
COMMIT;
