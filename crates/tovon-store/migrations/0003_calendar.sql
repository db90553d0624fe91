-- 0003: the bank-day calendar: days that differ from the five-day week. Shipped defaults
-- are copied in once per year (calendar_seeded); an administrator's days replace them.
CREATE TABLE calendar_day (
    day        TEXT PRIMARY KEY NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind       TEXT NOT NULL CHECK (kind IN ('holiday', 'working')),
    name       TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL CHECK (source IN ('default', 'administrator')),
    estimate   INTEGER NOT NULL DEFAULT 0 CHECK (estimate IN (0, 1)),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE calendar_seeded (
    year      INTEGER PRIMARY KEY NOT NULL,
    seeded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
