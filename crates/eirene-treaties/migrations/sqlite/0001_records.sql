-- Eirene's editable treaty records. The Parquet evidence store is separate and read-only.
-- Dates are ISO 8601 text (YYYY-MM-DD) and timestamps RFC 3339 in UTC: they sort as text and
-- read the same in SQLite and PostgreSQL.

-- One row per imported file: the provenance every imported action and fact points to.
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    file          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    layout        TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    editor        TEXT NOT NULL,
    actions_added INTEGER NOT NULL,
    actions_known INTEGER NOT NULL,
    facts_added   INTEGER NOT NULL,
    UNIQUE (sha256, layout)
);

-- Dated treaty actions. A state's status at any date is computed from these rows alone.
CREATE TABLE actions (
    id                 INTEGER PRIMARY KEY,
    state              TEXT NOT NULL,          -- ISO 3166 alpha-3
    treaty             TEXT NOT NULL,          -- registry id
    kind               TEXT NOT NULL,          -- signature, ratification, …, withdrawal
    deposited          TEXT NOT NULL,
    effective_override TEXT,                   -- replaces the treaty's date-of-effect rule
    override_note      TEXT,
    declarations       TEXT,
    source             TEXT NOT NULL,          -- file name or citation
    source_sha256      TEXT,
    source_line        INTEGER,
    editor             TEXT,
    reason             TEXT,
    import_id          INTEGER REFERENCES imports (id),
    revision           INTEGER NOT NULL DEFAULT 1,  -- bumped by every edit; guards concurrent edits
    UNIQUE (state, treaty, kind, deposited)
);
CREATE INDEX actions_by_treaty ON actions (treaty, state);

-- Every insert, update and delete of an action: who, when, why, and the row before and after
-- (JSON). Rows are never updated or deleted, and outlive the action they describe.
CREATE TABLE action_history (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL,
    operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
    at        TEXT NOT NULL,
    editor    TEXT NOT NULL,
    reason    TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX action_history_by_action ON action_history (action_id);

-- Status reported as of a period, without dates of deposit (OWID's BWC/CWC table): kept apart
-- from dated actions so that the two are never confused.
CREATE TABLE status_facts (
    id            INTEGER PRIMARY KEY,
    state         TEXT NOT NULL,
    treaty        TEXT NOT NULL,
    status        TEXT NOT NULL,
    reported      TEXT NOT NULL,
    reported_for  TEXT NOT NULL,
    as_of         TEXT NOT NULL,
    source        TEXT NOT NULL,
    source_sha256 TEXT,
    source_line   INTEGER,
    import_id     INTEGER NOT NULL REFERENCES imports (id),
    UNIQUE (state, treaty, as_of, import_id)
);
