-- The read models of the apprentice's journey, all written by the apprentice-progress projection from
-- this service's log. It replays from the start to fill them: its tables are emptied and its
-- checkpoint moved back here.

-- Every match of an apprentice's known here, with its check-in schedule: the overdue job reads
-- next_due_at, the start of the period after the last one reported (cadence counted from the day of
-- the last check-in, or from the match's start).
create table progress_matches (
    match_id           text primary key,
    apprentice_id      text not null,
    mentor_id          text not null,
    mentor_subject     text,
    started_at         timestamptz not null,
    ended_at           timestamptz,
    cadence_days       integer not null default 7,
    last_check_in_on   date,
    check_ins          integer not null default 0,
    overdue_in_a_row   integer not null default 0,
    next_due_at        timestamptz not null
);
create index progress_matches_apprentice on progress_matches (apprentice_id, started_at);
create index progress_matches_due on progress_matches (next_due_at) where ended_at is null;

alter table apprentice_progress add column curriculum_version integer;
alter table apprentice_progress add column last_progress_at timestamptz;
alter table apprentice_progress add column shadow_shifts integer not null default 0;
alter table apprentice_progress add column interview_loop text;
alter table apprentice_progress add column graduated_at timestamptz;
create index apprentice_progress_cohort on apprentice_progress (cohort_id);

-- Each published catalogue version's milestones: the totals per mode.
create table curriculum_milestones (
    version       integer not null,
    milestone_id  text not null,
    mode          text not null,
    required      boolean not null,
    primary key (version, milestone_id)
);

-- Each milestone an apprentice has touched, and the remediation milestones a failed loop gave them
-- (mode and required are set for those; a curriculum milestone's come from curriculum_milestones).
create table milestone_states (
    apprentice_id  text not null,
    milestone_id   text not null,
    status         text not null,
    remediation    boolean not null default false,
    mode           text,
    required       boolean,
    updated_at     timestamptz not null,
    primary key (apprentice_id, milestone_id)
);

-- Everything that happened to an apprentice, without notes, evidence or comments.
create table timeline_entries (
    apprentice_id  text not null,
    position       bigint not null,
    at             timestamptz not null,
    type           text not null,
    summary        text not null,
    primary key (apprentice_id, position)
);

delete from apprentice_progress;
delete from ended_matches;
update projection_checkpoints set transaction_id = 0, position = 0, updated_at = now() where name = 'apprentice-progress';
