-- Projections read the log in (transaction id, position) order, below the oldest running
-- transaction. A transaction takes its id at its first write, so one that wrote to one stream, then
-- read another and appended to it, could append version n+1 with an older id than the transaction
-- that wrote version n and committed meanwhile: readers would then see n+1 before n. This trigger
-- refuses such an append (SQLSTATE 40001); the kernel runs the command again in a new transaction,
-- whose id is newer than every committed one. Within a stream, transaction ids therefore never
-- decrease with the version, and every reader of the log sees each stream in version order.
create function events_keep_stream_order() returns trigger language plpgsql as $$
begin
    if exists (select 1 from events
               where stream_id = new.stream_id and version = new.version - 1 and transaction_id > new.transaction_id) then
        raise exception 'events_stream_order: % version % would follow a version written by a newer transaction',
            new.stream_id, new.version
            using errcode = 'serialization_failure';
    end if;
    return new;
end $$;

-- Version 1 has no predecessor: a stream's creation (most appends) costs no trigger call.
create trigger events_stream_order before insert on events
    for each row when (new.version > 1) execute function events_keep_stream_order();
