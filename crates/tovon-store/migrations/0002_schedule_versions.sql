-- 0002: payment schedule versions added by an administrator (version 1 ships with the
-- program). A version is never edited or deleted: a correction is a new version.
CREATE TABLE schedule_version (
    version        INTEGER PRIMARY KEY NOT NULL CHECK (version > 1),
    effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    source_toml    TEXT NOT NULL,
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    note           TEXT NOT NULL CHECK (length(trim(note)) > 0),
    added_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TRIGGER schedule_version_is_never_edited
BEFORE UPDATE ON schedule_version
BEGIN
    SELECT RAISE(ABORT, 'schedule versions are never edited; add a new version');
END;

CREATE TRIGGER schedule_version_is_never_deleted
BEFORE DELETE ON schedule_version
BEGIN
    SELECT RAISE(ABORT, 'schedule versions are never deleted; add a new version');
END;
