-- The lists page by keyset: "where <filter> and (<timestamp>, <id>) > (<cursor>) order by <timestamp>, <id>
-- limit n". An index on the filter's columns followed by the order's answers any page, the first or the
-- thousandth, with one range scan of n rows, already sorted; without one, each page read and sorted
-- every row the filter matches. The two indexes replaced here lead with the same columns as their
-- successors, so what used them (matching rounds, withdrawals, time to match) is served as before.

-- GET /cohorts/{id}/unmatched
create index apprentice_directory_waiting on apprentice_directory (cohort_id, status, enrolled_at, apprentice_id);
drop index apprentice_directory_cohort;

-- GET /mentors/{id}/apprentices and /proposals; the load counts of GET /mentors
create index match_records_roster on match_records (mentor_id, status, proposed_at, match_id);
drop index match_records_mentor;

-- GET /matches, newest first (read backwards), with and without ?cohortId=
create index match_records_history on match_records (proposed_at, match_id);
create index match_records_cohort_history on match_records (cohort_id, proposed_at, match_id);

-- GET /mentors pages by mentor_id, the primary key.
