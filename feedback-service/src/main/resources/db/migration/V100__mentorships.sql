create table mentorships (
    match_id            text primary key,
    mentor_id           text not null,
    apprentice_id       text not null,
    mentor_subject      text not null,
    apprentice_subject  text not null,
    cohort_id           text,
    started_at          timestamptz
);
