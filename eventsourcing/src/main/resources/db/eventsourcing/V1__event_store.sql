-- The event store, outbox, inbox and projection checkpoints shared by every service.
-- Each service runs these in its own database; no service reads another's.

create table events (
    position        bigint generated always as identity primary key,
    -- The writing transaction. Projections read in (transaction_id, position) order and only below
    -- the oldest running transaction, so an event that commits late is never skipped.
    transaction_id  xid8        not null default pg_current_xact_id(),
    stream_id       text        not null,
    version         integer     not null check (version > 0),
    event_id        uuid        not null unique,
    type            text        not null,
    schema_version  integer     not null default 1,
    payload         jsonb       not null,
    metadata        jsonb       not null default '{}'::jsonb,
    recorded_at     timestamptz not null default now(),
    constraint events_stream_version_unique unique (stream_id, version)
);

create index events_transaction_order on events (transaction_id, position);
create index events_recorded_at on events (stream_id, recorded_at);

create table outbox (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null,
    topic        text        not null,
    message_key  text        not null,
    ce_type      text        not null,
    ce_source    text        not null,
    ce_subject   text        not null,
    ce_time      timestamptz not null,
    payload      text        not null,
    correlation_id text,
    created_at   timestamptz not null default now()
);

-- Consumed events: the id makes redelivery harmless; topic, partition and offset say where it came from.
create table inbox (
    event_id     uuid primary key,
    ce_type      text        not null,
    ce_source    text        not null,
    topic        text        not null,
    kafka_partition integer  not null,
    kafka_offset bigint      not null,
    received_at  timestamptz not null default now()
);

create table projection_checkpoints (
    name            text primary key,
    transaction_id  bigint      not null default 0,
    position        bigint      not null default 0,
    updated_at      timestamptz not null default now()
);

-- Wake the relay and the projectors at commit instead of making them poll. One notification per
-- statement; PostgreSQL folds duplicates within a transaction.
create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end $$;

create trigger outbox_notify after insert on outbox for each statement execute function notify_outbox();

create function notify_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('events', '');
    return null;
end $$;

create trigger events_notify after insert on events for each statement execute function notify_events();
