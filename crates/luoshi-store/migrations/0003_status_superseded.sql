-- The status query checks `superseded_by` of each candidate report: keep it
-- in the covering indexes so the check reads no table row.
DROP INDEX progress_by_target;
DROP INDEX progress_by_milestone;
CREATE INDEX progress_by_target ON progress_reports (target_id, as_of, version, id, review_state, superseded_by);
CREATE INDEX progress_by_milestone ON progress_reports (task_id, target_id, as_of, version, id, review_state, superseded_by);
