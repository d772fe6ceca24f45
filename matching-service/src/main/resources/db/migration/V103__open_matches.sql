-- A proposal is decided on the open matches of its mentor and apprentice, read from the event store
-- (the directory projection lags behind the commands). These find a person's proposals without
-- reading every match stream.
create index events_match_proposed_mentor on events ((payload->>'mentorId')) where type = 'MatchProposed';
create index events_match_proposed_apprentice on events ((payload->>'apprenticeId')) where type = 'MatchProposed';

-- Serialises the commands that decide on, or change, what a person's open matches are checked
-- against: a proposal, a round's publication, a mentor's status or capacity, an apprentice's
-- withdrawal or graduation. Each takes all its locks in one call, in the order of the locks
-- themselves (hash first: two keys that hash alike are one lock), so two callers never wait on each
-- other in a cycle. Transaction-scoped: released at commit or rollback. The class id keeps them apart
-- from other two-key advisory locks (the outbox relay's).
create function lock_people(keys text[]) returns integer language plpgsql as $$
declare
    key text;
    taken integer := 0;
begin
    for key in select k from (select distinct unnest(keys) as k) d order by hashtext(k), k loop
        perform pg_advisory_xact_lock(1885695856, hashtext(key)); -- 1885695856 is "peop" in ASCII
        taken := taken + 1;
    end loop;
    return taken;
end $$;
