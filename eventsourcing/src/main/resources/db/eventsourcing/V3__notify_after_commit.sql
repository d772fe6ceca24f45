-- Appends no longer notify from inside their transaction. PostgreSQL serialises every notifying
-- transaction of the server on one lock held through its commit, WAL flush included, so durable
-- appends could not share a flush and one slow flush stalled every service. The kernel notifies
-- after the commit instead, from a transaction of its own (CommitNotifier).
drop trigger if exists outbox_notify on outbox;
drop trigger if exists events_notify on events;
drop function if exists notify_outbox();
drop function if exists notify_events();
