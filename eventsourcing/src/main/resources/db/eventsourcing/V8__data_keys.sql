-- Per-person data keys for crypto-shredding (privacy/DatabaseDataKeys): personal fields of stored
-- events are encrypted under the key their event names; erasing a person clears the key (wrapped is
-- null from then on) and keeps the row, so the id is never given a new key.
create table if not exists data_keys (
    key_id      text primary key,
    wrapped     text,
    created_at  timestamptz not null default now(),
    erased_at   timestamptz
);
