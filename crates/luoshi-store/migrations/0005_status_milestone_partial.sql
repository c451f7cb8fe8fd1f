-- A milestone task's reports are those without a target: index only them,
-- keyed by task then date, so the effective milestone report is the first
-- row of a backward walk. With `target_id` in the key instead, PostgreSQL
-- does not treat `target_id IS NULL` as fixing it and sorted each task's
-- reports to find the latest (and the index held every target report too).
DROP INDEX progress_by_milestone;
CREATE INDEX progress_by_milestone ON progress_reports (task_id, as_of, version, id, review_state, superseded_by, milestone)
    WHERE target_id IS NULL;
