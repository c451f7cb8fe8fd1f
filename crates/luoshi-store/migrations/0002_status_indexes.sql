-- Indexes that answer the status query from the index alone: each
-- subject's effective report is found by walking one index backwards from
-- the date asked about (the order (as_of, version, id) of `ORDER BY … DESC
-- LIMIT 1` is the index order), and the review state it must check is in
-- the index too, so no table row is read until the report is chosen.
DROP INDEX progress_by_target;
DROP INDEX progress_by_task;
CREATE INDEX progress_by_target ON progress_reports (target_id, as_of, version, id, review_state);
CREATE INDEX progress_by_task ON progress_reports (task_id, as_of, review_state);
CREATE INDEX progress_by_milestone ON progress_reports (task_id, target_id, as_of, version, id, review_state);
