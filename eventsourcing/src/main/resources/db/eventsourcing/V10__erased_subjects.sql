-- The people erased here (privacy/ErasurePolicy), by OIDC subject: an event about one of them that
-- arrives after the request (the request and the event travel on different partitions) has its keys
-- erased as it is applied, so whatever order they come in, nothing stays readable.
create table if not exists erased_subjects (
    subject     text primary key,
    erasure_id  text not null,
    erased_at   timestamptz not null
);
