-- Draft matching rounds. Drafts have no effect until published, so they are rows, not events.
create table matching_rounds (
    round_id      text primary key,
    cohort_id     text        not null,
    created_by    text        not null,
    created_at    timestamptz not null,
    draft         text        not null,
    published_at  timestamptz,
    published_by  text
);
create index matching_rounds_cohort on matching_rounds (cohort_id, created_at);
