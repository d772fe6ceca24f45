-- Read models of matching-service, fed from its own events by the projector.
create table mentor_directory (
    mentor_id             text primary key,
    subject               text not null,
    sre_experience_years  integer not null,
    skills                text not null,
    timezone              text not null,
    capacity              integer not null,
    manager_id            text,
    status                text not null,
    registered_at         timestamptz not null
);

create table apprentice_directory (
    apprentice_id  text primary key,
    subject        text not null,
    cohort_id      text not null,
    goals          text not null,
    timezone       text not null,
    manager_id     text,
    status         text not null,
    enrolled_at    timestamptz not null,
    matched_at     timestamptz
);
create index apprentice_directory_cohort on apprentice_directory (cohort_id, status);

create table match_records (
    match_id        text primary key,
    mentor_id       text not null,
    apprentice_id   text not null,
    cohort_id       text,
    status          text not null,
    proposed_at     timestamptz not null,
    started_at      timestamptz,
    ended_at        timestamptz,
    end_reason      text,
    declined_by     text
);
create index match_records_mentor on match_records (mentor_id, status);
create index match_records_apprentice on match_records (apprentice_id, status);
