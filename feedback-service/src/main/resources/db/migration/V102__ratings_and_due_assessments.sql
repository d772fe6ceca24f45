-- Check-ins progress-service completed (CheckInCompleted): who may rate each.
create table check_ins (
    check_in_id    text primary key,
    match_id       text not null,
    apprentice_id  text not null,
    mentor_id      text not null,
    date           date not null,
    completed_at   timestamptz not null
);

-- Ratings for the program office's aggregates, by cohort, mentor and month; notes are in none of them.
create table checkin_ratings (
    check_in_id  text not null,
    side         text not null,
    person       text not null,
    cohort_id    text,
    mentor_id    text not null,
    period       text not null,
    usefulness   integer not null,
    mood         text not null,
    given_at     timestamptz not null,
    primary key (check_in_id, side)
);
create index checkin_ratings_cohort on checkin_ratings (cohort_id, period);

create table mentor_ratings (
    feedback_id    text not null,
    quality        text not null,
    apprentice_id  text not null,
    cohort_id      text,
    mentor_id      text not null,
    period         text not null,
    quarter        text not null,
    rating         integer not null,
    given_at       timestamptz not null,
    primary key (feedback_id, quality)
);
create index mentor_ratings_cohort on mentor_ratings (cohort_id, period);
create index mentor_ratings_mentor on mentor_ratings (mentor_id, quarter);

-- When each running mentorship's next safety self-assessment falls due (the due job reads it).
alter table mentorships add column assessments_due integer not null default 0;
alter table mentorships add column next_assessment_due timestamptz;
create index mentorships_next_assessment_due on mentorships (next_assessment_due) where ended_at is null;
