-- 重点项目 and the 三个一批 pipeline. Same portable conventions as
-- 0001_ledger.sql: {pk}, BIGINT, DOUBLE PRECISION, 0/1 flags, ISO dates,
-- RFC 3339 timestamps; ids allocated by the store.

-- A key project. `identity` makes re-imports idempotent: `code:<项目编号>`
-- when the sheet has one, else `name:<项目名称>|<县区>`. Investments in 万元.
-- `signed_on` … `effective_on` are the date each stage was first reached
-- among the active steps of `project_stage_steps` (kept in step with them
-- by the store, inside the writing transaction).
CREATE TABLE projects (
    id {pk},
    identity TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    code TEXT,
    enterprise TEXT NOT NULL,
    county TEXT NOT NULL,
    industry_chain TEXT NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    total_investment DOUBLE PRECISION,
    annual_planned_investment DOUBLE PRECISION,
    plan_year BIGINT,
    responsible_unit TEXT NOT NULL,
    responsible_leader TEXT NOT NULL,
    signed_on TEXT,
    started_on TEXT,
    producing_on TEXT,
    effective_on TEXT,
    source TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX projects_by_county ON projects (county);
CREATE INDEX projects_by_unit ON projects (responsible_unit);
CREATE INDEX projects_by_kind ON projects (kind);

-- Evidence of each stage step: from a sheet, by hand, or from a monthly
-- report. A step of a report that is returned or corrected turns inactive.
CREATE TABLE project_stage_steps (
    id {pk},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    stage TEXT NOT NULL,
    reached_on TEXT NOT NULL,
    evidence TEXT NOT NULL,
    origin TEXT NOT NULL,
    report_id BIGINT,
    active BIGINT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX project_steps_by_project ON project_stage_steps (project_id, stage);
CREATE INDEX project_steps_by_report ON project_stage_steps (report_id);

-- 月调度: append-only monthly reports, as progress_reports: a correction is
-- a new row that `supersedes` the old; review columns record 审核.
-- `completed_investment` is the year-to-date cumulative figure (万元).
CREATE TABLE project_reports (
    id {pk},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    as_of TEXT NOT NULL,
    completed_investment DOUBLE PRECISION NOT NULL,
    in_statistics BIGINT NOT NULL,
    stage TEXT,
    progress TEXT NOT NULL,
    problems TEXT NOT NULL,
    next_steps TEXT NOT NULL,
    origin TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    version BIGINT NOT NULL,
    supersedes BIGINT REFERENCES project_reports (id),
    superseded_by BIGINT,
    review_state TEXT NOT NULL,
    review_reason TEXT,
    reviewed_by TEXT,
    reviewed_at TEXT
);
CREATE INDEX project_reports_by_project ON project_reports (project_id, as_of);

-- 要素保障: problems holding a project up, and who must solve them.
CREATE TABLE project_problems (
    id {pk},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    owner TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    solved_on TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX project_problems_by_project ON project_problems (project_id);

-- Targets whose actual is computed from projects (see luoshi_ledger::projects::links).
CREATE TABLE project_target_links (
    id {pk},
    target_id BIGINT NOT NULL REFERENCES targets (id),
    filter_json TEXT NOT NULL,
    measure_json TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX project_links_by_target ON project_target_links (target_id);
