-- The effective 月调度 report of a project is its latest by (as_of, id):
-- with `id` in the index, PostgreSQL finds it by one backward index probe
-- instead of sorting every report of the project (SQLite already orders
-- index entries by rowid, which is `id`).
CREATE INDEX project_reports_latest ON project_reports (project_id, as_of, id);
DROP INDEX project_reports_by_project;
