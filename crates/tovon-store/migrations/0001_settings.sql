-- 0001: the desk's own settings (key → value), e.g. the interface language.
-- Shipped migrations are never edited: a change is a new file (ARCHITECTURE.md).
CREATE TABLE setting (
    key        TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
