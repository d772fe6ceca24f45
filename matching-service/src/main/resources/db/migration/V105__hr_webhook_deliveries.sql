-- HR tools' webhook deliveries, stored as received once their signature is verified: the audit of
-- who entered and left the program, and what is processed from (asynchronously, with retries). A
-- delivery is known by its source and id (the provider's, or a digest of what it sent where it
-- sends none); the same id with another body is refused.
create table hr_deliveries (
    source           text not null,
    delivery_id      text not null,
    body_digest      text not null,
    headers          text not null,
    body             text not null,
    status           text not null,
    attempts         integer not null default 0,
    last_error       text,
    outcome          text,
    received_at      timestamptz not null default now(),
    next_attempt_at  timestamptz not null default now(),
    processed_at     timestamptz,
    primary key (source, delivery_id)
);
-- What the processor claims from: waiting, due for a retry, or claimed by an instance whose claim may lapse.
create index hr_deliveries_pending on hr_deliveries (next_attempt_at) where status in ('RECEIVED', 'RETRYING', 'PROCESSING');
create index hr_deliveries_received on hr_deliveries (source, status, received_at);

-- Deliveries refused at the door (signature, timestamp, body): kept for audit, never processed.
create table hr_rejected_deliveries (
    id           bigint generated always as identity primary key,
    source       text not null,
    reason       text not null,
    headers      text not null,
    body_digest  text not null,
    received_at  timestamptz not null default now()
);

-- People as HR tools know them: linked by (source, employee id), never by name.
create table hr_people (
    source       text not null,
    employee_id  text not null,
    kind         text not null,
    person_id    text not null,
    linked_at    timestamptz not null default now(),
    primary key (source, employee_id)
);
