-- Who read whose record (privacy/AccessLog): every read of a person's record by someone other than
-- that person. Kept for the retention of the access-log class, deleted with the person on erasure.
create table if not exists access_log (
    id        bigint generated always as identity primary key,
    at        timestamptz not null,
    reader    text not null,
    roles     text not null,
    subject   text not null,
    endpoint  text not null
);
create index if not exists access_log_subject on access_log (subject, at desc);
create index if not exists access_log_at on access_log (at);
