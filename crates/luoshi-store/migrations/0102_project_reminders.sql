-- 催办 of key projects: a reminder to a project's 包联单位 about a missing
-- or lagging 月调度 report.
CREATE TABLE project_reminders (
    id {pk},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    unit TEXT NOT NULL,
    message TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    due TEXT,
    acknowledged_at TEXT
);
CREATE INDEX project_reminders_by_project ON project_reminders (project_id);
