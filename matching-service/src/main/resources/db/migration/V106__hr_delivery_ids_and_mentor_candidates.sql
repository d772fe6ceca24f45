-- A stored delivery's own id, by which the admin API names it (a provider's id is unique per source only).
alter table hr_deliveries add column id uuid not null default gen_random_uuid();
create unique index hr_deliveries_id on hr_deliveries (id);

-- People an HR rule puts forward as mentors: the program office confirms each (adding what HR does not
-- know: their account, experience, skills, capacity) or dismisses them. One per HR record; what HR
-- sends about a pending candidate afterwards updates it.
create table hr_mentor_candidates (
    id           uuid primary key,
    source       text not null,
    employee_id  text not null,
    name         text,
    email        text,
    job_title    text,
    department   text,
    manager_id   text,
    timezone     text,
    status       text not null,
    mentor_id    text,
    decided_by   text,
    decided_at   timestamptz,
    proposed_at  timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    unique (source, employee_id)
);
create index hr_mentor_candidates_status on hr_mentor_candidates (status, proposed_at);
