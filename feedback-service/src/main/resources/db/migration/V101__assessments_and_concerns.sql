-- A mentorship ends (MatchEnded may arrive before its MatchStarted: the row then waits for the pair).
alter table mentorships alter column mentor_subject drop not null;
alter table mentorships alter column apprentice_subject drop not null;
alter table mentorships add column ended_at timestamptz;
create index mentorships_apprentice on mentorships (apprentice_subject, started_at);
create index mentorships_mentor on mentorships (mentor_subject);

-- Domain scores an apprentice shared with the mentor of their match; never the answers.
create table shared_assessments (
    assessment_id  text primary key,
    match_id       text not null,
    questionnaire  text not null,
    version        integer not null,
    scores         text not null,
    submitted_at   timestamptz not null,
    shared_at      timestamptz not null
);
create index shared_assessments_match on shared_assessments (match_id);

-- Apprentices' domain scores for the program office's aggregates, by cohort, mentor and month. A
-- person is a key derived from their subject; the aggregates count people, and show a cell only
-- where enough of them contributed.
create table assessment_scores (
    assessment_id  text not null,
    person_key     text not null,
    cohort_id      text,
    mentor_id      text,
    period         text not null,
    questionnaire  text not null,
    domain         text not null,
    score          numeric(4, 2) not null,
    submitted_at   timestamptz not null,
    primary key (assessment_id, domain)
);
create index assessment_scores_cohort on assessment_scores (cohort_id, questionnaire, period);

-- Concerns as the program office lists them: no answers, no scores.
create table concerns (
    concern_id       text primary key,
    match_id         text not null,
    cohort_id        text,
    source           text not null,
    side             text not null,
    severity         text not null,
    domains          text not null,
    status           text not null,
    raised_at        timestamptz not null,
    acknowledged_at  timestamptz,
    resolved_at      timestamptz
);
create index concerns_status on concerns (status, raised_at);
