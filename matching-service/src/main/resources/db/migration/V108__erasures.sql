-- Erasure requests by person (PersonErasure): one per OIDC subject, so asking again answers with the
-- first request's status. The stream erasure-<erasure_id> holds the request and each service's confirmation.
create table erasures (
    subject       text primary key,
    erasure_id    uuid not null unique,
    requested_at  timestamptz not null
);
