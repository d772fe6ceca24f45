-- The journey projection keeps the end of the last period the match's check-in stream reported, so that
-- next_due_at follows the decider after a cadence change. The journey projection is new and replays
-- the log from the start, filling it.
alter table progress_matches add column last_due_reported timestamptz;
