create table apprentice_progress (
    apprentice_id       text primary key,
    apprentice_subject  text,
    cohort_id           text,
    match_id            text,
    mentor_id           text,
    mentor_subject      text,
    enrolled_at         timestamptz,
    matched_at          timestamptz,
    updated_at          timestamptz
);

create index apprentice_progress_mentor on apprentice_progress (mentor_subject);
