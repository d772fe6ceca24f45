-- What an erasure leaves so that an HR tool that keeps sending the person does not enrol them again
-- (person/Suppressions): keyed digests (HMAC-SHA256) of their e-mail addresses and of their employee ids
-- per tool, never the values.
create table erasure_suppressions (
    digest     text primary key,
    erased_at  timestamptz not null
);
