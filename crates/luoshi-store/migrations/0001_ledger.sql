-- The ledger schema, one text for SQLite and PostgreSQL.
--
-- Portable on purpose (see shared/spec/DEPENDENCIES.md, sqlx `Any` traps):
--   * {pk} becomes `INTEGER PRIMARY KEY` on SQLite (a rowid alias) and
--     `BIGINT PRIMARY KEY` on PostgreSQL; ids are allocated by the store
--     inside the writing transaction, so no sequences are needed;
--   * integers are BIGINT, numbers DOUBLE PRECISION, flags 0/1 BIGINT;
--   * dates are ISO text (`2024-06-30`, or `--06-30` when the year is unknown),
--     timestamps RFC 3339 text in UTC; both compare correctly as text.

-- Every writing transaction first bumps this row: it serialises writers on
-- both backends (SQLite takes its write lock at once instead of failing to
-- upgrade later; PostgreSQL queues on the row lock).
CREATE TABLE write_lock (
    id BIGINT NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO write_lock (id, n) VALUES (1, 0);

-- A stored document version. Versions of one document share `lineage_id`
-- (the id of version 1) and link to the version they replace.
CREATE TABLE documents (
    id {pk},
    lineage_id BIGINT NOT NULL,
    version BIGINT NOT NULL,
    supersedes BIGINT REFERENCES documents (id),
    title TEXT,
    source TEXT NOT NULL,
    issuer TEXT,
    doc_number TEXT,
    plan_year BIGINT,
    plan_start TEXT,
    period_end TEXT,
    reporting_cycle TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    ingested_by TEXT NOT NULL,
    UNIQUE (lineage_id, version)
);

CREATE TABLE sections (
    id {pk},
    document_id BIGINT NOT NULL REFERENCES documents (id),
    position BIGINT NOT NULL,
    level BIGINT NOT NULL,
    heading TEXT NOT NULL,
    span_start BIGINT,
    span_end BIGINT
);
CREATE INDEX sections_by_document ON sections (document_id, position);

-- 工作任务. `id` is stable: a revised document version carries it over.
-- `document_id` is the newest version that contains the task; `active` is 0
-- once a task is retired (dropped by a new version, merged or split away).
CREATE TABLE tasks (
    id {pk},
    lineage_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    position BIGINT NOT NULL,
    section_path TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    span_start BIGINT,
    span_end BIGINT,
    deadline TEXT,
    source_key TEXT,
    origin TEXT NOT NULL,
    active BIGINT NOT NULL,
    retired_reason TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX tasks_by_document ON tasks (document_id, position);
CREATE INDEX tasks_by_lineage ON tasks (lineage_id);

-- 量化目标.
CREATE TABLE targets (
    id {pk},
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    position BIGINT NOT NULL,
    metric TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    unit TEXT NOT NULL,
    cmp TEXT NOT NULL,
    deadline TEXT,
    yearly BIGINT NOT NULL,
    baseline DOUBLE PRECISION,
    plan_start TEXT,
    span_start BIGINT,
    span_end BIGINT,
    source_text TEXT NOT NULL,
    active BIGINT NOT NULL
);
CREATE INDEX targets_by_task ON targets (task_id, position);

-- 责任单位. A merged unit keeps its row and points to the one it became.
CREATE TABLE units (
    id {pk},
    name TEXT NOT NULL UNIQUE,
    merged_into BIGINT REFERENCES units (id),
    created_at TEXT NOT NULL
);

-- Every spelling a unit is known by, normalised (the canonical name too).
CREATE TABLE unit_aliases (
    alias TEXT NOT NULL PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id)
);
CREATE INDEX unit_aliases_by_unit ON unit_aliases (unit_id);

-- 牵头 (lead, position 0) and 配合 units of a task, in order.
CREATE TABLE task_units (
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    position BIGINT NOT NULL,
    is_lead BIGINT NOT NULL,
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_by_unit ON task_units (unit_id);

-- 进展报送: append-only. The reported facts (as_of, value, milestone, texts)
-- are never updated; a correction is a new row that `supersedes` the old one,
-- whose `superseded_by` is then set. Review columns record the supervisor's
-- decision (submitted → accepted | returned).
CREATE TABLE progress_reports (
    id {pk},
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    target_id BIGINT REFERENCES targets (id),
    as_of TEXT NOT NULL,
    value DOUBLE PRECISION,
    milestone TEXT,
    narrative TEXT,
    problems TEXT,
    next_steps TEXT,
    reported_by TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    version BIGINT NOT NULL,
    supersedes BIGINT REFERENCES progress_reports (id),
    superseded_by BIGINT,
    review_state TEXT NOT NULL,
    review_reason TEXT,
    reviewed_by TEXT,
    reviewed_at TEXT
);
CREATE INDEX progress_by_target ON progress_reports (target_id, as_of);
CREATE INDEX progress_by_task ON progress_reports (task_id, as_of);
CREATE INDEX progress_by_supersedes ON progress_reports (supersedes);

-- Who changed what, when, and what it was before.
CREATE TABLE audit_log (
    id {pk},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);

-- Thresholds, default reporting cycle and other office-wide settings (JSON values).
CREATE TABLE settings (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id {pk},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id BIGINT REFERENCES units (id),
    active BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    csrf_token TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- 催办: a reminder sent to a unit about a task.
CREATE TABLE reminders (
    id {pk},
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    unit_id BIGINT REFERENCES units (id),
    message TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    due TEXT,
    acknowledged_at TEXT
);
CREATE INDEX reminders_by_task ON reminders (task_id);
