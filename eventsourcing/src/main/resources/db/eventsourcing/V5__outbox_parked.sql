-- Outbox rows Kafka refused for good (a topic the cluster will not take, a record over its size
-- limit): moved here with the reason, so the relay goes on with every other stream. Later rows of
-- the same aggregate stay in the outbox, held back behind the parked one to keep each aggregate's
-- order; the relay retries parked rows on its own, and once one goes out its aggregate flows again.
-- The outbox's own columns (without its identity: a parked row keeps the id it had), plus why and
-- how often it was refused.
create table outbox_parked (
    like outbox including defaults,
    primary key (id),
    reason          text        not null,
    attempts        integer     not null default 1,
    parked_at       timestamptz not null default now(),
    last_attempt_at timestamptz not null default now()
);

create index outbox_parked_key on outbox_parked (topic, message_key);
